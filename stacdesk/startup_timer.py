"""How long the app takes from process start to its first painted window (``--measure-startup``).

The cold-start benchmark compares the frozen build, the source start and a bare PySide6 window
with the same probe: ``FirstPaint`` notes the moment the window's first paint event has been
handled (the event loop came back to it, so the frame is done), and ``process_started_at`` reads
when the OS started the process, which includes the interpreter start and the frozen bootloader.

The complete window is timed once the app says it is complete (``mark_ready``), every panel it
named (``watch``) has painted, and what is still waiting to be laid out or painted has been:
the posted layout and paint requests are sent before the time is taken. So only what changed is
painted again, not the whole window (a full repaint took ~20 ms at start-up).
"""

from __future__ import annotations

import asyncio
import ctypes
import json
import os
import sys
import time
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


def process_started_at() -> float | None:
    """When this process was started (Unix time), from the OS; None where we can't tell."""
    if sys.platform.startswith("linux"):
        return _linux_started_at()
    if sys.platform == "win32":
        return _windows_started_at()
    return None


def _linux_started_at() -> float | None:
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    started_after_boot = int(fields[19]) / ticks  # field 22 of stat, counted after the ")"
    return time.time() - (uptime - started_after_boot)


def _windows_started_at() -> float | None:
    class FileTime(ctypes.Structure):
        _fields_ = [("low", ctypes.c_uint32), ("high", ctypes.c_uint32)]

    created, exited, kernel, user = FileTime(), FileTime(), FileTime(), FileTime()
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    ok = kernel32.GetProcessTimes(
        kernel32.GetCurrentProcess(),
        ctypes.byref(created),
        ctypes.byref(exited),
        ctypes.byref(kernel),
        ctypes.byref(user),
    )
    if not ok:
        return None
    hundred_ns = (created.high << 32) | created.low
    return hundred_ns / 1e7 - 11_644_473_600  # FILETIME counts from 1601-01-01


class FirstPaint(QObject):
    """Watches a top-level widget; ``painted_at`` is set once its first paint has finished,
    ``ready_at`` once the app says the window is complete (``mark_ready``) and it painted."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted_at: float | None = None
        self.ready_at: float | None = None
        self.finished = asyncio.Event()  # set with ready_at
        self._seen_paint = False
        self._widget = widget
        self._central: QWidget | None = None
        self._panels: list[QWidget] = []
        self._unpainted: set[int] = set()  # ids of watched panels not painted yet
        self._ready_asked = False
        widget.installEventFilter(self)

    def wait(self, timeout_ms: int = 1000) -> None:
        """Run Qt's events until the first paint is over (or ``timeout_ms`` passed): the app
        calls this before its slow imports so the window is on screen during them."""
        if self.painted_at is not None:
            return
        loop = QEventLoop()
        self.painted.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()

    def watch(self, central: QWidget, panels: Iterable[QWidget]) -> None:
        """The window is not complete before ``central`` and each of ``panels`` have painted
        once; a panel not on screen when the time comes (a dock behind another's tab) is not
        waited for. ``central`` is always waited for: it paints in the same pass as the panels shown
        with it, so no panel can still be waiting to be shown once it has painted."""
        self._central = central
        for panel in (central, *panels):
            self._panels.append(panel)
            self._unpainted.add(id(panel))
            panel.installEventFilter(self)

    def mark_ready(self) -> None:
        """The window is complete; the time is taken once its panels and what that changed
        have painted."""
        self._ready_asked = True
        QTimer.singleShot(0, self._try_ready)

    def _try_ready(self) -> None:
        if not self._ready_asked:
            return
        waiting = [p for p in self._panels if id(p) in self._unpainted]
        if any(p is self._central or not p.visibleRegion().isEmpty() for p in waiting):
            return  # tried again when they paint
        self._ready_asked = False  # the calls this one posted, sent below, return at once
        # Layouts and paints still pending (paints are posted at low priority, after this call)
        # are done first: the time is taken when what the window shows is on screen. A second
        # pass sends what the first one's layouts posted (one call sends only what was there).
        QCoreApplication.sendPostedEvents()
        QCoreApplication.sendPostedEvents()
        self._record_ready()

    def _record_ready(self) -> None:
        self.ready_at = time.time()
        self.finished.set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self._widget and not self._seen_paint:
            self._seen_paint = True
            # Runs once control is back in the event loop: the paint (and its flush) is over.
            QTimer.singleShot(0, self._record)
        if id(watched) in self._unpainted:
            self._unpainted.discard(id(watched))
            if self._ready_asked:
                QTimer.singleShot(0, self._try_ready)
        return False

    def _record(self) -> None:
        self.painted_at = time.time()
        self.painted.emit()

    def report(self) -> dict[str, float | None]:
        """The numbers ``--measure-startup`` prints (seconds; Unix times for external clocks)."""
        started = process_started_at()
        painted, ready = self.painted_at, self.ready_at
        return {
            "first_paint_s": None if started is None or painted is None else painted - started,
            "ready_s": None if started is None or ready is None else ready - started,
            "process_start_epoch": started,
            "first_paint_epoch": painted,
            "ready_epoch": ready,
        }


def print_report(probe: FirstPaint) -> None:
    print(json.dumps({"stacdesk_startup": probe.report()}), flush=True)
