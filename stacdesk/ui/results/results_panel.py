"""The results dock: filter bar, a count line and a virtualised list with thumbnails.

The list's selection and the workspace's (shared with the map) are kept in step both ways; the
workspace is the truth, so a selection made on the map shows here and survives re-sorting.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.search.session import SearchState
from stacdesk.core.thumbnails.service import ThumbnailService
from stacdesk.core.thumbnails.values import ThumbnailSettings
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.results.delegate import ROW_HEIGHT, THUMB, ResultDelegate
from stacdesk.ui.results.filter_bar import FilterBar
from stacdesk.ui.results.model import ResultListModel
from stacdesk.ui.results.result_actions import ResultActions
from stacdesk.ui.results.result_view import ResultView
from stacdesk.ui.results.source_status import SourceStatus
from stacdesk.ui.results.thumbnail_loader import ThumbnailLoader


def thumbnail_service(settings: QSettings | None) -> ThumbnailService:
    """The list's thumbnail service, tuned by the ``[thumbnails]`` group of the settings file
    (``max_concurrent``, ``disk_limit_mb``, ``memory_limit_mb``, ``max_side``, ``timeout_s``)."""
    values: dict[str, object] = {}
    if settings is not None:
        settings.beginGroup("thumbnails")
        values = {key: settings.value(key) for key in settings.childKeys()}
        settings.endGroup()
    return ThumbnailService(ThumbnailSettings.from_mapping(values))


PREFERRED_WIDTH = 380  # a row's id, date and thumbnail; the map takes what is left


class ResultsPanel(QWidget):
    load_all_requested = Signal()  # "Load all": the window asks first when the search is large

    def sizeHint(self) -> QSize:
        """No wider than a result row needs: the filter bar would ask for its criteria on one row
        (600 px), and docks grow towards their hint, so the map was squeezed to a strip."""
        hint = super().sizeHint()
        return QSize(min(hint.width(), PREFERRED_WIDTH), hint.height())

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        thumbnails: ThumbnailService | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = ResultListModel(workspace)
        self.thumbnails = thumbnails or ThumbnailService(ThumbnailSettings())
        self.filter_bar = FilterBar(workspace.result_filter, self.model)
        self.count_label = QLabel(self.tr("No search yet."))
        self.count_label.setWordWrap(True)
        self.load_more_button = QPushButton(self.tr("Load more"))
        self.load_more_button.setToolTip(
            self.tr("Fetch the next page (while a filter hides rows, scrolling does not load more)")
        )
        self.load_more_button.hide()
        self.load_all_button = QPushButton(self.tr("Load all"))
        self.load_all_button.setToolTip(
            self.tr("Page the search to its end (asks first when it is large; Esc stops)")
        )
        self.load_all_button.hide()
        self.list_view = named(
            ResultView(ROW_HEIGHT), self.tr("Results"), self.tr("Enter opens the selected result")
        )
        self.list_view.setModel(self.model)
        self.delegate = ResultDelegate(self.list_view)
        self.list_view.setItemDelegate(self.delegate)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.loader = ThumbnailLoader(
            self.list_view, self.model, workspace.search.store, self.thumbnails, THUMB
        )
        self.delegate.loader = self.loader
        self.result_actions = ResultActions(workspace, self.selected_store_rows, self.list_view)
        self.download_requested = self.result_actions.download_requested

        count_row = QHBoxLayout()
        count_row.setContentsMargins(0, 0, 0, 0)
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.load_more_button)
        count_row.addWidget(self.load_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_bar)
        layout.addLayout(count_row)
        self.source_status = SourceStatus(workspace)
        layout.addWidget(self.source_status)
        layout.addWidget(self.list_view, 1)

        self._syncing = False  # while the list shows the workspace's selection
        self._relayout = False  # while the model re-sorts or re-filters
        selection = self.list_view.selectionModel()
        selection.currentChanged.connect(self._on_view_selection)
        selection.selectionChanged.connect(self._on_view_selection)
        self.model.layoutAboutToBeChanged.connect(self._on_layout_about_to_change)
        self.model.layoutChanged.connect(self._on_layout_changed)
        self.list_view.customContextMenuRequested.connect(self._on_context_menu)
        self.list_view.setMouseTracking(True)  # hovering a row highlights it on the map
        self.list_view.entered.connect(self._on_entered)
        self.list_view.viewport().installEventFilter(self)
        self.load_more_button.clicked.connect(self._on_load_more)
        self.load_all_button.clicked.connect(self.load_all_requested)
        self.result_actions.message.connect(self._show_message)
        workspace.search.changed.connect(self._on_search_changed)
        workspace.search.store.cleared.connect(self.loader.forget)
        workspace.selection_changed.connect(self._show_workspace_selection)
        workspace.catalog_changed.connect(self._on_catalog_changed)
        workspace.result_filter.changed.connect(self._on_search_changed)
        self._on_catalog_changed()

    # ------------------------------------------------------------------ selection

    def selected_store_rows(self) -> list[int]:
        """Store rows of the selected results, the current one first, then in list order."""
        return self.selected_store_array().tolist()

    def selected_store_array(self) -> np.ndarray:
        """``selected_store_rows`` as an array: a select-all is one range, not a row each."""
        selection = self.list_view.selectionModel().selection()
        count = self.model.rowCount()
        spans = [(r.top(), min(r.bottom() + 1, count)) for r in selection]
        view_rows = [np.arange(a, b) for a, b in spans if b > a]
        if not view_rows:
            return np.empty(0, np.int64)
        ordered = np.concatenate(view_rows)
        if len(view_rows) > 1:
            ordered = np.unique(ordered)
        rows = self.model.rows[ordered]
        current = self.list_view.currentIndex()
        if current.isValid() and current.row() < count:
            row = self.model.store_row(current.row())
            at = np.flatnonzero(rows == row)
            if len(at):
                rows = np.concatenate([[row], np.delete(rows, at[0])])
        return rows.astype(np.int64)

    def _on_layout_about_to_change(self) -> None:
        self._relayout = True

    def _on_layout_changed(self) -> None:
        """Hidden rows drop out of the list's selection, not the workspace's; show it again."""
        self._relayout = False
        self._show_workspace_selection()

    @Slot()
    def _on_view_selection(self, *_args: object) -> None:
        if self._syncing or self._relayout:
            return
        rows = self.selected_store_array()
        current = int(rows[0]) if len(rows) else None
        self._syncing = True
        try:
            self.workspace.select_rows(rows, current)
        finally:
            self._syncing = False

    def _show_workspace_selection(self) -> None:
        """Select in the list what the workspace has selected (the rows the filter shows)."""
        if self._syncing:
            return
        ws = self.workspace
        selection = QItemSelection()
        for first, last in self.model.view_spans(ws.selected_array):
            selection.select(self.model.index(first), self.model.index(last))
        current = (
            self.model.index_of_store_row(ws.selected_row)
            if ws.selected_row is not None
            else QModelIndex()
        )
        model = self.list_view.selectionModel()
        self._syncing = True
        try:
            model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            model.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._syncing = False
        if current.isValid():
            self.list_view.scrollTo(current)

    @Slot(QModelIndex)
    def _on_entered(self, index: QModelIndex) -> None:
        self.workspace.hover(self.model.store_row(index.row()) if index.isValid() else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave and watched is self.list_view.viewport():
            self.workspace.hover(None)
        return False

    # ------------------------------------------------------------------ status and menus

    @Slot(QPoint)
    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.list_view.indexAt(pos)
        if index.isValid() and not self.list_view.selectionModel().isSelected(index):
            self.list_view.setCurrentIndex(index)
        self.last_menu = self.result_actions.menu()
        self.last_menu.popup(self.list_view.viewport().mapToGlobal(pos))

    def _show_message(self, text: str) -> None:
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(text, 5000)

    def _on_catalog_changed(self) -> None:
        """Local files may be read as thumbnails only for a local catalog, below its folder;
        remote thumbnails get the connection's credentials (its hosts only) and signing."""
        self.thumbnails.set_local_roots(self.workspace.local_folders())
        auth = getattr(self.workspace, "auth", None)
        self.thumbnails.set_headers_provider(getattr(auth, "headers_for", None))
        if auth is not None and getattr(auth, "signer", None) is not None:
            collection_of = self.loader.collection_of

            def sign(url: str) -> str:
                return auth.sign_href(url, collection_of(url))

            self.thumbnails.set_signer(sign)
        else:
            self.thumbnails.set_signer(None)

    def _on_search_changed(self) -> None:
        # a search of several catalogs may read thumbnails below each local one's folder
        self.thumbnails.set_local_roots(self.workspace.local_folders())
        session = self.workspace.search
        result_filter = self.workspace.result_filter
        text = shown(session.summary())
        if session.state is SearchState.LOADING:
            text = arg(self.tr("%1 — loading…"), text)
        elif session.state is SearchState.FAILED and session.error:
            text = f"{text} — {shown(session.error)}"
        if session.method and session.method != "local":
            text += f"  ({session.method})"
        if result_filter.active and len(session.store):
            showing = self.tr("Showing %1 of %2 loaded · filter: %3")
            described = result_filter.criteria.describe()
            text += "\n" + arg(showing, result_filter.visible_count, len(session.store), described)
        if session.notes:
            text += "\n" + " ".join(shown(note) for note in session.notes)
        self.count_label.setText(text)
        stopped = session.stopped
        self.load_more_button.setText(self.tr("Resume") if stopped else self.tr("Load more"))
        self.load_more_button.setVisible(
            stopped or (result_filter.active and self.model.can_load_more())
        )
        matched = session.number_matched
        all_loaded = (  # the server's exact count reached: no "Load all" for an empty last page
            matched is not None
            and not session.number_matched_estimated
            and len(session.store) >= matched
        )
        self.load_all_button.setVisible(
            not stopped
            and not all_loaded
            and self.model.can_load_more()
            and not session.loading_to_end
        )
        # The list only asks for more when scrolled; if the first pages don't fill it, keep going.
        if session.state is SearchState.MORE and self._list_not_full():
            self.model.fetchMore()

    @Slot()
    def _on_load_more(self) -> None:
        """Resume a stopped search (to where it was going), else fetch the next page."""
        if self.workspace.search.stopped:
            self.workspace.resume_search()
        else:
            self.model.load_more()

    def _list_not_full(self) -> bool:
        bar = self.list_view.verticalScrollBar()
        return bar.maximum() == 0

    def shutdown(self) -> None:
        """The window closes: stop thumbnail loads and sorts being prepared."""
        self.thumbnails.close()
        self.model.sorted.close()
