"""A list model over the core result store, showing the local filter's rows in the chosen order.

The model keeps one numpy array, ``rows`` (view row → store row), and its inverse. Filtering and
sorting are numpy over the store's columns (core ``ResultFilter`` / ``order_rows``), so 100,000
results re-sort in milliseconds; no QSortFilterProxyModel calling Python per row.

Pages in the server's order are inserted at the end once per page (``beginInsertRows``); in any
other order, and when the filter or sort changes, the model re-lays itself out and moves the
persistent indexes (the selection follows its results). Scrolling to the end asks the search for
the next page (``canFetchMore`` / ``fetchMore``) — except while the local filter hides rows: then
paging is explicit (a "Load more" button), so a filter never pages through a whole search.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from stacdesk.core.results.order import order_rows
from stacdesk.core.results.sorted_rows import SortedRows
from stacdesk.core.results.store import ResultBatch
from stacdesk.core.search.session import SearchState
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.core_text import arg
from stacdesk.ui.locale_format import date_time

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLLECTION_ROLE = Qt.ItemDataRole.UserRole + 2
DATETIME_ROLE = Qt.ItemDataRole.UserRole + 3
CLOUD_ROLE = Qt.ItemDataRole.UserRole + 4
PLATFORM_ROLE = Qt.ItemDataRole.UserRole + 5
THUMBNAIL_HREF_ROLE = Qt.ItemDataRole.UserRole + 6
COVERAGE_ROLE = Qt.ItemDataRole.UserRole + 7  # fraction 0..1 of the AOI covered, or None
STORE_ROW_ROLE = Qt.ItemDataRole.UserRole + 8
SOURCES_ROLE = Qt.ItemDataRole.UserRole + 10  # the catalogs holding a product (several only)
HOVERED_ROLE = (
    Qt.ItemDataRole.UserRole + 9
)  # the result under the pointer, in the list or on the map


PREPARE_AFTER_MS = 1000  # no page for this long: the search has stopped or waits for the user


def format_datetime(epoch: float) -> str:
    """The result's time as the window's locale writes it (UTC)."""
    return date_time(epoch) or QCoreApplication.translate("ResultListModel", "no date")


class ResultListModel(QAbstractListModel):
    """Reads the store; never copies it. ``rows`` maps view rows to store rows."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self._workspace = workspace
        self._store = workspace.search.store
        self._filter = workspace.result_filter
        self.sort_key = "arrival"
        self.descending = False
        self.rows = np.empty(0, dtype=np.int64)
        self._position = np.empty(0, dtype=np.int64)  # store row -> view row, -1 when hidden
        # every row's order by each key, prepared in a worker once pages stop arriving
        self.sorted = SortedRows(self._store, self._filter.text_index)
        self._idle = QTimer(self, singleShot=True, interval=PREPARE_AFTER_MS)
        self._idle.timeout.connect(self._prepare_orders)
        self._store.appended.connect(self._on_appended)
        self._store.cleared.connect(self._on_cleared)
        self._filter.changed.connect(self.relayout)
        workspace.coverage_changed.connect(self._on_coverage_changed)
        workspace.hover_changed.connect(self._on_hover_changed)
        self._hovered: int | None = None

    # ------------------------------------------------------------------ mapping

    def store_row(self, view_row: int) -> int:
        return int(self.rows[view_row])

    def view_row(self, store_row: int) -> int | None:
        """Where a result is in the list, or None when it is hidden by the filter."""
        if 0 <= store_row < len(self._position):
            position = int(self._position[store_row])
            return position if position >= 0 else None
        return None

    def view_spans(self, store_rows: np.ndarray) -> list[tuple[int, int]]:
        """The list rows showing ``store_rows`` as (first, last) runs: a selection of a million
        results in list order is one range, not a million."""
        rows = np.asarray(store_rows, dtype=np.int64)
        rows = rows[(rows >= 0) & (rows < len(self._position))]
        view = np.sort(self._position[rows])
        view = view[view >= 0]
        if not len(view):
            return []
        breaks = np.flatnonzero(np.diff(view) != 1)
        firsts = np.concatenate([[view[0]], view[breaks + 1]])
        lasts = np.concatenate([view[breaks], [view[-1]]])
        return list(zip(firsts.tolist(), lasts.tolist(), strict=True))

    def index_of_store_row(self, store_row: int) -> QModelIndex:
        view_row = self.view_row(store_row)
        return self.index(view_row) if view_row is not None else QModelIndex()

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, store = int(self.rows[index.row()]), self._store
        if role in (Qt.ItemDataRole.DisplayRole, ID_ROLE):
            return store.ids[row]
        if role == HOVERED_ROLE:
            return row == self._workspace.hovered_row
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
        if role == COVERAGE_ROLE:
            return self._coverage(row)
        if role == STORE_ROW_ROLE:
            return row
        if role == SOURCES_ROLE:
            return self._sources(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            when = format_datetime(float(store.datetimes[row]))
            sources = self._sources(row)
            found = ""
            if sources and len(sources) > 1:
                found = "\n" + arg(self.tr("in %1"), ", ".join(sources))
            return f"{store.ids[row]}\n{store.collections[row]} · {when}{found}"
        return None

    def _sources(self, row: int) -> list[str] | None:
        several = self._workspace.several
        if self._workspace.search is not several or row >= len(several.merger.products):
            return None
        return several.merger.products[row].source_names

    def _coverage(self, row: int) -> float | None:
        coverage = self._workspace.coverage
        if coverage is None or row >= len(coverage):
            return None
        value = float(coverage[row])
        return None if math.isnan(value) else value

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Scrolling loads more, but not while a filter hides rows nor once the user stopped
        the search (Resume goes on)."""
        return (
            not self._filter.active
            and self.can_load_more(parent)
            and not self._workspace.search.stopped
        )

    def can_load_more(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether another page exists and none is loading (the explicit "Load more")."""
        return (
            not parent.isValid()
            and self._workspace.search.can_fetch_more
            and self._workspace.search.state is not SearchState.LOADING
            and self._workspace.search.state is not SearchState.FAILED
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._workspace.search.fetch_more()

    def load_more(self) -> None:
        """Fetch the next page even while the filter hides rows (a button, not scrolling)."""
        if self.can_load_more():
            self._workspace.search.fetch_more()

    # ------------------------------------------------------------------ order

    def set_sort(self, key: str, descending: bool = False) -> None:
        """Sort by a ``result_order.SORT_KEYS`` key; ValueError for an unknown one."""
        order_rows(self._store, np.empty(0, np.int64), key)  # validates the key
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self.relayout()

    def _ordered(self, mask: np.ndarray) -> np.ndarray:
        return self.sorted.ordered(mask, self.sort_key, self.descending, self._workspace.coverage)

    def _prepare_orders(self) -> None:
        if len(self._store):
            self.sorted.prepare_in_background(self._workspace.coverage, self.sort_key)

    def _set_rows(self, rows: np.ndarray) -> None:
        self.rows = rows
        position = np.full(len(self._store), -1, dtype=np.int64)
        position[rows] = np.arange(len(rows))
        self._position = position

    def relayout(self) -> None:
        """Recompute which rows show and in what order; the selection and current row follow."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_rows = self.rows
        store_rows = [int(old_rows[i.row()]) if i.row() < len(old_rows) else -1 for i in persistent]
        self._set_rows(self._ordered(self._filter.mask))
        moved = [self.index_of_store_row(row) if row >= 0 else QModelIndex() for row in store_rows]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _on_appended(self, start: int, end: int, _batch: ResultBatch) -> None:
        new = np.arange(start, end, dtype=np.int64)[self._filter.mask[start:end]]
        self._idle.start()
        if self.sort_key != "arrival" or self.descending:
            self.relayout()
            return
        self._position = np.concatenate([self._position, np.full(end - start, -1, np.int64)])
        if not len(new):
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self.rows = np.concatenate([self.rows, new])
        self._position[new] = np.arange(first, first + len(new))
        self.endInsertRows()

    def _on_cleared(self) -> None:
        self.beginResetModel()
        self.rows = np.empty(0, dtype=np.int64)
        self._position = np.empty(0, dtype=np.int64)
        self.endResetModel()

    def _on_hover_changed(self) -> None:
        """Repaint the rows that gained or lost the hover, wherever the pointer is."""
        for store_row in {self._hovered, self._workspace.hovered_row} - {None}:
            index = self.index_of_store_row(store_row)  # type: ignore[arg-type]
            if index.isValid():
                self.dataChanged.emit(index, index, [HOVERED_ROLE])
        self._hovered = self._workspace.hovered_row

    def _on_coverage_changed(self) -> None:
        if self.sort_key == "coverage":
            self.relayout()
        elif len(self.rows):
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1), [COVERAGE_ROLE])
