"""Manage connections: add, edit, remove and test them, with their authentication.

Secrets typed here go to the keyring when the connection is saved, never to the settings file; a
secret field left empty keeps what the keyring holds. "Test" opens the catalog in a worker with
what the form says (saved or not) and reports the result inline (``connection_test``, which also
keeps a refresh token the test rotated).
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.auth import AUTH_KINDS, PLANETARY_COMPUTER, SECRET_FIELDS_BY_KIND, AuthSettings
from stacdesk.core.catalogs.connections import OIDC_HINTS, PRESETS, Connection, ConnectionBook
from stacdesk.core.common.errors import describe_error
from stacdesk.ui.accessible import named
from stacdesk.ui.connections.connection_test import ConnectionTest
from stacdesk.ui.connections.oidc_login_dialog import OidcLoginDialog, log_in
from stacdesk.ui.core_text import arg, shown

ERROR_STYLE = "color:#b00020"
OK_STYLE = "color:#1b5e20"
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
SECRET_LABELS = {  # shown through tr() in the dialog's context
    "password": QT_TRANSLATE_NOOP("ConnectionDialog", "Password"),
    "token": QT_TRANSLATE_NOOP("ConnectionDialog", "Token"),
    "api_key": QT_TRANSLATE_NOOP("ConnectionDialog", "Key"),
    "refresh_token": QT_TRANSLATE_NOOP("ConnectionDialog", "Refresh token"),
    "client_secret": QT_TRANSLATE_NOOP("ConnectionDialog", "Client secret (optional)"),
}


def _secret_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ConnectionDialog(QDialog):
    """The connections manager; ``changed(name)`` after a save or removal."""

    changed = Signal(str)
    open_requested = Signal(object)

    def __init__(self, book: ConnectionBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connections"))
        self.resize(760, 460)
        self.book = book
        self._editing: str | None = None  # name of the saved connection shown, None for new
        self.tester = ConnectionTest(
            book,
            lambda text, ok: self._show(text, ok),
            lambda busy: self.test_button.setEnabled(not busy),
            lambda token: self.secret_edits["refresh_token"].setText(token),
            self,
        )

        self.list = named(QListWidget(), self.tr("Saved connections"))
        self.new_button = QPushButton(self.tr("New"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.restore_button = QPushButton(self.tr("Restore presets"))
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("Fill from a preset…"), None)
        for preset in PRESETS:
            self.preset_combo.addItem(preset.name, preset)

        self.name_edit = QLineEdit()
        self.url_edit = QLineEdit(placeholderText=self.tr("https://…/stac/v1"))
        self.kind_combo = QComboBox()
        for kind, label in AUTH_KINDS.items():
            self.kind_combo.addItem(label, kind)
        self.username_edit = QLineEdit()
        self.header_edit = QLineEdit(placeholderText=self.tr("e.g. X-API-Key"))
        self.token_url_edit = QLineEdit(
            placeholderText=self.tr("https://…/protocol/openid-connect/token")
        )
        self.client_id_edit = QLineEdit()
        self.issuer_edit = QLineEdit(
            placeholderText=self.tr("https://…/realms/NAME (to log in from here)")
        )
        self.login_button = QPushButton(self.tr("Log in…"))
        self.secret_edits = {field: _secret_edit() for field in SECRET_LABELS}
        self.hosts_edit = QLineEdit(placeholderText=self.tr("other hosts that get the credentials"))
        self.trust_check = QCheckBox(self.tr("Trust this server's certificate"))
        self.trust_check.setToolTip(
            self.tr(
                "Accept this catalog's TLS certificate even if it cannot be verified (e.g. a "
                "self-signed server on your own network). Only this server's API host; every other "
                "host is still verified."
            )
        )
        self.hosts_edit.setToolTip(
            self.tr(
                "Credentials go only to the catalog's own host and the hosts listed here "
                "(comma separated; *.example.com for subdomains). Never to a host reached by a "
                "redirect or an asset host not listed."
            )
        )
        self.signing_combo = QComboBox()
        self.signing_combo.addItem(self.tr("None"), "")
        self.signing_combo.addItem(self.tr("Planetary Computer (SAS tokens)"), PLANETARY_COMPUTER)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = QPushButton(self.tr("Test"))
        self.save_button = QPushButton(self.tr("Save"))
        self.open_button = QPushButton(self.tr("Save and open"))

        self.auth_pages = QStackedWidget()
        self._pages: dict[str, int] = {}
        for kind in AUTH_KINDS:
            page = QWidget()
            page_form = QFormLayout(page)
            page_form.setContentsMargins(0, 0, 0, 0)
            if kind == "basic":
                page_form.addRow(self.tr("User name"), self.username_edit)
            if kind == "api_key":
                page_form.addRow(self.tr("Header name"), self.header_edit)
            if kind == "oidc":
                page_form.addRow(self.tr("Token endpoint"), self.token_url_edit)
                page_form.addRow(self.tr("Client id"), self.client_id_edit)
                page_form.addRow(self.tr("Provider (issuer)"), self.issuer_edit)
                page_form.addRow(self.login_button)
            for field in SECRET_FIELDS_BY_KIND[kind]:
                page_form.addRow(self.tr(SECRET_LABELS[field]), self.secret_edits[field])
            self._pages[kind] = self.auth_pages.addWidget(page)

        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.new_button)
        left_buttons.addWidget(self.remove_button)
        left.addLayout(left_buttons)
        left.addWidget(self.restore_button)
        form = QFormLayout()
        form.addRow(self.preset_combo)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("STAC API URL"), self.url_edit)
        form.addRow(self.tr("Authentication"), self.kind_combo)
        form.addRow(self.auth_pages)
        form.addRow(self.tr("Credential hosts"), self.hosts_edit)
        form.addRow(self.trust_check)
        form.addRow(self.tr("Asset signing"), self.signing_combo)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.open_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.status)
        right.addStretch(1)
        right.addLayout(actions)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)

        self.list.currentItemChanged.connect(self._on_current)
        self.new_button.clicked.connect(self.new_connection)
        self.remove_button.clicked.connect(self.remove_current)
        self.restore_button.clicked.connect(self._restore_presets)
        self.preset_combo.activated.connect(self._fill_from_preset)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.test_button.clicked.connect(self.test)
        self.login_button.clicked.connect(self.log_in)
        self.save_button.clicked.connect(self.save)
        self.open_button.clicked.connect(self._save_and_open)
        close.rejected.connect(self.close)
        self.reload()

    # -- list
    def reload(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for connection in self.book.all():
            if connection.kind != "api":
                continue
            item = QListWidgetItem(connection.name)
            item.setData(NAME_ROLE, connection.name)
            item.setToolTip(connection.url)
            self.list.addItem(item)
        self.list.blockSignals(False)
        rows = [self.list.item(i).data(NAME_ROLE) for i in range(self.list.count())]
        target = select if select in rows else (rows[0] if rows else None)
        if target is not None:
            self.list.setCurrentRow(rows.index(target))
        else:
            self.new_connection()

    def _on_current(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is None:
            return
        connection = self.book.find(current.data(NAME_ROLE))
        if connection is not None:
            self.show_connection(connection)

    def show_connection(self, connection: Connection | None) -> None:
        """Fill the form; secrets are not read back, only marked as stored."""
        self._editing = connection.name if connection else None
        conn = connection or Connection("", "https://")
        auth = conn.auth
        self.name_edit.setText(conn.name)
        self.url_edit.setText(conn.url)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(auth.kind), 0))
        self.username_edit.setText(auth.username)
        self.header_edit.setText(auth.header_name)
        self.token_url_edit.setText(auth.token_url)
        self.client_id_edit.setText(auth.client_id)
        self.issuer_edit.setText(auth.issuer)
        self.hosts_edit.setText(", ".join(auth.extra_hosts))
        self.trust_check.setChecked(conn.trust_certificate)
        self.signing_combo.setCurrentIndex(max(self.signing_combo.findData(auth.signing), 0))
        for field, edit in self.secret_edits.items():
            edit.clear()
            stored = connection is not None and self._stored(connection.name, field)
            edit.setPlaceholderText(
                self.tr("stored in the keyring; type to replace") if stored else ""
            )
        self.remove_button.setEnabled(connection is not None)
        self.status.clear()
        self._on_kind()

    def _stored(self, name: str, field: str) -> bool:
        try:
            return self.book.secrets.get(name, field) is not None
        except Exception:  # no keyring: nothing is stored, and saving will say why
            return False

    @Slot()
    def new_connection(self) -> None:
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.show_connection(None)
        self.name_edit.setFocus()

    @Slot(int)
    def _fill_from_preset(self, index: int) -> None:
        preset = self.preset_combo.itemData(index)
        self.preset_combo.setCurrentIndex(0)
        if isinstance(preset, Connection):
            self.name_edit.setText(preset.name)
            self.url_edit.setText(preset.url)
            self.signing_combo.setCurrentIndex(
                max(self.signing_combo.findData(preset.auth.signing), 0)
            )
            self._on_kind()

    @Slot()
    def _on_kind(self) -> None:
        kind = self.kind_combo.currentData() or "none"
        self.auth_pages.setCurrentIndex(self._pages.get(kind, 0))
        self.hosts_edit.setEnabled(kind != "none")
        hint = OIDC_HINTS.get(self.name_edit.text().strip())
        if kind == "oidc" and hint is not None:
            if not self.token_url_edit.text():
                self.token_url_edit.setText(hint.token_url)
            if not self.client_id_edit.text():
                self.client_id_edit.setText(hint.client_id)
            if not self.issuer_edit.text():
                self.issuer_edit.setText(hint.issuer)
            if not self.hosts_edit.text():
                self.hosts_edit.setText(", ".join(hint.extra_hosts))

    # -- form to values
    def form_connection(self) -> Connection:
        kind = self.kind_combo.currentData() or "none"
        hosts = tuple(h.strip() for h in self.hosts_edit.text().split(",") if h.strip())
        auth = AuthSettings(
            kind=kind,
            username=self.username_edit.text().strip() if kind == "basic" else "",
            header_name=self.header_edit.text().strip() if kind == "api_key" else "",
            token_url=self.token_url_edit.text().strip() if kind == "oidc" else "",
            client_id=self.client_id_edit.text().strip() if kind == "oidc" else "",
            issuer=self.issuer_edit.text().strip() if kind == "oidc" else "",
            extra_hosts=hosts if kind != "none" else (),
            signing=self.signing_combo.currentData() or "",
        )
        return Connection(
            self.name_edit.text().strip(),
            self.url_edit.text().strip(),
            auth=auth,
            trust_certificate=self.trust_check.isChecked(),
        )

    def typed_secrets(self) -> dict[str, str]:
        kind = self.kind_combo.currentData() or "none"
        return {
            field: self.secret_edits[field].text()
            for field in SECRET_FIELDS_BY_KIND.get(kind, ())
            if self.secret_edits[field].text()
        }

    def _show(self, text: str, ok: bool) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    # -- actions
    @Slot()
    def save(self) -> Connection | None:
        connection = self.form_connection()
        try:
            self.book.put(connection, self.typed_secrets(), old_name=self._editing)
        except Exception as exc:  # invalid form or keyring refusal: said inline
            self._show(arg(self.tr("Not saved: %1"), describe_error(exc)), ok=False)
            return None
        self._show(arg(self.tr("Saved %1."), connection.name), ok=True)
        self.reload(select=connection.name)
        self._show(arg(self.tr("Saved %1."), connection.name), ok=True)
        self.changed.emit(connection.name)
        return connection

    @Slot()
    def _save_and_open(self) -> None:
        connection = self.save()
        if connection is not None:
            self.open_requested.emit(connection)

    @Slot()
    def remove_current(self) -> None:
        if self._editing is None:
            return
        name = self._editing
        try:
            note = self.book.remove(name)
        except Exception as exc:  # the settings file could not be written
            self._show(arg(self.tr("Not removed: %1"), describe_error(exc)), ok=False)
            return
        self.reload()
        removed = arg(self.tr("Removed %1."), name)
        self._show(f"{removed} {shown(note)}" if note else removed, ok=note is None)
        self.changed.emit(name)

    @Slot()
    def _restore_presets(self) -> None:
        self.book.restore_presets()
        self.reload()
        self.changed.emit("")

    @Slot()
    def test(self) -> asyncio.Task[None] | None:
        """Open the catalog with what the form says, in a worker; the result shows inline."""
        return self.tester.run(self.form_connection(), self.typed_secrets(), self._editing)

    @Slot()
    def log_in(self) -> OidcLoginDialog:
        """Sign in at the provider; the refresh token replaces what is stored or typed."""
        edit = self.secret_edits["refresh_token"]
        return log_in(self, self.form_connection().auth, self._editing, self.book, edit)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tester.cancel()
        super().closeEvent(event)
