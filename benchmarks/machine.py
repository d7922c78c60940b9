"""What the figures were measured on, for the results file."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

PACKAGES = (
    "stacdesk",
    "pyside6-essentials",
    "pyqtgraph",
    "pystac-client",
    "httpx",
    "pycurl",
    "numpy",
    "rustac",
)


def stamp() -> str:
    """Date and machine in a few words, for a figure that may be merged with older ones."""
    return f"{datetime.now(UTC):%Y-%m-%d}, {platform.machine()} × {os.cpu_count()}"


def describe() -> list[str]:
    import psutil

    lines = [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, {platform.platform()}",
        f"- python: {platform.python_version()}",
    ]
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    lines.append("- versions: " + ", ".join(versions))
    return lines
