"""Redraw a plot when pages arrive (at most a few times a second) or the filter changes (at once).

Why: pages can arrive many times a second while a search loads; recounting 100,000 rows per page
is cheap, redrawing on each is not. A filter change is the user's own act (a drag, a typed word)
and is seen at once: counting the shown rows is one ``bincount``. A hidden plot does no work
until it is shown again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from stacdesk.core.workspace.state import Workspace

INTERVAL_MS = 300


class ThrottledRedraw(QObject):
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
            self.timer.start()

    def now(self) -> None:
        """Redraw right away (a pending throttled redraw is then not needed)."""
        self.stale = True
        self.timer.stop()
        self.run()

    def run(self) -> None:
        if self.widget.isVisible():
            self.stale = False
            self._redraw()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.stale:
            self.timer.start()
        return False
