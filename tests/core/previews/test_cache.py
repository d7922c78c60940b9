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
from tests.core.previews.tiffs import Tiff, make_tiff
from tests.servers.flaky_files import FlakyFileServer


def test_a_cached_view_comes_back_equal(
    lonlat: Tiff, files: FlakyFileServer, tmp_path: Path
) -> None:
    url = files.put("/cached.tif", lonlat.data)
    recipe = Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")
    view = (10.1, 49.7, 10.3, 49.9)
    preview = Reader().read_view(recipe, view, 300, 300)
    cache = PreviewCache(tmp_path / "previews", limit_mb=50)
    versions = {url: '"abc"|Mon, 01 Jan 2024 00:00:00 GMT|123'}
    key = view_key(recipe, view, 300, 300, versions)
    cache.put(key, preview)
    again = PreviewCache(tmp_path / "previews", limit_mb=50).get(key)  # a restart
    assert again is not None
    assert np.array_equal(again.rgba, preview.rgba)
    assert np.array_equal(again.values, preview.values, equal_nan=True)
    assert again.bounds == preview.bounds and again.names == preview.names
    assert cache.get(view_key(recipe, view, 301, 300, versions)) is None
    assert cache.get(view_key(recipe, view, 300, 300, {url: '"abd"|…|123'})) is None


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
    after = files.gets("/service.tif")[hits:]  # only the probe: is it still the same file?
    assert [hit.range for hit in after] == ["bytes=0-3"]
    assert np.array_equal(second.rgba, first.rgba)


def test_a_file_changed_on_the_server_is_read_again(
    lonlat: Tiff, files: FlakyFileServer, tmp_path: Path
) -> None:
    """The same href with other content behind it (a new ETag) is not answered from the disk
    cache. The href redirects to where the content is, as a CDN or a signing service does
    (and GDAL, which keeps what it read of a URL for the session, sees a new URL)."""
    from stacdesk.core.previews.service import PreviewService
    from tests.servers.flaky_files import Fault

    href = files.put("/changing.tif", b"")
    recipe = Recipe("one", (Channel(href, 1, "v"),), colormap="viridis")
    view = (10.1, 49.7, 10.3, 49.9)
    files.fault("/changing.tif", Fault("redirect", location=files.put("/v1.tif", lonlat.data)))
    service = PreviewService(cache=PreviewCache(tmp_path / "previews"))
    first = service.request(recipe, view, 300, 300).result(timeout=60)
    service.close()
    flipped = lonlat.array[:, ::-1].copy()
    changed = make_tiff(flipped, lonlat.crs, lonlat.transform).data
    files.fault("/changing.tif", Fault("redirect", location=files.put("/v2.tif", changed)))
    again = PreviewService(cache=PreviewCache(tmp_path / "previews"))  # after a restart
    second = again.request(recipe, view, 300, 300).result(timeout=60)
    again.close()
    assert not np.array_equal(second.values, first.values, equal_nan=True)
    lon, lat = lonlat.lonlat_of(150, 150)
    point = second.value_at(lon, lat)
    assert point is not None and point.values == (float(flipped[0, 150, 150]),)


def test_a_local_file_changed_on_disk_is_read_again(lonlat: Tiff, tmp_path: Path) -> None:
    """Same path, new modification time and size: a new preview, within one session too."""
    from stacdesk.core.previews.access import Access
    from stacdesk.core.previews.service import PreviewService

    folder = tmp_path / "catalog"
    folder.mkdir()
    path = folder / "scene.tif"
    path.write_bytes(lonlat.data)
    recipe = Recipe("one", (Channel(str(path), 1, "v"),), colormap="viridis")
    view = (10.1, 49.7, 10.3, 49.9)
    service = PreviewService(Access(local_root=folder), PreviewCache(tmp_path / "previews"))
    first = service.request(recipe, view, 300, 300).result(timeout=60)
    halved = lonlat.array // 2
    path.write_bytes(make_tiff(halved, lonlat.crs, lonlat.transform).data)
    second = service.request(recipe, view, 300, 300).result(timeout=60)
    service.close()
    lon, lat = lonlat.lonlat_of(150, 150)
    point = second.value_at(lon, lat)
    assert point is not None and point.values == (float(halved[0, 150, 150]),)
    assert not np.array_equal(second.values, first.values, equal_nan=True)


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
