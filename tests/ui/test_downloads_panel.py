"""The downloads dock in the real window: queue from the item details, by drag and drop and in
bulk; pause / resume / cancel / retry / clear; reveal; and a window closed mid-download resumes
in the next window — against the misbehaving local file server."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QDialogButtonBox

from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.downloads.store import JobStore
from stacdesk.core.results.store import ResultBatch
from stacdesk.ui.downloads.asset_mime import ASSETS_MIME, assets_from_mime
from stacdesk.ui.downloads.bulk_download_dialog import AT_ONCE
from stacdesk.ui.downloads.downloads_model import STATE
from stacdesk.ui.main_window import MainWindow
from tests.core.downloads.conftest import asset, make_item
from tests.servers.flaky_files import Fault, FlakyFileServer, make_bytes
from tests.ui.conftest import make_window

SIZE = 200_000


@pytest.fixture
def server() -> Iterator[FlakyFileServer]:
    with FlakyFileServer() as flaky:
        yield flaky


def load_items(window: MainWindow, items: list[dict]) -> None:
    window.workspace.search.store.append(ResultBatch.from_features(items))


def two_items(server: FlakyFileServer) -> list[dict]:
    items = []
    for n in range(2):
        b04, b08 = make_bytes(SIZE, seed=n), make_bytes(SIZE // 2, seed=10 + n)
        items.append(
            make_item(
                f"S2_{n}",
                {
                    "B04": asset(server.put(f"/{n}/B04.tif", b04), b04),
                    "B08": asset(server.put(f"/{n}/B08.tif", b08), b08),
                },
            )
        )
    return items


def select_asset_rows(window: MainWindow, *rows: int) -> None:
    table = window.item_panel.assets
    table.clearSelection()
    for row in rows:
        for column in range(table.columnCount()):
            table.item(row, column).setSelected(True)


def asset_row(window: MainWindow, key: str) -> int:
    table = window.item_panel.assets
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == key)


def test_download_from_item_details_and_history(
    qtbot, window: MainWindow, server: FlakyFileServer
) -> None:
    items = two_items(server)
    load_items(window, items)
    window.workspace.select(0)
    select_asset_rows(window, asset_row(window, "B04"))
    window.item_panel.download_action.trigger()
    engine = window.downloads_engine
    panel = window.downloads_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    job = panel.model.job(0)
    qtbot.waitUntil(lambda: job.state is JobState.DONE, timeout=20000)
    assert Path(job.dest).read_bytes() == make_bytes(SIZE, seed=0)
    assert panel.model.index(0, STATE).data() == "Done"
    assert window.docks["downloads"].isVisible()
    panel.update_totals()
    assert panel.total_label.text().startswith("1 of 1 done")
    assert panel.total_bar.value() == 1000
    assert engine.store.get(job.id).state is JobState.DONE

    # History survives into the next window until it is cleared.
    window.close()
    second = make_window(qtbot)
    assert second.downloads_panel.model.rowCount() == 1
    second.downloads_panel.buttons["clear"].click()
    assert second.downloads_panel.model.rowCount() == 0
    assert Path(job.dest).exists()  # clearing the list keeps the files
    second.close()


def stalled_b04s(server: FlakyFileServer) -> tuple[list[dict], list[Fault]]:
    """``two_items`` whose B04 files stall after 50,000 bytes until their fault is released."""
    items = two_items(server)
    stalls = [Fault("stall", at=50_000), Fault("stall", at=50_000)]
    for number, stall in enumerate(stalls):
        server.fault(f"/{number}/B04.tif", stall)
    return items, stalls


def test_row_controls_pause_resume_cancel_retry_and_reveal(
    qtbot, window: MainWindow, server: FlakyFileServer
) -> None:
    items, _ = stalled_b04s(server)  # left stalled: the test pauses, resumes and cancels
    engine = window.downloads_engine
    panel = window.downloads_panel
    a = engine.add_asset(items[0], "B04")
    b = engine.add_asset(items[1], "B04")
    for job in (a, b):
        qtbot.waitUntil(lambda job=job: job.part_path.exists() and job.part_path.stat().st_size > 0)

    panel.select_job(a.id)  # the actions follow the selection
    assert panel.row_actions["pause"].isEnabled() and not panel.row_actions["retry"].isEnabled()
    panel.row_actions["pause"].trigger()
    qtbot.waitUntil(lambda: a.state is JobState.PAUSED and a.id not in engine._tasks)
    kept = a.part_path.stat().st_size
    assert kept >= 16 * 1024
    panel.select_job(b.id)
    panel.row_actions["cancel"].trigger()
    qtbot.waitUntil(lambda: b.state is JobState.CANCELLED and not b.part_path.exists())
    assert panel.model.index(panel.model.row_of(b.id), STATE).data() == "Cancelled"

    panel.select_job(a.id)
    panel.row_actions["resume"].trigger()
    panel.select_job(b.id)
    assert panel.row_actions["retry"].isEnabled()
    panel.row_actions["retry"].trigger()
    qtbot.waitUntil(lambda: a.state is b.state is JobState.DONE, timeout=20000)
    assert server.gets("/0/B04.tif")[-1].range == f"bytes={kept}-"  # resumed, not restarted

    opened: list[QUrl] = []

    class Catcher(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url)

    catcher = Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        panel.select_job(a.id)
        panel.row_actions["reveal"].trigger()
        panel.row_actions["open_folder"].trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in opened] == [Path(a.dest).parent] * 2


def test_drag_assets_from_details_onto_the_panel_and_out(
    qtbot, window: MainWindow, server: FlakyFileServer
) -> None:
    items = two_items(server)
    load_items(window, items)
    window.workspace.select(1)
    table = window.item_panel.assets
    select_asset_rows(window, asset_row(window, "B04"), asset_row(window, "B08"))
    source = window.download_actions.drag_source
    mime = source.mime()
    assert mime.hasFormat(ASSETS_MIME)
    assert [key for _, key in assets_from_mime(mime)] == ["B04", "B08"]
    assert [u.toString() for u in mime.urls()] == [
        items[1]["assets"]["B04"]["href"],
        items[1]["assets"]["B08"]["href"],
    ]  # not downloaded yet: the remote URLs

    # A real drag ends in the view's viewportEvent (sendEvent of a drop without a drag in
    # progress doesn't get there offscreen), so the events are handed to it as Qt would.
    drop = drop_on(window.downloads_panel.table, mime)
    assert drop.isAccepted()
    engine = window.downloads_engine
    qtbot.waitUntil(lambda: len(engine.jobs) == 2)
    jobs = list(engine.jobs.values())
    qtbot.waitUntil(lambda: all(j.state is JobState.DONE for j in jobs), timeout=20000)

    # Downloaded now: dragging the same rows out gives the local files.
    again = source.mime()
    assert [Path(u.toLocalFile()) for u in again.urls()] == [Path(j.dest) for j in jobs]
    rows_out = window.downloads_panel.table.mime_for_rows([0, 1])
    assert [u.toLocalFile() for u in rows_out.urls()] == [j.dest for j in jobs]
    assert table.rowCount() == 2

    # Something that is not ours is refused.
    other = QMimeData()
    other.setText("hello")
    refused = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        other,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.downloads_panel.table.viewportEvent(refused)
    assert not refused.isAccepted()
    assert len(engine.jobs) == 2


def test_bulk_dialog_totals_free_space_and_queueing(
    qtbot, window: MainWindow, server: FlakyFileServer, tmp_path: Path
) -> None:
    items = two_items(server)
    huge = make_item(
        "huge", {"B04": asset(server.put("/huge.tif", b"x"), None, **{"file:size": 10**18})}
    )
    load_items(window, [*items, huge])
    window.workspace.select_rows((0, 1))
    window.download_actions.bulk_action.trigger()
    dialog = window.download_actions.dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing chosen yet
    assert "B04" in dialog.available.text() and "data" in dialog.available.text()
    dialog.keys.setText("B04, B08")
    dialog.folder.setText(str(tmp_path / "bulk"))
    dialog.update_summary()
    assert "4 assets of 2 results" in dialog.summary.text()
    assert "Total size: 585.9 KiB" in dialog.summary.text()
    assert "Free space there" in dialog.summary.text() and ok.isEnabled()

    dialog.scope_all.setChecked(True)
    dialog.keys.setText("")
    dialog.roles.setText("data")
    dialog.update_summary()
    assert "5 assets of 3 results" in dialog.summary.text()
    assert "Not enough free space" in dialog.summary.text() and not ok.isEnabled()

    dialog.scope_selected.setChecked(True)
    dialog.update_summary()
    ok.click()
    engine = window.downloads_engine
    qtbot.waitUntil(lambda: len(engine.jobs) == 4)
    jobs = list(engine.jobs.values())
    qtbot.waitUntil(lambda: all(j.state is JobState.DONE for j in jobs), timeout=20000)
    assert all(Path(j.dest).is_relative_to(tmp_path / "bulk") for j in jobs)
    # the folder's catalog follows the files (its links are written at most every second)
    qtbot.waitUntil((tmp_path / "bulk" / "catalog.json").is_file, timeout=10000)


def test_bulk_dialog_reads_and_totals_many_results_in_a_worker(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """All 3,000 loaded results: read from the store and totalled off the GUI thread, the
    summary saying so meanwhile; the figures are the same as for a small scope."""
    count = AT_ONCE + 1000
    items = [
        make_item(
            f"many-{n}", {"B04": asset(f"http://127.0.0.1:9/{n}.tif", None, **{"file:size": 1024})}
        )
        for n in range(count)
    ]
    load_items(window, items)
    window.download_actions.bulk_action.trigger()
    dialog = window.download_actions.dialog
    assert dialog is not None and dialog.scope_all.isChecked()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.summary.text() == f"Reading the {count:,} results…" and not ok.isEnabled()
    qtbot.waitUntil(lambda: "B04" in dialog.available.text(), timeout=20000)
    dialog.folder.setText(str(tmp_path / "many"))
    dialog.keys.setText("B04")
    dialog.update_summary()
    assert dialog.summary.text() == f"Counting the assets of {count:,} results…"
    qtbot.waitUntil(lambda: f"{count:,} assets of {count:,} results" in dialog.summary.text())
    assert "Total size: 2.9 MiB" in dialog.summary.text() and ok.isEnabled()
    dialog.keys.setText("B04, B08")  # a pending summary update …
    dialog.reject()
    assert not dialog._timer.isActive()  # … is dropped with the dialog


def test_closing_the_window_stops_downloads_and_the_next_start_resumes(
    qtbot, qloop, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    href = server.put("/big.tif", data)
    server.fault("/big.tif", Fault("stall", at=80_000))
    first = make_window(qtbot)
    job = first.downloads_engine.add_asset(make_item("I", {"data": asset(href, data)}), "data")
    qtbot.waitUntil(lambda: job.part_path.exists() and job.part_path.stat().st_size > 32768)
    first.close()
    qtbot.waitUntil(lambda: not first.downloads_engine._tasks)  # the transfer has stopped
    kept = job.part_path.stat().st_size
    store = JobStore.default()
    assert store.get(job.id).state is JobState.QUEUED
    store.close()

    second = make_window(qtbot)
    resumed = second.downloads_engine.jobs[job.id]
    qtbot.waitUntil(lambda: resumed.state is JobState.DONE, timeout=20000)
    assert Path(resumed.dest).read_bytes() == data
    assert [g.range for g in server.gets("/big.tif")] == [None, f"bytes={kept}-"]
    second.close()


def test_engine_settings_from_the_settings_file(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from stacdesk.ui.downloads.downloads_setup import engine_settings

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    default = engine_settings(settings, tmp_path / "fallback")
    assert (default.folder, default.max_concurrent, default.per_host) == (
        tmp_path / "fallback",
        4,
        2,
    )
    settings.setValue("downloads/max_concurrent", "999")
    settings.setValue("downloads/per_host", "zero")
    settings.setValue("downloads/template", "{collection}/{filename}")  # invalid: not in {dest}
    settings.setValue("downloads/folder", str(tmp_path / "chosen"))
    chosen = engine_settings(settings, tmp_path / "fallback")
    assert chosen.max_concurrent == 32 and chosen.per_host == 2
    assert chosen.template == "{dest}/{collection}/{item_id}/{filename}"
    assert chosen.folder == tmp_path / "chosen"


def drop_on(view, mime: QMimeData) -> QDropEvent:
    """Hand a drag-enter and a drop to the view as Qt would at the end of a real drag."""
    with warnings.catch_warnings():  # Qt marks this constructor deprecated; no other is bound
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    view.viewportEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.viewportEvent(drop)
    return drop


def test_drag_results_from_the_list_onto_the_panel_and_out(
    qtbot, window: MainWindow, server: FlakyFileServer, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from stacdesk.ui.downloads.asset_mime import ITEMS_MIME, items_from_mime
    from tests.ui.conftest import _send_mouse

    items = two_items(server)
    load_items(window, items)
    window.workspace.select_rows((0, 1))
    view = window.results_panel.list_view
    viewport = view.viewport()
    qtbot.waitUntil(lambda: len(view.selectionModel().selectedRows()) == 2)
    source = window.download_actions.result_drag
    started: list[QMimeData] = []
    source.start_drag = started.append  # Qt's drag loop can't run offscreen; the rest is real

    def row_center(row: int) -> QPoint:
        return view.visualRect(window.results_panel.model.index(row)).center()

    def press_and_move(row: int, distance: int) -> None:
        left = Qt.MouseButton.LeftButton
        start = row_center(row)
        _send_mouse(viewport, QMouseEvent.Type.MouseButtonPress, start, left)
        for step in (2, distance):
            _send_mouse(viewport, QMouseEvent.Type.MouseMove, start + QPoint(step, 0), left)

    # A press on a selected row, then a move past the drag distance: the whole selection goes.
    press_and_move(1, QApplication.startDragDistance() + 5)
    assert len(started) == 1
    mime = started[0]
    assert mime.hasFormat(ITEMS_MIME) and not mime.hasFormat(ASSETS_MIME)
    assert sorted(i["id"] for i in items_from_mime(mime)) == ["S2_0", "S2_1"]
    assert sorted(u.toString() for u in mime.urls()) == sorted(
        a["href"] for item in items for a in item["assets"].values()
    )  # nothing downloaded yet: the remote URLs of every asset
    assert len(view.selectionModel().selectedRows()) == 2  # the press did not collapse it
    _send_mouse(
        viewport, QMouseEvent.Type.MouseButtonRelease, row_center(1), Qt.MouseButton.NoButton
    )

    # Dropped on the downloads panel: the bulk dialog asks which assets, for these results.
    drop = drop_on(window.downloads_panel.table, mime)
    assert drop.isAccepted()
    dialog = window.download_actions.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope_selected.isChecked()
    assert sorted(i["id"] for i in dialog.items()) == ["S2_0", "S2_1"]
    engine = window.downloads_engine
    assert not engine.jobs  # nothing queued unasked
    dialog.keys.setText("B04")
    dialog.folder.setText(str(tmp_path / "dropped"))
    dialog.update_summary()
    assert "2 assets of 2 results" in dialog.summary.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: len(engine.jobs) == 2)
    jobs = list(engine.jobs.values())
    qtbot.waitUntil(lambda: all(j.state is JobState.DONE for j in jobs), timeout=20000)
    assert {j.asset_key for j in jobs} == {"B04"}

    # Dragged out again: downloaded assets as local files, the others still as URLs.
    started.clear()
    press_and_move(0, QApplication.startDragDistance() + 5)
    _send_mouse(
        viewport, QMouseEvent.Type.MouseButtonRelease, row_center(0), Qt.MouseButton.NoButton
    )
    (again,) = started
    locals_ = sorted(u.toLocalFile() for u in again.urls() if u.isLocalFile())
    remotes = sorted(u.toString() for u in again.urls() if not u.isLocalFile())
    assert locals_ == sorted(j.dest for j in jobs)
    assert remotes == sorted(item["assets"]["B08"]["href"] for item in items)

    # A click without a move still selects just the clicked row; a short wiggle is no drag.
    started.clear()
    press_and_move(0, 2)
    _send_mouse(
        viewport, QMouseEvent.Type.MouseButtonRelease, row_center(0), Qt.MouseButton.NoButton
    )
    assert not started
    assert [i.row() for i in view.selectionModel().selectedRows()] == [0]
    assert window.workspace.selected_rows == (0,)

    # A press on an unselected row is the view's own (it selects; a drag would select more).
    press_and_move(1, QApplication.startDragDistance() + 5)
    _send_mouse(
        viewport, QMouseEvent.Type.MouseButtonRelease, row_center(1), Qt.MouseButton.NoButton
    )
    assert not started

    # Something that is neither assets nor results is refused.
    other = QMimeData()
    other.setData(ITEMS_MIME, b"not json")
    refused = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        other,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.downloads_panel.table.viewportEvent(refused)
    assert not refused.isAccepted()


def test_the_totals_keep_their_height_so_the_docks_beside_them_stay(
    qtbot, window: MainWindow, server: FlakyFileServer
) -> None:
    """A shorter totals text (the downloads done) leaves the label as high as it was: each change
    of its line count resized the map's and plots' docks, redrawn whole (benchmarks P6-gui)."""
    items, stalls = stalled_b04s(server)
    engine = window.downloads_engine
    panel = window.downloads_panel
    window.docks["downloads"].show()
    window.docks["downloads"].setMaximumWidth(200)  # a narrow dock: the totals wrap
    jobs = [engine.add_asset(item, "B04") for item in items]
    for job in jobs:
        qtbot.waitUntil(lambda job=job: job.part_path.exists() and job.part_path.stat().st_size > 0)
    panel.update_totals()
    long_text = panel.total_label.text()
    assert "downloading" in long_text
    qtbot.wait(50)  # the layout settles
    high = panel.total_label.height()
    docks = dock_sizes(window)
    for fault in stalls:
        fault.release.set()
    qtbot.waitUntil(lambda: all(job.state is JobState.DONE for job in jobs), timeout=20000)
    panel.update_totals()
    assert len(panel.total_label.text()) < len(long_text)
    qtbot.wait(50)  # let a relayout, if one were posted, happen
    assert panel.total_label.height() == high
    assert dock_sizes(window) == docks


def dock_sizes(window: MainWindow) -> dict[str, tuple[int, int]]:
    return {name: d.size().toTuple() for name, d in window.docks.items() if name != "downloads"}
