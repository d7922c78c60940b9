"""Decoded previews on disk within a size limit: the same view of the same item shows again
without a request, also after a restart. The bytes are the thumbnails' bounded LRU folder
(``ThumbnailDiskCache``) under the app's cache folder (``STACDESK_HOME`` or platformdirs)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from stacdesk.core.previews.bands import Recipe
from stacdesk.core.previews.preview import Bbox, Preview
from stacdesk.core.thumbnails.cache import ThumbnailDiskCache

DEFAULT_LIMIT_MB = 300.0


def view_key(
    recipe: Recipe, view: Bbox, width: int, height: int, versions: Mapping[str, str]
) -> str:
    """One entry per recipe, view (to a millionth of a degree), screen size and version of each
    file (``Source.version``: a file changed on disk or on the server is read again)."""
    parts = {
        "channels": [[c.href, c.band, versions.get(c.href, "")] for c in recipe.channels],
        "decibels": recipe.decibels,
        "colormap": recipe.colormap,
        "view": [round(v, 6) for v in view],
        "size": [width, height],
    }
    return "preview:" + json.dumps(parts, sort_keys=True)


class PreviewCache:
    """``get`` / ``put`` previews by ``view_key``; a damaged entry is a miss."""

    def __init__(self, folder: Path | None = None, limit_mb: float = DEFAULT_LIMIT_MB) -> None:
        if folder is None:
            from stacdesk.config import app_paths

            folder = app_paths().cache / "previews"
        self.disk = ThumbnailDiskCache(folder, int(limit_mb * 2**20))

    def get(self, key: str) -> Preview | None:
        data = self.disk.get(key)
        if data is None:
            return None
        try:
            return Preview.from_bytes(data)
        except (ValueError, KeyError, OSError, EOFError):
            return None

    def put(self, key: str, preview: Preview) -> None:
        self.disk.put(key, preview.to_bytes())
