"""Python's garbage collector, run only on the GUI thread.

The cyclic collector runs in whichever thread happens to allocate when a threshold trips. If that
is a worker thread (HTTP, parsing) and a collected cycle holds a Qt object, Qt destroys it off its
own thread and the process crashes. So automatic collection is switched off and a timer on the
GUI thread collects instead, with the same generation thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(INTERVAL_MS)

    def stop(self) -> None:
        """Collect what is pending while Qt is still whole, then hand gc back to Python.

        Left to interpreter shutdown, a large backlog of Qt wrappers is freed in an order
        PySide6 does not survive.
        """
        self._timer.stop()
        gc.collect()
        gc.enable()

    def check(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as gc itself would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                return
