"""Search → Copy as Python / Copy as curl / Copy as stacdesk command: the search on the clipboard.

What is copied is the search that ran (its query and the method really used, after any fallback);
before any search, the one the panel would run now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from stacdesk.core.catalogs.opening import is_api_catalog
from stacdesk.core.common.message import said_by
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.reproduce import (
    cli_command,
    curl_command,
    local_python_snippet,
    python_snippet,
)
from stacdesk.ui.core_text import arg

if TYPE_CHECKING:
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.ui.search.search_panel import SearchPanel
    from stacdesk.ui.status import ShowStatus


class ReproduceActions(QObject):
    """The three copy actions; they read the search from the workspace, or from the panel when
    none has run yet."""

    def __init__(
        self,
        workspace: Workspace,
        search_panel: SearchPanel,
        show_status: ShowStatus,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.search_panel = search_panel
        self._status = show_status
        self.copy_python_action = QAction(self.tr("Copy as &Python"), parent)
        self.copy_python_action.setStatusTip(
            self.tr("A pystac-client script that runs this search")
        )
        self.copy_python_action.triggered.connect(self.copy_python)
        self.copy_curl_action = QAction(self.tr("Copy as &curl"), parent)
        self.copy_curl_action.setStatusTip(
            self.tr("The first page's request: GET URL or POST body")
        )
        self.copy_curl_action.triggered.connect(self.copy_curl)
        self.copy_cli_action = QAction(self.tr("Copy as stacdesk co&mmand"), parent)
        self.copy_cli_action.setStatusTip(
            self.tr("A `stacdesk search …` command line for this search")
        )
        self.copy_cli_action.triggered.connect(self.copy_cli)
        self.actions = [self.copy_python_action, self.copy_curl_action, self.copy_cli_action]

    def current_search(self) -> tuple[SearchQuery, str] | None:
        """(query, method) of the search on screen, else of the panel's search; None if none."""
        ws = self.workspace
        catalog = ws.catalog
        if catalog is None:
            self._status(self.tr("Open a catalog first."))
            return None
        session = ws.search
        if session.query is not None and session.catalog is catalog:
            return session.query, session.method or getattr(catalog, "search_method", "GET")
        try:
            query = self.search_panel.query()
        except ValueError as exc:
            self._status(arg(self.tr("Nothing to copy: %1"), said_by(exc)))
            return None
        if ws.aoi is not None and query.bbox is None and query.intersects is None:
            query = query.with_changes(**ws.aoi.query_fields())
        return query, getattr(catalog, "search_method", "GET")

    def _copy(self, text: str, what: str) -> None:
        QApplication.clipboard().setText(text)
        self._status(arg(self.tr("Copied %1 to the clipboard."), what))

    @Slot()
    def copy_python(self) -> None:
        found = self.current_search()
        if found is None:
            return
        query, method = found
        catalog = self.workspace.catalog
        if is_api_catalog(catalog):
            self._copy(
                python_snippet(catalog.url, query, method), self.tr("a pystac-client script")
            )
        else:
            self._copy(local_python_snippet(str(catalog.url), query), self.tr("a Python script"))

    @Slot()
    def copy_curl(self) -> None:
        found = self.current_search()
        if found is None:
            return
        query, method = found
        catalog = self.workspace.catalog
        if not is_api_catalog(catalog):
            self._status(self.tr("Copy as curl needs a STAC API; this catalog is on disk."))
            return
        self._copy(
            curl_command(catalog.search_href, query, method),
            arg(self.tr("the %1 request"), method),
        )

    @Slot()
    def copy_cli(self) -> None:
        found = self.current_search()
        if found is None:
            return
        query, method = found
        catalog = self.workspace.catalog
        method_used = method if is_api_catalog(catalog) else None
        self._copy(cli_command(str(catalog.url), query, method_used), self.tr("a stacdesk command"))
