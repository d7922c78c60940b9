"""Python's garbage collector, run only on the GUI thread.

The cyclic collector runs in whichever thread happens to allocate when a threshold trips. If that
is a worker thread (HTTP, parsing) and a collected cycle holds a Qt object, Qt destroys it off its
own thread and the process crashes. So automatic collection is switched off and a timer on the
GUI thread collects instead, with the same generation thresholds.

What exists once the window is up (modules, widgets, plot items: over a million objects) lives
until exit, so ``settle`` moves it out of the collector's sight: a full collection while results
stream in then walks only what the session made, not the whole program.

A search page parsed in a worker is tens of thousands of short-lived dicts and lists; collecting
while one is in flight walks them all (50 ms and more on the GUI thread) only to find them alive:
three catalogs paged at once keep ~400,000 containers of pages in flight, 150-250 ms to walk,
and a collection of them freed less than 0.2 %. So while pages are in flight nothing is walked:
when the young backlog passes ``BACKLOG_LIMIT`` it is frozen instead (``gc.freeze`` moves it out
of the collector's sight at no cost; pages that die are still freed by their reference counts).
The few cycles frozen with it are collected once no page has been in flight for
``QUIET_BEFORE_THAW`` checks: everything is unfrozen, collected and frozen again, as at start-up
(16 ms for the ~90,000 containers the benchmarks' window freezes at start-up). When paging froze
more than ``THAW_AT_MOST`` containers that are still alive, they stay frozen and their few
cycles wait for ``stop``: the benchmarks keep their generated catalogs alive (3.5 million
containers, a 5 s walk), the window's own results are columns, not containers.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from stacdesk.core.search.paging import pages_in_flight

INTERVAL_MS = 500
BACKLOG_LIMIT = 100_000  # young containers frozen mid-paging past this (a walk of ~30 ms)
QUIET_BEFORE_THAW = 4  # checks without pages in flight before what was frozen is collected
THAW_AT_MOST = 1_000_000  # containers frozen while paging and still alive, for a thaw


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._threshold = gc.get_threshold()
        self._quiet_checks = 0  # checks in a row without pages in flight
        self._settled_count = 0  # containers frozen by the last settle
        self.thaw_pending = False  # a backlog was frozen while pages were in flight
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        # Not during start-up: what it makes lives on (a collection then, 15-20 ms, freed
        # nothing and delayed the complete window); ``settle`` starts the timer.
        self._timer.setInterval(INTERVAL_MS)

    def settle(self) -> None:
        """Once start-up is done, and after paging froze a backlog: collect everything, then
        exempt the survivors from later collections."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._settled_count = gc.get_freeze_count()
        self.thaw_pending = False
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
        """Collect the oldest generation whose count passed its threshold, as gc itself would;
        while pages are in flight, freeze a large backlog instead (see the module docstring)."""
        counts = gc.get_count()
        if pages_in_flight():
            self._quiet_checks = 0
            if counts[0] >= BACKLOG_LIMIT:
                gc.freeze()
                self.thaw_pending = True
            return
        self._quiet_checks += 1
        if self.thaw_pending:  # everything is collected then: walk nothing before
            if self._quiet_checks >= QUIET_BEFORE_THAW:
                if gc.get_freeze_count() - self._settled_count <= THAW_AT_MOST:
                    self.settle()
                else:
                    self.thaw_pending = False
            return
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                return
