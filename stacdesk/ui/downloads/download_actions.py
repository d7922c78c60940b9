"""Ways work reaches the download engine: "Download this asset" in the item details, "Add assets
to downloads" on results (opens the bulk dialog), Search → Download assets…, asset rows dragged
from the item details and results dragged from the list (onto the downloads panel, or out to a
file manager).

Results dropped on the downloads panel open the same bulk dialog as "Add assets to downloads",
for the dropped results: a Sentinel-2 scene has some twenty assets and a gigabyte or more, so a
drop of a few dozen rows must not queue tens of gigabytes unasked; the dialog shows the total
size and the free space, and the keys or roles typed there are what an analyst wants anyway.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QDrag, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QTableWidget, QWidget

from stacdesk.core.common.message import QT_TRANSLATE_NOOP, said_by
from stacdesk.core.downloads.engine import DownloadEngine
from stacdesk.core.downloads.jobs import DownloadJob
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.downloads.asset_mime import assets_mime, results_mime
from stacdesk.ui.downloads.bulk_download_dialog import MAX_ITEMS, BulkDownloadDialog, Scope
from stacdesk.ui.results.result_drag import ResultDragSource

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from stacdesk.core.workspace.state import Workspace
    from stacdesk.ui.downloads.downloads_panel import DownloadsPanel
    from stacdesk.ui.item_panel import ItemPanel
    from stacdesk.ui.results.results_panel import ResultsPanel
    from stacdesk.ui.status import ShowStatus

QUEUEING = QT_TRANSLATE_NOOP(
    "DownloadActions",
    "Queueing the assets of %1 of %Ln results…",
    "Queueing the assets of %1 of %Ln result…",
    1,
)
QUEUED = QT_TRANSLATE_NOOP(
    "DownloadActions", "Queued %Ln downloads into %1.", "Queued %Ln download into %1.", 1
)


class AssetDragSource(QObject):
    """Starts a drag from the item details' asset rows (the table itself knows nothing of it)."""

    def __init__(
        self,
        table: QTableWidget,
        current_item: Callable[[], dict[str, Any] | None],
        engine: DownloadEngine,
    ) -> None:
        """``current_item`` is the item the table lists; ``engine`` tells which assets are
        already on disk (a drag of those carries the local file too)."""
        super().__init__(table)
        self.table = table
        self.current_item = current_item
        self.engine = engine
        self._press: QPoint | None = None
        table.viewport().installEventFilter(self)

    def selected_pairs(self) -> list[tuple[dict[str, Any], str]]:
        item = self.current_item()
        if item is None:
            return []
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        keys = [cell.text() for row in rows if (cell := self.table.item(row, 0)) is not None]
        return [(item, key) for key in keys]

    def mime(self) -> QMimeData:
        engine = self.engine

        def local(item: dict[str, Any], key: str) -> Path | None:
            return engine.local_file(str(item.get("id")), str(item.get("collection") or ""), key)

        return assets_mime(self.selected_pairs(), local)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton:
                self._press = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._press = None
        elif kind == QEvent.Type.MouseMove and self._press is not None:
            assert isinstance(event, QMouseEvent)
            moved = (event.position().toPoint() - self._press).manhattanLength()
            if moved >= QApplication.startDragDistance() and self.selected_pairs():
                self._press = None
                drag = QDrag(self.table)
                drag.setMimeData(self.mime())
                drag.exec(Qt.DropAction.CopyAction)
                return True
        return False


