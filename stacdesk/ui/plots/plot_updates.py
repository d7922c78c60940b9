"""Redraw a plot when pages arrive (at most a few times a second) or the filter changes (at once).

Why: pages can arrive many times a second while a search loads; counting a page's rows is cheap,
redrawing on each is not. A hidden plot does no work until it is shown again. While pages arrive
the plots take turns (``STAGGER_MS`` apart): both redrawn and painted in the same turn of the
event loop, beside the page's own list and map work, made one long stall instead of two short
ones. A filter change is the user's own act (a drag, a typed word) and is drawn at once by both:
counting the shown rows is one ``bincount``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from stacdesk.core.workspace.state import Workspace

INTERVAL_MS = 300
STAGGER_MS = 60


class ThrottledRedraw(QObject):
    _last_redraw = 0.0  # when any plot last redrew (perf_counter seconds): they take turns

    def __init__(self, widget: QWidget, redraw: Callable[[], None], workspace: Workspace) -> None:
        super().__init__(widget)
        self.widget, self._redraw = widget, redraw
        self.stale = True
        self.timer = QTimer(self, singleShot=True, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.run)
        store = workspace.search.store
        store.appended.connect(lambda *_: self.schedule())
        store.cleared.connect(self.schedule)
        workspace.result_filter.changed.connect(self.now)
        widget.installEventFilter(self)

    def schedule(self) -> None:
        self.stale = True
        if not self.timer.isActive():
            self.timer.start(INTERVAL_MS)

    def now(self) -> None:
        """Redraw right away, not taking turns (a pending throttled redraw is then not needed)."""
        self.stale = True
        self.timer.stop()
        if self.widget.isVisible():
            self._draw()

    def run(self) -> None:
        if not self.widget.isVisible():
            return
        wait_ms = STAGGER_MS - (time.perf_counter() - ThrottledRedraw._last_redraw) * 1000
        if wait_ms > 0:  # another plot just redrew: its paint is still to come in this turn
            self.timer.start(int(wait_ms) + 1)
            return
        self._draw()

    def _draw(self) -> None:
        self.stale = False
        self._redraw()
        ThrottledRedraw._last_redraw = time.perf_counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.stale:
            self.timer.start(INTERVAL_MS)
        return False
