"""Names a screen reader says for widgets whose kind and contents do not say it themselves.

Buttons, check boxes and fields with a buddy label are named by Qt from their text; lists,
tables, plots, the map and fields without a label are not. A scrolled view's viewport takes the
focus for it, so it gets the same name.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QAbstractScrollArea, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    if isinstance(widget, QAbstractScrollArea):
        widget.viewport().setAccessibleName(name)
    return widget
