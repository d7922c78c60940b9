"""Search → Save search…, Saved searches ▸, History ▸ over ``core.search.saved``.

Every search that starts is put in the history. Running a saved search opens its catalog if
needed, restores its area and reruns its query; the results new since its last run are selected
(list and map show them) and counted in the status bar.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from stacdesk.core.common.message import said_by
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.saved import RerunTracker, SearchLibrary, StoredSearch
from stacdesk.core.search.session import SearchState
from stacdesk.ui.core_text import arg, shown

if TYPE_CHECKING:
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.ui.search.search_panel import SearchPanel
    from stacdesk.ui.status import ShowStatus


class SavedSearchesMenu(QObject):
    """The save action and the two menus; the search panel shows (and opens the catalog of)
    a search that is run again."""

    def __init__(
        self,
        workspace: Workspace,
        search_panel: SearchPanel,
        show_status: ShowStatus,
        parent: QWidget,
        library: SearchLibrary | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.search_panel = search_panel
        self._status = show_status
        self.parent_widget = parent
        self.library = library or SearchLibrary()
        self.save_action = QAction(self.tr("&Save search…"), parent)
        self.save_action.setStatusTip(
            self.tr("Keep this search (catalog, query, area) under a name")
        )
        self.save_action.triggered.connect(self.ask_name)
        self.saved_menu = QMenu(self.tr("Saved searc&hes"), parent)
        self.saved_menu.aboutToShow.connect(self.rebuild_saved_menu)
        self.history_menu = QMenu(self.tr("Histor&y"), parent)
        self.history_menu.aboutToShow.connect(self.rebuild_history_menu)
        self.dialog: QInputDialog | None = None
        self.tracker: RerunTracker | None = None
        self.task: asyncio.Task[None] | None = None
        self._recorded: SearchQuery | None = None
        workspace.search.changed.connect(self._on_search_changed)
        self.rebuild_saved_menu()
        self.rebuild_history_menu()

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.save_action)
        menu.addMenu(self.saved_menu)
        menu.addMenu(self.history_menu)

    # ------------------------------------------------------------------------------- saving

    @Slot()
    def ask_name(self) -> None:
        if self.workspace.connection is None:
            self._status(self.tr("Open a catalog first."))
            return
        dialog = QInputDialog(self.parent_widget)
        dialog.setWindowTitle(self.tr("Save search"))
        dialog.setLabelText(self.tr("Name:"))
        dialog.textValueSelected.connect(self.save_current)
        self.dialog = dialog
        dialog.open()

    @Slot(str)
    def save_current(self, name: str) -> StoredSearch | None:
        """Save the search on screen (or the panel's) under ``name``; its results count as seen."""
        ws = self.workspace
        if ws.connection is None or not name.strip():
            return None
        session = ws.search
        seen: list[str] | None = None
        if session.query is not None and session.catalog is ws.catalog:
            query = session.query
            seen = list(session.store.ids)
        else:
            try:
                query = self.search_panel.query()
            except ValueError as exc:
                self._status(arg(self.tr("Not saved: %1"), said_by(exc)))
                return None
        entry = self.library.save(name, ws.connection, query, ws.aoi, seen_ids=seen)
        self._status(arg(self.tr("Saved the search as %1."), repr(entry.name)))
        return entry

    # ------------------------------------------------------------------------------ history

    def _on_search_changed(self) -> None:
        ws = self.workspace
        session = ws.search
        if (
            session.query is not None
            and session.query is not self._recorded
            and ws.connection is not None
            and session.state is not SearchState.IDLE
        ):
            self._recorded = session.query
            self.library.record(ws.connection, session.query, ws.aoi)
        tracker = self.tracker
        if tracker is not None and session.state in (SearchState.MORE, SearchState.DONE):
            if session.query is not tracker.query:  # another search replaced the re-run
                self.tracker = None
                return
            new = tracker.update(list(session.store.ids))
            rows = tuple(r for i in new if (r := session.store.row_of(i)) is not None)
            if rows:
                ws.select_rows(rows)
            said = (
                self.tr("%1: %2 new since the last run (first run), %3 loaded.")
                if tracker.first_run
                else self.tr("%1: %2 new since the last run, %3 loaded.")
            )
            self._status(arg(said, tracker.entry.name, len(new), len(session.store)))

    # --------------------------------------------------------------------------------- menus

    @Slot()
    def rebuild_saved_menu(self) -> None:
        menu = self.saved_menu
        menu.clear()
        if not self.library.saved:
            menu.addAction(self.tr("(no saved searches)")).setEnabled(False)
            return
        for entry in self.library.saved:
            action = menu.addAction(entry.name)
            action.setToolTip(shown(entry.describe()))
            action.setStatusTip(shown(entry.describe()))
            action.triggered.connect(lambda _=False, name=entry.name: self.run_saved(name))
        menu.addSeparator()
        delete = menu.addMenu(self.tr("Delete"))
        for entry in self.library.saved:
            action = delete.addAction(entry.name)
            action.triggered.connect(lambda _=False, name=entry.name: self.library.remove(name))

    @Slot()
    def rebuild_history_menu(self) -> None:
        menu = self.history_menu
        menu.clear()
        if not self.library.history:
            menu.addAction(self.tr("(no searches yet)")).setEnabled(False)
            return
        for index, entry in enumerate(self.library.history):
            when = (entry.last_run or "").replace("T", " ").removesuffix("Z")
            action = menu.addAction(f"{when} — {shown(entry.describe())}"[:140])
            action.triggered.connect(lambda _=False, i=index: self.run_history(i))
        menu.addSeparator()
        menu.addAction(self.tr("Clear history")).triggered.connect(self.library.clear_history)

    # ---------------------------------------------------------------------------------- runs

    def run_saved(self, name: str) -> asyncio.Task[None] | None:
        entry = self.library.find(name)
        if entry is None:
            return None
        return self._start(entry, self.library.start_rerun(name))

    def run_history(self, index: int) -> asyncio.Task[None] | None:
        if not 0 <= index < len(self.library.history):
            return None
        return self._start(self.library.history[index], None)

    def _start(self, entry: StoredSearch, tracker: RerunTracker | None) -> asyncio.Task[None]:
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.task = asyncio.ensure_future(self._run(entry, tracker))
        return self.task

    async def _run(self, entry: StoredSearch, tracker: RerunTracker | None) -> None:
        ws = self.workspace
        if ws.connection != entry.connection or ws.catalog is None:
            await self._open(entry)
        if ws.catalog is None or ws.connection != entry.connection:
            name = entry.name or self.tr("the search")
            why = ws.open_error or self.tr("no catalog")
            self._status(arg(self.tr("Cannot run %1: %2"), name, why))
            return
        ws.set_aoi(entry.aoi)
        query = entry.effective_query()
        with contextlib.suppress(ValueError):  # a stored interval the panel cannot show
            self.search_panel.show_query(query)
        self.tracker = None
        if tracker is not None:
            tracker.query = query
            self.tracker = tracker
        ws.search.start(ws.catalog, query)

    async def _open(self, entry: StoredSearch) -> None:
        """Open the entry's catalog through the search panel and wait until it is open (or not)."""
        ws = self.workspace
        opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def on_catalog_changed() -> None:
            if not ws.opening and not opened.done():
                opened.set_result(None)

        ws.catalog_changed.connect(on_catalog_changed)
        try:
            self.search_panel.open_connection(entry.connection)
            if ws.opening:
                await opened
        finally:
            ws.catalog_changed.disconnect(on_catalog_changed)
