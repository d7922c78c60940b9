"""The downloads dock: every asset download as a row, a total progress bar, and the controls
(per selected rows and for all). Thin: it shows the engine's jobs and calls its methods.

Finished rows stay (the history) until "Clear finished". Assets dragged from the item details
(our MIME type) are queued when dropped here; results dragged from the list open the bulk dialog
for them (``items_dropped``); rows dragged out give file managers the local file when it is
downloaded, else its URL (see ``asset_mime``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.downloads.engine import DownloadEngine
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg
from stacdesk.ui.downloads.asset_mime import (
    ASSETS_MIME,
    ITEMS_MIME,
    assets_from_mime,
    items_from_mime,
)
from stacdesk.ui.downloads.downloads_model import (
    FRACTION_ROLE,
    PROGRESS,
    WIDTHS,
    DownloadsModel,
    duration_text,
)
from stacdesk.ui.downloads.folder_opener import open_folder, reveal_file
from stacdesk.ui.locale_format import size
from stacdesk.ui.toolbar_overflow import name_overflow_button

TOTALS_INTERVAL_MS = 250


class ProgressDelegate(QStyledItemDelegate):
    """Paints the progress column as a progress bar (no widget per row)."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        value = index.data(FRACTION_ROLE)
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(2, 3, -2, -3))
        bar.minimum, bar.maximum = 0, 1000 if value is not None else 0
        bar.progress = int((value or 0) * 1000)
        bar.text = str(index.data() or "")
        bar.textVisible = True
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


