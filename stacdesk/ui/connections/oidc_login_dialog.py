""" "Log in…" for an OpenID Connect connection: the user signs in at the provider, the app keeps the
refresh token. Thin: the flows live in ``stacdesk.core.auth.oidc_login`` and run in a worker.

Three ways: the system browser with a loopback redirect (PKCE), a code typed on any device (the
code and URL are shown and the browser is opened at it), or user name and password (Keycloak's
direct grant, what Copernicus Data Space documents for scripts; the password is not kept).
"""

from __future__ import annotations

import asyncio
import html
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.auth.oidc_login import (
    BrowserLogin,
    discover,
    finish_device_login,
    issuer_of,
    password_login,
    start_device_login,
)
from stacdesk.core.auth.settings import AuthSettings
from stacdesk.core.catalogs.connections import ConnectionBook
from stacdesk.core.common.errors import describe_error
from stacdesk.ui.core_text import arg, shown

METHODS = {  # shown through tr() in the dialog's context
    "browser": QT_TRANSLATE_NOOP("OidcLoginDialog", "In the web browser"),
    "device": QT_TRANSLATE_NOOP("OidcLoginDialog", "With a code, in a browser on any device"),
    "password": QT_TRANSLATE_NOOP("OidcLoginDialog", "User name and password"),
}
ERROR_STYLE = "color: #b00020;"


def open_in_browser(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


class OidcLoginDialog(QDialog):
    """Runs one login; on success ``tokens`` holds the provider's answer and the dialog accepts.

    ``open_url`` is how a URL reaches the user's browser (the system one by default).
    """

    def __init__(
        self,
        issuer: str,
        token_url: str,
        client_id: str,
        parent: QWidget | None = None,
        open_url: Callable[[str], None] = open_in_browser,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in"))
        self.issuer = issuer_of(issuer, token_url)
        self.token_url = token_url
        self.client_id = client_id
        self.open_url = open_url
        self.tokens: dict[str, Any] | None = None
        self._cancel = threading.Event()
        self._task: asyncio.Task[None] | None = None

        self.method_combo = QComboBox()
        for method, label in METHODS.items():
            if method != "password" and not self.issuer:
                continue  # browser and device logins need the provider's discovery document
            self.method_combo.addItem(self.tr(label), method)
        self.username_edit = QLineEdit()
        self.password_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.code_label = QLabel()
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.login_button = QPushButton(self.tr("Log in"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.ActionRole)

        form = QFormLayout()
        form.addRow(self.tr("How"), self.method_combo)
        form.addRow(self.tr("User name"), self.username_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.code_label)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.method_combo.currentIndexChanged.connect(self._on_method)
        self.login_button.clicked.connect(self.start)
        buttons.rejected.connect(self.reject)
        self._on_method()

    @property
    def method(self) -> str:
        return str(self.method_combo.currentData() or "password")

    @Slot()
    def _on_method(self) -> None:
        password = self.method == "password"
        self.username_edit.setEnabled(password)
        self.password_edit.setEnabled(password)

    @Slot()
    def start(self) -> asyncio.Task[None] | None:
        """Begin the chosen login in a worker thread."""
        if self._task is not None and not self._task.done():
            return self._task
        self._cancel.clear()
        self.login_button.setEnabled(False)
        self.code_label.clear()
        self._say(self.tr("Waiting for the provider…"))
        self._task = asyncio.ensure_future(self._run(self.method))
        return self._task

    async def _run(self, method: str) -> None:
        try:
            if method == "password":
                token_url = self.token_url
                if not token_url:
                    token_url = (await asyncio.to_thread(discover, self.issuer)).token_endpoint
                user, password = self.username_edit.text(), self.password_edit.text()
                tokens = await asyncio.to_thread(
                    password_login, token_url, self.client_id, user, password
                )
            elif method == "device":
                tokens = await self._device()
            else:
                tokens = await self._browser()
        except asyncio.CancelledError:
            self._cancel.set()
            raise
        except Exception as exc:  # every failure is a sentence in the dialog
            self._say(shown(describe_error(exc)), False)
            self.login_button.setEnabled(True)
            return
        self.password_edit.clear()
        self.tokens = tokens
        self.accept()

    async def _device(self) -> dict[str, Any]:
        endpoints = await asyncio.to_thread(discover, self.issuer)
        device = await asyncio.to_thread(start_device_login, endpoints, self.client_id)
        code, where = html.escape(device.user_code), html.escape(device.verification_uri)
        link = f'<a href="{where}">{where}</a>'
        self.code_label.setText(arg(self.tr("Enter the code %1 at %2"), f"<b>{code}</b>", link))
        self.code_label.setOpenExternalLinks(True)
        self._say(self.tr("Sign in in the browser; this window continues by itself."))
        self.open_url(device.verification_uri_complete)
        return await asyncio.to_thread(
            finish_device_login, endpoints, self.client_id, device, self._cancel
        )

    async def _browser(self) -> dict[str, Any]:
        endpoints = await asyncio.to_thread(discover, self.issuer)
        login = BrowserLogin(endpoints, self.client_id)
        try:
            self._say(
                self.tr(
                    "Sign in in the browser window that opened; this window continues by itself."
                )
            )
            self.open_url(login.url)
        except Exception:
            login.close()
            raise
        return await asyncio.to_thread(login.finish, self._cancel)

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.setStyleSheet("" if ok else ERROR_STYLE)
        self.status.setText(text)

    def reject(self) -> None:
        self._stop()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)

    def _stop(self) -> None:
        self._cancel.set()  # the worker stops polling / waiting for the browser
        if self._task is not None and not self._task.done():
            self._task.cancel()


def log_in(
    parent: Any, auth: AuthSettings, saved_as: str | None, book: ConnectionBook, edit: QLineEdit
) -> OidcLoginDialog:
    """Open the login dialog for the connection dialog ``parent``; the new refresh token goes to
    the keyring for a saved connection (``saved_as``), else into ``edit`` to be saved with it."""
    dialog = OidcLoginDialog(auth.issuer, auth.token_url, auth.client_id, parent)

    def keep() -> None:
        refresh = (dialog.tokens or {}).get("refresh_token")
        ok = isinstance(refresh, str) and bool(refresh)
        text = QCoreApplication.translate(
            "OidcLoginDialog", "The provider gave no refresh token: stacdesk cannot stay logged in."
        )
        if ok and saved_as is not None:
            try:
                book.secrets.set(saved_as, "refresh_token", str(refresh))
                text = QCoreApplication.translate(
                    "OidcLoginDialog", "Logged in; the refresh token is stored in the keyring."
                )
            except Exception as exc:  # no keyring: keep it in the form, saving will say why
                edit.setText(str(refresh))
                text = arg(
                    QCoreApplication.translate("OidcLoginDialog", "Logged in, but %1"),
                    describe_error(exc),
                )
        elif ok:
            edit.setText(str(refresh))
            text = QCoreApplication.translate(
                "OidcLoginDialog", "Logged in; save the connection to keep it."
            )
        parent.status.setStyleSheet("" if ok else ERROR_STYLE)
        parent.status.setText(text)

    dialog.accepted.connect(keep)
    dialog.open()
    return dialog
