"""A toolbar's overflow: the » that Qt shows when the toolbar is narrower than its row.

Qt gives that button no tooltip and no accessible name, so a screen reader would announce an
unnamed button: ``name_overflow_button`` names it. And what it opens depends on where the bar
lives: in a plain layout, a menu of the hidden *actions* only (a check box, slider or combo box
that did not fit can't be reached at all); in a ``QMainWindow``, the bar itself, expanded over
the content to show every item. ``host_toolbar`` gives a bar such a window of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton, QWidget

OVERFLOW_BUTTON = "qt_toolbar_ext_button"  # the object name Qt gives it


def name_overflow_button(bar: QToolBar, name: str) -> QToolButton | None:
    """Give ``bar``'s overflow button ``name`` as tooltip and accessible name."""
    button = bar.findChild(QToolButton, OVERFLOW_BUTTON)
    if button is not None:
        button.setToolTip(name)
        button.setAccessibleName(name)
    return button


def host_toolbar(bar: QToolBar, body: QWidget, parent: QWidget | None = None) -> QMainWindow:
    """A plain widget (a ``QMainWindow`` without a window of its own) with ``bar`` fixed on top
    of ``body``, so that the overflow button expands the bar to every item, widgets included."""
    host = QMainWindow(parent)
    host.setWindowFlags(Qt.WindowType.Widget)
    host.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)  # no "hide the bar" menu
    bar.setMovable(False)
    bar.setFloatable(False)
    host.addToolBar(bar)
    host.setCentralWidget(body)
    return host
