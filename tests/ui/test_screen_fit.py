"""The window fits the laptop screens analysts have: 1280×720 and 1366×768."""

from __future__ import annotations

SMALLEST_SUPPORTED = (1024, 600)


def test_long_text_never_widens_the_window(qtbot, window) -> None:
    """An item id is one unbreakable word and a server's error can be a paragraph: the item
    title and the status line cut them (the tooltip has the id) instead of growing the window."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_item_panel import select_first

    item = select_first(qtbot, window, "sentinel-1-grd")
    window.status_text.setText("Search failed: " + "unreachable-host-" * 60)
    window.layout().activate()
    QApplication.processEvents()
    assert len(item["id"]) > 60
    assert item["id"] in window.item_panel.title.toolTip()
    assert window.minimumWidth() <= SMALLEST_SUPPORTED[0]
    assert window.minimumHeight() <= SMALLEST_SUPPORTED[1]


def test_controls_that_do_not_fit_a_narrow_downloads_panel_stay_reachable(qtbot, window) -> None:
    """The six queue controls need 536 px in a row; narrower, the rest are in the » menu."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QToolButton

    panel = window.downloads_panel
    window.download_actions.show_panel()
    window.resize(window.minimumSize())
    QApplication.processEvents()
    assert panel.width() < panel.controls.sizeHint().width()
    more = panel.controls.findChild(QToolButton, "qt_toolbar_ext_button")
    assert more is not None and more.isVisible()
    assert more.accessibleName() == "More download controls"
    hidden = {button.text() for button in panel.buttons.values() if not button.isVisible()}
    assert 0 < len(hidden) < len(panel.buttons)
    listed: list[str] = []

    def read_and_close_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is not None:
            listed.extend(action.text() for action in menu.actions())
            menu.close()

    QTimer.singleShot(0, read_and_close_menu)  # runs in the menu's own event loop
    more.click()  # opens the menu Qt fills with what the row has no room for, until closed
    assert hidden <= set(listed)
