"""The disk cache keeps the most recently used thumbnails within its size limit, across restarts."""

from __future__ import annotations

import os
from pathlib import Path

from stacdesk.core.thumbnails.cache import ThumbnailDiskCache


def test_least_recently_used_entries_are_evicted_at_the_limit(tmp_path: Path) -> None:
    cache = ThumbnailDiskCache(tmp_path, limit_bytes=300)
    for name in "abc":
        cache.put(f"https://h/{name}.png", name.encode() * 100)
    assert cache.size_bytes == 300 and len(cache) == 3
    assert cache.get("https://h/a.png") == b"a" * 100  # a is now the most recent
    cache.put("https://h/d.png", b"d" * 100)
    assert "https://h/b.png" not in cache  # b was the least recently used
    assert all(f"https://h/{n}.png" in cache for n in "acd")
    assert cache.size_bytes == 300 and cache.evictions == 1
    assert len(list(tmp_path.iterdir())) == 3  # the evicted file is gone from disk


def test_recency_survives_a_restart_and_a_smaller_limit_trims(tmp_path: Path) -> None:
    cache = ThumbnailDiskCache(tmp_path, limit_bytes=10_000)
    for i, name in enumerate("abcd"):
        cache.put(f"u:{name}", b"x" * 100)
        os.utime(
            next(
                p
                for p in tmp_path.iterdir()
                if p.stat().st_size == 100
                and p.stat().st_mtime_ns > 0
                and p.name.startswith(_key(f"u:{name}"))
            ),
            (1000 + i, 1000 + i),
        )
    cache.get("u:a")  # touched now: the newest
    reopened = ThumbnailDiskCache(tmp_path, limit_bytes=200)
    assert len(reopened) == 2
    assert "u:a" in reopened and "u:d" in reopened


def test_a_new_smaller_limit_trims_the_oldest_at_once(tmp_path: Path) -> None:
    cache = ThumbnailDiskCache(tmp_path, limit_bytes=1000)
    for name in "abcd":
        cache.put(f"u:{name}", b"x" * 100)
    cache.get("u:a")  # the most recent now
    cache.set_limit(200)
    assert (cache.size_bytes, cache.limit_bytes) == (200, 200)
    assert "u:a" in cache and "u:d" in cache
    assert len(list(tmp_path.iterdir())) == 2
    cache.set_limit(1000)  # growing keeps everything
    cache.put("u:e", b"x" * 100)
    assert len(cache) == 3


def test_oversized_entries_are_not_stored_and_damage_is_a_miss(tmp_path: Path) -> None:
    cache = ThumbnailDiskCache(tmp_path, limit_bytes=50)
    cache.put("big", b"x" * 51)
    assert "big" not in cache and cache.size_bytes == 0
    cache.put("small", b"y" * 10)
    for p in tmp_path.iterdir():
        p.unlink()  # someone cleaned the cache folder behind our back
    assert cache.get("small") is None
    assert cache.size_bytes == 0
    unwritable = ThumbnailDiskCache(tmp_path / "file-not-folder", limit_bytes=100)
    (tmp_path / "file-not-folder").write_bytes(b"")
    unwritable.put("k", b"z")  # cannot write: just not cached
    assert unwritable.get("k") is None


def _key(url: str) -> str:
    from stacdesk.core.thumbnails.cache import cache_key

    return cache_key(url)
