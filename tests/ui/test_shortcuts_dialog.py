"""Help → Keyboard shortcuts lists the window's real shortcuts and filters them as you type."""

from __future__ import annotations

from stacdesk.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from stacdesk.ui.main_window import MainWindow


def test_the_list_comes_from_the_actions_and_filters(qtbot, window: MainWindow) -> None:
    assert window.shortcuts_action.shortcut().toString() == "F1"
    window.shortcuts_action.trigger()
    opened = window.findChild(ShortcutsDialog)
    assert opened is not None and opened.isVisible()
    opened.close()
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = dict(dialog.visible_rows())
    assert rows["Run search"].startswith("Ctrl+Return")
    assert rows["Box"] == "B" and rows["Polygon"] == "G"  # map tools
    assert rows["Quit"]
    assert any(name.startswith("Map: cancel") for name in rows)
    dialog.search.setText("polygon")
    shown = dialog.visible_rows()
    assert shown and all("polygon" in (name + keys).lower() for name, keys in shown)
    assert len(shown) < len(rows)
    dialog.search.clear()
    assert len(dialog.visible_rows()) == len(rows)
