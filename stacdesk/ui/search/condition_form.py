"""The filter form: one row per condition, with an input that fits the queryable's type.

Numbers get a spin box bounded by the schema's minimum/maximum, enums a list of their values,
dates a date picker, text a line edit. The form only produces ``Condition`` values; turning them
into CQL2 or the query extension is the core's job (``core.query.filters``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.query.filters import OPERATORS_BY_KIND, Condition
from stacdesk.core.query.queryables import Queryable

NUMBER_LIMIT = 1e12


def _number_editor(queryable: Queryable) -> QWidget:
    low = queryable.minimum if queryable.minimum is not None else -NUMBER_LIMIT
    high = queryable.maximum if queryable.maximum is not None else NUMBER_LIMIT
    if queryable.kind == "integer":
        box = QSpinBox()
        box.setRange(int(max(low, -(2**31))), int(min(high, 2**31 - 1)))
    else:
        box = QDoubleSpinBox()
        box.setDecimals(3)
        box.setRange(low, high)
    return box


def _editor(queryable: Queryable) -> QWidget:
    kind = queryable.kind
    if kind in ("number", "integer"):
        return _number_editor(queryable)
    if kind == "enum":
        combo = QComboBox()
        for value in queryable.enum:
            combo.addItem(str(value), value)
        return combo
    if kind in ("datetime", "date"):
        edit = QDateTimeEdit(QDateTime.currentDateTimeUtc())
        edit.setTimeSpec(Qt.TimeSpec.UTC)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd" if kind == "date" else "yyyy-MM-dd HH:mm")
        return edit
    if kind == "boolean":
        return QCheckBox(QCoreApplication.translate("ConditionForm", "true"))
    return QLineEdit(placeholderText=QCoreApplication.translate("ConditionForm", "value"))


def _value(editor: QWidget, kind: str) -> Any:
    if isinstance(editor, QSpinBox | QDoubleSpinBox):
        return editor.value()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QDateTimeEdit):
        moment = editor.dateTime().toUTC()
        if kind == "date":
            return moment.date().toString("yyyy-MM-dd")
        moment.setTime(QTime(moment.time().hour(), moment.time().minute()))
        return moment.toString("yyyy-MM-dd'T'HH:mm:ss'Z'")
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QLineEdit):
        return editor.text()
    return None


class ConditionRow(QWidget):
    """``property  operator  value  ✕`` for one queryable."""

    removed = Signal(QWidget)

    def __init__(self, queryable: Queryable, operators: Sequence[str]) -> None:
        super().__init__()
        self.queryable = queryable
        self.label = QLabel(queryable.title)
        self.label.setToolTip(f"{queryable.name}\n{queryable.description}".strip())
        self.operator = QComboBox()
        self.operator.addItems(list(operators))
        self.editor = _editor(queryable)
        self.remove_button = QToolButton(text="✕")
        self.remove_button.setToolTip(self.tr("Remove this condition"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 2)
        layout.addWidget(self.operator)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.remove_button)
        self.remove_button.clicked.connect(self._on_remove)

    @Slot()
    def _on_remove(self) -> None:
        self.removed.emit(self)

    def condition(self) -> Condition | None:
        """The condition, or None while a text value is still empty."""
        value = _value(self.editor, self.queryable.kind)
        if isinstance(value, str) and not value.strip():
            return None
        return Condition(
            self.queryable.name, self.operator.currentText(), value, self.queryable.kind
        )


class ConditionForm(QWidget):
    """A chooser of queryables and the condition rows added from it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chooser = QComboBox()
        self.chooser.setToolTip(
            self.tr("Add a condition on one of the server's queryable properties")
        )
        self.rows: list[ConditionRow] = []
        self._queryables: dict[str, Queryable] = {}
        self._allow_like = True
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chooser)
        layout.addLayout(self._rows_layout)
        self.chooser.activated.connect(self._on_chosen)
        self.set_queryables([])

    def set_queryables(self, queryables: Sequence[Queryable], allow_like: bool = True) -> None:
        """Offer these properties; rows for properties no longer offered are removed."""
        self._queryables = {q.name: q for q in queryables}
        self._allow_like = allow_like
        self.chooser.clear()
        self.chooser.addItem(self.tr("Add a condition…"), None)
        for queryable in sorted(queryables, key=lambda q: q.title.lower()):
            label = queryable.title
            if queryable.title != queryable.name:
                label = f"{queryable.title} ({queryable.name})"
            self.chooser.addItem(label, queryable.name)
        for row in list(self.rows):
            if row.queryable.name not in self._queryables:
                self._remove(row)

    @Slot(int)
    def _on_chosen(self, index: int) -> None:
        name = self.chooser.itemData(index)
        self.chooser.setCurrentIndex(0)
        if isinstance(name, str) and name in self._queryables:
            self.add_condition(self._queryables[name])

    def add_condition(self, queryable: Queryable) -> ConditionRow:
        operators = OPERATORS_BY_KIND.get(queryable.kind, ("=",))
        if not self._allow_like:
            operators = tuple(op for op in operators if op != "like") or ("=",)
        row = ConditionRow(queryable, operators)
        row.removed.connect(self._remove)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self.changed.emit()
        return row

    @Slot(QWidget)
    def _remove(self, row: QWidget) -> None:
        if row in self.rows:
            self.rows.remove(row)  # type: ignore[arg-type]
            row.setParent(None)
            row.deleteLater()
            self.changed.emit()

    def clear(self) -> None:
        for row in list(self.rows):
            self._remove(row)

    def conditions(self) -> tuple[Condition, ...]:
        return tuple(c for row in self.rows if (c := row.condition()) is not None)
