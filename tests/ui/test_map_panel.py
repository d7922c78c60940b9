"""The map panel in a real window: drawing and editing the AOI, typing and dropping areas, place
search, hover and selection shared with the list, the quicklook drape and coverage."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from shapely.geometry import shape

from stacdesk.core.geo.geometry import Aoi
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.results.coverage import ground_area
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.map.map_viewbox import DrawMode
from tests.ui.conftest import click, drag

CZECHIA = (12.0, 48.5, 19.0, 51.1)


def view_point(window: MainWindow, lon: float, lat: float) -> QPoint:
    """Widget coordinates in the map's viewport of a lon/lat position."""
    scene = window.map_panel.viewbox.mapViewToScene(QPointF(lon, lat))
    return window.map_panel.plot_widget.mapFromScene(scene)


def send_mouse(
    widget: QWidget,
    kind: QMouseEvent.Type,
    pos: QPoint,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
    buttons: Qt.MouseButton = Qt.MouseButton.LeftButton,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    event = QMouseEvent(
        kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers
    )
    QApplication.sendEvent(widget, event)


def hover(qtbot, widget: QWidget, pos: QPoint) -> None:
    """Move the mouse without a button (pyqtgraph drops moves closer than 10 ms apart, so wait
    before, and after, so that a drag starting here is not dropped either)."""
    qtbot.wait(20)
    none = Qt.MouseButton.NoButton
    send_mouse(widget, QMouseEvent.Type.MouseMove, pos, none, none)
    qtbot.wait(20)


def slow_drag(qtbot, widget: QWidget, start: QPoint, end: QPoint, steps: int = 5) -> None:
    """A drag whose moves all reach pyqtgraph (ROI handles follow moves, not the release)."""
    hover(qtbot, widget, start)
    send_mouse(widget, QMouseEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        qtbot.wait(15)
        send_mouse(widget, QMouseEvent.Type.MouseMove, start + (end - start) * (i / steps))
    qtbot.wait(15)
    none = Qt.MouseButton.NoButton
    send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, none)


def double_click(widget: QWidget, pos: QPoint) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(widget, QMouseEvent.Type.MouseButtonPress, pos)
    send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, pos, left, none)
    send_mouse(widget, QMouseEvent.Type.MouseButtonDblClick, pos)
    send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, pos, left, none)


def ctrl_click(widget: QWidget, pos: QPoint) -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier
    send_mouse(widget, QMouseEvent.Type.MouseButtonPress, pos, modifiers=ctrl)
    send_mouse(
        widget,
        QMouseEvent.Type.MouseButtonRelease,
        pos,
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.NoButton,
        ctrl,
    )


def drop_files(widget: QWidget, *paths: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:
        enter = QDragEnterEvent(pos, *args)  # PySide6 ≥ 6.12 (the QPoint form is deprecated)
    except TypeError:
        enter = QDragEnterEvent(pos.toPoint(), *args)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted() and drop.isAccepted()


def show_region(window: MainWindow, west: float, south: float, east: float, north: float) -> None:
    window.map_panel.viewbox.setRange(xRange=(west, east), yRange=(south, north), padding=0)
    QApplication.processEvents()


def load_sample(qtbot, window: MainWindow, collections: tuple[str, ...], limit: int = 200) -> None:
    window.search_panel.open_sample()
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    window.workspace.run_search(SearchQuery(collections=collections, limit=limit))
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state in (SearchState.MORE, SearchState.DONE), timeout=20000)


