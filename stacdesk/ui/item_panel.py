"""The item details dock: properties, assets and the raw JSON of the selected result."""

from __future__ import annotations

from typing import Any

import orjson
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.workspace import Workspace

ASSET_COLUMNS = ("Key", "Title", "Type", "Roles", "Href")


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


class ItemPanel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.title = QLabel("Select a result to see its details.")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.properties = QTreeWidget()
        self.properties.setHeaderLabels(["Property", "Value"])
        self.properties.setRootIsDecorated(False)
        self.properties.setAlternatingRowColors(True)
        self.assets = QTableWidget(0, len(ASSET_COLUMNS))
        self.assets.setHorizontalHeaderLabels(ASSET_COLUMNS)
        self.assets.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assets.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.assets.horizontalHeader().setStretchLastSection(True)
        self.raw = QPlainTextEdit(readOnly=True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.properties, "Properties")
        self.tabs.addTab(self.assets, "Assets")
        self.tabs.addTab(self.raw, "JSON")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        workspace.selection_changed.connect(self._on_selection_changed)

    def _on_selection_changed(self) -> None:
        row = self.workspace.selected_row
        if row is None:
            self.show_item(None)
            return
        self.show_item(self.workspace.search.store.item(row))

    def show_item(self, item: dict[str, Any] | None) -> None:
        self.properties.clear()
        self.assets.setRowCount(0)
        if item is None:
            self.title.setText("Select a result to see its details.")
            self.raw.clear()
            return
        self.title.setText(f"<b>{item.get('id', '')}</b><br>{item.get('collection') or ''}")
        props = item.get("properties") if isinstance(item.get("properties"), dict) else {}
        for key in sorted(props):
            QTreeWidgetItem(self.properties, [key, _value_text(props[key])])
        self.properties.resizeColumnToContents(0)
        assets = item.get("assets") if isinstance(item.get("assets"), dict) else {}
        self.assets.setRowCount(len(assets))
        for row, (key, asset) in enumerate(assets.items()):
            asset = asset if isinstance(asset, dict) else {}
            values = (
                key,
                asset.get("title", ""),
                asset.get("type", ""),
                ", ".join(str(r) for r in asset.get("roles") or []),
                asset.get("href", ""),
            )
            for column, value in enumerate(values):
                self.assets.setItem(row, column, QTableWidgetItem(_value_text(value)))
        self.assets.resizeColumnsToContents()
        self.raw.setPlainText(orjson.dumps(item, option=orjson.OPT_INDENT_2).decode())
