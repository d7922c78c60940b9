"""What can be done with selected results: copy ids and links, open in a browser, show the JSON,
queue the assets for download. Used by the list's context menu and its keyboard shortcuts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from stacdesk.core.results.item_details import self_link, web_link
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.core_text import arg
from stacdesk.ui.json_view import JsonDialog


class ResultActions(QObject):
    """Actions over the rows ``selected()`` returns (store rows, the current one first).

    ``download_requested(rows)`` carries store rows; the downloads panel connects it and reads
    the items with ``workspace.item(row)`` (a product of several catalogs: every source's hrefs).
    """

    download_requested = Signal(list)
    message = Signal(str)  # for the status line: "Copied 3 ids", "No web page for …"

    def __init__(
        self,
        workspace: Workspace,
        selected: Callable[[], list[int]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.selected = selected
        self._parent = parent
        self.dialogs: list[JsonDialog] = []
        self.copy_ids = self._action(self.tr("Copy &ID"), "Ctrl+C", self.on_copy_ids)
        self.copy_links = self._action(
            self.tr("Copy &self link"), "Ctrl+Shift+C", self.on_copy_links
        )
        self.open_browser = self._action(
            self.tr("&Open in web browser"), "Ctrl+B", self.on_open_browser
        )
        self.show_json = self._action(self.tr("Show &JSON"), "Ctrl+J", self.on_show_json)
        self.add_downloads = self._action(
            self.tr("Add assets to &downloads"), "Ctrl+D", self.on_add_downloads
        )

    def _action(self, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self._parent)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self._parent.addAction(action)
        return action

    @property
    def actions(self) -> list[QAction]:
        return [
            self.copy_ids,
            self.copy_links,
            self.open_browser,
            self.show_json,
            self.add_downloads,
        ]

    def menu(self) -> QMenu:
        """The context menu for the current selection (plural labels for several rows)."""
        rows = self.selected()
        count = len(rows)
        several = count > 1
        self.copy_ids.setText(
            self.tr("Copy %Ln &IDs", "", count) if several else self.tr("Copy &ID")
        )
        self.copy_links.setText(
            self.tr("Copy %Ln &self links", "", count) if several else self.tr("Copy &self link")
        )
        self.add_downloads.setText(
            self.tr("Add assets of %Ln results to &downloads", "", count)
            if several
            else self.tr("Add assets to &downloads")
        )
        for action in self.actions:
            action.setEnabled(count > 0)
        menu = QMenu(self._parent)
        menu.addActions([self.copy_ids, self.copy_links])
        menu.addSeparator()
        menu.addActions([self.open_browser, self.show_json])
        menu.addSeparator()
        menu.addAction(self.add_downloads)
        return menu

    def _catalog_url(self) -> str | None:
        catalog = self.workspace.catalog
        return catalog.url if catalog is not None else None

    def on_copy_ids(self) -> None:
        store = self.workspace.search.store
        rows = self.selected()
        if rows:
            QGuiApplication.clipboard().setText("\n".join(store.ids[r] for r in rows))
            self.message.emit(self.tr("Copied %Ln id(s).", "", len(rows)))

    def on_copy_links(self) -> None:
        catalog_url = self._catalog_url()
        links = [self_link(item, catalog_url) for item in self.workspace.items(self.selected())]
        found = [link for link in links if link]
        if found:
            QGuiApplication.clipboard().setText("\n".join(found))
        missing = len(links) - len(found)
        if missing:
            self.message.emit(
                arg(
                    self.tr("Copied %Ln self link(s) (%1 without a self link).", "", len(found)),
                    missing,
                )
            )
        else:
            self.message.emit(self.tr("Copied %Ln self link(s).", "", len(found)))

    def on_open_browser(self) -> None:
        rows = self.selected()
        if not rows:
            return
        store = self.workspace.search.store
        url = web_link(self.workspace.item(rows[0]), self._catalog_url())
        if url is None:
            self.message.emit(arg(self.tr("%1 has no web link to open."), store.ids[rows[0]]))
            return
        QDesktopServices.openUrl(QUrl(url))

    def on_show_json(self) -> None:
        rows = self.selected()
        if not rows:
            return
        store = self.workspace.search.store
        dialog = JsonDialog(store.ids[rows[0]], self.workspace.item(rows[0]), self._parent)
        dialog.destroyed.connect(lambda *_: self._forget(dialog))
        self.dialogs.append(dialog)
        dialog.show()

    def _forget(self, dialog: JsonDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def on_add_downloads(self) -> None:
        rows = self.selected()
        if rows:
            self.download_requested.emit(list(rows))
