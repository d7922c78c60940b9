"""The values the thumbnail service hands out and takes: a ``Thumbnail`` (pixels or why there
are none) and the ``ThumbnailSettings`` the user tunes.

Why apart from the service: the list, the map and the Settings dialog hold these values without
needing httpx, the caches or the decoder the service brings along.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from stacdesk.core.thumbnails.decode import DEFAULT_MAX_PIXELS


@dataclass(frozen=True)
class Thumbnail:
    """A decoded thumbnail (``rgba`` is ``width * height * 4`` bytes) or why there is none."""

    url: str
    width: int = 0
    height: int = 0
    rgba: bytes = b""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def nbytes(self) -> int:
        return len(self.rgba) + len(self.url) + 64


@dataclass(frozen=True)
class ThumbnailSettings:
    """What the user can tune (Settings): concurrency, pixel size and cache sizes."""

    max_concurrent: int = 6
    max_side: int = 128  # the list draws 48 px, 96 on a high-DPI screen
    disk_limit_mb: float = 200.0
    memory_limit_mb: float = 64.0
    timeout_s: float = 20.0
    max_download_mb: float = 25.0
    max_pixels: int = DEFAULT_MAX_PIXELS

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> ThumbnailSettings:
        """Settings from stored values (strings from an ini file); bad values keep the default."""
        defaults = cls()
        chosen: dict[str, Any] = {}
        for f in fields(cls):
            raw = values.get(f.name)
            if raw is None:
                continue
            kind = type(getattr(defaults, f.name))
            try:
                value = kind(float(raw)) if kind is int else kind(raw)
            except (TypeError, ValueError):
                continue
            if value > 0:
                chosen[f.name] = value
        return cls(**chosen)
