"""The downloads table model: one row per job, fed by the engine's events.

Rows are only ever appended (new jobs) or removed in one reset (history cleared), so a job's row
is a dict lookup; a progress event repaints that row's cells and nothing else.

The state comes right after the file name: a failed row says why in its own text (elided; the
tooltip has all of it), where a narrow dock still shows it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from stacdesk.core.downloads.engine import DownloadEngine
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.locale_format import size

COLUMNS = (
    QT_TRANSLATE_NOOP("DownloadsModel", "File"),
    QT_TRANSLATE_NOOP("DownloadsModel", "State"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Progress"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Size"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Speed"),
    QT_TRANSLATE_NOOP("DownloadsModel", "ETA"),
    QT_TRANSLATE_NOOP("DownloadsModel", "Item"),
)
FILE, STATE, PROGRESS, SIZE, SPEED, ETA, ITEM = range(len(COLUMNS))
WIDTHS = {FILE: 200, STATE: 240, PROGRESS: 120, SIZE: 80, SPEED: 90, ETA: 80}  # Item stretches
JOB_ROLE = Qt.ItemDataRole.UserRole + 1  # the DownloadJob of a row
FRACTION_ROLE = Qt.ItemDataRole.UserRole + 2  # 0..1 done, or None when the size is unknown

STATE_TEXT = {
    JobState.QUEUED: QT_TRANSLATE_NOOP("DownloadsModel", "Queued"),
    JobState.RUNNING: QT_TRANSLATE_NOOP("DownloadsModel", "Downloading"),
    JobState.PAUSED: QT_TRANSLATE_NOOP("DownloadsModel", "Paused"),
    JobState.DONE: QT_TRANSLATE_NOOP("DownloadsModel", "Done"),
    JobState.FAILED: QT_TRANSLATE_NOOP("DownloadsModel", "Failed"),
    JobState.CANCELLED: QT_TRANSLATE_NOOP("DownloadsModel", "Cancelled"),
}

Index = QModelIndex | QPersistentModelIndex


def translated(text: str) -> str:
    """A ``QT_TRANSLATE_NOOP("DownloadsModel", …)`` text in the window's language."""
    return QCoreApplication.translate("DownloadsModel", text)


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = round(seconds)
    if seconds < 60:
        return arg(QCoreApplication.translate("DownloadsModel", "%1 s"), seconds)
    if seconds < 3600:
        return arg(
            QCoreApplication.translate("DownloadsModel", "%1 min %2 s"),
            seconds // 60,
            f"{seconds % 60:02d}",
        )
    return arg(
        QCoreApplication.translate("DownloadsModel", "%1 h %2 min"),
        seconds // 3600,
        f"{seconds % 3600 // 60:02d}",
    )


def state_text(job: DownloadJob) -> str:
    """The job's state in the window's language, with the reason when it failed or waits."""
    if job.state is JobState.FAILED and job.error:
        return arg(QCoreApplication.translate("DownloadsModel", "Failed: %1"), job.error)
    if job.state is JobState.RUNNING and job.error:  # waiting to retry
        return arg(QCoreApplication.translate("DownloadsModel", "Retrying: %1"), job.error)
    return translated(STATE_TEXT[job.state])


def fraction(job: DownloadJob) -> float | None:
    if job.state is JobState.DONE:
        return 1.0
    size = job.size
    if not size:
        return None
    return min(1.0, job.bytes_done / size)


class DownloadsModel(QAbstractTableModel):
    def __init__(self, engine: DownloadEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.ids: list[int] = sorted(engine.jobs)
        self._rows = {job_id: row for row, job_id in enumerate(self.ids)}
        engine.job_added.connect(self._on_added)
        engine.job_changed.connect(self._on_changed)
        engine.progress.connect(self._on_changed)
        engine.jobs_removed.connect(self._on_removed)

    def detach(self) -> None:
        """Stop listening (the panel is going away; the engine may live on)."""
        self.engine.job_added.disconnect(self._on_added)
        self.engine.job_changed.disconnect(self._on_changed)
        self.engine.progress.disconnect(self._on_changed)
        self.engine.jobs_removed.disconnect(self._on_removed)

    def job(self, row: int) -> DownloadJob:
        return self.engine.jobs[self.ids[row]]

    def row_of(self, job_id: int) -> int | None:
        return self._rows.get(job_id)

    # -- engine events
    def _on_added(self, job: DownloadJob) -> None:
        row = len(self.ids)
        self.beginInsertRows(QModelIndex(), row, row)
        self.ids.append(job.id)
        self._rows[job.id] = row
        self.endInsertRows()

    def _on_changed(self, job: DownloadJob) -> None:
        row = self._rows.get(job.id)
        if row is not None:
            self.dataChanged.emit(self.index(row, STATE), self.index(row, ETA))

    def _on_removed(self, _ids: list[int]) -> None:
        self.beginResetModel()
        self.ids = [i for i in self.ids if i in self.engine.jobs]
        self._rows = {job_id: row for row, job_id in enumerate(self.ids)}
        self.endResetModel()

    # -- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translated(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        job = self.job(index.row())
        column = index.column()
        if role == JOB_ROLE:
            return job
        if role == FRACTION_ROLE:
            return fraction(job)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FILE:
                return job.dest
            if column == STATE:
                return "\n".join(shown(t) for t in (state_text(job), job.note, job.source) if t)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == FILE:
            return job.filename
        if column == ITEM:
            return f"{job.item_id} · {job.asset_key}"
        if column == SIZE:
            return size(job.size) if job.size is not None else ""
        if column == PROGRESS:
            done = fraction(job)
            return (
                arg(QCoreApplication.translate("DownloadsModel", "%1%"), round(done * 100))
                if done is not None
                else size(job.bytes_done)
            )
        if column == SPEED:
            return (
                arg(QCoreApplication.translate("DownloadsModel", "%1/s"), size(job.speed))
                if job.state is JobState.RUNNING
                else ""
            )
        if column == ETA:
            return duration_text(job.eta)
        if column == STATE:
            return state_text(job)
        return None
