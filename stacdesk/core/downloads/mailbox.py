"""Reports from transfer threads to the event loop, in order, with one wake-up per batch.

Why: each ``call_soon_threadsafe`` writes to the loop's self-pipe, and the writing thread lets
the GIL go for that write and must then wait to take it back from the loop it just woke. With
many small files a began, progress and a result per file made those waits a cost of their own
(benchmarks P6-small). A thread that handles many transfers in rounds (``curl_multi``) holds
its reports for the round (``held_reports``): one wake-up per round, whatever it carried.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any

_held = threading.local()  # .boxes: the mailboxes this thread's held reports wait in


class Mailbox:
    """One loop's calls from other threads, delivered in the order they were posted."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = weakref.ref(loop)  # the loop is this mailbox's key: no cycle through it
        self._lock = threading.Lock()
        self._calls: list[tuple[Callable[..., None], tuple[Any, ...]]] = []
        self._scheduled = False  # a delivery is on its way

    def post(self, call: Callable[..., None], *args: Any) -> None:
        with self._lock:
            self._calls.append((call, args))
            if self._scheduled:
                return
            boxes: set[Mailbox] | None = getattr(_held, "boxes", None)
            if boxes is not None:  # sent at the end of the thread's round
                boxes.add(self)
                return
            self._scheduled = True
        self._schedule()

    def release(self) -> None:
        """Deliver what a round held (unless a delivery is on its way already)."""
        with self._lock:
            if self._scheduled or not self._calls:
                return
            self._scheduled = True
        self._schedule()

    def _schedule(self) -> None:
        loop = self._loop()
        try:
            if loop is None:
                raise RuntimeError("the loop is gone")
            loop.call_soon_threadsafe(self._deliver)
        except RuntimeError:  # the loop is closed: nobody to tell
            with self._lock:
                self._calls.clear()
                self._scheduled = False

    def _deliver(self) -> None:
        with self._lock:
            calls, self._calls = self._calls, []
            self._scheduled = False
        for call, args in calls:
            try:
                call(*args)
            except Exception as exc:  # one call's bug must not drop the others
                asyncio.get_running_loop().call_exception_handler(
                    {"message": "transfer report failed", "exception": exc}
                )


_mailboxes: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Mailbox] = (
    weakref.WeakKeyDictionary()
)
_mailboxes_lock = threading.Lock()


def mailbox(loop: asyncio.AbstractEventLoop) -> Mailbox:
    """The loop's one mailbox (one batch for all of its transfers)."""
    with _mailboxes_lock:
        box = _mailboxes.get(loop)
        if box is None:
            box = _mailboxes[loop] = Mailbox(loop)
        return box


@contextlib.contextmanager
def held_reports() -> Iterator[None]:
    """Reports this thread posts inside the block leave at its end, one wake-up per loop."""
    _held.boxes = boxes = set()
    try:
        yield
    finally:
        _held.boxes = None
        for box in boxes:
            box.release()
