"""Tab goes through the window's panels in the order a search is made: the search panel, the
results, the map, the item's details, then the plots and downloads under the map.

Qt's own order is the order widgets were made in, and the map is made first (it is the central
widget), so Tab would start on the map and reach the search form last. Each panel keeps its own
inner order; only the hand-over from one panel's last stop to the next panel's first changes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def stops(panel: QWidget) -> list[QWidget]:
    """The widgets of ``panel`` that Tab stops at, in the panel's own focus chain order."""
    found: list[QWidget] = []
    widget = panel.nextInFocusChain()
    seen = {id(panel)}
    while widget is not None and id(widget) not in seen:
        seen.add(id(widget))
        if panel.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def chain_panels(panels: Iterable[QWidget]) -> list[QWidget]:
    """Put the panels one after the other in the focus chain; returns the stops in order."""
    order = [widget for panel in panels for widget in stops(panel)]
    for first, second in itertools.pairwise(order):
        QWidget.setTabOrder(first, second)
    return order
