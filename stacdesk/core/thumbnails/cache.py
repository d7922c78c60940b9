"""A bounded disk cache for thumbnails, keyed by URL, evicting the least recently used.

Why: an analyst scrolls back and forth and reopens the same searches; a thumbnail seen once must
show again without a request, also after a restart, but the cache must never grow without bound.
Recency lives in each file's modification time (touched on every hit), so it survives restarts
without an index file that could get out of step with the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path

SUFFIX = ".thumb"


def cache_key(url: str) -> str:
    """The file name of a URL's entry: a hash, so any URL is a safe, fixed-length name."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


class ThumbnailDiskCache:
    """Encoded thumbnails in one folder; total size kept at or below ``limit_bytes``.

    Safe to use from several worker threads. A damaged or vanished file is a miss, never an error.
    """

    def __init__(self, folder: Path, limit_bytes: int) -> None:
        self.folder = folder
        self.limit_bytes = max(0, int(limit_bytes))
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, int] | None = None  # key -> size, oldest first
        self._size = 0
        self.evictions = 0

    def _index(self) -> OrderedDict[str, int]:
        """Scan the folder once (lazily: the first lookup runs in a worker, not at start-up)."""
        if self._entries is None:
            found: list[tuple[float, str, int]] = []
            with contextlib.suppress(OSError):
                for entry in os.scandir(self.folder):
                    if entry.name.endswith(SUFFIX) and entry.is_file():
                        with contextlib.suppress(OSError):
                            stat = entry.stat()
                            found.append((stat.st_mtime, entry.name[: -len(SUFFIX)], stat.st_size))
            found.sort()
            self._entries = OrderedDict((key, size) for _, key, size in found)
            self._size = sum(size for _, _, size in found)
            self._evict()
        return self._entries

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    @property
    def size_bytes(self) -> int:
        with self._lock:
            self._index()
            return self._size

    def __len__(self) -> int:
        with self._lock:
            return len(self._index())

    def __contains__(self, url: str) -> bool:
        with self._lock:
            return cache_key(url) in self._index()

    def get(self, url: str) -> bytes | None:
        """The stored bytes of ``url`` (and mark it recently used), or None."""
        key = cache_key(url)
        with self._lock:
            entries = self._index()
            if key not in entries:
                return None
            path = self._path(key)
            try:
                data = path.read_bytes()
                os.utime(path)
            except OSError:
                self._drop(key)
                return None
            entries.move_to_end(key)
            return data

    def put(self, url: str, data: bytes) -> None:
        """Store ``data`` for ``url`` (replacing any older entry), then evict down to the limit.

        An entry larger than the whole limit is not stored. Write errors (disk full, read-only
        folder) only mean the thumbnail is not cached.
        """
        if len(data) > self.limit_bytes:
            return
        key = cache_key(url)
        with self._lock:
            entries = self._index()
            path = self._path(key)
            tmp = path.with_name(f"{path.name}.{threading.get_ident()}.tmp")
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                tmp.write_bytes(data)
                os.replace(tmp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                return
            self._size -= entries.pop(key, 0)
            entries[key] = len(data)
            self._size += len(data)
            self._evict()

    def set_limit(self, limit_bytes: int) -> None:
        """A new size limit (Settings); a smaller one evicts the oldest entries now (blocking:
        call it from a worker)."""
        with self._lock:
            self.limit_bytes = max(0, int(limit_bytes))
            self._index()
            self._evict()

    def clear(self) -> None:
        with self._lock:
            for key in list(self._index()):
                self._drop(key)

    def _drop(self, key: str) -> None:
        assert self._entries is not None
        self._size -= self._entries.pop(key, 0)
        with contextlib.suppress(OSError):
            self._path(key).unlink()

    def _evict(self) -> None:
        assert self._entries is not None
        while self._size > self.limit_bytes and self._entries:
            oldest = next(iter(self._entries))
            self._drop(oldest)
            self.evictions += 1
