"""The P8 baseline: a bare PySide6 window that reports its first paint exactly as the app does."""

from __future__ import annotations

import asyncio
import sys

import qasync
from PySide6.QtWidgets import QApplication, QMainWindow

from stacdesk.startup_timer import FirstPaint, print_report


def main() -> int:
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1400, 860)
    probe = FirstPaint(window)
    window.show()
    probe.wait()
    probe.mark_ready()  # nothing more to build
    with loop:
        loop.run_until_complete(probe.finished.wait())
    print_report(probe)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
