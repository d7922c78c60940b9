"""The item details dock: the selected result's properties (grouped by extension, with units and
readable dates), assets, links and raw JSON (searchable). Hrefs can be copied or opened.

The text comes from core ``item_details``; this widget only lays it out. ``asset_download_requested
(row, key)`` is the hook the downloads panel connects to queue one asset: the Assets tab's
"Download" button (the selected rows), "Download checked" (the rows whose key is ticked) and the
context menu all end there.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.products.merged_item import merged_item, self_href
from stacdesk.core.results.item_details import asset_rows, group_properties, link_rows
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.flow_layout import FlowLayout
from stacdesk.ui.json_view import JsonView
from stacdesk.ui.locale_format import formats, number

ASSET_COLUMNS = ("Key", "Title", "Roles", "Type", "Size", "Href", "Checksum")
HREF_COLUMN = ASSET_COLUMNS.index("Href")
LINK_COLUMNS = ("Rel", "Title", "Type", "Href")
LINK_HREF_COLUMN = LINK_COLUMNS.index("Href")
SOURCE_COLUMNS = ("Catalog", "Id", "Collection", "Self link")
SOURCE_HREF_COLUMN = SOURCE_COLUMNS.index("Self link")


def _table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.setWordWrap(False)
    return table


class HrefTable(QWidget):
    """A table with an href column and buttons to copy or open the selected rows' hrefs."""

    def __init__(
        self, columns: tuple[str, ...], href_column: int, leading: Sequence[QWidget] = ()
    ) -> None:
        """``leading`` buttons come before Copy and Open; the row wraps in a narrow dock."""
        super().__init__()
        self.table = _table(columns)
        self.href_column = href_column
        self.copy_button = QToolButton(
            text=self.tr("Copy href"), toolTip=self.tr("Copy the selected hrefs")
        )
        self.open_button = QToolButton(
            text=self.tr("Open"), toolTip=self.tr("Open the selected href (http only)")
        )
        self.copy_action = QAction(self.tr("Copy href"), self)
        self.copy_all_action = QAction(self.tr("Copy all hrefs"), self)
        self.open_action = QAction(self.tr("Open in web browser"), self)
        self.buttons = FlowLayout(spacing=4)
        for button in (*leading, self.copy_button, self.open_button):
            self.buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        self.copy_button.clicked.connect(self.copy_selected)
        self.copy_action.triggered.connect(self.copy_selected)
        self.copy_all_action.triggered.connect(self.copy_all)
        self.open_button.clicked.connect(self.open_selected)
        self.open_action.triggered.connect(self.open_selected)
        self.table.customContextMenuRequested.connect(self._on_menu)
        self.extra_actions: list[QAction] = []  # enabled when rows are selected
        self.other_actions: list[QAction] = []  # enabled by whoever adds them

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        table = self.table
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if c == self.href_column or len(value) > 60:
                    cell.setToolTip(value)
                table.setItem(r, c, cell)
        table.resizeColumnsToContents()
        for c in range(table.columnCount() - 1):
            table.setColumnWidth(c, min(table.columnWidth(c), 260))

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectedIndexes()})

    def href(self, row: int) -> str:
        cell = self.table.item(row, self.href_column)
        return cell.text() if cell is not None else ""

    @Slot()
    def copy_selected(self) -> None:
        hrefs = [self.href(r) for r in self.selected_rows()]
        if hrefs:
            QGuiApplication.clipboard().setText("\n".join(hrefs))

    @Slot()
    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(
            "\n".join(self.href(r) for r in range(self.table.rowCount()))
        )

    @Slot()
    def open_selected(self) -> None:
        for row in self.selected_rows()[:1]:
            href = self.href(row)
            if href.startswith(("http://", "https://")):
                QDesktopServices.openUrl(QUrl(href))

    @Slot(QPoint)
    def _on_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and index.row() not in self.selected_rows():
            self.table.selectRow(index.row())
        has_selection = bool(self.selected_rows())
        for action in (self.copy_action, self.open_action, *self.extra_actions):
            action.setEnabled(has_selection)
        self.menu = QMenu(self.table)
        self.menu.addActions([self.copy_action, self.copy_all_action, self.open_action])
        if self.extra_actions or self.other_actions:
            self.menu.addSeparator()
            self.menu.addActions([*self.extra_actions, *self.other_actions])
        self.menu.popup(self.table.viewport().mapToGlobal(pos))


