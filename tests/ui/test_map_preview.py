"""The data preview in a real window: "Preview data" reads the selected result's COG from a
real file server in a worker and drapes it on its lon/lat bounds; the values under the cursor
show in the map's status line; a striped TIFF is refused with its size until "Read whole file".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from affine import Affine

from stacdesk.core.results.store import ResultBatch
from stacdesk.ui.main_window import MainWindow
from tests.core.previews.tiffs import Tiff, lonlat_cog, make_tiff, pattern
from tests.servers.flaky_files import FlakyFileServer
from tests.ui.test_map_panel import hover, view_point

TIF = "image/tiff; application=geotiff; profile=cloud-optimized"
SAMPLE_PREVIEW_SCENE = "S2C_MSIL2A_20250521T100029_N0511_R122_T33UVR_20250521T131720"


@pytest.fixture
def files() -> Iterator[FlakyFileServer]:
    with FlakyFileServer() as server:
        yield server


def item(item_id: str, href: str, bbox: tuple[float, float, float, float]) -> dict[str, Any]:
    west, south, east, north = bbox
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {
        "type": "Feature",
        "stac_version": "1.0.0",
        "id": item_id,
        "collection": "test",
        "bbox": list(bbox),
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {"datetime": "2024-05-01T10:00:00Z"},
        "assets": {"data": {"href": href, "type": TIF, "roles": ["data"]}},
    }


def show_item(window: MainWindow, feature: dict[str, Any]) -> None:
    window.workspace.search.store.append(ResultBatch.from_features([feature]))
    window.map_panel.zoom_to(tuple(feature["bbox"]), padding=0.1)
    window.workspace.select(0)


def test_preview_is_drawn_and_values_follow_the_cursor(
    qtbot, window: MainWindow, files: FlakyFileServer
) -> None:
    tiff: Tiff = lonlat_cog()
    url = files.put("/scene.tif", tiff.data)
    panel = window.map_panel
    show_item(window, item("scene", url, (10.0, 49.488, 10.512, 50.0)))
    assert not files.gets("/scene.tif")  # off by default: nothing is read
    panel.toolbar.preview_action.trigger()
    qtbot.waitUntil(lambda: panel.preview.visible, timeout=20000)
    assert "Preview: data (one band)" in panel.message.text()
    assert panel.toolbar.preview_bands.currentText() == "data (one band)"
    image = panel.preview.image
    rect = image.mapRectToParent(image.boundingRect())
    assert rect.left() == pytest.approx(10.0, abs=0.01)
    assert rect.bottom() == pytest.approx(50.0, abs=0.01)  # north edge (y grows northwards)
    # the cursor over a pixel: its value and the lon/lat of its centre
    row, column = 200, 300
    lon, lat = tiff.lonlat_of(row, column)
    hover(qtbot, panel.plot_widget.viewport(), view_point(window, lon, lat))
    qtbot.waitUntil(lambda: "at lon" in panel.coordinates.text(), timeout=5000)
    text = panel.coordinates.text()
    value = panel.preview.preview.value_at(lon, lat)  # type: ignore[union-attr]
    assert value is not None and f"data {value.values[0]:.0f}   at lon" in text
    # opacity, and off again
    panel.toolbar.preview_opacity_slider.setValue(40)
    assert image.opacity() == pytest.approx(0.4)
    panel.toolbar.preview_action.trigger()
    assert not panel.preview.visible


def test_a_striped_tiff_is_offered_not_read(
    qtbot, window: MainWindow, files: FlakyFileServer
) -> None:
    tiff = make_tiff(pattern(1, 1024, seed=8), "EPSG:4326", Affine(0.001, 0, 20, 0, -0.001, 40),
                     cog=False)  # fmt: skip
    url = files.put("/striped.tif", tiff.data)
    panel = window.map_panel
    panel.toolbar.preview_action.setChecked(True)
    show_item(window, item("striped", url, (20.0, 38.976, 21.024, 40.0)))
    qtbot.waitUntil(lambda: "not cloud-optimised" in panel.message.text(), timeout=20000)
    assert "a preview would read 2.1 MB" in panel.message.text()
    assert not panel.preview.visible
    assert panel.toolbar.whole_file_action.isEnabled()
    panel.toolbar.whole_file_action.trigger()
    qtbot.waitUntil(lambda: panel.preview.visible, timeout=20000)


def test_a_selection_of_several_items_is_one_mosaic(
    qtbot, window: MainWindow, files: FlakyFileServer
) -> None:
    west = make_tiff(pattern(1, 512, seed=31), "EPSG:4326", Affine(0.001, 0, 10, 0, -0.001, 50))
    east = make_tiff(pattern(1, 512, seed=32), "EPSG:4326", Affine(0.001, 0, 10.5, 0, -0.001, 50))
    features = [
        item("west", files.put("/w.tif", west.data), (10.0, 49.488, 10.512, 50.0)),
        item("east", files.put("/e.tif", east.data), (10.5, 49.488, 11.012, 50.0)),
    ]
    ws = window.workspace
    ws.search.store.append(ResultBatch.from_features(features))
    panel = window.map_panel
    panel.zoom_to((10.0, 49.488, 11.012, 50.0), padding=0.05)
    panel.toolbar.preview_action.setChecked(True)
    ws.select_rows((0, 1), 0)
    qtbot.waitUntil(lambda: panel.preview.visible, timeout=20000)
    assert "Preview: 2 items" in panel.message.text()
    preview = panel.preview.preview
    assert preview is not None
    for tiff in (west, east):
        lon, lat = tiff.lonlat_of(256, 256)
        point = preview.value_at(lon, lat)
        assert point is not None and point.values[0] > 0


def test_band_combinations_are_offered_and_chosen(
    qtbot, window: MainWindow, files: FlakyFileServer
) -> None:
    tiff = lonlat_cog()
    feature = item("bands", files.put("/b/red.tif", tiff.data), (10.0, 49.488, 10.512, 50.0))
    feature["assets"] = {
        name: {"href": files.put(f"/b/{name}.tif", tiff.data), "type": TIF,
               "eo:bands": [{"name": name, "common_name": name}]}
        for name in ("blue", "green", "red", "nir")
    }  # fmt: skip
    panel = window.map_panel
    panel.toolbar.preview_action.setChecked(True)
    show_item(window, feature)
    combo = panel.toolbar.preview_bands
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[:2] == ["true colour (red/green/blue)", "false colour (nir/red/green)"]
    qtbot.waitUntil(lambda: panel.preview.visible, timeout=20000)
    assert panel.preview.preview is not None
    assert panel.preview.preview.names == ("red", "green", "blue")
    combo.setCurrentIndex(1)
    qtbot.waitUntil(
        lambda: (
            panel.preview.preview is not None
            and panel.preview.preview.names == ("nir", "red", "green")
        ),
        timeout=20000,
    )
    assert "false colour" in panel.message.text()


def test_the_offline_sample_previews_its_scene_with_no_network(qtbot, window: MainWindow) -> None:
    """The bundled sample's Sentinel-2 scene over Czechia has real COGs (relative hrefs in the
    catalog's folder): its true colour is drawn and the values under the cursor are the file's."""
    import rasterio
    from rasterio.warp import transform as reproject_points

    from stacdesk.core.catalogs.local_catalog import LocalCatalog
    from stacdesk.core.query.search_query import SearchQuery
    from stacdesk.resources import resource_path

    folder = resource_path("sample-catalog")
    sample = LocalCatalog.open(folder, "Sample catalog (offline)")
    window.workspace.catalog = sample
    rows = sample.matching_rows(SearchQuery(ids=(SAMPLE_PREVIEW_SCENE,)))
    scene = sample.item(int(rows[0]))
    with rasterio.open(folder / scene["assets"]["visual"]["href"]) as src:
        row, column = src.height // 3, src.width // 2
        (lon,), (lat,) = reproject_points(
            src.crs, "EPSG:4326", *map(list, zip(src.xy(row, column)))
        )
        expected = src.read(1)[row, column]
    panel = window.map_panel
    window.workspace.search.store.append(ResultBatch.from_features([scene]))
    window.map_panel.zoom_to((lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05), padding=0)
    window.workspace.select(0)
    panel.toolbar.preview_action.trigger()
    qtbot.waitUntil(lambda: panel.preview.visible, timeout=20000)
    assert panel.toolbar.preview_bands.currentText() == "true colour (visual)"
    value = panel.preview.preview.value_at(lon, lat)  # type: ignore[union-attr]
    assert value is not None and value.values[0] == float(expected)


def test_newest_on_top_and_clipped_to_the_search_area(
    qtbot, window: MainWindow, files: FlakyFileServer
) -> None:
    from stacdesk.core.geo.geometry import Aoi

    older = make_tiff(pattern(1, 512, seed=51), "EPSG:4326", Affine(0.001, 0, 10, 0, -0.001, 50))
    newer = make_tiff(pattern(1, 512, seed=52), "EPSG:4326", Affine(0.001, 0, 10, 0, -0.001, 50))
    first = item("older", files.put("/older.tif", older.data), (10.0, 49.488, 10.512, 50.0))
    second = item("newer", files.put("/newer.tif", newer.data), (10.0, 49.488, 10.512, 50.0))
    second["properties"]["datetime"] = "2024-06-01T10:00:00Z"
    ws = window.workspace
    ws.search.store.append(ResultBatch.from_features([first, second]))
    panel = window.map_panel
    panel.zoom_to((10.0, 49.488, 10.512, 50.0), padding=0.05)
    panel.toolbar.preview_action.setChecked(True)
    ws.select_rows((0, 1), 0)  # the older one is the current result: on top
    qtbot.waitUntil(lambda: "Preview: 2 items" in panel.message.text(), timeout=20000)
    lon, lat = older.lonlat_of(256, 256)

    def value() -> float | None:
        point = panel.preview.preview.value_at(lon, lat) if panel.preview.preview else None
        return point.values[0] if point is not None else None

    assert value() == float(older.array[0, 256, 256])
    with qtbot.waitSignal(panel.preview_drape.shown, timeout=20000):
        panel.toolbar.preview_order.setCurrentText("Newest on top")
    assert value() == float(newer.array[0, 256, 256])
    ws.set_aoi(Aoi.from_bbox(10.2, 49.6, 10.4, 49.9))
    with qtbot.waitSignal(panel.preview_drape.shown, timeout=20000):
        panel.toolbar.preview_clip_action.setChecked(True)
    assert "clipped to the search area" in panel.message.text()
    assert value() == float(newer.array[0, 256, 256])  # 10.2565, 49.7435: inside
    lon, lat = older.lonlat_of(50, 50)  # outside
    assert value() is None or np.isnan(value())
