"""Several items in one preview: each where it has data, the first on top, and an item that
cannot be read named while the others are drawn."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine

from stacdesk.core.previews.bands import Channel, Recipe
from stacdesk.core.previews.errors import OutsideView, PreviewError
from stacdesk.core.previews.mosaic import read_mosaic
from stacdesk.core.previews.reader import Reader
from tests.core.previews.tiffs import make_tiff, pattern
from tests.servers.flaky_files import FlakyFileServer


def one(url: str) -> Recipe:
    return Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")


def test_two_tiles_side_by_side_and_a_bad_one(files: FlakyFileServer) -> None:
    west = make_tiff(pattern(1, 512, seed=21), "EPSG:4326", Affine(0.001, 0, 10, 0, -0.001, 50))
    east = make_tiff(pattern(1, 512, seed=22), "EPSG:4326", Affine(0.001, 0, 10.5, 0, -0.001, 50))
    # south of both, overlapping their southern edge, under them (listed after them)
    under = make_tiff(
        pattern(1, 512, seed=23), "EPSG:4326", Affine(0.001, 0, 10.25, 0, -0.001, 49.6)
    )
    striped = make_tiff(pattern(1, 1024, seed=24), "EPSG:4326",
                        Affine(0.001, 0, 11, 0, -0.001, 50), cog=False)  # fmt: skip
    reader = Reader()
    items = [
        ("west", one(files.put("/west.tif", west.data)), reader),
        ("east", one(files.put("/east.tif", east.data)), reader),
        ("under", one(files.put("/under.tif", under.data)), reader),
        ("striped", one(files.put("/striped.tif", striped.data)), reader),
    ]
    view = (9.99, 49.05, 11.01, 50.01)
    mosaic = read_mosaic(items, view, 2040, 1920)  # ~0.0005° pixels
    preview, problems = mosaic.preview, mosaic.problems
    assert problems == ["striped: not cloud-optimised (strips): a preview would read 2.1 MB"]
    assert preview.label == "3 of 4 items"
    for tiff, row, column in ((west, 100, 400), (east, 300, 20), (under, 400, 100)):
        lon, lat = tiff.lonlat_of(row, column)
        point = preview.value_at(lon, lat)
        assert point is not None and point.values == (float(tiff.array[0, row, column]),)
    # where west and under overlap, west (listed first) is on top
    lon, lat = west.lonlat_of(450, 300)
    point = preview.value_at(lon, lat)
    assert point is not None and point.values == (float(west.array[0, 450, 300]),)


def test_an_item_off_the_view_is_left_out_without_a_message(files: FlakyFileServer) -> None:
    """Panning a mosaic leaves items off the map: not a fault to report (a message per item
    would grow the map's message line at every pan step)."""
    near = make_tiff(pattern(1, 256, seed=31), "EPSG:4326", Affine(0.002, 0, 10, 0, -0.002, 50))
    far = make_tiff(pattern(1, 256, seed=32), "EPSG:4326", Affine(0.002, 0, 20, 0, -0.002, 50))
    reader = Reader()
    items = [
        ("near", one(files.put("/near.tif", near.data)), reader),
        ("far", one(files.put("/far.tif", far.data)), reader),
    ]
    for _ in range(2):  # the second time the far file's footprint is known: it is not opened
        mosaic = read_mosaic(items, (10.0, 49.5, 10.5, 50.0), 250, 250)
        preview, problems = mosaic.preview, mosaic.problems
        assert problems == [] and preview.label == "1 of 2 items"
    with pytest.raises(OutsideView):
        read_mosaic(items[1:], (10.0, 49.5, 10.5, 50.0), 250, 250)


def test_nothing_readable_is_one_message(files: FlakyFileServer) -> None:
    with pytest.raises(PreviewError, match=r"^gone: the file is not there"):
        gone = [("gone", one(files.url + "/gone.tif"), Reader())]
        read_mosaic(gone, (0, 0, 1, 1), 100, 100)


def test_newest_or_least_cloudy_on_top() -> None:
    from stacdesk.core.previews.stacking import on_top_first

    def scene(when: object, cloud: object) -> dict:
        return {"properties": {"datetime": when, "eo:cloud_cover": cloud}}

    items = [
        scene("2024-05-01T10:00:00Z", 40),  # the current result
        scene("2024-06-01T10:00:00Z", None),  # newest, no cloud cover
        scene("not a time", 5),  # least cloudy, no readable time
        scene("2024-05-20T10:00:00Z", 40),
    ]
    assert on_top_first(items, "selection") == [0, 1, 2, 3]
    assert on_top_first(items, "newest") == [1, 3, 0, 2]
    assert on_top_first(items, "least cloudy") == [2, 0, 3, 1]  # ties keep the selection's order
    assert on_top_first([{"properties": "bad"}, {}], "newest") == [0, 1]


def test_a_mosaic_clipped_to_the_search_area(files: FlakyFileServer) -> None:
    from shapely.geometry import box

    tiff = make_tiff(pattern(1, 512, seed=41), "EPSG:4326", Affine(0.001, 0, 10, 0, -0.001, 50))
    items = [("scene", one(files.put("/scene.tif", tiff.data)), Reader())]
    area = box(10.1, 49.6, 10.3, 49.9)
    mosaic = read_mosaic(items, (10.0, 49.488, 10.512, 50.0), 512, 512, clip=area)
    preview, problems = mosaic.preview, mosaic.problems
    assert not problems and preview.label == "one, clipped to the search area"
    lon, lat = tiff.lonlat_of(200, 200)  # 10.2005, 49.7995: inside
    point = preview.value_at(lon, lat)
    assert point is not None and point.values == (float(tiff.array[0, 200, 200]),)
    for row, column in ((50, 50), (450, 200), (200, 450)):  # outside the area
        lon, lat = tiff.lonlat_of(row, column)
        point = preview.value_at(lon, lat)
        assert point is None or np.isnan(point.values[0])
    assert preview.rgba[..., 3].any() and not preview.rgba[..., 3].all()
