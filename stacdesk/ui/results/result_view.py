"""The result list's view: a one-column QTableView dressed as a list.

Why not QListView: its layout asks the model for an index of every row whenever rows are added,
and each of those calls enters Python (``rowCount`` of our model) under the GIL. With 10,000
results that is 10,000 Python calls per page, contended with the threads parsing the next page:
the GUI thread stalled for 100-200 ms per page. A table with fixed row heights keeps no per-row
layout at all; it asks only about the rows on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class ResultView(QTableView):
    def __init__(self, row_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        columns = self.horizontalHeader()
        columns.hide()
        columns.setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(row_height)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home and End go to the first and last result, as in a list (a table stays in the row)."""
        model = self.model()
        if model is not None and model.rowCount():
            if action == QAbstractItemView.CursorAction.MoveHome:
                return model.index(0, 0)
            if action == QAbstractItemView.CursorAction.MoveEnd:
                return model.index(model.rowCount() - 1, 0)
        return super().moveCursor(action, modifiers)
