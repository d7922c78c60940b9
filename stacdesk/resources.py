"""One lookup for bundled files, the same in a frozen build, an installed package and a checkout.

A frozen (PyInstaller) build unpacks data next to the executable (``sys._MEIPASS``); an installed
wheel carries ``stacdesk/_resources``; a source checkout has ``resources/`` at the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_root() -> Path:
    """The folder holding ``basemap/``, ``sample-catalog/``, ``icons/``…"""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates += [_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "stacdesk's bundled resources are missing; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    """Path of a bundled file, e.g. ``resource_path("sample-catalog", "items.ndjson.gz")``."""
    return resources_root().joinpath(*parts)
