"""Threads kept for the next transfer.

Why not a thread per transfer: ``Thread.start`` waits until the new thread has run, and on a
busy machine that wait — on the event loop, the GUI's thread in the app — took milliseconds per
file, the largest cost of a bulk job of small files (benchmarks P6-small). A worker that has
finished waits ``IDLE_SECONDS`` for the next transfer, then ends. Workers are daemon threads,
as the per-transfer threads were, so a transfer blocked in a read never holds up an exit.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

IDLE_SECONDS = 30.0
BUSY_NAME = "stacdesk-download"  # what a thread is called while it moves bytes
IDLE_NAME = "stacdesk-download-idle"

_lock = threading.Lock()
_idle: list[queue.SimpleQueue[Callable[[], None]]] = []  # one inbox per idle worker


def submit(work: Callable[[], None]) -> None:
    """Run ``work`` in an idle worker, or in a new one when none is idle."""
    with _lock:
        inbox = _idle.pop() if _idle else None
    if inbox is None:
        inbox = queue.SimpleQueue()
        threading.Thread(target=_serve, args=(inbox,), name=IDLE_NAME, daemon=True).start()
    inbox.put(work)


def _serve(inbox: queue.SimpleQueue[Callable[[], None]]) -> None:
    me = threading.current_thread()
    while True:
        try:
            work = inbox.get(timeout=IDLE_SECONDS)
        except queue.Empty:
            with _lock:
                if inbox in _idle:  # nobody picked this worker: end
                    _idle.remove(inbox)
                    return
            continue  # picked just now: the work is on its way
        me.name = BUSY_NAME
        try:
            work()
        finally:
            me.name = IDLE_NAME
            with _lock:
                _idle.append(inbox)
