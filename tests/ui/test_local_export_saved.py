"""The window's entry points for issue 7: File → Open local catalog… and drops, Export results…,
Copy as Python / curl, Save search… with its re-run marking the new results, and the history."""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.geo.geometry import Aoi
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.saved import SearchLibrary
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow
from tests.local_data import small_catalog
from tests.servers.catalog import GeneratedCatalog, expected_ids

EUROPE = (-30.0, 20.0, 60.0, 75.0)


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCatalog:
    return small_catalog(tmp_path_factory)


def wait_open(qtbot, window: MainWindow, url: str) -> None:
    qtbot.waitUntil(
        lambda: window.workspace.catalog is not None and window.workspace.catalog.url == url,
        timeout=20000,
    )


def load_rest(qtbot, window: MainWindow) -> None:
    """Wait for the first page, then page to the end as scrolling the list would."""
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state in (SearchState.MORE, SearchState.DONE), timeout=20000)
    while session.state is SearchState.MORE:
        task = session.fetch_more()
        qtbot.waitUntil(task.done, timeout=20000)


def search_to_end(qtbot, window: MainWindow, query: SearchQuery) -> None:
    first_page = window.workspace.run_search(query)
    assert first_page is not None
    qtbot.waitUntil(first_page.done, timeout=20000)
    load_rest(qtbot, window)


def drop(widget: QWidget, mime: QMimeData) -> bool:
    pos = QPointF(widget.rect().center())
    actions = Qt.DropAction.CopyAction
    with warnings.catch_warnings():  # PySide marks the only QDragEnterEvent constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    QApplication.sendEvent(widget, enter)
    event = QDropEvent(
        pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)
    return enter.isAccepted() and event.isAccepted()


def file_mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def test_open_local_catalog_from_the_menu_and_search_it(
    qtbot, window: MainWindow, local: GeneratedCatalog
) -> None:
    parquet = local.root / "sentinel-2-l2a" / "items.parquet"
    opener = window.local_catalogs
    opener.open_action.trigger()
    assert opener.dialog is not None and opener.dialog.isVisible()
    opener.dialog.fileSelected.emit(str(parquet))
    opener.dialog.close()
    wait_open(qtbot, window, str(parquet.resolve()))
    panel = window.search_panel
    assert panel.catalog_chooser.connection_combo.currentText() == "items.parquet (local)"
    assert panel.collections.model.rowCount() == 1
    assert window.workspace.book.find("items.parquet (local)") is not None  # remembered

    window.workspace.set_aoi(Aoi.from_bbox(*EUROPE))
    search_to_end(qtbot, window, SearchQuery(limit=20))
    truth = expected_ids(local.items_by_collection["sentinel-2-l2a"], bbox=EUROPE)
    assert set(window.workspace.search.store.ids) == truth
    assert window.results_panel.model.rowCount() == len(truth)


def test_dropped_catalog_opens_and_dropped_area_still_sets_the_aoi(
    qtbot, window: MainWindow, local: GeneratedCatalog, tmp_path: Path
) -> None:
    viewport = window.map_panel.plot_widget.viewport()
    ndjson = local.items_path("landsat-c2-l2")
    assert drop(viewport, file_mime(ndjson))
    wait_open(qtbot, window, str(ndjson.resolve()))
    assert window.workspace.aoi is None  # the catalog was not taken for an area

    area = tmp_path / "area.geojson"
    area.write_text(
        json.dumps({"type": "Polygon", "coordinates": [[[0, 40], [10, 40], [10, 50], [0, 40]]]})
    )
    assert drop(viewport, file_mime(area))
    qtbot.waitUntil(lambda: window.workspace.aoi is not None, timeout=10000)
    assert window.workspace.catalog.url == str(ndjson.resolve())  # catalog unchanged

    folder = local.root / "sentinel-1-grd"  # dropped on the results list: the window takes it
    assert drop(window.results_panel, file_mime(folder))
    wait_open(qtbot, window, str(folder.resolve()))


