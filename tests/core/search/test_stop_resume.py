"""Stop keeps the place, resume goes on from it: against a real rustac server behind a proxy
that counts every request, one page is held on the wire while the search is stopped.

The held page must not be asked again, every page is asked once, and the stopped-then-resumed
search ends with exactly the items (and the number of requests) of one that was never stopped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.multi_session import MultiSearchSession
from stacdesk.core.search.session import SearchSession, SearchState
from tests.servers.hooks import HoldRequest
from tests.servers.proxy import ReverseProxy
from tests.servers.recorded_requests import RecordedRequest

QUERY = SearchQuery(collections=("sentinel-2-l2a",), limit=7)
SEARCH_PATH = "/search"


async def _until(condition: Callable[[], bool]) -> None:
    for _ in range(6000):  # a safety net against a hang, not a timing assertion
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never met")


def _search_requests(proxy: ReverseProxy) -> list[RecordedRequest]:
    return [r for r in proxy.requests.snapshot() if r.path.rstrip("/") == SEARCH_PATH]


def _uninterrupted(url: str) -> list[str]:
    async def run() -> list[str]:
        session = SearchSession()
        await session.start(ApiCatalog.open(url), QUERY)
        await session.load_all()
        return list(session.store.ids)

    return asyncio.run(run())


def test_stop_keeps_the_place_and_resume_asks_no_page_twice(
    rustac_api: str, make_proxy: Callable[..., ReverseProxy]
) -> None:
    plain = make_proxy(rustac_api)
    expected = _uninterrupted(plain.url)
    pages_needed = len(_search_requests(plain))
    assert pages_needed >= 5  # enough pages to stop in the middle

    gate = HoldRequest(3, path=SEARCH_PATH)
    proxy = make_proxy(rustac_api, before=[gate])

    async def run() -> tuple[SearchSession, int, str]:
        session = SearchSession()
        await session.start(ApiCatalog.open(proxy.url), QUERY)
        session.load_to_end()
        await _until(gate.holding.is_set)  # page 3 is on the wire
        session.stop()
        stopped_with = len(session.store)
        summary = session.summary()
        assert session.state is SearchState.IDLE and session.stopped and session.can_fetch_more
        gate.released.set()
        await asyncio.sleep(0.3)  # the held page arrives while stopped: kept, not shown
        assert len(session.store) == stopped_with
        assert len(_search_requests(proxy)) == 3  # nothing asked while stopped
        await session.load_to_end()
        return session, stopped_with, summary

    session, stopped_with, summary = asyncio.run(run())
    assert 0 < stopped_with < len(expected)
    assert "stopped" in summary
    assert session.state is SearchState.DONE and not session.stopped
    assert list(session.store.ids) == expected
    assert proxy.requests.duplicates(path=SEARCH_PATH) == []
    assert len(_search_requests(proxy)) == pages_needed


def test_cancel_still_ends_the_search_for_good(rustac_api: str) -> None:
    async def run() -> SearchSession:
        session = SearchSession()
        await session.start(ApiCatalog.open(rustac_api), QUERY)
        session.cancel()
        return session

    session = asyncio.run(run())
    assert not session.can_fetch_more and not session.stopped


def test_several_catalogs_stop_and_resume_each_from_its_place(
    rustac_api: str, make_proxy: Callable[..., ReverseProxy]
) -> None:
    plain_a, plain_b = make_proxy(rustac_api), make_proxy(rustac_api)

    async def whole(a: str, b: str) -> MultiSearchSession:
        session = MultiSearchSession()
        await session.start([("a", ApiCatalog.open(a), QUERY), ("b", ApiCatalog.open(b), QUERY)])
        await session.load_all()
        return session

    expected = asyncio.run(whole(plain_a.url, plain_b.url))
    needed = {len(_search_requests(plain_a)), len(_search_requests(plain_b))}

    gate = HoldRequest(3, path=SEARCH_PATH)
    held, free = make_proxy(rustac_api, before=[gate]), make_proxy(rustac_api)

    async def run() -> tuple[MultiSearchSession, str]:
        session = MultiSearchSession()
        await session.start(
            [("a", ApiCatalog.open(held.url), QUERY), ("b", ApiCatalog.open(free.url), QUERY)]
        )
        session.load_to_end()
        await _until(gate.holding.is_set)
        session.stop()
        summary = session.summary()
        assert session.stopped and session.can_fetch_more
        gate.released.set()
        await asyncio.sleep(0.3)
        await session.load_to_end()
        return session, summary

    session, summary = asyncio.run(run())
    assert "stopped" in summary
    assert session.state is SearchState.DONE
    assert sorted(session.store.ids) == sorted(expected.store.ids)
    for proxy in (held, free):
        assert proxy.requests.duplicates(path=SEARCH_PATH) == []
        assert {len(_search_requests(proxy))} == needed