class DownloadsTable(QTableView):
    """Accepts asset and result drops; drags rows out as file / URL lists."""

    assets_dropped = Signal(list)  # [(item, key)]
    items_dropped = Signal(list)  # [item]: whole results (which assets is asked for)

    def __init__(self, model: DownloadsModel) -> None:
        super().__init__()
        self.downloads = model
        self.setModel(model)
        self.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in WIDTHS.items():
            self.setColumnWidth(column, width)

    @staticmethod
    def _ours(mime: QMimeData) -> bool:
        return mime.hasFormat(ASSETS_MIME) or mime.hasFormat(ITEMS_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._ours(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._ours(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        pairs = assets_from_mime(mime)
        items = [] if pairs else items_from_mime(mime)
        if not pairs and not items:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if pairs:
            self.assets_dropped.emit(pairs)
        else:
            self.items_dropped.emit(items)

    def mime_for_rows(self, rows: list[int]) -> QMimeData:
        """Done rows as local files, the others as their remote URL."""
        urls = []
        for row in rows:
            job = self.downloads.job(row)
            if job.state is JobState.DONE and Path(job.dest).is_file():
                urls.append(QUrl.fromLocalFile(job.dest))
            elif job.href.startswith(("http://", "https://")):
                urls.append(QUrl(job.href))
        mime = QMimeData()
        if urls:
            mime.setUrls(urls)
            mime.setText("\n".join(u.toString() for u in urls))
        return mime

    def startDrag(self, supported: Qt.DropAction) -> None:
        from PySide6.QtGui import QDrag

        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        mime = self.mime_for_rows(rows)
        if not mime.hasUrls():
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)


class DownloadsPanel(QWidget):
    """The queue: table, totals and buttons. ``assets_dropped`` reaches the engine directly."""

    def __init__(self, engine: DownloadEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.model = DownloadsModel(engine, self)
        self.table = named(
            DownloadsTable(self.model),
            self.tr("Downloads"),
            self.tr("Queued, running and finished downloads"),
        )
        self.total_bar = QProgressBar(textVisible=True)
        self.total_bar.setRange(0, 1000)
        self.total_label = QLabel(
            self.tr("No downloads yet. Drag assets here or use Download on an item.")
        )
        self.total_label.setWordWrap(True)  # two lines kept for it from the start, see below
        self.total_label.setMinimumHeight(2 * self.total_label.fontMetrics().lineSpacing())
        # A toolbar, not a row of buttons: what does not fit a narrow dock goes to its » menu.
        self.controls = QToolBar(self.tr("Download controls"))
        self.buttons: dict[str, QToolButton] = {}
        controls = {  # name: (text, tooltip)
            "pause_all": (self.tr("Pause all"), self.tr("Pause every queued or running download")),
            "resume_all": (self.tr("Resume all"), self.tr("Resume every paused download")),
            "cancel_all": (self.tr("Cancel all"), self.tr("Cancel every download not finished")),
            "retry_failed": (self.tr("Retry failed"), self.tr("Retry every failed download")),
            "clear": (self.tr("Clear finished"), self.tr("Remove finished rows (files stay)")),
            "folder": (self.tr("Open folder"), self.tr("Open the download folder")),
        }
        slots = (
            engine.pause_all,
            engine.resume_all,
            self._cancel_all,
            engine.retry_failed,
            self._clear,
            self.open_download_folder,
        )
        for (name, (text, tip)), slot in zip(controls.items(), slots, strict=True):
            action = self.controls.addAction(text)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            self.buttons[name] = self.controls.widgetForAction(action)
        name_overflow_button(self.controls, self.tr("More download controls"))
        totals = QHBoxLayout()
        totals.addWidget(self.total_bar, 1)
        totals.addWidget(self.total_label, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.controls)
        layout.addLayout(totals)
        layout.addWidget(self.table, 1)
        self.row_actions = self._make_row_actions()
        self.update_row_actions()
        self.table.customContextMenuRequested.connect(self._on_menu)
        self.table.selectionModel().selectionChanged.connect(self.update_row_actions)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.assets_dropped.connect(self.add_assets)
        self._totals_timer = QTimer(self, interval=TOTALS_INTERVAL_MS, singleShot=True)
        self._totals_timer.timeout.connect(self.update_totals)
        engine.job_added.connect(self._schedule_totals)
        engine.job_changed.connect(self._schedule_totals)
        engine.progress.connect(self._schedule_totals)
        engine.jobs_removed.connect(self._schedule_totals)
        self.update_totals()

    def _make_row_actions(self) -> dict[str, QAction]:
        actions = {}
        for name, text, slot in (
            ("pause", self.tr("Pause"), lambda: self.engine.pause(self.selected_ids())),
            ("resume", self.tr("Resume"), lambda: self.engine.resume(self.selected_ids())),
            ("cancel", self.tr("Cancel"), lambda: self.engine.cancel(self.selected_ids())),
            ("retry", self.tr("Retry"), lambda: self.engine.retry(self.selected_ids())),
            ("reveal", self.tr("Show file in folder"), self.reveal_selected),
            ("open_folder", self.tr("Open folder"), self.open_selected_folder),
            ("copy_url", self.tr("Copy URL"), self.copy_selected_urls),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            actions[name] = action
        return actions

    # -- selection
    def selected_jobs(self) -> list[DownloadJob]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.job(row) for row in rows]

    def selected_ids(self) -> list[int]:
        return [job.id for job in self.selected_jobs()]

    def select_job(self, job_id: int) -> None:
        row = self.model.row_of(job_id)
        if row is not None:
            self.table.selectRow(row)

    # -- actions
    @Slot(list)
    def add_assets(self, pairs: list) -> None:
        for item, key in pairs:
            self.engine.add_asset(item, key)

    @Slot()
    def _cancel_all(self) -> None:
        self.engine.cancel_all()

    @Slot()
    def _clear(self) -> None:
        self.engine.clear_finished()

    @Slot()
    def open_download_folder(self) -> None:
        self.engine.folder.mkdir(parents=True, exist_ok=True)
        open_folder(self.engine.folder, self)

    @Slot()
    def reveal_selected(self) -> None:
        for job in self.selected_jobs()[:1]:
            reveal_file(Path(job.dest), self)

    @Slot()
    def open_selected_folder(self) -> None:
        for job in self.selected_jobs()[:1]:
            folder = Path(job.dest).parent
            open_folder(folder if folder.exists() else Path(job.root), self)

    @Slot()
    def copy_selected_urls(self) -> None:
        QApplication.clipboard().setText("\n".join(job.href for job in self.selected_jobs()))

    def _on_double_click(self, index: QModelIndex | QPersistentModelIndex) -> None:
        job = self.model.job(index.row())
        if job.state is JobState.DONE:
            reveal_file(Path(job.dest), self)

    @Slot(QPoint)
    def _on_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and index.row() not in {
            i.row() for i in self.table.selectionModel().selectedRows()
        }:
            self.table.selectRow(index.row())
        self.update_row_actions()
        self.menu = QMenu(self.table)
        self.menu.addActions(list(self.row_actions.values()))
        self.menu.popup(self.table.viewport().mapToGlobal(pos))

    @Slot()
    def update_row_actions(self, *_args: object) -> None:
        """Enable what makes sense for the selected rows."""
        states = {job.state for job in self.selected_jobs()}
        acts = self.row_actions
        acts["pause"].setEnabled(bool(states & {JobState.QUEUED, JobState.RUNNING}))
        acts["resume"].setEnabled(JobState.PAUSED in states)
        acts["cancel"].setEnabled(any(not s.finished for s in states))
        acts["retry"].setEnabled(bool(states & {JobState.FAILED, JobState.CANCELLED}))
        for name in ("reveal", "open_folder", "copy_url"):
            acts[name].setEnabled(bool(states))

    # -- totals
    def _schedule_totals(self, *_args: object) -> None:
        if not self._totals_timer.isActive():
            self._totals_timer.start()

    @Slot()
    def update_totals(self) -> None:
        jobs = list(self.engine.jobs.values())
        if not jobs:
            self.total_bar.setValue(0)
            self.total_bar.setFormat("")
            return
        done_bytes, total_bytes = self.engine.totals()
        counts = {state: 0 for state in JobState}
        for job in jobs:
            counts[job.state] += 1
        speed = sum(job.speed for job in jobs if job.state is JobState.RUNNING)
        active = len(jobs) - counts[JobState.CANCELLED]
        if total_bytes:
            self.total_bar.setRange(0, 1000)
            self.total_bar.setValue(int(1000 * done_bytes / total_bytes))
            self.total_bar.setFormat(arg(self.tr("%1 of %2"), size(done_bytes), size(total_bytes)))
        else:
            self.total_bar.setRange(0, 1000)
            self.total_bar.setValue(int(1000 * counts[JobState.DONE] / max(1, active)))
            self.total_bar.setFormat(size(done_bytes))
        parts = [arg(self.tr("%1 of %2 done"), counts[JobState.DONE], active)]
        if counts[JobState.RUNNING]:
            running = self.tr("%1 downloading at %2/s")
            parts.append(arg(running, counts[JobState.RUNNING], size(speed)))
            if total_bytes and speed:
                left = duration_text((total_bytes - done_bytes) / speed)
                parts.append(arg(self.tr("about %1 left"), left))
        waiting = {
            JobState.QUEUED: self.tr("%1 queued"),
            JobState.PAUSED: self.tr("%1 paused"),
            JobState.FAILED: self.tr("%1 failed"),
        }
        for state, said in waiting.items():
            if counts[state]:
                parts.append(arg(said, counts[state]))
        label = self.total_label
        label.setText(", ".join(parts))
        # Its height only grows: the line count changes as "about N s left" comes and goes, and
        # each change resized the docks beside it, the map and plots redrawn whole (P6-gui).
        needed = label.heightForWidth(label.width())
        if needed > label.minimumHeight():
            label.setMinimumHeight(needed)

    def shutdown(self) -> None:
        self._totals_timer.stop()
        self.model.detach()
        for signal, slot in (
            (self.engine.job_added, self._schedule_totals),
            (self.engine.job_changed, self._schedule_totals),
            (self.engine.progress, self._schedule_totals),
            (self.engine.jobs_removed, self._schedule_totals),
        ):
            signal.disconnect(slot)
