"""The GUI thread's garbage collection while pages are in flight: a large backlog is frozen, not
walked, and what was frozen is collected once paging has been quiet for a while."""

from __future__ import annotations

import asyncio
import gc
import threading
import weakref

from stacdesk.core.search.paging import Pager, pages_in_flight
from stacdesk.ui.gc_guard import BACKLOG_LIMIT, QUIET_BEFORE_THAW, MainThreadGarbageCollector


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


class Node:
    """A container that can be part of a cycle and be watched dying."""

    def __init__(self) -> None:
        self.other: object = None


def test_a_backlog_in_flight_is_frozen_and_collected_once_paging_is_quiet(qapp) -> None:
    guard = MainThreadGarbageCollector()
    source = HeldPages()

    async def scenario() -> tuple[int, int, bool, bool]:
        pager = Pager(source)
        fetching = asyncio.ensure_future(pager.next())
        while not pages_in_flight():
            await asyncio.sleep(0.01)
        cycle = Node()
        cycle.other = cycle  # garbage that only a collection frees
        dead = weakref.ref(cycle)
        del cycle
        alive = [[] for _ in range(BACKLOG_LIMIT + 10_000)]  # young and alive, as pages are
        guard.check()
        young_after = gc.get_count()[0]  # frozen: nothing left for a collection to walk
        source.release.set()
        await fetching
        for _ in range(QUIET_BEFORE_THAW - 1):
            guard.check()
        kept_until_quiet = dead() is not None
        guard.check()  # quiet long enough: everything frozen meanwhile is collected
        return young_after, len(alive), kept_until_quiet, dead() is None

    try:
        young_after, survived, kept_until_quiet, collected = asyncio.run(scenario())
    finally:
        guard.deleteLater()
        gc.unfreeze()
        gc.disable()  # the tests' own setting (conftest), whatever the guard did
    assert young_after < BACKLOG_LIMIT and survived == BACKLOG_LIMIT + 10_000
    assert kept_until_quiet and collected
