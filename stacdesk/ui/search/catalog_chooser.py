"""The top of the search dock: which catalog is open, and the ways to open another (the saved
connections, Add URL…, the connections manager, the offline sample after a failure).

Its own widget because it is about connections, not about the search: it reads and writes the
workspace's connection book and opens catalogs, while the search panel below builds queries.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.search.other_catalogs_button import OtherCatalogsButton

COLLECTIONS = QT_TRANSLATE_NOOP("CatalogChooser", "%Ln collections", "%Ln collection", 1)


class CatalogChooser(QWidget):
    """The catalog list and its buttons; ``open_connection`` is how every part of the window
    opens a catalog, so the list always names the open one."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.connection_dialog = None
        self.add_url_dialog = None
        self.connection_combo = QComboBox()
        self.connection_combo.setToolTip(self.tr("The catalog to search"))
        self.add_url_button = QPushButton(self.tr("Add URL…"))
        self.add_url_button.setToolTip(self.tr("Open any STAC API by its URL"))
        self.manage_button = QPushButton(self.tr("Connections…"))
        self.manage_button.setToolTip(
            self.tr("Add, edit, remove and test connections and their logins")
        )
        self.catalog_status = named(QLabel(), self.tr("Catalog status"))
        self.catalog_status.setWordWrap(True)
        self.catalog_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_sample_button = QPushButton(self.tr("Use the offline sample catalog"))
        self.use_sample_button.hide()
        self.others_button = OtherCatalogsButton(workspace)
        self._sample_if_unreachable = False  # the first start's catalog is being opened
        self._fallback_note = ""  # why the sample is open instead of the first start's catalog

        # The catalog's name gets the panel's whole width; the buttons go below it.
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_url_button, 1)
        buttons.addWidget(self.manage_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Catalog</b>")))
        layout.addWidget(self.connection_combo)
        layout.addLayout(buttons)
        layout.addWidget(self.others_button)
        layout.addWidget(self.catalog_status)
        layout.addWidget(self.use_sample_button)

        self.reload_connections()
        self.connection_combo.activated.connect(self._on_connection_activated)
        self.add_url_button.clicked.connect(self._ask_for_url)
        self.manage_button.clicked.connect(self.manage_connections)
        self.use_sample_button.clicked.connect(self.open_sample)
        workspace.catalog_changed.connect(self._on_catalog_changed)

    def reload_connections(self) -> None:
        current = self.workspace.connection.name if self.workspace.connection else None
        self.connection_combo.clear()
        for connection in self.workspace.book.all():
            self.connection_combo.addItem(connection.name, connection)
            self.connection_combo.setItemData(
                self.connection_combo.count() - 1, connection.url, Qt.ItemDataRole.ToolTipRole
            )
        if current is not None:
            index = self.connection_combo.findText(current)
            if index >= 0:
                self.connection_combo.setCurrentIndex(index)

    def open_connection(self, connection: Connection) -> None:
        index = self.connection_combo.findText(connection.name)
        if index >= 0:
            self.connection_combo.setCurrentIndex(index)
        self.workspace.open(connection)

    def open_first(self, connection: Connection) -> None:
        """The very first start's catalog: if it can't be opened, the offline sample opens
        instead and says why, so a machine without a network starts on something to search."""
        self._sample_if_unreachable = True
        self.open_connection(connection)

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
        """The URL is saved only once it opens (``AddUrlDialog``); then it is the catalog."""
        from stacdesk.ui.connections.add_url_dialog import AddUrlDialog

        self.add_url_dialog = AddUrlDialog(self.workspace.book, self)
        self.add_url_dialog.added.connect(self._on_url_added)
        self.add_url_dialog.open()

    def _on_url_added(self, connection: Connection) -> None:
        self.reload_connections()
        self.open_connection(connection)

    @Slot()
    def manage_connections(self) -> None:
        """Show the connections manager (non-modal, so the asyncio loop keeps running)."""
        from stacdesk.ui.connections.connection_dialog import ConnectionDialog

        if self.connection_dialog is None:
            dialog = ConnectionDialog(self.workspace.book, self)
            dialog.changed.connect(self._on_connections_edited)
            dialog.open_requested.connect(self.open_connection)
            self.connection_dialog = dialog
        current = self.workspace.connection
        self.connection_dialog.reload(select=current.name if current else None)
        self.connection_dialog.show()
        self.connection_dialog.raise_()

    def _on_connections_edited(self, name: str) -> None:
        """Refresh the list; the open connection is reopened with its new settings."""
        self.reload_connections()
        current = self.workspace.connection
        if current is not None and current.name == name:
            edited = self.workspace.book.find(name)
            if edited is not None and edited != current:
                self.open_connection(edited)

    def _on_catalog_changed(self) -> None:
        """Opening…, the error, or the title and size; after a server failed, the offline
        sample is offered."""
        ws = self.workspace
        name = ws.connection.name if ws.connection else ""
        remote = ws.connection is not None and ws.connection.kind == "api"
        if self._sample_if_unreachable and not ws.opening:
            self._sample_if_unreachable = False
            if ws.open_error and remote and ws.book.sample is not None:
                instead = self.tr(
                    "The offline sample catalog is open instead; pick %1 in the list to try again."
                )
                self._fallback_note = f"{shown(ws.open_error)} {arg(instead, name)}"
                self.open_sample()
                return
        if ws.connection is None or ws.connection != ws.book.sample:
            self._fallback_note = ""
        if ws.opening:
            self.catalog_status.setText(arg(self.tr("Opening %1…"), name))
        elif ws.open_error:
            error = shown(ws.open_error)
            self.catalog_status.setText(f"<span style='color:#b00020'>{error}</span>")
        elif ws.catalog is not None:
            problems = " ".join(shown(p) for p in getattr(ws.catalog, "problems", []) or [])
            extra = f" <span style='color:#666666'>{problems}</span>" if problems else ""
            size = shown(COLLECTIONS(n=len(ws.collections)))
            note = f"<br><i>{self._fallback_note}</i>" if self._fallback_note else ""
            self.catalog_status.setText(f"{ws.catalog.title} — {size}{extra}{note}")
        self.use_sample_button.setVisible(
            bool(ws.open_error) and remote and ws.book.sample is not None
        )
