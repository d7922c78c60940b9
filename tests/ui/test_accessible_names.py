"""Every focusable widget of the main window and of its dialogs has a name a screen reader can
say (issue #22): Qt derives it from a button's text or a field's buddy label; the others are
named in code (``ui/accessible.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDialog, QLabel, QWidget

from stacdesk.core.geo.geometry import Aoi
from stacdesk.ui.connections.oidc_login_dialog import OidcLoginDialog
from stacdesk.ui.main_window import MainWindow
from tests.ui.test_search_dates import EUROPE, open_sample, search


def unnamed(top: QWidget) -> list[str]:
    """Focusable, visible widgets under ``top`` whose accessible name is empty."""
    missing = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget.parent(), QAbstractSpinBox):  # its spin box speaks for it
            continue
        if isinstance(widget, QLabel) and not widget.text():  # a status line saying nothing yet
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            where = type(widget.parent()).__name__ if widget.parent() else "-"
            missing.append(f"{type(widget).__name__} in {where}")
    return missing


def test_the_window_and_its_dialogs_name_every_focusable_widget(qtbot, window: MainWindow) -> None:
    open_sample(qtbot, window)
    window.search_panel.collections.set_checked({"sentinel-2-l2a"})
    window.workspace.set_aoi(Aoi.from_bbox(*EUROPE))
    search(qtbot, window)
    window.workspace.select(0)
    assert unnamed(window) == []

    panel = window.search_panel
    opened = [
        window.download_actions.open_bulk_dialog,
        window.exports.ask,
        window._show_shortcuts,
        panel.catalog_chooser._ask_for_url,
        panel.catalog_chooser.manage_connections,
        panel.match_collections,
        window.results_panel.result_actions.on_show_json,
        window.settings_opener.open,
    ]
    window.results_panel.list_view.selectRow(0)
    for open_dialog in opened:
        open_dialog()
    login = OidcLoginDialog("https://id.example", "https://id.example/token", "stacdesk", window)
    login.open()
    tops = QApplication.topLevelWidgets()
    dialogs = [w for w in tops if isinstance(w, QDialog) and w.isVisible()]
    assert len(dialogs) == len(opened) + 1
    problems = {d.windowTitle(): unnamed(d) for d in dialogs}
    bad = {title: names for title, names in problems.items() if names}
    assert bad == {}
