"""Filters and sorting of the search dock: cloud cover, conditions, raw CQL2, ids, sort.

Each control is on only when the open catalog can honour it; when it is off, a grey line under it
says why (and so does its tooltip), so nothing the user sets is silently ignored. The widget
reads ``SearchOptions`` (capabilities, queryables) and produces ``SearchInputs``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.common.message import said_by
from stacdesk.core.query.cql2_filter import filter_text
from stacdesk.core.query.filters import (
    FilterError,
    SearchInputs,
    SortKey,
    parse_cql2_text,
    parse_ids,
)
from stacdesk.core.query.queryables import CLOUD_COVER
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.options import SearchOptions
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg, shown

ERROR_STYLE = "color:#b00020"
REASON_STYLE = "color:#666666; font-style:italic"
OK_STYLE = "color:#1b5e20"


def _reason_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(REASON_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _set_available(widgets: list[QWidget], reason_label: QLabel, reason: str | None) -> None:
    """Enable the widgets, or disable them and say why (inline and in their tooltips)."""
    reason = shown(reason) if reason is not None else None  # a core reason in the window's words
    for widget in widgets:
        widget.setEnabled(reason is None)
        widget.setToolTip(reason or widget.property("defaultTip") or "")
    reason_label.setText(reason or "")
    reason_label.setVisible(bool(reason))


class SearchFilters(QWidget):
    """The filter and sort controls; ``inputs()`` is what the user set that can be sent."""

    def __init__(self, options: SearchOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from stacdesk.ui.search.condition_form import ConditionForm

        self.options = options
        self.capabilities_label = QLabel()
        self.capabilities_label.setWordWrap(True)
        self.capabilities_label.setStyleSheet(REASON_STYLE)

        self.cloud_check = QCheckBox(self.tr("Cloud cover at most"))
        self.cloud_slider = named(
            QSlider(Qt.Orientation.Horizontal), self.tr("Cloud cover at most")
        )
        self.cloud_slider.setRange(0, 100)
        self.cloud_slider.setValue(20)
        self.cloud_value = QLabel("20 %")
        self.cloud_reason = _reason_label()
        self.cloud_check.setProperty("defaultTip", "Only scenes with eo:cloud_cover at most this")

        self.form = ConditionForm()
        self.form_reason = _reason_label()
        self.queryables_status = QLabel()
        self.queryables_status.setWordWrap(True)
        self.queryables_status.setStyleSheet(ERROR_STYLE)
        self.queryables_status.hide()

        self.cql2_edit = named(QPlainTextEdit(), self.tr("CQL2 filter"))
        self.cql2_edit.setPlaceholderText(self.tr('CQL2 text, e.g.  "sat:relative_orbit" = 22'))
        self.cql2_edit.setFixedHeight(54)
        self.cql2_edit.setTabChangesFocus(True)  # Tab moves on, as in any field of the form
        self.cql2_edit.setProperty("defaultTip", "A CQL2-text filter, validated as you type")
        self.cql2_status = QLabel()
        self.cql2_status.setWordWrap(True)
        self.cql2_reason = _reason_label()

        self.ids_edit = QLineEdit(
            placeholderText=self.tr("item ids, separated by spaces or commas")
        )
        self.ids_edit.setToolTip(self.tr("Search only these items (by id)"))

        self.sort_field = QComboBox()
        self.sort_order = QComboBox()
        self.sort_order.addItems([self.tr("ascending"), self.tr("descending")])
        self.sort_field.setProperty("defaultTip", self.tr("Ask the server to sort the results"))
        self.sort_reason = _reason_label()

        cloud_row = QHBoxLayout()
        cloud_row.addWidget(self.cloud_check)
        cloud_row.addWidget(self.cloud_slider, 1)
        cloud_row.addWidget(self.cloud_value)
        sort_row = QHBoxLayout()
        sort_row.addWidget(self.sort_field, 1)
        sort_row.addWidget(self.sort_order)
        form = QFormLayout()
        form.addRow(self.tr("Item ids"), self.ids_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.capabilities_label)
        layout.addLayout(cloud_row)
        layout.addWidget(self.cloud_reason)
        layout.addWidget(QLabel(self.tr("Conditions")))
        layout.addWidget(self.form)
        layout.addWidget(self.form_reason)
        layout.addWidget(self.queryables_status)
        layout.addWidget(QLabel(self.tr("CQL2 filter")))
        layout.addWidget(self.cql2_edit)
        layout.addWidget(self.cql2_status)
        layout.addWidget(self.cql2_reason)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Sort by")))
        layout.addLayout(sort_row)
        layout.addWidget(self.sort_reason)

        self.cloud_slider.valueChanged.connect(self._on_cloud_value)
        self.cloud_slider.sliderPressed.connect(self._on_slider_pressed)
        self.cql2_edit.textChanged.connect(self._validate_cql2)
        options.changed.connect(self.refresh)
        self.refresh()

    # -- state from the catalog
    def refresh(self) -> None:
        """Enable what the catalog supports, disable the rest with the reason."""
        options, caps = self.options, self.options.capabilities
        if caps is None:
            self.capabilities_label.setText(
                self.tr("Open a catalog to see what it can filter and sort.")
            )
        else:
            self.capabilities_label.setText(
                arg(self.tr("This catalog offers: %1."), caps.summary())
            )
        self._refresh_cloud()
        fields = options.queryables.form_fields()
        self.form.set_queryables(fields, allow_like=bool(caps and caps.filter))
        if caps is None:
            form_reason: str | None = self.tr("Open a catalog first.")
        elif not (caps.filter or caps.query):
            form_reason = caps.why_not("filter")
        elif options.queryables_loading:
            form_reason = self.tr("Loading the queryable properties…")
        elif not fields:
            form_reason = (
                self.tr(
                    "The server lists no queryable properties for the chosen collections; "
                    "use the CQL2 editor."
                )
                if caps.filter
                else self.tr("The server lists no queryable properties for the chosen collections.")
            )
        else:
            form_reason = None
        _set_available([self.form], self.form_reason, form_reason)
        problems = " ".join(shown(problem) for problem in options.queryables.problems)
        self.queryables_status.setText(problems)
        self.queryables_status.setVisible(bool(problems))
        cql2_reason = (
            None
            if caps is not None and caps.filter
            else (caps.why_not("filter") if caps else self.tr("Open a catalog first."))
        )
        _set_available([self.cql2_edit], self.cql2_reason, cql2_reason)
        self._refresh_sort()

    def _refresh_cloud(self) -> None:
        options, caps = self.options, self.options.capabilities
        via = options.cloud_cover_via()
        if via is not None:
            reason = None
            how = self.tr("a CQL2 filter") if via == "filter" else self.tr("the query extension")
            self.cloud_check.setProperty(
                "defaultTip",
                self.tr("Only scenes with eo:cloud_cover at most this (sent as %1)").replace(
                    "%1", how
                ),
            )
        elif caps is None:
            reason = self.tr("Open a catalog first.")
        elif options.queryables_loading:
            reason = self.tr("Loading the queryable properties…")
        elif not (caps.filter or caps.query):
            reason = self.tr(
                "Cloud cover: the server offers neither CQL2 filtering nor the query "
                "extension, so it cannot filter by cloud cover."
            )
        else:
            reason = self.tr(
                "Cloud cover: eo:cloud_cover is not a queryable property of the chosen collections."
            )
        _set_available([self.cloud_check, self.cloud_slider], self.cloud_reason, reason)

    def _refresh_sort(self) -> None:
        caps = self.options.capabilities
        current = self.sort_field.currentData()
        self.sort_field.clear()
        self.sort_field.addItem(self.tr("Server's default order"), None)
        names = {
            "datetime": self.tr("Date"),
            CLOUD_COVER: self.tr("Cloud cover"),
            "id": self.tr("Item id"),
        }
        for queryable in self.options.queryables.form_fields():
            if queryable.sortable:
                names.setdefault(queryable.name, queryable.title)
        for name, title in names.items():
            self.sort_field.addItem(title, name)
        index = self.sort_field.findData(current)
        self.sort_field.setCurrentIndex(max(index, 0))
        reason = (
            None
            if caps is not None and caps.sort
            else (caps.why_not("sort") if caps else self.tr("Open a catalog first."))
        )
        _set_available([self.sort_field, self.sort_order], self.sort_reason, reason)

    # -- input feedback
    @Slot()
    def _on_slider_pressed(self) -> None:
        self.cloud_check.setChecked(True)

    @Slot(int)
    def _on_cloud_value(self, value: int) -> None:
        self.cloud_value.setText(f"{value} %")

    @Slot()
    def _validate_cql2(self) -> None:
        """Parse as the user types: an error shows at once, next to the editor."""
        text = self.cql2_edit.toPlainText()
        if not text.strip():
            self.cql2_status.setText("")
            return
        try:
            parse_cql2_text(text)
        except FilterError as exc:
            self.cql2_status.setStyleSheet(ERROR_STYLE)
            self.cql2_status.setText(
                arg(self.tr("%1 It will not be sent until it is fixed."), said_by(exc))
            )
            return
        self.cql2_status.setStyleSheet(OK_STYLE)
        self.cql2_status.setText(self.tr("Valid CQL2."))

    @property
    def cql2_error(self) -> str | None:
        text = self.cql2_edit.toPlainText()
        if not text.strip():
            return None
        try:
            parse_cql2_text(text)
        except FilterError as exc:
            return str(exc)
        return None

    # -- output
    def show_query(self, query: SearchQuery) -> None:
        """Set the controls to a search that ran (a saved or past one), so what ran is visible
        and can be changed: the query extension's cloud limit on the slider, every filter as
        CQL2 text, the ids and the first sort key."""
        query_ext = query.query if isinstance(query.query, dict) else {}
        cloud = query_ext.get(CLOUD_COVER)
        limit = cloud.get("lte") if isinstance(cloud, dict) and len(cloud) == 1 else None
        self.cloud_check.setChecked(isinstance(limit, int | float))
        if isinstance(limit, int | float):
            self.cloud_slider.setValue(round(limit))
        self.form.clear()
        self.cql2_edit.setPlainText(filter_text(query.filter) if query.filter else "")
        self.ids_edit.setText(" ".join(query.ids))
        spec = query.sortby[0] if query.sortby else ""
        index = self.sort_field.findData(spec.lstrip("+-")) if spec else 0
        self.sort_field.setCurrentIndex(max(index, 0))
        self.sort_order.setCurrentIndex(1 if spec.startswith("-") else 0)  # descending, ascending

    def inputs(self) -> SearchInputs:
        """What the user set; disabled controls contribute nothing (their reason is shown)."""
        cloud = (
            float(self.cloud_slider.value())
            if self.cloud_check.isEnabled() and self.cloud_check.isChecked()
            else None
        )
        sort_name = self.sort_field.currentData() if self.sort_field.isEnabled() else None
        sort = (
            (SortKey(sort_name, self.sort_order.currentIndex() == 1),)
            if isinstance(sort_name, str)
            else ()
        )
        return SearchInputs(
            cloud_cover_max=cloud,
            conditions=self.form.conditions() if self.form.isEnabled() else (),
            cql2_text=self.cql2_edit.toPlainText() if self.cql2_edit.isEnabled() else "",
            ids=parse_ids(self.ids_edit.text()),
            sort=sort,
        )
