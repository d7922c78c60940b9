"""The search's From/To days, which follow the chosen collections' temporal extent until the user
sets them.

Why: a default of "the last 30 days of today" finds nothing in a catalog whose data ended before
today, and clamping both days into the extent collapsed the range to a single day. Days the user
typed are never moved; when they lie outside the extent, the extent line says so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from stacdesk.core.common.datetimes import format_interval
from stacdesk.core.search.extent import default_dates
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg
from stacdesk.ui.search.date_field import DateField
from stacdesk.ui.search.search_filters import ERROR_STYLE, REASON_STYLE


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateRange(QWidget):
    """Two optional days; ``interval()`` gives the STAC datetime interval they stand for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.extent: tuple[date | None, date | None] | None = None  # None: no collections known
        self.extent_of = self.tr("The chosen collections")  # whose extent, for the extent line
        self.user_set = False  # days chosen (by hand or a saved search) no longer follow it
        self._following = False  # while the days are set to follow the extent
        first, last = default_dates(None, None, date.today())
        self.from_check = QCheckBox(self.tr("From"))
        self.from_date = DateField(_qdate(first))
        named(self.from_date.line, self.tr("Search from (YYYY-MM-DD)"))
        self.to_check = QCheckBox(self.tr("To"))
        self.to_date = DateField(_qdate(last))
        named(self.to_date.line, self.tr("Search to (YYYY-MM-DD)"))
        self.from_check.setChecked(True)
        self.to_check.setChecked(True)
        self.extent_label = QLabel()
        self.extent_label.setWordWrap(True)
        self.extent_label.setStyleSheet(REASON_STYLE)
        self.extent_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for check, field in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(field, 1)
            layout.addLayout(row)
            check.toggled.connect(field.setEnabled)
            check.toggled.connect(self._on_days_changed)
            field.dateChanged.connect(self._on_days_changed)
        layout.addWidget(self.extent_label)

    @Slot()
    def _on_days_changed(self, *_args: object) -> None:
        """Days set other than by following the extent are the user's choice: keep them."""
        if not self._following:
            self.user_set = True
        self._show_extent()

    def set_extent(
        self,
        start: date | None,
        end: date | None,
        *,
        reset: bool = False,
        of: str = "",
    ) -> None:
        """The searched collections (``of``) cover ``start``–``end`` (None: open); the days
        follow it unless the user set them (``reset`` forgets that: a newly opened catalog)."""
        self.extent, self.extent_of = (start, end), of or self.tr("The chosen collections")
        if reset:
            self.user_set = False
        if not self.user_set:
            first, last = default_dates(start, end, date.today())
            self._following = True
            try:
                self._set_days(first, last)
            finally:
                self._following = False
        self._show_extent()

    def clear_extent(self) -> None:
        self.extent = None
        self._show_extent()

    def use_whole_extent(self) -> None:
        """Search the collections' whole time range (an open end leaves that day unset)."""
        start, end = self.extent or (None, None)
        self._set_days(start, end)
        self.user_set = True

    def _set_days(self, first: date | None, last: date | None) -> None:
        self.from_check.setChecked(first is not None)
        self.to_check.setChecked(last is not None)
        if first is not None:
            self.from_date.setDate(_qdate(first))
        if last is not None:
            self.to_date.setDate(_qdate(last))

    def _days(self) -> tuple[date | None, date | None]:
        start = self.from_date.date().toPython() if self.from_check.isChecked() else None
        end = self.to_date.date().toPython() if self.to_check.isChecked() else None
        return start, end

    def _show_extent(self) -> None:
        if self.extent is None:
            self.extent_label.hide()
            return
        start, end = self.extent
        ending = end.isoformat() if end else self.tr("ongoing")
        span = f"{start.isoformat() if start else '…'} – {ending}"
        text = arg(self.tr("%1 cover %2."), self.extent_of, span)
        first, last = self._days()
        outside = (end is not None and first is not None and first > end) or (
            start is not None and last is not None and last < start
        )
        if outside:
            text += " " + self.tr("The days set are outside it: this search will find nothing.")
        self.extent_label.setText(text)
        self.extent_label.setStyleSheet(ERROR_STYLE if outside else REASON_STYLE)
        self.extent_label.show()

    def interval(self) -> str | None:
        """The STAC datetime interval; ValueError when a ticked day's text is not a day."""
        for check, field, name in (
            (self.from_check, self.from_date, self.tr("From")),
            (self.to_check, self.to_date, self.tr("To")),
        ):
            if check.isChecked() and field.error():
                raise ValueError(arg(self.tr("the %1 day %2"), name, field.error()))
        start, end = self._days()
        if start is not None and end is not None and start > end:
            raise ValueError(
                arg(
                    self.tr("the From day %1 is after the To day %2"),
                    start.isoformat(),
                    end.isoformat(),
                )
            )
        return format_interval(
            datetime(start.year, start.month, start.day, tzinfo=UTC) if start else None,
            datetime(end.year, end.month, end.day, 23, 59, 59, tzinfo=UTC) if end else None,
        )