class DownloadActions(QObject):
    """Connects the panels that ask for downloads (item details, results, a drop on the
    downloads table) to the engine; ``show_panel`` brings the downloads panel forward."""

    def __init__(
        self,
        workspace: Workspace,
        engine: DownloadEngine,
        panels: tuple[ItemPanel, ResultsPanel, DownloadsPanel],
        show_panel: Callable[[], None],
        show_status: ShowStatus,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        item_panel, results_panel, downloads_panel = panels
        self.workspace = workspace
        self.engine = engine
        self.results_panel = results_panel
        self.downloads_panel = downloads_panel
        self.show_panel = show_panel
        self._status = show_status
        self.parent_widget = parent
        self.dialog: BulkDownloadDialog | None = None
        self.queueing: asyncio.Future[list[DownloadJob]] | None = None  # the last bulk add
        self.bulk_action = QAction(self.tr("&Download assets of results…"), parent)
        self.bulk_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.bulk_action.triggered.connect(self.open_bulk_dialog)
        item_panel.asset_download_requested.connect(self.download_asset)
        results_panel.download_requested.connect(self.open_bulk_dialog)
        self.drag_source = AssetDragSource(item_panel.assets, lambda: item_panel.item, engine)
        self.result_drag = ResultDragSource(
            results_panel.list_view, self.selected_results, self.results_mime
        )
        downloads_panel.table.items_dropped.connect(self.open_bulk_dialog_for)
        QTimer.singleShot(0, self.engine.start)  # tasks need the running loop

    def selected_results(self) -> list[dict[str, Any]]:
        store = self.workspace.search.store
        rows = self.results_panel.selected_store_rows()
        return list(self.workspace.items(r for r in rows if 0 <= r < len(store)))

    def results_mime(self, items: list[dict[str, Any]]) -> QMimeData:
        engine = self.engine

        def local(item: dict[str, Any], key: str) -> Path | None:
            return engine.local_file(str(item.get("id")), str(item.get("collection") or ""), key)

        return results_mime(items, local)

    @Slot(int, str)
    def download_asset(self, row: int, key: str) -> None:
        store = self.workspace.search.store
        if not 0 <= row < len(store):
            return
        job = self.engine.add_asset(self.workspace.item(row), key)
        if job is not None:
            self.show_panel()
            self.downloads_panel.select_job(job.id)

    @Slot()
    @Slot(list)
    def open_bulk_dialog(self, rows: list[int] | None = None) -> None:
        """For ``rows`` (the results asked for: they come first) or, from the menu, the
        selection; the filtered and all loaded results are the other choices."""
        workspace = self.workspace
        store = workspace.search.store
        start = "selected" if rows else None
        rows = [r for r in (rows or workspace.selected_rows) if 0 <= r < len(store)]
        self._open_bulk_dialog(Scope(len(rows), lambda: list(self.workspace.items(rows))), start)

    @Slot(list)
    def open_bulk_dialog_for(self, selected: list[dict[str, Any]]) -> None:
        """The bulk dialog for these (dropped) results or, as the other choice, all loaded
        ones."""
        self._open_bulk_dialog(Scope.of(selected), "selected")

    def shown_scope(self) -> Scope | None:
        """The results the list's filter shows, or None when it hides none."""
        workspace = self.workspace
        store = workspace.search.store
        visible = workspace.visible_rows
        if len(visible) != len(store) or bool(visible.all()):
            return None
        rows = [int(r) for r in visible.nonzero()[0][:MAX_ITEMS]]
        return Scope(len(rows), lambda: list(self.workspace.items(rows)))

    def _open_bulk_dialog(self, selected: Scope, start: str | None = None) -> None:
        store = self.workspace.search.store
        rows = range(min(len(store), MAX_ITEMS))
        every = Scope(len(rows), lambda: list(self.workspace.items(rows)))
        if not selected.count and not every.count:
            self._status(self.tr("Search first: there are no results to download."))
            return
        dialog = BulkDownloadDialog(
            selected, every, self.engine.folder, self.parent_widget, self.shown_scope(), start
        )
        dialog.accepted.connect(self._on_bulk_accepted)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_bulk_accepted(self) -> None:
        dialog = self.dialog
        if dialog is None or dialog.result() != QDialog.DialogCode.Accepted:
            return
        items, keys, roles, folder = dialog.chosen()
        self.show_panel()
        status = self._status

        def queued(done: int, total: int) -> None:
            status(shown(QUEUEING(done, n=total)))

        task = asyncio.ensure_future(
            self.engine.add_items_in_steps(items, keys, roles, folder, progress=queued)
        )

        def finished(task: asyncio.Future[list[DownloadJob]]) -> None:
            if task.cancelled():
                return
            if task.exception() is not None:
                failed = self.tr("Could not queue the downloads: %1")
                status(arg(failed, said_by(task.exception())))
            else:
                status(shown(QUEUED(str(folder), n=len(task.result()))))

        task.add_done_callback(finished)
        self.queueing = task
