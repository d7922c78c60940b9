"""Saved catalogs: the presets every analyst needs, the user's own, and how to open each.

Only names, URLs and kinds live here; secrets never do (they belong in the OS keyring).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from stacdesk.core.catalog import Catalog

SAMPLE_CONNECTION_NAME = "Sample catalog (offline)"


@dataclass(frozen=True)
class Connection:
    """A catalog the user can pick: ``kind`` is ``api`` (STAC API URL) or ``local`` (a folder)."""

    name: str
    url: str
    kind: str = "api"


PRESETS: tuple[Connection, ...] = (
    Connection("CESNET", "https://stac.vm.cesnet.cz/"),
    Connection("Earth Search (Element 84)", "https://earth-search.aws.element84.com/v1"),
    Connection(
        "Microsoft Planetary Computer", "https://planetarycomputer.microsoft.com/api/stac/v1"
    ),
    Connection("Copernicus Data Space", "https://stac.dataspace.copernicus.eu/v1/"),
)
DEFAULT_CONNECTION = PRESETS[0]


def sample_connection(folder: Path) -> Connection:
    return Connection(SAMPLE_CONNECTION_NAME, str(folder), "local")


def open_catalog(connection: Connection) -> Catalog:
    """Open a connection's catalog; blocks on the network or disk, so call it in a worker."""
    if connection.kind == "local":
        from stacdesk.core.local_catalog import LocalCatalog

        return LocalCatalog.from_folder(Path(connection.url), connection.name)
    from stacdesk.core.api_catalog import ApiCatalog

    return ApiCatalog.open(connection.url)


class ConnectionBook:
    """The presets plus the user's own connections, saved as JSON (names and URLs only)."""

    def __init__(self, path: Path, sample_folder: Path | None = None) -> None:
        self.path = path
        self.sample = sample_connection(sample_folder) if sample_folder else None
        self.custom: list[Connection] = self._load()

    def _load(self) -> list[Connection]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [
                Connection(str(c["name"]), str(c["url"]), str(c.get("kind", "api")))
                for c in data.get("connections", [])
            ]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._keep_broken_copy()
            return []

    def _keep_broken_copy(self) -> None:
        """A damaged file is set aside (not lost), and the app starts with the presets."""
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_suffix(".json.broken"))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"connections": [asdict(c) for c in self.custom]}, indent=2),
            encoding="utf-8",
        )
        os.replace(tmp, self.path)

    def all(self) -> list[Connection]:
        sample = [self.sample] if self.sample else []
        return [*PRESETS, *self.custom, *sample]

    def find(self, name: str) -> Connection | None:
        return next((c for c in self.all() if c.name == name), None)

    def add_url(self, url: str) -> Connection:
        """A custom STAC API URL becomes a saved connection named after its host."""
        url = url.strip()
        existing = next((c for c in self.all() if c.url.rstrip("/") == url.rstrip("/")), None)
        if existing:
            return existing
        from urllib.parse import urlsplit

        name = urlsplit(url).netloc or url
        connection = Connection(name, url)
        self.custom.append(connection)
        self.save()
        return connection
