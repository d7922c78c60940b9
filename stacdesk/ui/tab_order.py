"""Tab goes through the window's panels in the order a search is made: the search panel, the
results, the map, the item's details, then the plots and downloads under the map.

Qt's own order is the order widgets were made in, and the map is made first (it is the central
widget), so Tab would start on the map and reach the search form last; widgets a panel adds
later (a filter's fields, a catalog's collections) would land at the end. So the window asks
``PanelOrder`` where Tab goes, at each press: each panel keeps its own inner order and the last
stop of one panel hands over to the first of the next. (Rewiring Qt's chain once with
``QWidget.setTabOrder`` is not an option: PySide then treats the second widget as owned by the
first and drops its wrapper when the first is deleted.)
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab can stop at ``widget`` now, as Qt decides."""
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def stops(panel: QWidget) -> list[QWidget]:
    """The widgets of ``panel`` that Tab stops at now, in Qt's focus chain order."""
    found: list[QWidget] = []
    first = widget = panel.nextInFocusChain()
    while widget is not None and widget is not panel:
        if panel.isAncestorOf(widget) and takes_tab(widget):
            found.append(widget)
        widget = widget.nextInFocusChain()
        if widget is first:
            break
    return found


class PanelOrder:
    """Where Tab and Shift+Tab go between ``panels`` (in their order)."""

    def __init__(self, panels: Sequence[QWidget]) -> None:
        self.panels = list(panels)

    def order(self) -> list[QWidget]:
        return [widget for panel in self.panels for widget in stops(panel)]

    def next_stop(self, current: QWidget | None, forward: bool) -> QWidget | None:
        """The stop after (before) ``current``; None when ``current`` is in no panel (Qt's own
        order applies then)."""
        if current is None or not any(p.isAncestorOf(current) for p in self.panels):
            return None
        order = self.order()
        # the focus may sit on a stop's inner part (a spin box's line edit): the nearest stop
        # up from it counts (a scroll area holding a form is a stop too, so not any ancestor)
        widget: QWidget | None = current
        while widget is not None and not any(w is widget for w in order):
            widget = widget.parentWidget()
        if widget is None:
            return None
        index = next(i for i, w in enumerate(order) if w is widget)
        step = 1 if forward else -1
        return order[(index + step) % len(order)]
