"""The catalog & search dock: which catalog, which collections, when, where — and Search."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.connections import Connection
from stacdesk.core.datetimes import format_interval
from stacdesk.core.query import DEFAULT_PAGE_SIZE, SearchQuery
from stacdesk.core.search_session import SearchState
from stacdesk.core.workspace import Workspace
from stacdesk.ui.collection_picker import CollectionPicker


def _date_edit(initial: QDate) -> QDateEdit:
    edit = QDateEdit(initial)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class SearchPanel(QWidget):
    """Builds a SearchQuery from the controls; shows the catalog's state and errors inline."""

    search_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.connection_combo = QComboBox()
        self.connection_combo.setToolTip("The catalog to search")
        self.add_url_button = QPushButton("Add URL…")
        self.add_url_button.setToolTip("Open any STAC API by its URL")
        self.catalog_status = QLabel()
        self.catalog_status.setWordWrap(True)
        self.catalog_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_sample_button = QPushButton("Use the offline sample catalog")
        self.use_sample_button.hide()
        self.collections = CollectionPicker()
        today = QDate.currentDate()
        self.from_check = QCheckBox("From")
        self.from_date = _date_edit(today.addMonths(-1))
        self.to_check = QCheckBox("To")
        self.to_date = _date_edit(today)
        self.from_check.setChecked(True)
        self.to_check.setChecked(True)
        self.aoi_label = QLabel()
        self.aoi_label.setWordWrap(True)
        self.page_size = QSpinBox(minimum=1, maximum=10000, value=DEFAULT_PAGE_SIZE)
        self.page_size.setToolTip("Results per page requested from the server")
        self.search_button = QPushButton("Search")
        self.search_button.setDefault(True)
        self.search_button.setToolTip("Run the search (Ctrl+Return)")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop loading results (Esc)")

        catalog_row = QHBoxLayout()
        catalog_row.addWidget(self.connection_combo, 1)
        catalog_row.addWidget(self.add_url_button)
        form = QFormLayout()
        from_row, to_row = QHBoxLayout(), QHBoxLayout()
        from_row.addWidget(self.from_check)
        from_row.addWidget(self.from_date, 1)
        to_row.addWidget(self.to_check)
        to_row.addWidget(self.to_date, 1)
        form.addRow(from_row)
        form.addRow(to_row)
        form.addRow("Area", self.aoi_label)
        form.addRow("Page size", self.page_size)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button, 1)
        buttons.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel("<b>Catalog</b>"))
        layout.addLayout(catalog_row)
        layout.addWidget(self.catalog_status)
        layout.addWidget(self.use_sample_button)
        layout.addWidget(QLabel("<b>Collections</b>"))
        layout.addWidget(self.collections, 1)
        layout.addWidget(QLabel("<b>When and where</b>"))
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.reload_connections()
        self.connection_combo.activated.connect(self._on_connection_activated)
        self.add_url_button.clicked.connect(self._ask_for_url)
        self.use_sample_button.clicked.connect(self.open_sample)
        self.search_button.clicked.connect(self.search_requested)
        self.stop_button.clicked.connect(workspace.search.cancel)
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        workspace.catalog_changed.connect(self._on_catalog_changed)
        workspace.aoi_changed.connect(self._on_aoi_changed)
        workspace.search.changed.connect(self._on_search_changed)
        self._on_aoi_changed()
        self._on_search_changed()

    def reload_connections(self) -> None:
        self.connection_combo.clear()
        for connection in self.workspace.book.all():
            self.connection_combo.addItem(connection.name, connection)
            self.connection_combo.setItemData(
                self.connection_combo.count() - 1, connection.url, Qt.ItemDataRole.ToolTipRole
            )

    def open_connection(self, connection: Connection) -> None:
        index = self.connection_combo.findText(connection.name)
        if index >= 0:
            self.connection_combo.setCurrentIndex(index)
        self.workspace.open(connection)

    @Slot()
    def open_sample(self) -> None:
        if self.workspace.book.sample is not None:
            self.open_connection(self.workspace.book.sample)

    @Slot(int)
    def _on_connection_activated(self, index: int) -> None:
        connection = self.connection_combo.itemData(index)
        if isinstance(connection, Connection) and connection != self.workspace.connection:
            self.workspace.open(connection)

    @Slot()
    def _ask_for_url(self) -> None:
        url, ok = QInputDialog.getText(self, "Open a STAC API", "STAC API URL:")
        if ok and url.strip():
            if not url.strip().lower().startswith(("http://", "https://")):
                self.catalog_status.setText("A STAC API URL starts with http:// or https://.")
                return
            connection = self.workspace.book.add_url(url)
            self.reload_connections()
            self.open_connection(connection)

    def _on_catalog_changed(self) -> None:
        ws = self.workspace
        name = ws.connection.name if ws.connection else ""
        remote = ws.connection is not None and ws.connection.kind == "api"
        if ws.opening:
            self.catalog_status.setText(f"Opening {name}…")
        elif ws.open_error:
            self.catalog_status.setText(f"<span style='color:#b00020'>{ws.open_error}</span>")
        elif ws.catalog is not None:
            self.catalog_status.setText(f"{ws.catalog.title} — {len(ws.collections)} collections")
        self.use_sample_button.setVisible(
            bool(ws.open_error) and remote and ws.book.sample is not None
        )
        self.collections.set_collections(ws.collections)
        self._on_search_changed()

    def _on_aoi_changed(self) -> None:
        aoi = self.workspace.aoi
        self.aoi_label.setText(
            aoi.describe()
            if aoi
            else "the whole world — draw a box (B) or click a point (T) on the map"
        )

    def _on_search_changed(self) -> None:
        loading = self.workspace.search.state is SearchState.LOADING
        self.search_button.setEnabled(self.workspace.catalog is not None)
        self.stop_button.setEnabled(loading)

    def date_range(self) -> str | None:
        start = self.from_date.date().toPython() if self.from_check.isChecked() else None
        end = self.to_date.date().toPython() if self.to_check.isChecked() else None
        return format_interval(
            datetime(start.year, start.month, start.day, tzinfo=UTC) if start else None,
            datetime(end.year, end.month, end.day, 23, 59, 59, tzinfo=UTC) if end else None,
        )

    def query(self) -> SearchQuery:
        return SearchQuery(
            collections=tuple(self.collections.checked_ids()),
            datetime=self.date_range(),
            limit=self.page_size.value(),
        )
