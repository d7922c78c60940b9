"""The line under the map that says what the map is doing (errors, repairs, previews)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class MessageLine(QLabel):
    """Two lines high whatever it says: a message that grew the line would shrink the map,
    change its view and start another preview read (whose message shrinks it back …). A longer
    message is cut; its whole text is the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(" ", parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFixedHeight(2 * self.fontMetrics().lineSpacing() + 2)

    def say(self, text: str) -> None:
        self.setText(text or " ")
        self.setToolTip(text)
