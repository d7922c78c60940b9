"""The real window, offscreen, on the app's qasync loop, plus a probe of GUI-thread stalls."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STACDESK_HOME", tempfile.mkdtemp(prefix="stacdesk-bench-"))


@dataclass
class Gui:
    app: object
    loop: asyncio.AbstractEventLoop
    window: object


_GUI: Gui | None = None


def gui() -> Gui:
    """One application and window for the whole run (Qt allows one QApplication per process)."""
    global _GUI
    if _GUI is None:
        import qasync
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from stacdesk.config import app_paths
        from stacdesk.core.catalogs.connections import ConnectionBook
        from stacdesk.core.workspace.state import Workspace
        from stacdesk.resources import resource_path
        from stacdesk.ui.main_window import MainWindow

        app = QApplication.instance() or QApplication([])
        from stacdesk.ui.gc_guard import MainThreadGarbageCollector

        app._stacdesk_gc = MainThreadGarbageCollector(app)  # as the app does
        loop = qasync.QEventLoop(app)
        loop.set_default_executor(ThreadPoolExecutor(8))
        asyncio.set_event_loop(loop)
        paths = app_paths()
        settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
        book = ConnectionBook(paths.connections_file, resource_path("sample-catalog"))
        window = MainWindow(Workspace(book), settings)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        app._stacdesk_gc.settle()  # type: ignore[attr-defined]
        _GUI = Gui(app, loop, window)
    # the window's loop is the thread's loop again: a benchmark run before may have used
    # asyncio.run(), which leaves the thread with none
    asyncio.set_event_loop(_GUI.loop)
    return _GUI


def close_gui() -> None:
    """Tear the window down while Python is still fully alive (avoids crashes at exit)."""
    global _GUI
    if _GUI is None:
        return
    _GUI.window.workspace.close()  # type: ignore[attr-defined]
    _GUI.window.close()  # type: ignore[attr-defined]
    _GUI.window.deleteLater()  # type: ignore[attr-defined]
    _GUI.app.processEvents()  # type: ignore[attr-defined]
    _GUI.app._stacdesk_gc.stop()  # type: ignore[attr-defined]
    _GUI = None


class StallProbe:
    """A 10 ms QTimer; the longest gap between its ticks, less 10 ms, is the worst stall."""

    INTERVAL_MS = 10

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self._timer = QTimer()
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.worst_gap = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_gap = max(self.worst_gap, now - self._last)
        self._last = now

    def __enter__(self) -> StallProbe:
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()

    @property
    def worst_stall_ms(self) -> float:
        return max(0.0, self.worst_gap * 1000 - self.INTERVAL_MS)
