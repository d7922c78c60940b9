"""Several catalogs streamed (``stacdesk search A B C -o``): each product is written once it has
settled, long before the last page, and the products written are exactly the window's
multi-catalog merge of the same search. Against pgstac (it sorts: products settle) and three
rustac servers holding copies of the same products in different conventions (no sorting: the
products wait for the end), each behind a proxy that records its requests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.multi_session import MultiSearchSession
from stacdesk.core.search.multi_stream import MergedStream, date_sorted
from tests.integration.test_multi_search import rows_of, run_search
from tests.servers.overlapping_catalogs import COLLECTIONS, THIRDS_S2, WINDOW
from tests.servers.proxy import ReverseProxy
from tests.servers.rustac import RustacServer

LIMIT = 5
SEARCH = "/search"
PG_COLLECTIONS = ("sentinel-2-l2a", "landsat-c2-l2")
PG_YEARS = "2016-01-01T00:00:00Z/2025-12-31T23:59:59Z"


def _query(name: str, sortby: tuple[str, ...] = ()) -> SearchQuery:
    collections = COLLECTIONS if name != "third" else (THIRDS_S2, *COLLECTIONS[1:])
    return SearchQuery(collections=collections, datetime=WINDOW, limit=LIMIT, sortby=sortby)


def _products(items: list[dict]) -> set[frozenset[tuple[str, str]]]:
    return {
        frozenset((s["source"], s["id"]) for s in item["properties"]["stacdesk:sources"])
        for item in items
    }


@pytest.fixture
def proxies(
    make_proxy: Callable[..., ReverseProxy],
    rustac_api: str,
    other_catalogs: tuple[RustacServer, RustacServer],
) -> dict[str, ReverseProxy]:
    second, third = other_catalogs
    return {
        "first": make_proxy(rustac_api),
        "second": make_proxy(second.url),
        "third": make_proxy(third.url),
    }


def _searches(proxies: dict[str, ReverseProxy]) -> int:
    return sum(len(p.requests.filter(path=SEARCH)) for p in proxies.values())


def test_products_are_written_as_they_settle_and_equal_the_windows_merge(
    make_proxy: Callable[..., ReverseProxy], pgstac_api: str
) -> None:
    """pgstac declares sorting: every source is asked newest first and products settle."""
    proxies = {name: make_proxy(pgstac_api) for name in ("a", "b", "c")}
    query = SearchQuery(collections=PG_COLLECTIONS, datetime=PG_YEARS, limit=20)

    async def window() -> MultiSearchSession:
        session = MultiSearchSession()
        await session.start([(n, ApiCatalog.open(p.url), query) for n, p in proxies.items()])
        await session.load_all()
        return session

    expected = rows_of(asyncio.run(window()))
    for proxy in proxies.values():
        proxy.requests.clear()
    searches = []
    for name, proxy in proxies.items():
        catalog = ApiCatalog.open(proxy.url)
        assert catalog.capabilities.sort
        sorted_query = date_sorted(query, catalog.capabilities.sort)
        searches.append((name, catalog.search(sorted_query), sorted_query))
    stream = MergedStream(searches)
    assert stream.direction == 1
    written: list[dict] = []
    requests_at_first = 0
    most_open = 0
    for item in stream.products():
        if not written:
            requests_at_first = _searches(proxies)
        written.append(item)
        most_open = max(most_open, sum(p is not None for p in stream._open))
    assert _products(written) == expected
    assert stream.written == len(expected) and stream.shared == len(expected)
    total = _searches(proxies)
    assert requests_at_first < total / 2  # the first product long before the last page
    assert most_open < len(expected) / 2  # never the whole result in memory
    for proxy in proxies.values():
        assert proxy.requests.duplicates(path=SEARCH) == []


def test_without_a_date_order_the_products_wait_for_the_end_and_merge_the_same(
    proxies: dict[str, ReverseProxy],
) -> None:
    """rustac declares no sorting (it answers in file order): nothing settles early."""
    window = run_search([(name, proxy.url) for name, proxy in proxies.items()], limit=LIMIT)
    by_id = ("id",)
    stream = MergedStream(
        [
            (name, ApiCatalog.open(p.url).search(_query(name, by_id)), _query(name, by_id))
            for name, p in proxies.items()
        ]
    )
    assert stream.direction == 0
    assert _products(list(stream.products())) == rows_of(window)


def test_the_command_line_streams_several_catalogs_to_a_file(
    capsys: pytest.CaptureFixture[str], proxies: dict[str, ReverseProxy], tmp_path: Path
) -> None:
    from stacdesk.app import main

    window = run_search([(name, proxy.url) for name, proxy in proxies.items()], limit=LIMIT)
    out = tmp_path / "products.ndjson"
    urls = [p.url for p in proxies.values()]
    code = main(
        ["search", *urls, "--collections", ",".join(COLLECTIONS), "--datetime", WINDOW,
         "--limit", str(LIMIT), "-o", str(out)]
    )  # fmt: skip
    _, err = capsys.readouterr()
    assert code == 0, err
    items = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(items) == len(window.store)
    assert f"{len(items):,} products from 3 catalogs" in err.replace(" 1 product ", " ")
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
