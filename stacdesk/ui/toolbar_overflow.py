"""Name a toolbar's overflow button: the » that Qt shows, with the actions that do not fit, when
the toolbar is narrower than its row. Qt gives it no tooltip and no accessible name, so a screen
reader would announce an unnamed button."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar, QToolButton

OVERFLOW_BUTTON = "qt_toolbar_ext_button"  # the object name Qt gives it


def name_overflow_button(bar: QToolBar, name: str) -> QToolButton | None:
    """Give ``bar``'s overflow button ``name`` as tooltip and accessible name."""
    button = bar.findChild(QToolButton, OVERFLOW_BUTTON)
    if button is not None:
        button.setToolTip(name)
        button.setAccessibleName(name)
    return button
