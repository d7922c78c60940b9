"""Help → Keyboard shortcuts: every shortcut the window's actions have, plus the keys that work
inside one panel, in one searchable table.

Read from the live actions rather than written out by hand, so the list cannot fall behind the
menus.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stacdesk.ui.accessible import named

# Keys handled by a widget itself, not by an action (the words shown through tr()).
PANEL_KEYS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Map: cancel the box or polygon being drawn"), "Esc"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Map: remove the last polygon corner"), "Backspace"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Map: close the polygon"), "Return"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Results: first / last result"), "Home / End"),
    (
        QT_TRANSLATE_NOOP("ShortcutsDialog", "Results: add to the selection"),
        "Ctrl+Click, Shift+Click",
    ),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Results: select all loaded"), "Ctrl+A"),
)


def action_shortcuts(root: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action under ``root`` that has a shortcut, sorted, without repeats."""
    rows: set[tuple[str, str]] = set()
    for action in root.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        name = action.text().replace("&", "").rstrip(".…").strip()
        if keys and name:
            rows.add((name, ", ".join(keys)))
    return sorted(rows, key=lambda row: row[0].lower())


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        rows = [*action_shortcuts(window), *((self.tr(what), keys) for what, keys in PANEL_KEYS)]
        self.search = named(
            QLineEdit(placeholderText=self.tr("Type to filter…"), clearButtonEnabled=True),
            self.tr("Filter shortcuts"),
        )
        self.table = named(QTableWidget(len(rows), 2), self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        for row, (name, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.table.rowCount()):
            cells = (self.table.item(row, col).text().lower() for col in (0, 1))
            self.table.setRowHidden(row, bool(needle) and not any(needle in c for c in cells))

    def visible_rows(self) -> list[tuple[str, str]]:
        return [
            (self.table.item(row, 0).text(), self.table.item(row, 1).text())
            for row in range(self.table.rowCount())
            if not self.table.isRowHidden(row)
        ]
