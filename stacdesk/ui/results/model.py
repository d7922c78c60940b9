"""A list model over the result store: rows appear a page at a time, and scrolling to the end asks
the search session for the next page (``canFetchMore`` / ``fetchMore``).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from stacdesk.core.results import ResultBatch
from stacdesk.core.search_session import SearchSession, SearchState

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLLECTION_ROLE = Qt.ItemDataRole.UserRole + 2
DATETIME_ROLE = Qt.ItemDataRole.UserRole + 3
CLOUD_ROLE = Qt.ItemDataRole.UserRole + 4
PLATFORM_ROLE = Qt.ItemDataRole.UserRole + 5
THUMBNAIL_HREF_ROLE = Qt.ItemDataRole.UserRole + 6


def format_datetime(epoch: float) -> str:
    if math.isnan(epoch):
        return "no date"
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%S")


class ResultListModel(QAbstractListModel):
    """Reads the store; never copies it. Rows are inserted once per page."""

    def __init__(self, session: SearchSession) -> None:
        super().__init__()
        self._session = session
        self._store = session.store
        self._rows = 0
        self._store.appended.connect(self._on_appended)
        self._store.cleared.connect(self._on_cleared)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._rows:
            return None
        row, store = index.row(), self._store
        if role in (Qt.ItemDataRole.DisplayRole, ID_ROLE):
            return store.ids[row]
        if role == COLLECTION_ROLE:
            return store.collections[row]
        if role == DATETIME_ROLE:
            return format_datetime(float(store.datetimes[row]))
        if role == CLOUD_ROLE:
            cloud = float(store.cloud_cover[row])
            return None if math.isnan(cloud) else cloud
        if role == PLATFORM_ROLE:
            return store.platforms[row]
        if role == THUMBNAIL_HREF_ROLE:
            return store.thumbnails[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            when = format_datetime(float(store.datetimes[row]))
            return f"{store.ids[row]}\n{store.collections[row]} · {when}"
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._session.can_fetch_more
            and self._session.state is not SearchState.LOADING
            and self._session.state is not SearchState.FAILED
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._session.fetch_more()

    def _on_appended(self, start: int, end: int, _batch: ResultBatch) -> None:
        self.beginInsertRows(QModelIndex(), start, end - 1)
        self._rows = end
        self.endInsertRows()

    def _on_cleared(self) -> None:
        self.beginResetModel()
        self._rows = 0
        self.endResetModel()
