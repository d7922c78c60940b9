"""The result list in the real window: thumbnails for visible rows only, local sort and filter
without requests, selection shared with the workspace, keyboard and context menu actions.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np
from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QPointF,
    Qt,
    QUrl,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QGuiApplication,
    QMouseEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QApplication

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.geo.geometry import Aoi
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.results.item_details import web_link
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.results.delegate import PADDING, PLACEHOLDER, THUMB
from stacdesk.ui.results.model import CLOUD_ROLE, DATETIME_ROLE, PLATFORM_ROLE
from tests.servers.assets import AssetServer
from tests.servers.catalog import GeneratedCatalog
from tests.servers.proxy import ReverseProxy


def search(qtbot, window: MainWindow, query: SearchQuery) -> None:
    window.workspace.run_search(query)
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state in (SearchState.MORE, SearchState.DONE), timeout=20000)


def open_sample(qtbot, window: MainWindow) -> None:
    window.search_panel.open_sample()
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)


def open_items(window: MainWindow, items: list[dict], collections: list[dict]) -> None:
    """A catalog held in memory (not a folder: its thumbnails are fetched over HTTP)."""
    window.workspace.catalog = LocalCatalog("in memory", "memory:test", items, collections)
    window.workspace.catalog_changed.emit()


def model_column(window: MainWindow, role: int) -> list:
    model = window.results_panel.model
    return [model.data(model.index(r), role) for r in range(model.rowCount())]


def thumbnail_requests(server: AssetServer) -> list[int]:
    """The ``n`` of every thumbnail the server was asked for."""
    return [
        int(r.params["n"][0])
        for r in server.requests.filter(method="GET")
        if r.path.startswith("/assets/thumbnails/") and "n" in r.params
    ]


def test_thumbnails_load_for_visible_rows_and_scrolling_back_needs_no_request(
    qtbot,
    window: MainWindow,
    asset_server: AssetServer,
    generated_catalog: GeneratedCatalog,
) -> None:
    items = []
    for item in generated_catalog.items:
        thumb = (item.get("assets") or {}).get("thumbnail")
        if thumb and thumb["href"].startswith(asset_server.assets_url):
            item = copy.deepcopy(item)
            item["assets"]["thumbnail"]["href"] += f"?n={len(items)}"  # one URL per result
            items.append(item)
        if len(items) == 150:
            break
    open_items(window, items, generated_catalog.collections)
    asset_server.requests.clear()
    search(qtbot, window, SearchQuery(limit=60, sortby=("id",)))
    panel = window.results_panel
    loader, store, model = panel.loader, window.workspace.search.store, panel.model

    def n_of(view_row: int) -> int:
        return int(re.search(r"n=(\d+)", store.thumbnails[model.store_row(view_row)]).group(1))

    def all_visible_shown() -> bool:
        rows = loader.visible_rows()
        urls = [store.thumbnails[model.store_row(r)] for r in rows]
        return bool(urls) and all(loader.image(u) is not None for u in urls)

    qtbot.waitUntil(all_visible_shown, timeout=20000)
    visible = loader.visible_rows()
    assert 0 < len(visible) < model.rowCount()
    requested = thumbnail_requests(asset_server)
    assert sorted(requested) == sorted(n_of(r) for r in visible)  # those rows, each once

    # The thumbnail is painted in the row (not the grey placeholder).
    shot = panel.list_view.viewport().grab().toImage()
    centre = QPoint(PADDING + THUMB // 2, PADDING + THUMB // 2)
    assert shot.pixelColor(centre) != PLACEHOLDER

    middle = model.index(35)
    panel.list_view.scrollTo(middle, QAbstractItemView.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: 35 in loader.visible_rows() and all_visible_shown(), timeout=20000)
    assert set(thumbnail_requests(asset_server)) == {
        n_of(r) for r in (*visible, *loader.visible_rows())
    }

    asset_server.requests.clear()
    panel.list_view.scrollToTop()
    qtbot.waitUntil(lambda: 0 in loader.visible_rows() and all_visible_shown())
    qtbot.wait(100)
    assert thumbnail_requests(asset_server) == []  # shown again from memory, zero requests


def test_bad_thumbnails_show_a_failure_mark_and_odd_items_do_not_break_the_list(
    qtbot, window: MainWindow, asset_server: AssetServer, generated_catalog: GeneratedCatalog
) -> None:
    bad = {
        "html": asset_server.add_file(
            "bad/page.png", b"<html><body>oops</body></html>", "image/png"
        ),
        "corrupt": asset_server.add_file(
            "bad/corrupt.jpg", b"\xff\xd8\xff\xe0garbage", "image/jpeg"
        ),
        "missing": f"{asset_server.url}/bad/nothing.png",
    }
    template = next(i for i in generated_catalog.items if "thumbnail" in (i.get("assets") or {}))
    items = []
    for n, (name, href) in enumerate(bad.items()):
        item = copy.deepcopy(template)
        item["id"] = f"bad-{name}-\udcff-{n}"  # not valid UTF-8 either
        item["assets"]["thumbnail"]["href"] = href
        items.append(item)
    odd = copy.deepcopy(template)
    odd["id"], odd["properties"] = "odd-properties", {"datetime": 5, "eo:cloud_cover": "cloudy"}
    items.append(odd)
    open_items(window, items, generated_catalog.collections)
    search(qtbot, window, SearchQuery(limit=10))
    loader = window.results_panel.loader
    qtbot.waitUntil(lambda: all(loader.error(u) for u in bad.values()), timeout=20000)
    assert "web page" in loader.error(bad["html"])
    assert "404" in loader.error(bad["missing"])
    shot = window.results_panel.list_view.viewport().grab().toImage()
    assert not shot.isNull()
    row = window.workspace.search.store.row_of("odd-properties")
    window.workspace.select(row)
    assert "odd-properties" in window.item_panel.title.text()
    assert model_column(window, DATETIME_ROLE)[row] == "no date"


def test_sort_and_filter_locally_without_requests_and_load_more_explicitly(
    qtbot,
    window: MainWindow,
    pgstac_api: str,
    make_proxy: Callable[..., ReverseProxy],
) -> None:
    proxy = make_proxy(pgstac_api)
    window.search_panel.open_connection(Connection("counted", proxy.url))
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    search(
        qtbot,
        window,
        SearchQuery(collections=("sentinel-2-l2a", "landsat-c2-l2"), limit=40),
    )
    panel, session = window.results_panel, window.workspace.search
    bar, model = panel.filter_bar, panel.model
    qtbot.waitUntil(lambda: session.state is not SearchState.LOADING)
    searches = len(proxy.requests.filter(path="/search"))
    loaded = len(session.store)
    assert session.state is SearchState.MORE

    bar.sort.setCurrentIndex(bar.sort.findData("cloud"))
    clouds = model_column(window, CLOUD_ROLE)
    known = [c for c in clouds if c is not None]
    assert known == sorted(known) and clouds[: len(known)] == known  # unknown ones last
    bar.descending.setChecked(True)
    known = [c for c in model_column(window, CLOUD_ROLE) if c is not None]
    assert known == sorted(known, reverse=True)
    assert model.rowCount() == loaded

    bar.text.setText("landsat")
    qtbot.waitUntil(lambda: window.workspace.result_filter.criteria.text == "landsat")
    platforms = model_column(window, PLATFORM_ROLE)
    assert platforms and all("landsat" in p for p in platforms)
    assert model.rowCount() < loaded
    assert "Showing" in panel.count_label.text()
    bar.cloud_check.setChecked(True)
    bar.cloud.setValue(30)
    assert all(c is None or c <= 30 for c in model_column(window, CLOUD_ROLE))
    bar.text.clear()
    bar.apply_text()
    bar.from_date.setDate(bar.from_date.date().addYears(-30))
    bar.from_check.setChecked(True)
    bar.to_check.setChecked(True)
    start, end = window.workspace.result_filter.criteria.time_range
    store = session.store
    shown = model.rows
    assert ((store.datetimes[shown] >= start) & (store.datetimes[shown] <= end)).all()
    assert np.array_equal(np.flatnonzero(window.workspace.visible_rows), np.sort(shown))

    # Filtering and sorting asked nothing; scrolling a filtered list does not page on its own.
    assert not model.canFetchMore()
    panel.list_view.scrollToBottom()
    qtbot.wait(200)
    assert len(proxy.requests.filter(path="/search")) == searches
    assert panel.load_more_button.isVisible()
    qtbot.mouseClick(panel.load_more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(session.store) > loaded, timeout=20000)
    qtbot.waitUntil(lambda: session.state is not SearchState.LOADING)
    assert proxy.requests.duplicates(path="/search") == []
    bar.clear_button.click()
    assert not window.workspace.result_filter.active
    assert model.rowCount() == len(session.store)
    assert model.canFetchMore() == (session.state is SearchState.MORE)


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_context_menu_actions_on_api_results(qtbot, window: MainWindow, pgstac_api: str) -> None:
    window.search_panel.open_connection(Connection("pgstac", pgstac_api))
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    search(qtbot, window, SearchQuery(collections=("sentinel-2-l2a",), limit=10))
    panel, store = window.results_panel, window.workspace.search.store
    view = panel.list_view
    view.setCurrentIndex(panel.model.index(1))
    view.selectionModel().select(panel.model.index(3), QItemSelectionModel.SelectionFlag.Select)
    rows = panel.selected_store_rows()
    assert rows == [panel.model.store_row(1), panel.model.store_row(3)]

    centre = view.visualRect(panel.model.index(1)).center()
    QApplication.sendEvent(
        view.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, centre, view.viewport().mapToGlobal(centre)
        ),
    )
    menu = panel.last_menu
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Copy 2 IDs",
        "Copy 2 self links",
        "Open in web browser",
        "Show JSON",
        "Add assets of 2 results to downloads",
    ]
    menu.close()

    actions = panel.result_actions
    actions.copy_ids.trigger()
    assert QGuiApplication.clipboard().text() == "\n".join(store.ids[r] for r in rows)
    actions.copy_links.trigger()
    links = QGuiApplication.clipboard().text().splitlines()
    assert len(links) == 2 and all(link.startswith(pgstac_api) for link in links)
    assert links[0].endswith(f"/items/{store.ids[rows[0]]}")

    catcher = UrlCatcher()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    try:
        actions.open_browser.trigger()
    finally:
        for scheme in ("http", "https"):
            QDesktopServices.unsetUrlHandler(scheme)
    assert catcher.urls == [web_link(store.item(rows[0]), pgstac_api)]
    assert catcher.urls[0].startswith("http")

    actions.show_json.trigger()
    dialog = actions.dialogs[-1]
    assert f'"id": "{store.ids[rows[0]]}"' in dialog.view.toPlainText()
    dialog.close()

    with qtbot.waitSignal(panel.download_requested) as signal:
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [rows]


def test_selection_keyboard_and_workspace_stay_in_step(qtbot, window: MainWindow) -> None:
    open_sample(qtbot, window)
    search(qtbot, window, SearchQuery(limit=30))
    panel, ws = window.results_panel, window.workspace
    view, model = panel.list_view, panel.model
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    assert ws.selected_row == model.store_row(0) and ws.selected_rows == (model.store_row(0),)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert ws.selected_row == model.store_row(1)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert ws.selected_row == model.store_row(2)
    assert set(ws.selected_rows) == {model.store_row(1), model.store_row(2)}
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert ws.selected_row == model.store_row(model.rowCount() - 1)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(ws.selected_rows) == model.rowCount()
    assert len(view.selectionModel().selection()) == 1  # one range, not a row each
    assert ws.selected_array[0] == ws.selected_row  # the current result first
    assert sorted(ws.selected_array.tolist()) == model.rows.tolist()

    # Runs of rows selected elsewhere show in the list as one range per run.
    runs = [model.store_row(v) for v in (0, 1, 2, 3, 10, 11, 20)]
    ws.select_rows(runs[::-1])
    assert len(view.selectionModel().selection()) == 3
    assert sorted(panel.selected_store_rows()) == sorted(runs)
    ws.select_rows((2, 2, 4, 2), 4)  # a repeated row counts once, where it first came
    assert ws.selected_rows == (2, 4) and ws.selected_row == 4

    # A selection made elsewhere (the map) shows in the list, current row included.
    ws.select_rows((5, 7), 7)
    assert panel.selected_store_rows() == [7, 5]
    assert model.store_row(view.currentIndex().row()) == 7
    # It survives sorting, and filtering hides a row from the list without unselecting it.
    panel.filter_bar.sort.setCurrentIndex(panel.filter_bar.sort.findData("id"))
    assert sorted(panel.selected_store_rows()) == [5, 7] and ws.selected_rows == (5, 7)
    assert model.store_row(view.currentIndex().row()) == 7
    hide = ws.search.store.ids[5]
    ws.result_filter.set(text=ws.search.store.ids[7])
    assert panel.selected_store_rows() == [7] and ws.selected_rows == (5, 7)
    assert model.view_row(5) is None and hide not in [
        model.data(model.index(r)) for r in range(model.rowCount())
    ]
    ws.result_filter.clear()
    assert sorted(panel.selected_store_rows()) == [5, 7]
    assert view.currentIndex() != QModelIndex()

    # Hovering a row tells the workspace (the map highlights it); leaving the list clears it.
    centre = view.visualRect(model.index(2)).center()
    move = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(centre),
        QPointF(view.viewport().mapToGlobal(centre)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), move)
    assert ws.hovered_row == model.store_row(2)
    QApplication.sendEvent(view.viewport(), QEvent(QEvent.Type.Leave))
    assert ws.hovered_row is None


def test_coverage_shows_in_the_row_and_sorts(qtbot, window: MainWindow) -> None:
    open_sample(qtbot, window)
    search(qtbot, window, SearchQuery(limit=20))
    panel, ws = window.results_panel, window.workspace
    coverage = np.linspace(0.0, 1.0, len(ws.search.store))
    coverage[3] = np.nan
    ws.set_coverage(coverage)
    from stacdesk.ui.results.delegate import row_details

    assert "AOI 100 %" in row_details(panel.model.index(len(coverage) - 1))
    assert not any("AOI" in part for part in row_details(panel.model.index(3)))
    panel.filter_bar.sort.setCurrentIndex(panel.filter_bar.sort.findData("coverage"))
    panel.filter_bar.descending.setChecked(True)
    order = panel.model.rows.tolist()
    assert order[0] == len(coverage) - 1 and order[-1] == 3  # unknown coverage last
    ws.set_coverage(coverage[::-1].copy())
    assert panel.model.rows.tolist()[0] == 0  # re-sorted when the map recomputes coverage
    assert math.isnan(coverage[3])
    assert QColor(PLACEHOLDER).isValid()


def test_sample_catalog_thumbnails_are_read_from_its_folder(qtbot, window: MainWindow) -> None:
    open_sample(qtbot, window)
    search(qtbot, window, SearchQuery(limit=20))
    loader, service = window.results_panel.loader, window.results_panel.thumbnails
    store, model = window.workspace.search.store, window.results_panel.model

    def shown() -> bool:
        urls = [store.thumbnails[model.store_row(r)] for r in loader.visible_rows()]
        return bool(urls) and all(loader.image(u) is not None for u in urls)

    qtbot.waitUntil(shown, timeout=20000)
    assert service.stats["local"] >= len(loader.visible_rows())
    assert service.stats["network"] == 0 and service.stats["failed"] == 0


def test_hover_on_the_map_highlights_the_row_in_the_list(qtbot, window: MainWindow) -> None:
    from stacdesk.ui.results.model import HOVERED_ROLE

    open_sample(qtbot, window)
    search(qtbot, window, SearchQuery(limit=20))
    model, ws = window.results_panel.model, window.workspace
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, roles: changed.append(top.row()))
    ws.hover(5)  # what the map does when the pointer is over result 5's footprint
    assert model.index_of_store_row(5).data(HOVERED_ROLE) is True
    assert not model.index_of_store_row(4).data(HOVERED_ROLE)
    ws.hover(7)
    assert not model.index_of_store_row(5).data(HOVERED_ROLE)
    assert model.index_of_store_row(7).data(HOVERED_ROLE) is True
    assert {model.view_row(5), model.view_row(7)} <= set(changed)  # both rows repainted
    window.results_panel.list_view.viewport().repaint()  # the delegate paints the highlight


def test_a_world_sized_area_does_not_read_aoi_0_percent(qtbot, window: MainWindow) -> None:
    ws = window.workspace
    ws.set_aoi(Aoi.from_bbox(-180.0, -85.0, 180.0, 85.0))
    open_sample(qtbot, window)
    search(qtbot, window, SearchQuery(collections=("sentinel-2-l2a",), limit=20))
    store = ws.search.store
    qtbot.waitUntil(
        lambda: (
            ws.coverage is not None
            and len(ws.coverage) == len(store)
            and not np.isnan(ws.coverage).any()
        ),
        timeout=20000,
    )
    from stacdesk.ui.results.delegate import row_details

    model = window.results_panel.model
    details = [" · ".join(row_details(model.index(row))) for row in range(model.rowCount())]
    assert details and not any("AOI" in line for line in details)
    ws.set_coverage(np.full(len(store), 0.37))
    assert "AOI 37 %" in row_details(model.index(0))


def test_filter_bar_days_follow_the_loaded_results(qtbot, window: MainWindow) -> None:
    open_sample(qtbot, window)
    bar, store = window.results_panel.filter_bar, window.workspace.search.store

    def loaded_days() -> tuple[QDate, QDate]:
        first, last = (datetime.fromtimestamp(f(store.datetimes), UTC) for f in (np.min, np.max))
        return QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day)

    for interval in ("2025-05-30T00:00:00Z/2025-06-29T23:59:59Z", "2023-03-01/2023-03-20"):
        search(qtbot, window, SearchQuery(collections=("landsat-c2-l2",), datetime=interval))
        qtbot.waitUntil(lambda: len(store) > 0)  # the store empties as a search starts
        assert (bar.from_date.date(), bar.to_date.date()) == loaded_days()
    bar.from_check.setChecked(True)  # from the first result's day: nothing is hidden yet
    assert window.workspace.result_filter.active
    assert window.results_panel.model.rowCount() == len(store)
    bar.to_check.setChecked(True)
    bar.to_date.line.selectAll()
    qtbot.keyClicks(bar.to_date.line, "2023-03-10")  # a typed day is taken whole
    end = window.workspace.result_filter.criteria.time_range[1]
    assert datetime.fromtimestamp(end, UTC).date().isoformat() == "2023-03-10"


def test_enter_on_a_result_shows_it_on_the_map_and_focuses_its_details(
    qtbot, window: MainWindow
) -> None:
    from tests.ui.test_search_dates import open_sample, search

    open_sample(qtbot, window)
    window.search_panel.collections.set_checked({"sentinel-2-l2a"})
    search(qtbot, window)
    view = window.results_panel.list_view
    window.map_panel.viewbox.setRange(xRange=(-180, 180), yRange=(-90, 90), padding=0)
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    (x0, x1), _ = window.map_panel.viewbox.viewRange()
    assert x1 - x0 < 90  # zoomed in on the result
    assert window.item_panel.tabs.hasFocus() or window.item_panel.tabs.isAncestorOf(
        QApplication.focusWidget()
    )
