"""The row of controls above the result list: filter text, date range, cloud limit and sort.

The bar edits the workspace's ResultFilter (shared with the map and the plots) and the list
model's sort; it also shows criteria set elsewhere (a range dragged on a plot) so the user always
sees why rows are hidden. While no date filter is set, the days show the loaded results' span, so
ticking From or To starts from the results' first or last day rather than from an unrelated one.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, QTimeZone, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.results.order import SORT_KEYS
from stacdesk.core.results.row_filter import ResultFilter
from stacdesk.ui.accessible import named
from stacdesk.ui.flow_layout import FlowLayout
from stacdesk.ui.results.model import ResultListModel
from stacdesk.ui.search.date_field import DateField

DAY = 86400.0


def _qdate(epoch: float) -> QDate:
    when = datetime.fromtimestamp(epoch, UTC)
    return QDate(when.year, when.month, when.day)


def _epoch(date: QDate, end_of_day: bool) -> float:
    time = QTime(23, 59, 59, 999) if end_of_day else QTime(0, 0)
    return QDateTime(date, time, QTimeZone.utc()).toMSecsSinceEpoch() / 1000.0


def _together(*widgets: QWidget) -> QWidget:
    """Widgets kept on one row, so that a wrapping layout moves them as one."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2)
    for widget in widgets:
        row.addWidget(widget)
    return group


class FilterBar(QWidget):
    def __init__(
        self, result_filter: ResultFilter, model: ResultListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.result_filter = result_filter
        self.model = model
        self._updating = False
        self.text = named(
            QLineEdit(placeholderText=self.tr("Filter loaded results (id, collection, platform)")),
            self.tr("Filter loaded results"),
        )
        self.text.setClearButtonEnabled(True)
        self.sort = QComboBox(toolTip=self.tr("Sort the loaded results"))
        labels = {  # the core's English labels, in the window's language
            "arrival": self.tr("Server order"),
            "datetime": self.tr("Date"),
            "cloud": self.tr("Cloud cover"),
            "coverage": self.tr("AOI coverage"),
            "id": self.tr("ID"),
            "collection": self.tr("Collection"),
            "platform": self.tr("Platform"),
        }
        for key, label in SORT_KEYS.items():
            self.sort.addItem(labels.get(key, label), key)
        self.descending = QToolButton(checkable=True, toolTip=self.tr("Descending order"))
        self.descending.setText("↓")
        self.descending.setAccessibleName(
            self.tr("Descending order")
        )  # an arrow says nothing when read
        self.from_check = QCheckBox(self.tr("From"))
        self.from_date = DateField(QDate.currentDate().addYears(-1))  # typed days taken whole
        named(self.from_date.line, self.tr("Results from (YYYY-MM-DD)"))
        self.to_check = QCheckBox(self.tr("to"))
        self.to_date = DateField(QDate.currentDate())
        named(self.to_date.line, self.tr("Results to (YYYY-MM-DD)"))
        self.cloud_check = QCheckBox(self.tr("Cloud ≤"))
        self.cloud = named(
            QSpinBox(suffix=" %", minimum=0, maximum=100, value=20), self.tr("Cloud cover at most")
        )
        self.clear_button = QToolButton(
            text=self.tr("Clear"), toolTip=self.tr("Show every loaded result")
        )

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.text, 1)
        top.addWidget(self.sort)
        top.addWidget(self.descending)
        # The criteria wrap onto a second row in a narrow dock (each check stays with its field).
        bottom = FlowLayout(spacing=4)
        for pair in (
            (self.from_check, self.from_date),
            (self.to_check, self.to_date),
            (self.cloud_check, self.cloud),
        ):
            bottom.addWidget(_together(*pair))
        bottom.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)

        self._text_timer = QTimer(self, singleShot=True, interval=200)  # filter while typing
        self._text_timer.timeout.connect(self.apply_text)
        self.text.textChanged.connect(self._text_timer.start)
        self.text.returnPressed.connect(self.apply_text)
        for signal in (
            self.from_check.toggled,
            self.to_check.toggled,
            self.from_date.dateChanged,
            self.to_date.dateChanged,
        ):
            signal.connect(self.apply_dates)
        self.cloud_check.toggled.connect(self.apply_cloud)
        self.cloud.valueChanged.connect(self.apply_cloud)
        self.sort.currentIndexChanged.connect(self.apply_sort)
        self.descending.toggled.connect(self.apply_sort)
        self.clear_button.clicked.connect(self.clear)
        result_filter.changed.connect(self.show_criteria)
        result_filter.store.appended.connect(lambda *_: self.show_criteria())
        result_filter.store.cleared.connect(self.show_criteria)
        self.show_criteria()

    @Slot()
    def apply_text(self) -> None:
        self._text_timer.stop()
        if not self._updating:
            self.result_filter.set(text=self.text.text())

    @Slot()
    def apply_dates(self) -> None:
        if self._updating:
            return
        use_from, use_to = self.from_check.isChecked(), self.to_check.isChecked()
        if not (use_from or use_to):
            self.result_filter.set(time_range=None)
            return
        start = _epoch(self.from_date.date(), False) if use_from else -math.inf
        end = _epoch(self.to_date.date(), True) if use_to else math.inf
        self.result_filter.set(time_range=(start, end))

    @Slot()
    def apply_cloud(self) -> None:
        if self._updating:
            return
        if self.cloud_check.isChecked():
            self.result_filter.set(cloud_range=(0.0, float(self.cloud.value())))
        else:
            self.result_filter.set(cloud_range=None)

    @Slot()
    def apply_sort(self) -> None:
        self.descending.setText("↓" if self.descending.isChecked() else "↑")
        self.model.set_sort(self.sort.currentData(), self.descending.isChecked())

    @Slot()
    def clear(self) -> None:
        self.result_filter.clear()

    def show_criteria(self) -> None:
        """Mirror the filter's criteria in the widgets without feeding them back."""
        criteria = self.result_filter.criteria
        self._updating = True
        try:
            if self.text.text() != criteria.text and not self._text_timer.isActive():
                self.text.setText(criteria.text)
            time_range = criteria.time_range or (-math.inf, math.inf)
            span = self._loaded_span()
            for end, check, field in (
                (0, self.from_check, self.from_date),
                (1, self.to_check, self.to_date),
            ):
                check.setChecked(math.isfinite(time_range[end]))
                day = time_range[end] if math.isfinite(time_range[end]) else span and span[end]
                if day is not None:  # an open end shows the loaded results' first or last day
                    field.setDate(_qdate(day))
            self.cloud_check.setChecked(criteria.cloud_range is not None)
            if criteria.cloud_range is not None:
                self.cloud.setValue(round(criteria.cloud_range[1]))
            self.clear_button.setEnabled(criteria.active)
        finally:
            self._updating = False

    def _loaded_span(self) -> tuple[float, float] | None:
        """The first and last acquisition among the loaded results; None when none is dated."""
        when = self.result_filter.store.datetimes
        if not len(when):
            return None
        # fmin/fmax pass over NaN (no date): no copy of a million finite values per filter change
        lo, hi = float(np.fmin.reduce(when)), float(np.fmax.reduce(when))
        if math.isfinite(lo) and math.isfinite(hi):
            return lo, hi
        when = when[np.isfinite(when)]  # all undated, or an infinite value somewhere
        return (float(when.min()), float(when.max())) if len(when) else None