class ItemPanel(QWidget):
    asset_download_requested = Signal(int, str)  # store row, asset key

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.row: int | None = None
        self.item: dict[str, Any] | None = None
        self.title = QLabel(self.tr("Select a result to see its details."))
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # An item id is one long word: its width must not set the dock's (and the window's)
        # minimum. A narrow dock cuts it; the tooltip and the JSON tab show it whole.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.properties = named(QTreeWidget(), self.tr("Properties"))
        self.properties.setHeaderLabels([self.tr("Property"), self.tr("Value")])
        self.properties.setAlternatingRowColors(True)
        self.properties.setUniformRowHeights(True)
        self.download_button = QToolButton(
            text=self.tr("Download"),
            toolTip=self.tr("Download the selected assets into the download folder"),
        )
        self.download_checked_button = QToolButton(
            text=self.tr("Download checked"),
            toolTip=self.tr("Download the assets whose box is ticked"),
        )
        self.assets_view = HrefTable(
            self._headers(ASSET_COLUMNS),
            HREF_COLUMN,
            (self.download_button, self.download_checked_button),
        )
        self.assets = self.assets_view.table
        self.download_action = QAction(self.tr("Download this asset"), self)
        self.download_action.triggered.connect(self._on_download_asset)
        self.download_checked_action = QAction(self.tr("Download checked assets"), self)
        self.download_checked_action.triggered.connect(self._on_download_checked)
        self.assets_view.extra_actions.append(self.download_action)
        self.assets_view.other_actions.append(self.download_checked_action)
        self.download_button.clicked.connect(self._on_download_asset)
        self.download_checked_button.clicked.connect(self._on_download_checked)
        self.assets.itemChanged.connect(self._update_download_buttons)
        self.assets.itemSelectionChanged.connect(self._update_download_buttons)
        self._update_download_buttons()
        self.links_view = HrefTable(self._headers(LINK_COLUMNS), LINK_HREF_COLUMN)
        self.links = self.links_view.table
        self.sources_view = HrefTable(self._headers(SOURCE_COLUMNS), SOURCE_HREF_COLUMN)
        self.raw = JsonView()
        self.tabs = named(QTabWidget(), self.tr("Item details"))
        self.tabs.addTab(self.properties, self.tr("Properties"))
        self.tabs.addTab(self.assets_view, self.tr("Assets"))
        self.tabs.addTab(self.links_view, self.tr("Links"))
        # the catalogs holding the product (a search of several catalogs only)
        self.sources_tab = self.tabs.addTab(self.sources_view, self.tr("Sources"))
        self.tabs.addTab(self.raw, self.tr("JSON"))
        self.tabs.setTabVisible(self.sources_tab, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        workspace.selection_changed.connect(self._on_selection_changed)

    def _on_selection_changed(self) -> None:
        row = self.workspace.selected_row
        if row == self.row and self.item is not None:
            return
        self.row = row
        search = self.workspace.search
        if row is None or row >= len(search.store):
            self.row = None
            self.show_item(None)
            return
        several = search is self.workspace.several
        self.tabs.setTabVisible(self.sources_tab, several)
        if not several:
            self.show_item(search.store.item(row))
            return
        copies = self.workspace.several.product_copies(row)
        self.show_item(merged_item(copies))  # every catalog's hrefs, as an export writes them
        self.sources_view.set_rows(
            [(ref.source, ref.item_id, ref.collection, self_href(item)) for ref, item in copies]
        )

    def show_item(self, item: dict[str, Any] | None) -> None:
        self.item = item
        self.properties.clear()
        if item is None:
            self.title.setText(self.tr("Select a result to see its details."))
            self.title.setToolTip("")
            self.assets_view.set_rows([])
            self.links_view.set_rows([])
            self.raw.clear()
            return
        item_id = html.escape(str(item.get("id", "")))
        collection = html.escape(str(item.get("collection") or ""))
        self.title.setText(f"<b>{item_id}</b><br>{collection}")
        self.title.setToolTip(f"{item_id}<br>{collection}")
        self._show_properties(item.get("properties"))
        self.assets_view.set_rows(
            [
                (a.key, shown(a.title), a.roles, a.media_type, a.size, a.href, a.checksum)
                for a in asset_rows(item, formats())
            ]
        )
        self._make_keys_checkable()
        self.links_view.set_rows(
            [(link.rel, link.title, link.media_type, link.href) for link in link_rows(item)]
        )
        self.raw.set_json(item)

    def _show_properties(self, properties: Any) -> None:
        tree = self.properties
        tree.setUpdatesEnabled(False)
        try:
            for group in group_properties(properties, formats()):
                title = shown(group.title)
                parent = QTreeWidgetItem(tree, [title, number(len(group.rows))])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFirstColumnSpanned(False)
                for row in group.rows:
                    text = shown(row.text)
                    child = QTreeWidgetItem(parent, [row.key, text])
                    child.setToolTip(0, row.key)
                    child.setToolTip(1, text)
                parent.setExpanded(True)
            tree.resizeColumnToContents(0)
            # One long key must not push every value out of a narrow panel: the key column
            # takes at most half the view (the full key is in its tooltip).
            half = max(120, tree.viewport().width() // 2)
            tree.setColumnWidth(0, min(tree.columnWidth(0), half))
        finally:
            tree.setUpdatesEnabled(True)

    def group_titles(self) -> list[str]:
        tree = self.properties
        return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]

    def _make_keys_checkable(self) -> None:
        table = self.assets
        table.blockSignals(True)
        try:
            for row in range(table.rowCount()):
                cell = table.item(row, 0)
                if cell is not None:
                    cell.setFlags(cell.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    cell.setCheckState(Qt.CheckState.Unchecked)
        finally:
            table.blockSignals(False)
        self._update_download_buttons()

    def checked_keys(self) -> list[str]:
        cells = (self.assets.item(row, 0) for row in range(self.assets.rowCount()))
        return [
            c.text() for c in cells if c is not None and c.checkState() == Qt.CheckState.Checked
        ]

    def _keys(self, rows: list[int]) -> list[str]:
        cells = (self.assets.item(row, 0) for row in rows)
        return [cell.text() for cell in cells if cell is not None]

    def _headers(self, columns: tuple[str, ...]) -> tuple[str, ...]:
        """The columns' headers in the window's language (the English names stay the keys)."""
        shown = {
            "Key": self.tr("Key"),
            "Title": self.tr("Title"),
            "Roles": self.tr("Roles"),
            "Type": self.tr("Type"),
            "Size": self.tr("Size"),
            "Href": self.tr("Href"),
            "Checksum": self.tr("Checksum"),
            "Rel": self.tr("Rel"),
            "Catalog": self.tr("Catalog"),
            "Id": self.tr("Id"),
            "Collection": self.tr("Collection"),
            "Self link": self.tr("Self link"),
        }
        return tuple(shown[column] for column in columns)

    @Slot()
    def _update_download_buttons(self) -> None:
        selected, checked = bool(self.assets_view.selected_rows()), len(self.checked_keys())
        self.download_button.setEnabled(selected)
        self.download_checked_button.setEnabled(bool(checked))
        self.download_checked_action.setEnabled(bool(checked))
        self.download_checked_button.setText(
            arg(self.tr("Download checked (%1)"), checked)
            if checked
            else self.tr("Download checked")
        )

    def _request(self, keys: list[str]) -> None:
        if self.row is None:
            return
        for key in keys:
            self.asset_download_requested.emit(self.row, key)

    @Slot()
    def _on_download_asset(self) -> None:
        self._request(self._keys(self.assets_view.selected_rows()))

    @Slot()
    def _on_download_checked(self) -> None:
        self._request(self.checked_keys())
