"""Pretty JSON with a find box: every match highlighted, Enter / F3 to jump to the next one.

Used by the item details panel and by "Show JSON" in the result list's context menu.
"""

from __future__ import annotations

from typing import Any

import orjson
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stacdesk.ui.accessible import named

MAX_HIGHLIGHTS = 2000


def pretty_json(value: Any) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2, default=str).decode()
    except (TypeError, orjson.JSONEncodeError):
        return repr(value)


class JsonView(QWidget):
    """``set_json(value)`` shows it; ``find_edit`` searches (case-insensitive)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = named(QPlainTextEdit(readOnly=True), self.tr("Item JSON"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = self.text.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.text.setFont(font)
        self.find_edit = named(
            QLineEdit(placeholderText=self.tr("Find in JSON (Enter: next)")),
            self.tr("Find in JSON"),
        )
        self.find_edit.setClearButtonEnabled(True)
        self.previous_button = QToolButton(text="▲", toolTip=self.tr("Previous match (Shift+F3)"))
        self.next_button = QToolButton(text="▼", toolTip=self.tr("Next match (F3)"))
        self.matches_label = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.find_edit, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.matches_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.text, 1)
        self.match_count = 0
        self.find_edit.textChanged.connect(self._on_find_text)
        self.find_edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        for key, slot in (
            (QKeySequence.StandardKey.FindNext, self.find_next),
            (QKeySequence.StandardKey.FindPrevious, self.find_previous),
            (QKeySequence.StandardKey.Find, self.find_edit.setFocus),
        ):
            shortcut = QShortcut(key, self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_json(self, value: Any) -> None:
        self.set_text(pretty_json(value))

    def set_text(self, text: str) -> None:
        self.text.setPlainText(text)
        self._on_find_text(self.find_edit.text())

    def toPlainText(self) -> str:
        return self.text.toPlainText()

    def clear(self) -> None:
        self.set_text("")

    @Slot(str)
    def _on_find_text(self, needle: str) -> None:
        """Highlight every match and move to the first one after the top of the document."""
        selections: list[QTextEdit.ExtraSelection] = []
        self.match_count = 0
        document = self.text.document()
        if needle:
            highlight = QTextCharFormat()
            highlight.setBackground(QColor(255, 230, 120))
            cursor = document.find(needle, 0)
            while not cursor.isNull():
                self.match_count += 1
                if len(selections) < MAX_HIGHLIGHTS:
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = cursor
                    selection.format = highlight
                    selections.append(selection)
                cursor = document.find(needle, cursor)
        self.text.setExtraSelections(selections)
        if needle:
            self.matches_label.setText(
                self.tr("%Ln found", "", self.match_count) if self.match_count else self.tr("none")
            )
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
            self.find_next()
        else:
            self.matches_label.clear()

    @Slot()
    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    @Slot()
    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        if self.text.find(needle, flags):
            return True
        cursor = self.text.textCursor()  # wrap around
        backward = bool(flags & QTextDocument.FindFlag.FindBackward)
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.text.setTextCursor(cursor)
        return self.text.find(needle, flags)

    def selected_text(self) -> str:
        return self.text.textCursor().selectedText()


class JsonDialog(QDialog):
    """A window with one item's JSON (the list's "Show JSON")."""

    def __init__(self, title: str, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.view = JsonView()
        self.view.set_json(value)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(720, 640)
