"""The first slice through the widgets: open a catalog, pick collections and dates, draw a box,
search, scroll to load more, select a result — against a real STAC API server."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QPointF, Qt

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.map.map_viewbox import DrawMode
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.ui.conftest import click, drag

COLLECTIONS = {"sentinel-2-l2a", "landsat-c2-l2"}


def view_point(window: MainWindow, lon: float, lat: float) -> QPoint:
    """Widget coordinates in the map's viewport of a lon/lat position."""
    vb = window.map_panel.viewbox
    scene = vb.mapViewToScene(QPointF(lon, lat))
    return window.map_panel.plot_widget.mapFromScene(scene)


def open_catalog(qtbot, window: MainWindow, url: str) -> None:
    window.search_panel.open_connection(Connection("test", url))
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)


def test_draw_box_search_scroll_and_select(
    qtbot,
    window: MainWindow,
    pgstac_api: str,
    generated_catalog: GeneratedCatalog,
) -> None:
    open_catalog(qtbot, window, pgstac_api)
    panel = window.search_panel
    assert panel.collections.model.rowCount() == len(generated_catalog.collection_ids)
    panel.collections.filter_edit.setText("sentinel-2")
    assert panel.collections.proxy.rowCount() == 1
    panel.collections.filter_edit.clear()
    panel.collections.set_checked(COLLECTIONS)
    panel.from_date.setDate(QDate(2016, 1, 1))
    panel.to_date.setDate(QDate(2025, 12, 31))
    panel.page_size.setValue(10)

    window.map_panel.set_mode(DrawMode.BBOX)
    viewport = window.map_panel.plot_widget.viewport()
    drag(viewport, view_point(window, -30, 75), view_point(window, 60, 20))
    aoi = window.workspace.aoi
    assert aoi is not None and aoi.bbox is not None
    west, south, east, north = aoi.bbox
    assert abs(west + 30) < 2 and abs(east - 60) < 2 and abs(south - 20) < 2 and abs(north - 75) < 2

    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state in (SearchState.MORE, SearchState.DONE), timeout=20000)
    results = window.results_panel
    assert results.model.rowCount() >= 10
    assert window.map_panel.footprints.curve_count >= 1

    # Scrolling to the end makes the list ask for the next pages until the search is complete.
    def scrolled_to_end() -> bool:
        results.list_view.scrollToBottom()
        return session.state is SearchState.DONE

    qtbot.waitUntil(scrolled_to_end, timeout=30000)
    expected = expected_ids(
        generated_catalog.items,
        collections=COLLECTIONS,
        bbox=aoi.bbox,
        datetime=panel.date_range(),
    )
    assert set(session.store.ids) == expected
    assert results.model.rowCount() == len(expected)
    assert session.store.duplicates == 0
    assert str(len(expected)) in window.results_panel.count_label.text()

    results.list_view.setCurrentIndex(results.model.index(3))
    assert window.workspace.selected_row == 3
    item_id = session.store.ids[3]
    assert item_id in window.item_panel.title.text()
    assert window.item_panel.properties.topLevelItemCount() > 3
    assert window.item_panel.assets.rowCount() >= 1
    assert item_id in window.item_panel.raw.toPlainText()


def test_point_click_sets_aoi_and_new_search_cancels_old(
    qtbot,
    window: MainWindow,
    pgstac_api: str,
) -> None:
    open_catalog(qtbot, window, pgstac_api)
    window.map_panel.set_mode(DrawMode.POINT)
    click(window.map_panel.plot_widget.viewport(), view_point(window, 16.6, 49.2))
    aoi = window.workspace.aoi
    assert aoi is not None and aoi.kind == "point"
    assert abs(aoi.geometry.x - 16.6) < 1 and abs(aoi.geometry.y - 49.2) < 1

    window.workspace.set_aoi(None)
    window.search_panel.from_check.setChecked(False)
    window.search_panel.to_check.setChecked(False)
    window.search_panel.page_size.setValue(5)
    window.run_search()
    first_pager = window.workspace.search._pager
    window.run_search()  # a new search cancels the one running
    assert first_pager is not None and first_pager.exhausted
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state is SearchState.MORE, timeout=20000)
    assert len(session.store) == 5


def test_unreachable_catalog_offers_the_sample_which_works(
    qtbot,
    window: MainWindow,
) -> None:
    window.search_panel.open_connection(Connection("dead", "http://127.0.0.1:9/"))
    qtbot.waitUntil(lambda: window.workspace.open_error is not None, timeout=20000)
    assert "Cannot reach the server" in window.search_panel.catalog_chooser.catalog_status.text()
    assert window.search_panel.catalog_chooser.use_sample_button.isVisibleTo(window)
    assert "Cannot reach the server" in window.status_text.text()

    qtbot.mouseClick(
        window.search_panel.catalog_chooser.use_sample_button, Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    assert window.workspace.collections
    window.search_panel.from_date.setDate(QDate(date(2024, 1, 1)))
    window.search_panel.to_date.setDate(QDate(date(2024, 12, 31)))
    window.run_search()
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state in (SearchState.MORE, SearchState.DONE), timeout=20000)
    assert len(session.store) > 0
    assert session.number_matched is not None and session.number_matched >= len(session.store)


def test_the_first_start_falls_back_to_the_sample_once_and_says_why(
    qtbot, window: MainWindow
) -> None:
    """A first start without a network opens the sample instead of an error; later, a catalog
    that can't be reached shows its error and the sample is only offered."""
    chooser = window.search_panel.catalog_chooser
    dead = Connection("dead", "http://127.0.0.1:9/")
    chooser.open_first(dead)
    sample = window.workspace.book.sample
    qtbot.waitUntil(
        lambda: window.workspace.connection == sample and window.workspace.catalog is not None,
        timeout=20000,
    )
    status = chooser.catalog_status.text()
    assert "Cannot reach the server (http://127.0.0.1:9/)" in status
    assert (
        "The offline sample catalog is open instead; pick dead in the list to try again" in status
    )
    assert chooser.connection_combo.currentText() == sample.name

    chooser.open_connection(dead)  # not the first start's catalog: no second fallback
    qtbot.waitUntil(lambda: window.workspace.open_error is not None, timeout=20000)
    assert window.workspace.connection == dead
    assert "The offline sample catalog is open instead" not in chooser.catalog_status.text()
    assert chooser.use_sample_button.isVisibleTo(window)
