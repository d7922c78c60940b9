"""The pager's pipeline: one page ahead while idle, each page asked once, failures retried."""

from __future__ import annotations

import asyncio
import threading

from stacdesk.core.catalogs.catalog import Page
from stacdesk.core.search import paging
from stacdesk.core.search.paging import Pager
from stacdesk.core.search.session import SearchSession


def _feature(n: int) -> dict:
    return {
        "type": "Feature",
        "id": f"item-{n}",
        "geometry": {"type": "Point", "coordinates": [n % 180, 0]},
        "properties": {"datetime": "2024-01-01T00:00:00Z"},
    }


class CountingSource:
    """A forward-only cursor over ``pages`` pages of two items; page ``fail_at`` fails once."""

    def __init__(self, pages: int, fail_at: int | None = None) -> None:
        self.pages, self.fail_at = pages, fail_at
        self.position = 0
        self.calls: list[int] = []
        self.lock = threading.Lock()
        self.closed = False

    def next_page(self) -> Page | None:
        with self.lock:
            self.calls.append(self.position)
            if self.position == self.fail_at:
                self.fail_at = None
                raise ConnectionError("reset by peer")
            if self.position >= self.pages:
                return None
            n = self.position
            self.position += 1
            return Page([_feature(2 * n), _feature(2 * n + 1)])

    def close(self) -> None:
        self.closed = True


async def _settle() -> None:
    for _ in range(50):
        await asyncio.sleep(0.01)


def test_idle_pager_runs_exactly_one_page_ahead() -> None:
    async def run() -> list[int]:
        source = CountingSource(10)
        pager = Pager(source)
        _page, batch = await pager.next()
        assert batch.ids == ["item-0", "item-1"]
        await _settle()
        assert paging.pages_in_flight() == 0
        return source.calls

    assert asyncio.run(run()) == [0, 1]  # page 1 asked for, page 2 prefetched, nothing more


def test_pages_come_in_order_each_asked_once_and_the_pager_ends() -> None:
    async def run() -> tuple[list[str], list[int]]:
        source = CountingSource(7)
        pager = Pager(source)
        ids: list[str] = []
        while (fetched := await pager.next()) is not None:
            ids += fetched[1].ids
        assert await pager.next() is None
        return ids, source.calls

    ids, calls = asyncio.run(run())
    assert ids == [f"item-{n}" for n in range(14)]
    assert calls == list(range(8))  # seven pages and the empty end, each once


def test_a_failed_page_is_reported_then_asked_again() -> None:
    async def run() -> tuple[list[str], list[int]]:
        source = CountingSource(4, fail_at=2)
        pager = Pager(source)
        ids: list[str] = []
        failures = 0
        while True:
            try:
                fetched = await pager.next()
            except ConnectionError:
                failures += 1
                continue
            if fetched is None:
                break
            ids += fetched[1].ids
        assert failures == 1
        return ids, source.calls

    ids, calls = asyncio.run(run())
    assert ids == [f"item-{n}" for n in range(8)]
    assert calls == [0, 1, 2, 2, 3, 4]


def test_closing_drops_what_is_in_flight() -> None:
    async def run() -> CountingSource:
        source = CountingSource(10)
        pager = Pager(source)
        await pager.next()
        pager.close()
        assert await pager.next() is None
        await _settle()
        return source

    source = asyncio.run(run())
    assert source.closed and len(source.calls) <= 2
    assert paging.pages_in_flight() == 0


def test_without_prefetch_nothing_is_asked_ahead() -> None:
    async def run() -> list[int]:
        source = CountingSource(5)
        pager = Pager(source, prefetch=False)
        await pager.next()
        await _settle()
        return source.calls

    assert asyncio.run(run()) == [0]


def test_the_first_request_goes_out_before_next_is_awaited() -> None:
    async def run() -> tuple[list[int], list[str]]:
        source = CountingSource(5)
        pager = Pager(source, prefetch=False)
        pager.send_first()
        assert paging.pages_in_flight() == 1  # on its way before the loop's next step
        pager.send_first()  # a second call sends nothing more
        for _ in range(100):
            if source.calls:
                break
            await asyncio.sleep(0.01)
        assert source.calls == [0]
        _page, batch = await pager.next()  # the request already out, not a second one
        await _settle()
        return source.calls, batch.ids

    assert asyncio.run(run()) == ([0], ["item-0", "item-1"])


def test_sending_first_outside_a_running_loop_does_nothing() -> None:
    source = CountingSource(1)
    Pager(source).send_first()
    assert source.calls == [] and paging.pages_in_flight() == 0


def test_a_search_shows_its_first_page_before_compressing_it() -> None:
    """The first page's columns come plain (half the work of building them); the session has
    them compressed in the store once they are shown; later pages come compressed."""

    class Catalog:
        url = "memory:"

        def search(self, query: object) -> CountingSource:
            return CountingSource(3)

    async def run() -> tuple[list[bool], list[bytes]]:
        session = SearchSession()
        plain: list[bool] = []
        session.store.appended.connect(lambda _s, _e, batch: plain.append(not batch.compressed))
        await session.start(Catalog(), object())  # type: ignore[arg-type]
        await session.load_all()  # which also waits for the first page's compression
        return plain, session.store.stored_blobs(0, len(session.store))

    plain, blobs = asyncio.run(run())
    assert plain == [True, False, False]
    assert len(blobs) == 6 and not any(b.startswith(b"{") for b in blobs)