def test_polygon_tool_clicks_double_click_and_keys(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    viewport = panel.plot_widget.viewport()
    show_region(window, 0, 40, 30, 60)
    qtbot.keyClick(window, Qt.Key.Key_G)
    assert panel.viewbox.mode is DrawMode.POLYGON
    assert panel.toolbar.mode_actions[DrawMode.POLYGON].isChecked()

    corners = [(5, 45), (20, 44), (22, 55)]
    for lon, lat in corners:
        click(viewport, view_point(window, lon, lat))
    assert len(panel.viewbox.vertices) == 3
    assert window.workspace.aoi is None  # not closed yet
    double_click(viewport, view_point(window, 8, 56))
    aoi = window.workspace.aoi
    assert aoi is not None and aoi.kind == "polygon"
    drawn = np.asarray(aoi.geometry.exterior.coords)[:-1]
    assert len(drawn) == 4
    expected = shapely.Polygon([*corners, (8, 56)])
    assert aoi.geometry.symmetric_difference(expected).area < 0.05 * expected.area
    assert not panel.viewbox.drawing
    assert panel.aoi_field.edit.text().startswith("POLYGON")

    # Backspace drops the last corner, Esc cancels the sketch and keeps the area, Esc again
    # goes back to panning.
    click(viewport, view_point(window, 2, 42))
    click(viewport, view_point(window, 4, 42))
    qtbot.keyClick(panel.plot_widget, Qt.Key.Key_Backspace)
    assert len(panel.viewbox.vertices) == 1
    qtbot.keyClick(panel.plot_widget, Qt.Key.Key_Escape)
    assert not panel.viewbox.drawing and window.workspace.aoi is aoi
    qtbot.keyClick(panel.plot_widget, Qt.Key.Key_Escape)
    assert panel.viewbox.mode is DrawMode.PAN

    # A bow tie is repaired, and the user is told.
    panel.set_mode(DrawMode.POLYGON)
    for lon, lat in [(5, 45), (15, 55), (15, 45)]:
        click(viewport, view_point(window, lon, lat))
    double_click(viewport, view_point(window, 5, 55))
    assert window.workspace.aoi.geometry.geom_type == "MultiPolygon"
    assert "make_valid" in panel.message.text()


def test_a_long_message_does_not_resize_the_map(qtbot, window: MainWindow) -> None:
    """The map's height (so its view, so what a preview reads) does not follow the message."""
    panel = window.map_panel
    panel.say("Short.")
    QApplication.processEvents()
    height, view = panel.plot_widget.height(), panel.viewbox.viewRange()
    long = "Preview: 3 of 9 items, mosaic. Not drawn: " + "; ".join(
        f"scene-{i}: access refused (HTTP 403) while reading the file's tiles" for i in range(6)
    )
    panel.say(long)
    QApplication.processEvents()
    assert panel.plot_widget.height() == height and panel.viewbox.viewRange() == view
    assert panel.message.text() == long and panel.message.toolTip() == long


def test_box_handles_edit_the_area(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    viewport = panel.plot_widget.viewport()
    show_region(window, 0, 30, 40, 60)
    qtbot.keyClick(window, Qt.Key.Key_B)
    drag(viewport, view_point(window, 10, 50), view_point(window, 20, 40))
    assert window.workspace.aoi.bbox == pytest.approx((10, 40, 20, 50), abs=0.3)
    qtbot.keyClick(window, Qt.Key.Key_P)
    handles = panel.aoi_editor.handle_positions()
    assert len(handles) == 8
    west, south, east, north = window.workspace.aoi.bbox
    corner = view_point(window, east, north)
    slow_drag(qtbot, viewport, corner, view_point(window, 30, 55))
    qtbot.waitUntil(lambda: window.workspace.aoi.bbox[2] > 25)
    new = window.workspace.aoi.bbox
    assert new == pytest.approx((west, south, 30, 55), abs=0.3)
    assert panel.aoi_field.edit.text().startswith(f"{new[0]:.6f}".rstrip("0")[:4])

    # The point tool's target is dragged the same way.
    qtbot.keyClick(window, Qt.Key.Key_T)
    click(viewport, view_point(window, 5, 35))
    qtbot.keyClick(window, Qt.Key.Key_P)
    start = view_point(window, 5, 35)
    slow_drag(qtbot, viewport, start, view_point(window, 8, 38))
    qtbot.waitUntil(lambda: window.workspace.aoi.geometry.x > 7)
    assert window.workspace.aoi.kind == "point"
    assert (window.workspace.aoi.geometry.x, window.workspace.aoi.geometry.y) == pytest.approx(
        (8, 38), abs=0.3
    )


def test_escape_during_a_box_drag_cancels_the_box(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    viewport = panel.plot_widget.viewport()
    show_region(window, 0, 30, 40, 60)
    qtbot.keyClick(window, Qt.Key.Key_B)
    drag(viewport, view_point(window, 10, 50), view_point(window, 20, 40))
    before = window.workspace.aoi.bbox
    start, end = view_point(window, 25, 55), view_point(window, 35, 35)
    hover(qtbot, viewport, start)
    send_mouse(viewport, QMouseEvent.Type.MouseButtonPress, start)
    for i in range(1, 4):
        qtbot.wait(15)
        send_mouse(viewport, QMouseEvent.Type.MouseMove, start + (end - start) * (i / 4))
    assert panel.viewbox.drawing  # the rubber band is up
    qtbot.keyClick(panel.plot_widget, Qt.Key.Key_Escape)
    assert not panel.viewbox.drawing
    qtbot.wait(15)
    send_mouse(viewport, QMouseEvent.Type.MouseMove, end)
    none = Qt.MouseButton.NoButton
    send_mouse(viewport, QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, none)
    qtbot.wait(20)
    assert window.workspace.aoi.bbox == before
    assert panel.viewbox.mode is DrawMode.BBOX  # still the box tool: the next drag draws

    drag(viewport, view_point(window, 25, 55), view_point(window, 35, 35))
    assert window.workspace.aoi.bbox == pytest.approx((25, 35, 35, 55), abs=0.3)


def test_polygon_handles_edit_the_area(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    viewport = panel.plot_widget.viewport()
    show_region(window, 0, 30, 40, 60)
    panel.aoi_field.edit.setText("POLYGON ((10 40, 20 40, 20 50, 10 40))")
    panel.aoi_field.apply()
    assert panel.aoi_editor.roi is not None
    corner = view_point(window, 20, 50)
    slow_drag(qtbot, viewport, corner, view_point(window, 25, 55))
    qtbot.waitUntil(lambda: window.workspace.aoi.geometry.bounds[2] > 22)
    assert window.workspace.aoi.geometry.bounds == pytest.approx((10, 40, 25, 55), abs=0.3)


def test_area_field_accepts_text_and_keeps_the_area_on_bad_input(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    field = panel.aoi_field.edit
    field.setFocus()
    qtbot.keyClicks(field, "16, 48, 18, 50")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    aoi = window.workspace.aoi
    assert aoi is not None and aoi.bbox == (16, 48, 18, 50)
    assert "bbox 16.0000" in window.search_panel.aoi_label.text()

    for bad, reason in [
        ("16, 95, 18, 50", "Latitude 95 is out of range"),
        ("POLYGON ((1 2, 3", "Not valid WKT"),
        ('{"type": "Polygon"', "Not valid JSON"),
        ("LINESTRING (0 0, 1 1)", "an area is needed"),
    ]:
        field.setText(bad)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert window.workspace.aoi is aoi, bad
        assert reason in panel.message.text()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "16, 48, 18, 50"

    field.setText("170, -10, -170, 10")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.workspace.aoi.bbox == (170, -10, -170, 10)
    assert "antimeridian" in panel.message.text()
    assert "intersects" in window.workspace.aoi.query_fields()
    # Not editable with handles (two boxes): drawn as an outline.
    assert panel.aoi_editor.roi is None

    field.setText(json.dumps({"type": "Point", "coordinates": [16.6, 49.2]}))
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.workspace.aoi.kind == "point"
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.workspace.aoi is None


def test_dropped_and_imported_files(qtbot, window: MainWindow, tmp_path: Path) -> None:
    panel = window.map_panel
    viewport = panel.plot_widget.viewport()
    multi = tmp_path / "fields.geojson"
    multi.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {
                            "type": "MultiPolygon",
                            "coordinates": [
                                [[[14, 49], [15, 49], [15, 50], [14, 49]]],
                                [[[16, 49], [17, 49], [17, 50], [16, 49]]],
                            ],
                        },
                    }
                ],
            }
        )
    )
    assert drop_files(viewport, multi)
    qtbot.waitUntil(lambda: window.workspace.aoi is not None, timeout=10000)
    aoi = window.workspace.aoi
    assert aoi.geometry.geom_type == "MultiPolygon" and len(aoi.geometry.geoms) == 2
    assert "Imported the area from fields.geojson" in panel.message.text()
    (x0, x1), (y0, y1) = panel.viewbox.viewRange()
    assert x0 <= 14 and x1 >= 17 and y0 <= 49 and y1 >= 50  # zoomed to it

    points = tmp_path / "wells.geojson"
    points.write_text(json.dumps({"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]}))
    assert drop_files(viewport, points)
    qtbot.waitUntil(lambda: "Area not imported" in panel.message.text(), timeout=10000)
    assert "only points" in panel.message.text()
    assert window.workspace.aoi is aoi

    wkt = tmp_path / "big.wkt"
    circle = shapely.Point(10, 45).buffer(1, quad_segs=400)
    wkt.write_text(circle.wkt)
    task = panel.import_aoi_file(wkt)  # what File → Import area… calls after its dialog
    qtbot.waitUntil(task.done, timeout=10000)
    assert "Simplified from" in panel.message.text()
    assert window.workspace.aoi.geometry.contains(circle)
    assert panel.import_action in window.menuBar().actions()[0].menu().actions()


def test_place_search_zooms_to_cities_and_countries(qtbot, window: MainWindow) -> None:
    search = window.map_panel.place_search
    search.setFocus()
    qtbot.keyClicks(search, "Brn")
    # The gazetteer is read in a worker the first time; the suggestions follow.
    qtbot.waitUntil(lambda: any(p.name == "Brno" for p in search.places), timeout=20000)
    assert search.completer_.popup().isVisible()
    assert search.suggestions.rowCount() == len(search.places)
    brno = next(i for i, p in enumerate(search.places) if p.name == "Brno")
    search.completer_.activated[type(search.suggestions.index(0))].emit(
        search.completer_.completionModel().index(brno, 0)
    )
    (x0, x1), (y0, y1) = window.map_panel.viewbox.viewRange()
    assert x0 < 16.61 < x1 and y0 < 49.19 < y1
    assert y1 - y0 < 2
    assert "Brno" in window.map_panel.message.text()

    search.clear()
    qtbot.keyClicks(search, "Czechia")
    search.completer_.popup().hide()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    (x0, x1), (y0, y1) = window.map_panel.viewbox.viewRange()
    assert x0 < 12.2 and x1 > 18.8 and y0 < 48.6 and y1 > 51
    assert x1 - x0 < 20

    search.clear()
    qtbot.keyClicks(search, "Qqqxxz")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert "No place called" in window.map_panel.message.text()


def test_hover_click_and_selection_are_shared(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    viewport = panel.plot_widget.viewport()
    load_sample(qtbot, window, ("sentinel-2-l2a",))
    ws = window.workspace
    assert len(panel.index) == len(ws.search.store) > 0
    # A spot inside a footprint: the centre of one, and whichever result the map picks there.
    geometries = panel.index.geometries
    first = next(i for i, g in enumerate(geometries) if g is not None)
    x, y = shapely.get_coordinates(geometries[first].centroid)[0]
    west, south, east, north = geometries[first].bounds
    show_region(window, west - 1, south - 1, east + 1, north + 1)
    row = panel.index.hit(x, y)
    assert row is not None

    hover(qtbot, viewport, view_point(window, x, y))
    assert ws.hovered_row == row
    hx, _ = panel.footprints.hovered.getData()
    assert hx is not None and len(hx) == len(panel.index.rings([row])[0])
    tolerance = 10 * panel.viewbox.degrees_per_pixel()
    empty = next(
        (lon, lat)
        for lon in np.linspace(west - 0.9, east + 0.9, 12)
        for lat in np.linspace(south - 0.9, north + 0.9, 12)
        if panel.index.hit(lon, lat, tolerance) is None
    )
    hover(qtbot, viewport, view_point(window, *empty))
    assert ws.hovered_row is None

    # Hover in the list (the workspace) shows on the map too.
    other = (row + 1) % len(ws.search.store)
    ws.hover(other)
    hx, _ = panel.footprints.hovered.getData()
    assert len(hx) == len(panel.index.rings([other])[0])

    click(viewport, view_point(window, x, y))
    assert ws.selected_row == row and ws.selected_rows == (row,)
    assert window.results_panel.list_view.currentIndex().row() == row
    cx, _ = panel.footprints.current.getData()
    assert len(cx) == len(panel.index.rings([row])[0])

    # Ctrl+click adds another result; Ctrl+click again removes it.
    ox, oy = shapely.get_coordinates(geometries[other].centroid)[0]
    show_region(window, min(x, ox) - 5, min(y, oy) - 5, max(x, ox) + 5, max(y, oy) + 5)
    hit_other = panel.index.hit(ox, oy)
    assert hit_other is not None and hit_other != row
    ctrl_click(viewport, view_point(window, ox, oy))
    assert set(ws.selected_rows) == {row, hit_other} and ws.selected_row == hit_other
    sx, _ = panel.footprints.selection.getData()
    assert len(sx) == len(panel.index.rings([row, hit_other])[0])
    panel.zoom_to_selection()
    (x0, x1), (y0, y1) = panel.viewbox.viewRange()
    bounds = panel.index.bounds([row, hit_other])
    assert x0 <= bounds[0] and x1 >= bounds[2] and y0 <= bounds[1] and y1 >= bounds[3]
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # two clicks, not a double-click
    ctrl_click(viewport, view_point(window, ox, oy))
    assert ws.selected_rows == (row,)

    # The list selects, the map follows.
    window.results_panel.list_view.setCurrentIndex(window.results_panel.model.index(other))
    cx, _ = panel.footprints.current.getData()
    assert len(cx) == len(panel.index.rings([other])[0])

    # Clicking empty sea clears the selection; zoom to results shows them all.
    panel.zoom_world()
    click(viewport, view_point(window, -150, -60))
    assert ws.selected_row is None and ws.selected_rows == ()
    panel.zoom_to_results()
    (x0, x1), (y0, y1) = panel.viewbox.viewRange()
    west, south, east, north = panel.index.bounds()
    assert x0 <= west and x1 >= east and y0 <= south and y1 >= north


def test_selected_quicklook_is_draped_with_opacity(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    load_sample(qtbot, window, ("sentinel-2-l2a",), limit=20)
    store = window.workspace.search.store
    row = next(i for i, href in enumerate(store.thumbnails) if href)
    window.workspace.select(row)
    qtbot.waitUntil(lambda: panel.quicklook.visible, timeout=10000)
    assert "Loading the quicklook" not in panel.message.text()  # its news clears when shown
    image = panel.quicklook.images[0]
    west, south, east, north = store.bboxes[row]
    rect = image.mapRectToParent(image.boundingRect())
    assert (rect.left(), rect.top(), rect.right(), rect.bottom()) == pytest.approx(
        (west, south, east, north), abs=1e-6
    )
    assert image.image is not None and image.image.shape[2] == 4
    panel.toolbar.opacity_slider.setValue(30)
    assert image.opacity() == pytest.approx(0.3)
    panel.toolbar.quicklook_check.setChecked(False)
    assert not panel.quicklook.visible
    panel.toolbar.quicklook_check.setChecked(True)
    assert panel.quicklook.visible  # decoded pixels are kept: no refetch
    window.workspace.select(None)
    assert not panel.quicklook.visible


def test_antimeridian_quicklook_is_split(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    load_sample(qtbot, window, ("sentinel-1-grd",), limit=1000)
    store = window.workspace.search.store
    rows = [i for i in range(len(store)) if store.bboxes[i][0] > store.bboxes[i][2]]
    if not rows:
        pytest.skip("no antimeridian scene on the first page")
    row = rows[0]
    assert store.thumbnails[row]
    window.workspace.select(row)
    qtbot.waitUntil(lambda: panel.quicklook.visible, timeout=10000)
    left, right = panel.quicklook.images
    assert left.isVisible() and right.isVisible()
    l_rect = left.mapRectToParent(left.boundingRect())
    r_rect = right.mapRectToParent(right.boundingRect())
    assert l_rect.right() == pytest.approx(180) and r_rect.left() == pytest.approx(-180)


def test_coverage_follows_the_area_and_covering_set_selects(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    ws = window.workspace
    ws.set_aoi(Aoi.from_bbox(*CZECHIA))
    load_sample(qtbot, window, ("sentinel-2-l2a",), limit=100)
    session = ws.search
    task = session.fetch_more()
    qtbot.waitUntil(task.done, timeout=20000)
    store = session.store
    qtbot.waitUntil(
        lambda: (
            ws.coverage is not None
            and len(ws.coverage) == len(store)
            and not np.isnan(ws.coverage).any()
            and not panel.coverage.busy
        ),
        timeout=20000,
    )
    aoi = ws.aoi.geometry
    truth = []
    for row in range(len(store)):
        footprint = shape(store.item(row)["geometry"])
        truth.append(ground_area(footprint.intersection(aoi)) / ground_area(aoi))
    assert np.allclose(ws.coverage, truth, atol=1e-4)  # float32 footprints
    assert (ws.coverage > 0).any()

    task = panel.select_covering_set()
    assert task is not None
    qtbot.waitUntil(task.done, timeout=20000)
    rows = ws.selected_rows
    assert rows and "Covering set:" in panel.message.text()
    union = shapely.union_all([shape(store.item(r)["geometry"]) for r in rows])
    achieved = ground_area(union.intersection(aoi)) / ground_area(aoi)
    assert f"{achieved:.1%}" in panel.message.text()

    # A new area recomputes everything.
    ws.set_aoi(Aoi.from_bbox(-60, -50, -59, -49))
    qtbot.waitUntil(lambda: ws.coverage is not None and not panel.coverage.busy, timeout=20000)
    qtbot.waitUntil(lambda: np.nansum(ws.coverage) == 0 or ws.coverage is None, timeout=20000)
    ws.set_aoi(None)
    assert ws.coverage is None


def test_remote_quicklook_is_draped_and_a_broken_one_explained(
    qtbot, window: MainWindow, pgstac_api: str, asset_server
) -> None:
    from stacdesk.core.catalogs.connections import Connection

    panel = window.map_panel
    window.search_panel.open_connection(Connection("test", pgstac_api))
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    # Landsat items of the generated catalog carry real thumbnails, served by the asset server.
    window.workspace.run_search(SearchQuery(collections=("landsat-c2-l2",), limit=5))
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state in (SearchState.MORE, SearchState.DONE), timeout=20000)
    store = session.store
    row = next(i for i, href in enumerate(store.thumbnails) if href and "/thumbnails/" in href)
    href = store.thumbnails[row]
    assert href.startswith(asset_server.url)
    window.workspace.select(row)
    qtbot.waitUntil(lambda: panel.quicklook.visible, timeout=20000)
    assert panel.quicklook.href == href
    assert any(r.path == urlsplit(href).path for r in asset_server.requests)
    assert panel.quicklook.images[0].image.shape[2] == 4

    # A thumbnail URL that answers with a web page: no drape, and the map says why.
    broken = asset_server.add_file("broken/thumb.png", b"<html>oops</html>", "image/png")
    store.thumbnails[row] = broken
    window.workspace.select(None)
    window.workspace.select(row)
    qtbot.waitUntil(lambda: "No quicklook" in panel.message.text(), timeout=20000)
    assert not panel.quicklook.visible


def test_the_map_pans_and_zooms_by_keyboard(qtbot, window: MainWindow) -> None:
    plot = window.map_panel.plot_widget
    viewbox = window.map_panel.viewbox
    viewbox.setRange(xRange=(0, 40), yRange=(30, 60), padding=0)
    plot.setFocus()
    (x0, x1), (y0, y1) = viewbox.viewRange()
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    qtbot.keyClick(plot, Qt.Key.Key_Up)
    (a0, a1), (b0, b1) = viewbox.viewRange()
    assert a0 > x0 and a1 > x1 and b0 > y0 and b1 > y1  # moved east and north
    assert abs((a1 - a0) - (x1 - x0)) < 1e-6  # same scale
    qtbot.keyClick(plot, Qt.Key.Key_Plus)
    (c0, c1), _ = viewbox.viewRange()
    assert c1 - c0 < a1 - a0  # zoomed in about the centre
    assert abs((c0 + c1) / 2 - (a0 + a1) / 2) < 1e-6
    qtbot.keyClick(plot, Qt.Key.Key_Minus)
    (d0, d1), _ = viewbox.viewRange()
    assert abs((d1 - d0) - (a1 - a0)) < 1e-6
