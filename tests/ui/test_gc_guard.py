"""The GUI thread's garbage collection while pages are in flight: a backlog that is mostly alive
(pages being parsed) raises the limit instead of being walked again and again."""

from __future__ import annotations

import asyncio
import gc
import threading

from stacdesk.core.search.paging import Pager, pages_in_flight
from stacdesk.ui.gc_guard import BACKLOG_LIMIT, MainThreadGarbageCollector


class HeldPages:
    """A page source whose first request waits until released (a page in flight)."""

    method = "POST"

    def __init__(self) -> None:
        self.release = threading.Event()

    def next_page(self) -> None:
        self.release.wait(10)
        return None

    def close(self) -> None:
        self.release.set()


def test_a_live_backlog_raises_the_limit_and_a_quiet_moment_restores_it(qapp) -> None:
    guard = MainThreadGarbageCollector()
    source = HeldPages()

    async def scenario() -> tuple[int, int, int]:
        pager = Pager(source)
        fetching = asyncio.ensure_future(pager.next())
        while not pages_in_flight():
            await asyncio.sleep(0.01)
        alive = [[] for _ in range(BACKLOG_LIMIT + 100_000)]  # young and alive, as pages are
        guard.check()
        raised = guard.backlog_limit
        survived = len(alive)
        source.release.set()
        await fetching
        guard.check()  # nothing in flight: the limit is back to its base
        return raised, survived, guard.backlog_limit

    try:
        raised, survived, after = asyncio.run(scenario())
    finally:
        guard.deleteLater()
        gc.disable()  # the tests' own setting (conftest), whatever the guard did
    assert raised >= 2 * BACKLOG_LIMIT and survived == BACKLOG_LIMIT + 100_000
    assert after == BACKLOG_LIMIT