def test_export_selected_results_as_csv_and_all_as_metalink(
    qtbot, window: MainWindow, local: GeneratedCatalog, tmp_path: Path
) -> None:
    window.local_catalogs.open_path(local.root)
    wait_open(qtbot, window, str(local.root.resolve()))
    search_to_end(qtbot, window, SearchQuery(bbox=EUROPE, collections=("sentinel-2-l2a",)))
    store = window.workspace.search.store
    window.workspace.select_rows((3, 1, 4))
    exports = window.exports
    exports.export_action.trigger()
    dialog = exports.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_format("csv")
    assert dialog.assets.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "picked.csv"))
    dialog.scope_combo.setCurrentIndex(dialog.scope_combo.findData("Selected results"))
    dialog.set_checked_keys({"B04"})
    dialog.accept()
    qtbot.waitUntil(
        lambda: exports.last_result is not None or exports.last_error is not None, timeout=20000
    )
    assert exports.last_error is None
    with open(tmp_path / "picked.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [store.ids[1], store.ids[3], store.ids[4]]
    assert [r["asset:B04"] for r in rows] == [
        store.item(i)["assets"]["B04"]["href"] for i in (1, 3, 4)
    ]
    assert "Exported 3 items" in window.statusBar().currentMessage()

    exports.export_action.trigger()
    dialog = exports.dialog
    dialog.set_format("metalink")
    dialog.path_edit.setText(str(tmp_path / "all.meta4"))
    dialog.accept()
    qtbot.waitUntil(
        lambda: exports.last_result is not None or exports.last_error is not None, timeout=20000
    )
    assert exports.last_result.items == len(store)
    assert exports.last_result.assets == sum(
        len(store.item(r)["assets"]) for r in range(len(store))
    )


def test_export_failure_is_reported(qtbot, window: MainWindow, local: GeneratedCatalog) -> None:
    window.local_catalogs.open_path(local.root)
    wait_open(qtbot, window, str(local.root.resolve()))
    search_to_end(qtbot, window, SearchQuery(max_items=5))
    window.exports.export_action.trigger()
    dialog = window.exports.dialog
    dialog.path_edit.setText("/proc/no-such-dir/out.geojson")
    dialog.accept()
    qtbot.waitUntil(lambda: window.exports.last_error is not None, timeout=20000)
    assert window.statusBar().currentMessage().startswith("Export failed: Cannot write")


def test_window_export_to_geoparquet_streams_in_row_groups(
    qtbot, window: MainWindow, local: GeneratedCatalog, tmp_path: Path, monkeypatch
) -> None:
    """The window's export goes through the same streaming writer as the command line: small
    chunks here, so the file is merged from several, with every result in it once."""
    import pyarrow.parquet as pq

    from stacdesk.core.export import geoparquet

    monkeypatch.setattr(geoparquet, "CHUNK_ITEMS", 10)
    monkeypatch.setattr(geoparquet, "ROW_GROUP_ITEMS", 20)
    window.local_catalogs.open_path(local.root)
    wait_open(qtbot, window, str(local.root.resolve()))
    search_to_end(qtbot, window, SearchQuery(bbox=EUROPE, collections=("sentinel-2-l2a",)))
    store = window.workspace.search.store
    assert len(store) > 20
    exports = window.exports
    exports.export_action.trigger()
    dialog = exports.dialog
    dialog.set_format("geoparquet")
    target = tmp_path / "exports" / "all.parquet"
    dialog.path_edit.setText(str(target))
    dialog.accept()
    qtbot.waitUntil(
        lambda: exports.last_result is not None or exports.last_error is not None, timeout=20000
    )
    assert exports.last_error is None
    written = pq.ParquetFile(target)
    assert written.metadata.num_row_groups == -(-len(store) // 20)
    assert sorted(written.read(columns=["id"]).column("id").to_pylist()) == sorted(store.ids)
    assert [p.name for p in target.parent.iterdir()] == ["all.parquet"]  # no spool or .part


def test_copy_as_python_and_curl_from_an_api_search(
    qtbot, window: MainWindow, pgstac_api: str
) -> None:
    window.search_panel.open_connection(Connection("test", pgstac_api))
    wait_open(qtbot, window, pgstac_api)
    window.workspace.set_aoi(Aoi.from_bbox(*EUROPE))
    search_to_end(qtbot, window, SearchQuery(collections=("landsat-c2-l2",), limit=50))
    clipboard = QApplication.clipboard()
    window.reproduce.copy_python_action.trigger()
    code = clipboard.text()
    compile(code, "snippet", "exec")
    assert f"Client.open({pgstac_api!r})" in code
    assert "method='POST'" in code and "bbox=[-30.0, 20.0, 60.0, 75.0]" in code
    window.reproduce.copy_curl_action.trigger()
    curl = clipboard.text()
    assert curl.startswith("curl -sS -X POST") and f"{pgstac_api}/search" in curl
    window.reproduce.copy_cli_action.trigger()
    assert clipboard.text().startswith(f"stacdesk search {pgstac_api} --collections landsat-c2-l2")


def test_copy_curl_of_a_local_catalog_explains_why_not(
    qtbot, window: MainWindow, local: GeneratedCatalog
) -> None:
    window.local_catalogs.open_path(local.root)
    wait_open(qtbot, window, str(local.root.resolve()))
    QApplication.clipboard().setText("unchanged")
    window.reproduce.copy_curl_action.trigger()
    assert QApplication.clipboard().text() == "unchanged"
    assert "needs a STAC API" in window.statusBar().currentMessage()
    window.reproduce.copy_python_action.trigger()
    assert "LocalCatalog.open(" in QApplication.clipboard().text()


def write_items(path: Path, items: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(i) + "\n" for i in items))


def test_save_search_rerun_marks_new_results_and_history_persists(
    qtbot, window: MainWindow, local: GeneratedCatalog, tmp_path: Path
) -> None:
    items = local.items_by_collection["sentinel-2-l2a"]
    path = tmp_path / "watched.ndjson"
    write_items(path, items[:40])
    window.local_catalogs.open_path(path)
    wait_open(qtbot, window, str(path.resolve()))
    search_to_end(qtbot, window, SearchQuery(limit=15))
    menu = window.saved_searches
    menu.save_action.trigger()
    assert menu.dialog is not None
    menu.dialog.setTextValue("watch")
    menu.dialog.accept()
    saved = menu.library.find("watch")
    assert saved is not None and len(saved.seen_ids) == 40

    write_items(path, items[:50])  # ten new scenes arrive
    window.search_panel.open_sample()  # elsewhere meanwhile
    qtbot.waitUntil(lambda: window.workspace.connection.kind == "local" and
                    window.workspace.catalog is not None and
                    window.workspace.catalog.url != str(path.resolve()), timeout=20000)  # fmt: skip
    menu.rebuild_saved_menu()
    action = next(a for a in menu.saved_menu.actions() if a.text() == "watch")
    action.trigger()
    session = window.workspace.search
    qtbot.waitUntil(lambda: menu.task is not None and menu.task.done(), timeout=20000)
    qtbot.waitUntil(lambda: len(window.workspace.search.store) > 0, timeout=20000)  # new search
    load_rest(qtbot, window)
    assert window.workspace.catalog.url == str(path.resolve())
    assert len(session.store) == 50
    new = {i["id"] for i in items[40:50]}
    selected = {session.store.ids[r] for r in window.workspace.selected_rows}
    assert selected == new
    assert "10 new since the last run" in window.statusBar().currentMessage()

    restarted = SearchLibrary()  # a new app start reads the same file
    assert len(restarted.find("watch").seen_ids) == 50
    assert len(restarted.history) == 1  # the same search twice is one history entry
    assert restarted.history[0].connection.url == str(path.resolve())
    assert restarted.history[0].same_search(restarted.find("watch"))
    menu.rebuild_history_menu()
    history_texts = [a.text() for a in menu.history_menu.actions()]
    assert any("watched.ndjson (local)" in t for t in history_texts)


def test_run_from_history_restores_area_and_query(
    qtbot, window: MainWindow, local: GeneratedCatalog
) -> None:
    window.local_catalogs.open_path(local.root)
    wait_open(qtbot, window, str(local.root.resolve()))
    window.workspace.set_aoi(Aoi.from_bbox(*EUROPE))
    search_to_end(qtbot, window, SearchQuery(collections=("landsat-c2-l2",)))
    first = set(window.workspace.search.store.ids)
    window.workspace.set_aoi(None)
    search_to_end(qtbot, window, SearchQuery(max_items=3))
    menu = window.saved_searches
    assert menu.library.history[1].query.collections == ("landsat-c2-l2",)
    menu.run_history(1)
    qtbot.waitUntil(lambda: menu.task is not None and menu.task.done(), timeout=20000)
    qtbot.waitUntil(lambda: len(window.workspace.search.store) > 0, timeout=20000)  # new search
    load_rest(qtbot, window)
    assert window.workspace.aoi is not None and window.workspace.aoi.bbox == EUROPE
    assert set(window.workspace.search.store.ids) == first
    assert window.search_panel.query().collections == ("landsat-c2-l2",)  # the panel shows it


def test_the_panel_shows_the_search_that_runs_from_history(
    qtbot, window: MainWindow, local: GeneratedCatalog
) -> None:
    window.local_catalogs.open_path(local.root)
    wait_open(qtbot, window, str(local.root.resolve()))
    ran = SearchQuery(
        collections=("sentinel-2-l2a",),
        datetime="2024-04-01T00:00:00Z/2024-09-30T23:59:59Z",
        ids=("a", "b"),
        filter='"eo:cloud_cover" < 40',
        limit=37,
    )
    search_to_end(qtbot, window, ran)
    search_to_end(qtbot, window, SearchQuery(max_items=3))  # something else meanwhile
    panel = window.search_panel
    assert panel.query() != ran
    window.saved_searches.run_history(1)
    qtbot.waitUntil(lambda: window.saved_searches.task.done(), timeout=20000)
    shown = panel.query()
    assert (shown.collections, shown.datetime, shown.ids, shown.limit) == (
        ran.collections,
        ran.datetime,
        ran.ids,
        ran.limit,
    )
    assert "eo:cloud_cover" in panel.filters.cql2_edit.toPlainText()
    assert shown.filter is not None


def test_what_a_local_catalog_skipped_is_shown(
    qtbot, window: MainWindow, local: GeneratedCatalog, tmp_path: Path
) -> None:
    lines = local.items_path("sentinel-2-l2a").read_text().splitlines()[:4]
    path = tmp_path / "partly.ndjson"
    path.write_text("\n".join([*lines, "{broken"]) + "\n")
    window.local_catalogs.open_path(path)
    wait_open(qtbot, window, str(path.resolve()))
    assert window.statusBar().currentMessage() == (
        "Opened partly.ndjson (local) (4 items). "
        "1 line of partly.ndjson is not a STAC item and was skipped."
    )
