"""Where stacdesk keeps its files.

Everything lives under the platform's user folders (platformdirs) unless ``STACDESK_HOME`` is set,
in which case every path goes below it: tests, portable installs and the frozen smoke test use that
to run fully isolated from the user's real settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "stacdesk"


@dataclass(frozen=True)
class Paths:
    """The folders stacdesk writes to; created on first use by the code that writes there."""

    config: Path
    data: Path
    cache: Path
    downloads: Path

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.ini"

    @property
    def connections_file(self) -> Path:
        return self.config / "connections.json"


def app_paths() -> Paths:
    """Resolve the paths now, so a test that sets ``STACDESK_HOME`` sees its own folders."""
    home = os.environ.get("STACDESK_HOME")
    if home:
        root = Path(home)
        return Paths(
            config=root / "config",
            data=root / "data",
            cache=root / "cache",
            downloads=root / "downloads",
        )
    return Paths(
        config=Path(platformdirs.user_config_dir(APP_NAME)),
        data=Path(platformdirs.user_data_dir(APP_NAME)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME)),
        downloads=Path(platformdirs.user_downloads_dir()) / APP_NAME,
    )
