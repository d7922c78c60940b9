"""The results dock: a count line above a virtualised list; selection goes to the workspace."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Slot
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from stacdesk.core.search_session import SearchState
from stacdesk.core.workspace import Workspace
from stacdesk.ui.results.delegate import ResultDelegate
from stacdesk.ui.results.model import ResultListModel


class ResultsPanel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = ResultListModel(workspace.search)
        self.count_label = QLabel("No search yet.")
        self.count_label.setWordWrap(True)
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(ResultDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list_view, 1)
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        workspace.search.changed.connect(self._on_search_changed)
        workspace.selection_changed.connect(self._on_workspace_selection)

    @Slot()
    def _on_current_changed(self, current, _previous) -> None:
        self.workspace.select(current.row() if current.isValid() else None)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not self.list_view.selectionModel().hasSelection():
            self.workspace.select(None)

    def _on_workspace_selection(self) -> None:
        row = self.workspace.selected_row
        current = self.list_view.currentIndex()
        if row is not None and (not current.isValid() or current.row() != row):
            self.list_view.setCurrentIndex(self.model.index(row))

    def _on_search_changed(self) -> None:
        session = self.workspace.search
        text = session.summary()
        if session.state is SearchState.LOADING:
            text += " — loading…"
        elif session.state is SearchState.FAILED and session.error:
            text += f" — {session.error}"
        if session.method and session.method != "local":
            text += f"  ({session.method})"
        if session.notes:
            text += "\n" + " ".join(session.notes)
        self.count_label.setText(text)
        # The list only asks for more when scrolled; if the first pages don't fill it, keep going.
        if session.state is SearchState.MORE and self._list_not_full():
            self.model.fetchMore()

    def _list_not_full(self) -> bool:
        bar = self.list_view.verticalScrollBar()
        return bar.maximum() == 0
