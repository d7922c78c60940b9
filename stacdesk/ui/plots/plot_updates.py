"""Redraw a plot when pages arrive (at most a few times a second) or the filter changes (at once).

Why: pages can arrive many times a second while a search loads; counting a page's rows is cheap,
redrawing on each is not. A hidden plot does no work until it is shown again. While pages arrive
the plots take turns (``STAGGER_MS`` apart): both redrawn and painted in the same turn of the
event loop, beside the page's own list and map work, made one long stall instead of two short
ones. For the same reason a plot also waits ``STAGGER_MS`` after a page was appended (the
list, map and docks repaint it in that turn), though never more than ``MAX_WAIT_MS`` in all when
pages come faster than that. A filter change is the user's own act (a drag, a typed word) and is
drawn at once by both: counting the shown rows is one ``bincount``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from stacdesk.core.workspace.state import Workspace

INTERVAL_MS = 300
STAGGER_MS = 60
MAX_WAIT_MS = 300  # turns a redraw may be put off by pages and the other plot, in all


def _busy() -> None:
    ThrottledRedraw._last_busy = time.perf_counter()


class ThrottledRedraw(QObject):
    _last_busy = 0.0  # when a plot last redrew or a page was appended (perf_counter seconds)

    def __init__(self, widget: QWidget, redraw: Callable[[], None], workspace: Workspace) -> None:
        super().__init__(widget)
        self.widget, self._redraw = widget, redraw
        self.stale = True
        self._put_off_since: float | None = None  # when a due redraw was first put off
        self.timer = QTimer(self, singleShot=True, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.run)
        store = workspace.search.store
        store.appended.connect(lambda *_: self.schedule())
        store.appended.connect(lambda *_: _busy())
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
        now = time.perf_counter()
        wait_ms = STAGGER_MS - (now - ThrottledRedraw._last_busy) * 1000
        if self._put_off_since is None:
            self._put_off_since = now
        put_off_ms = (now - self._put_off_since) * 1000
        if wait_ms > 0 and put_off_ms < MAX_WAIT_MS:  # the other plot or a page is painting
            self.timer.start(int(min(wait_ms, MAX_WAIT_MS - put_off_ms)) + 1)
            return
        self._draw()

    def _draw(self) -> None:
        self.stale = False
        self._put_off_since = None
        self._redraw()
        _busy()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.stale:
            self.timer.start(INTERVAL_MS)
        return False
