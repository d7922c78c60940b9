"""Connections without a system keyring, and Add URL… that saves only an address that opens."""

from __future__ import annotations

import keyring
from keyring.backends import fail
from PySide6.QtCore import Qt

from stacdesk.core.auth import AuthSettings
from stacdesk.core.catalogs.connections import Connection
from stacdesk.ui.main_window import MainWindow
from tests.servers.auth_doubles import MemoryKeyring

DEAD_URL = "http://127.0.0.1:9/stac/v1"


def test_connections_are_removed_without_a_keyring(
    qtbot, window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    book = window.workspace.book
    book.put(Connection("Plain", "https://plain.example.org/stac"))
    book.put(Connection("Locked", "https://locked.example.org", auth=AuthSettings("bearer")), {
        "token": "tok-left-behind"
    })  # fmt: skip
    keyring.set_keyring(fail.Keyring())
    qtbot.mouseClick(window.search_panel.catalog_chooser.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.search_panel.catalog_chooser.connection_dialog
    assert dialog is not None

    dialog.reload(select="Plain")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Removed Plain."
    assert book.find("Plain") is None
    assert window.search_panel.catalog_chooser.connection_combo.findText("Plain") < 0

    dialog.reload(select="Locked")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Removed Locked. Its stored password or token")
    assert "No system keyring" in dialog.status.text()
    assert book.find("Locked") is None
    assert window.search_panel.catalog_chooser.connection_combo.findText("Locked") < 0


def test_a_failing_url_is_not_saved_and_stays_to_be_corrected(
    qtbot, window: MainWindow, rustac_api: str
) -> None:
    panel = window.search_panel
    before = [c.name for c in window.workspace.book.all()]
    qtbot.mouseClick(panel.catalog_chooser.add_url_button, Qt.MouseButton.LeftButton)
    dialog = panel.catalog_chooser.add_url_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.url_edit.width() >= 500

    dialog.url_edit.setText(DEAD_URL)
    task = dialog.try_url()
    assert task is not None
    qtbot.waitUntil(task.done, timeout=20000)
    assert dialog.isVisible() and dialog.url_edit.text() == DEAD_URL
    assert "Cannot reach the server" in dialog.status.text()
    assert dialog.status.text().endswith("The address was not saved.")
    assert [c.name for c in window.workspace.book.all()] == before
    assert panel.catalog_chooser.connection_combo.findText("127.0.0.1:9") < 0

    for bad in ("stac.example.org", "http://[::1", "https://"):
        dialog.url_edit.setText(bad)
        assert dialog.try_url() is None
        assert "starts with http" in dialog.status.text()

    dialog.url_edit.setText(rustac_api)
    task = dialog.try_url()
    assert task is not None
    qtbot.waitUntil(task.done, timeout=20000)
    assert not dialog.isVisible()
    saved = next(c for c in window.workspace.book.all() if c.url == rustac_api)
    assert panel.catalog_chooser.connection_combo.currentText() == saved.name
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    assert window.workspace.connection == saved
