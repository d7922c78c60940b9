"""Decoded previews on disk: the same view again costs no request, a damaged entry is a miss,
and the folder stays within its limit."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from stacdesk.core.previews.bands import Channel, Recipe
from stacdesk.core.previews.cache import PreviewCache, view_key
from stacdesk.core.previews.reader import PreviewCancelled, Reader
from tests.core.previews.tiffs import Tiff
from tests.servers.flaky_files import FlakyFileServer


def test_a_cached_view_comes_back_equal(
    lonlat: Tiff, files: FlakyFileServer, tmp_path: Path
) -> None:
    url = files.put("/cached.tif", lonlat.data)
    recipe = Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")
    view = (10.1, 49.7, 10.3, 49.9)
    preview = Reader().read_view(recipe, view, 300, 300)
    cache = PreviewCache(tmp_path / "previews", limit_mb=50)
    key = view_key(recipe, view, 300, 300)
    cache.put(key, preview)
    again = PreviewCache(tmp_path / "previews", limit_mb=50).get(key)  # a restart
    assert again is not None
    assert np.array_equal(again.rgba, preview.rgba)
    assert np.array_equal(again.values, preview.values, equal_nan=True)
    assert again.bounds == preview.bounds and again.names == preview.names
    assert cache.get(view_key(recipe, view, 301, 300)) is None


def test_damaged_entries_are_misses_and_the_limit_holds(tmp_path: Path) -> None:
    from stacdesk.core.previews.preview import Preview

    rng = np.random.default_rng(0)
    cache = PreviewCache(tmp_path, limit_mb=1)
    for index in range(6):  # ~300 kB each, incompressible
        rgba = rng.integers(0, 255, (200, 200, 4), dtype=np.uint8)
        values = rng.random((2, 200, 200)).astype(np.float32)
        cache.put(f"k{index}", Preview(rgba, values, (0, 0, 1, 1), ("a", "b"), "x"))
    assert cache.disk.size_bytes <= 2**20
    assert cache.get("k5") is not None and cache.get("k0") is None
    cache.disk.put("broken", b"not an npz")
    assert cache.get("broken") is None


def test_a_cancelled_read_stops(lonlat: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/cancel.tif", lonlat.data)
    recipe = Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")
    with pytest.raises(PreviewCancelled):
        Reader().read_view(recipe, (10.1, 49.7, 10.3, 49.9), 300, 300, cancelled=lambda: True)
    assert files.gets("/cancel.tif") == []


def test_the_service_answers_a_view_seen_before_from_disk(
    lonlat: Tiff, files: FlakyFileServer, tmp_path: Path
) -> None:
    from stacdesk.core.previews.service import PreviewService

    url = files.put("/service.tif", lonlat.data)
    recipe = Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")
    view = (10.1, 49.7, 10.3, 49.9)
    service = PreviewService(cache=PreviewCache(tmp_path / "previews"))
    first = service.request(recipe, view, 300, 300).result(timeout=60)
    hits = len(files.gets("/service.tif"))
    service.close()
    again = PreviewService(cache=PreviewCache(tmp_path / "previews"))  # after a restart
    second = again.request(recipe, view, 300, 300).result(timeout=60)
    again.close()
    assert len(files.gets("/service.tif")) == hits  # no request at all
    assert np.array_equal(second.rgba, first.rgba)


def test_a_new_request_cancels_the_one_before(
    lonlat: Tiff, files: FlakyFileServer, tmp_path: Path
) -> None:
    from stacdesk.core.previews.service import PreviewService
    from tests.servers.flaky_files import Fault

    url = files.put("/moving.tif", lonlat.data)
    stall = Fault("stall")
    files.fault("/moving.tif", stall)  # the first read waits until released
    recipe = Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")
    service = PreviewService(cache=PreviewCache(tmp_path))
    older = service.request(recipe, (10.1, 49.7, 10.3, 49.9), 300, 300)
    arrived = threading.Event()  # the older read is at the server, held there
    while not files.gets("/moving.tif"):
        arrived.wait(0.01)
    newer = service.request(recipe, (10.2, 49.7, 10.4, 49.9), 300, 300)
    stall.release.set()
    with pytest.raises(PreviewCancelled):
        older.result(timeout=60)
    assert newer.result(timeout=60).rgba.size
    service.close()
