""" "Log in…" in the connections dialog, against a real OpenID provider (oidc-provider under node;
skipped with the reason without node/npm). The user's browser is the test browser, which signs
in and consents like a person would.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from stacdesk.config import app_paths
from stacdesk.core.catalogs.connections import Connection
from stacdesk.ui.connections.connection_dialog import ConnectionDialog
from stacdesk.ui.connections.oidc_login_dialog import OidcLoginDialog
from stacdesk.ui.main_window import MainWindow
from tests.servers.auth_doubles import MemoryKeyring
from tests.servers.oidc_provider import PASSWORD, USERNAME, Browser, OidcProvider

CDSE_ISSUER = "https://identity.dataspace.copernicus.eu/auth/realms/CDSE"


def connections_dialog(qtbot, window: MainWindow) -> ConnectionDialog:
    qtbot.mouseClick(window.search_panel.catalog_chooser.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.search_panel.catalog_chooser.connection_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def fill_oidc(dialog: ConnectionDialog, provider: OidcProvider, name: str) -> None:
    dialog.name_edit.setText(name)
    dialog.url_edit.setText("https://stac.example.org/")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("oidc"))
    dialog.issuer_edit.setText(provider.issuer)
    dialog.token_url_edit.setText(provider.token_url)
    dialog.client_id_edit.setText("cdse-public")


def users_browser(provider: OidcProvider, opened: list[str]):
    """The system browser: opens the URL and signs in, in its own thread."""

    def open_url(url: str) -> None:
        opened.append(url)
        threading.Thread(target=Browser(provider.issuer).open, args=(url,), daemon=True).start()

    return open_url


def choose(login: OidcLoginDialog, method: str) -> None:
    login.method_combo.setCurrentIndex(login.method_combo.findData(method))


def test_the_copernicus_preset_brings_its_provider(qtbot, window: MainWindow) -> None:
    dialog = connections_dialog(qtbot, window)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.name_edit.setText("Copernicus Data Space")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("oidc"))
    assert dialog.issuer_edit.text() == CDSE_ISSUER
    assert dialog.token_url_edit.text() == f"{CDSE_ISSUER}/protocol/openid-connect/token"
    assert dialog.client_id_edit.text() == "cdse-public"
    assert dialog.form_connection().auth.issuer == CDSE_ISSUER


def test_device_code_login_fills_the_refresh_token_of_a_new_connection(
    qtbot, window: MainWindow, oidc_provider: OidcProvider
) -> None:
    dialog = connections_dialog(qtbot, window)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    fill_oidc(dialog, oidc_provider, "Lab")
    login = dialog.log_in()
    opened: list[str] = []
    login.open_url = users_browser(oidc_provider, opened)
    choose(login, "device")
    qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: login.result() == OidcLoginDialog.DialogCode.Accepted, timeout=30000)
    assert "Enter the code" in login.code_label.text()
    assert opened and opened[0].startswith(f"{oidc_provider.issuer}/device")
    token = dialog.secret_edits["refresh_token"].text()
    assert token and "save the connection" in dialog.status.text()
    assert oidc_provider.introspect(login.tokens["access_token"])["active"] is True


def test_browser_login_stores_the_refresh_token_of_a_saved_connection(
    qtbot, window: MainWindow, oidc_provider: OidcProvider, memory_keyring: MemoryKeyring
) -> None:
    dialog = connections_dialog(qtbot, window)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    fill_oidc(dialog, oidc_provider, "Saved lab")
    dialog.book.put(dialog.form_connection())
    dialog.reload("Saved lab")
    assert dialog._editing == "Saved lab"
    login = dialog.log_in()
    opened: list[str] = []
    login.open_url = users_browser(oidc_provider, opened)
    choose(login, "browser")
    qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: login.result() == OidcLoginDialog.DialogCode.Accepted, timeout=30000)
    assert "code_challenge=" in opened[0] and "redirect_uri=http" in opened[0]
    stored = memory_keyring.entries[("stacdesk", "refresh_token@Saved lab")]
    assert stored == login.tokens["refresh_token"]
    assert "stored in the keyring" in dialog.status.text()
    assert dialog.book.find("Saved lab") == Connection(
        "Saved lab", "https://stac.example.org/", auth=dialog.form_connection().auth
    )


def test_password_login_says_what_went_wrong_then_succeeds(
    qtbot, qloop, oidc_provider: OidcProvider
) -> None:
    login = OidcLoginDialog("", oidc_provider.token_url, "cdse-public")
    qtbot.addWidget(login)
    assert [login.method_combo.itemData(i) for i in range(login.method_combo.count())] == [
        "password"
    ]  # no issuer that discovery could use: only the password grant is offered
    login.username_edit.setText(USERNAME)
    login.password_edit.setText("wrong")
    login.start()
    qtbot.waitUntil(lambda: "refused" in login.status.text(), timeout=20000)
    assert "wrong" not in login.status.text()
    login.password_edit.setText(PASSWORD)
    login.start()
    qtbot.waitUntil(lambda: login.tokens is not None, timeout=20000)
    assert login.tokens["refresh_token"] and login.password_edit.text() == ""


def test_cancelling_a_device_login_stops_waiting(qtbot, qloop, oidc_provider: OidcProvider) -> None:
    login = OidcLoginDialog(oidc_provider.issuer, "", "stacdesk", open_url=lambda url: None)
    qtbot.addWidget(login)
    choose(login, "device")
    task = login.start()
    qtbot.waitUntil(lambda: "Enter the code" in login.code_label.text(), timeout=20000)
    login.reject()
    qtbot.waitUntil(lambda: task is not None and task.done(), timeout=20000)
    assert login.tokens is None


def test_testing_a_connection_keeps_the_rotated_refresh_token(
    qtbot,
    window: MainWindow,
    oidc_provider: OidcProvider,
    rustac_api: str,
    make_proxy,
    memory_keyring: MemoryKeyring,
) -> None:
    """Test rotates the refresh token (the provider kills the old one): the dialog must keep the
    new one, in the form before saving and in the keyring after."""
    api = make_proxy(rustac_api, before=[oidc_provider.protect()])
    first = oidc_provider.password_grant("cdse-public")["refresh_token"]
    dialog = connections_dialog(qtbot, window)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    fill_oidc(dialog, oidc_provider, "Copernicus Data Space")
    dialog.url_edit.setText(api.url)
    assert "download.dataspace.copernicus.eu" in dialog.hosts_edit.text()  # the preset's hosts
    dialog.secret_edits["refresh_token"].setText(first)
    dialog.test()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Connected"), timeout=20000)
    rotated = dialog.secret_edits["refresh_token"].text()
    assert rotated and rotated != first
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    entry = ("stacdesk", "refresh_token@Copernicus Data Space")
    assert memory_keyring.entries[entry] == rotated
    # testing the saved one rotates again; the keyring follows
    dialog.test()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Connected"), timeout=20000)
    stored = memory_keyring.entries[entry]
    assert stored not in (first, rotated)
    root = app_paths().config.parent
    for path in (p for p in root.rglob("*") if p.is_file()):
        for secret in (first, rotated, stored):
            assert secret.encode() not in path.read_bytes(), path
