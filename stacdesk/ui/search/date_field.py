"""A day typed as YYYY-MM-DD or picked on a calendar, taken whole or refused visibly.

Why not QDateEdit: its section editing keeps parts of the old date (typing 2024-12-31 over
2025-01-23 gives 2025-12-31) and its min/max silently move a typed date. Here the text is parsed
as a whole; text that is not a date turns the field red and says so, and is never used.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, Signal, Slot
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from stacdesk.ui.core_text import arg

FORMAT = "yyyy-MM-dd"
INVALID_STYLE = "QLineEdit { background: #fde7e9; border: 1px solid #b00020; }"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str) -> date | None:
    """A YYYY-MM-DD day; None for anything else (wrong shape, 2024-02-30, …)."""
    text = text.strip()
    if not _DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class DateField(QWidget):
    """Offers ``date()``, ``setDate()`` and ``dateChanged`` like a QDateEdit; ``edited`` fires
    when the user (not the program) changed the date; ``error()`` says why typed text is refused.
    """

    dateChanged = Signal(QDate)
    edited = Signal()

    def __init__(self, initial: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = QDate(initial)
        self._error = ""
        self.line = QLineEdit(initial.toString(FORMAT))
        self.line.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.line.setToolTip(self.tr("Type a day as YYYY-MM-DD, or pick one on the calendar"))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("0000-00-00") + 16)
        # as wide as a day unless a layout stretches it (the filter bar packs it with others)
        self.line.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.pick_button = QToolButton(text="▾")
        self.pick_button.setToolTip(self.tr("Pick the day on a calendar"))
        # the menu opened by hand, not set on the button: a button with a menu draws a second
        # arrow, and the style sheet that hides it drew the button light in a dark scheme
        self.pick_button.clicked.connect(
            lambda: menu.exec(self.pick_button.mapToGlobal(QPoint(0, self.pick_button.height())))
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.pick_button)
        self.line.textEdited.connect(self._on_typed)
        self.line.editingFinished.connect(self._on_finished)
        menu.aboutToShow.connect(lambda: self.calendar.setSelectedDate(self._date))
        self.calendar.clicked.connect(self._on_picked)

    def date(self) -> QDate:
        """The last day taken (typed text that is not a day is not taken: see ``error``)."""
        return QDate(self._date)

    def error(self) -> str:
        """Why the text in the field is refused; empty when it is a day."""
        return self._error

    def text(self) -> str:
        return self.line.text()

    def setDate(self, day: QDate | date) -> None:
        """Show and take ``day`` (QDateEdit's name, so the field drops in where one was)."""
        day = day if isinstance(day, QDate) else QDate(day.year, day.month, day.day)
        if not day.isValid():
            return
        self.line.setText(day.toString(FORMAT))
        self._show_error("")
        self._take(day)

    def _take(self, day: QDate) -> bool:
        if day == self._date:
            return False
        self._date = QDate(day)
        self.dateChanged.emit(QDate(day))
        return True

    def _show_error(self, error: str) -> None:
        self._error = error
        self.line.setStyleSheet(INVALID_STYLE if error else "")
        self.line.setToolTip(
            error or self.tr("Type a day as YYYY-MM-DD, or pick one on the calendar")
        )

    @Slot(str)
    def _on_typed(self, text: str) -> None:
        """Take the text as soon as it is a whole day (so Ctrl+Return uses what is seen)."""
        day = parse_day(text)
        if day is None:
            self._error = arg(self.tr("“%1” is not a day: type YYYY-MM-DD"), text.strip())
            return  # shown when typing ends: a half-typed day is not an error yet
        self._show_error("")
        if self._take(QDate(day.year, day.month, day.day)):
            self.edited.emit()

    @Slot()
    def _on_finished(self) -> None:
        day = parse_day(self.line.text())
        if day is None:
            self._show_error(
                self.tr("“%1” is not a day: type YYYY-MM-DD").replace(
                    "%1", self.line.text().strip()
                )
            )
        else:
            self.line.setText(day.isoformat())
            self._show_error("")

    @Slot(QDate)
    def _on_picked(self, day: QDate) -> None:
        self.setDate(day)
        self.edited.emit()
        menu = self.pick_button.menu()
        if menu is not None:
            menu.close()
