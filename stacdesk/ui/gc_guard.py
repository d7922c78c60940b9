"""Python's garbage collector, run only on the GUI thread.

The cyclic collector runs in whichever thread happens to allocate when a threshold trips. If that
is a worker thread (HTTP, parsing) and a collected cycle holds a Qt object, Qt destroys it off its
own thread and the process crashes. So automatic collection is switched off and a timer on the
GUI thread collects instead, with the same generation thresholds.

What exists once the window is up (modules, widgets, plot items: over a million objects) lives
until exit, so ``settle`` moves it out of the collector's sight: a full collection while results
stream in then walks only what the session made, not the whole program.

A search page parsed in a worker is tens of thousands of short-lived dicts and lists; collecting
while one is in flight walks them all (50 ms and more on the GUI thread) only to find them alive.
So collection waits for a moment without pages in flight, unless the backlog grows very large;
then only the young generation is collected, and when that finds the backlog mostly alive (three
catalogs paged at once keep ~400,000 containers of pages in flight, 150 ms to walk), the limit
doubles for the rest of that paging instead of walking them again and again.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from stacdesk.core.search.paging import pages_in_flight

INTERVAL_MS = 500
BACKLOG_LIMIT = 500_000  # young containers: collect even mid-page past this
MOSTLY_ALIVE = 0.1  # a forced collection freeing less than this share raises the limit


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._threshold = gc.get_threshold()
        self._backlog_limit = BACKLOG_LIMIT
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        # Not during start-up: what it makes lives on (a collection then, 15-20 ms, freed
        # nothing and delayed the complete window); ``settle`` starts the timer.
        self._timer.setInterval(INTERVAL_MS)

    @property
    def backlog_limit(self) -> int:
        """Young containers past which a collection runs even while pages are in flight."""
        return self._backlog_limit

    def settle(self) -> None:
        """Once start-up is done: collect it, then exempt the survivors from later collections."""
        gc.collect()
        gc.freeze()
        self._timer.start()

    def stop(self) -> None:
        """Collect what is pending while Qt is still whole, then hand gc back to Python.

        Left to interpreter shutdown, a large backlog of Qt wrappers is freed in an order
        PySide6 does not survive.
        """
        self._timer.stop()
        gc.unfreeze()
        gc.collect()
        gc.enable()

    def check(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as gc itself would."""
        counts = gc.get_count()
        if pages_in_flight():
            if counts[0] >= self._backlog_limit:
                freed = gc.collect(0)  # the young only: the old wait for a quiet moment
                if freed < counts[0] * MOSTLY_ALIVE:
                    self._backlog_limit = 2 * counts[0]
            return
        self._backlog_limit = BACKLOG_LIMIT
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                return
