"""The core against real STAC API servers: results equal shapely's truth, pages fetched once,
the GET/POST rule, and clear failures for bad servers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.common.errors import CatalogError
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchSession, SearchState
from stacdesk.core.search.session import search_to_end as search_all
from tests.reliability.ledger import record, results_lost
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.hooks import fail
from tests.servers.proxy import ReverseProxy
from tests.servers.responses import Response

EUROPE = (-30.0, 20.0, 60.0, 75.0)
YEARS = "2016-01-01T00:00:00Z/2025-12-31T23:59:59Z"
COLLECTIONS = ("sentinel-2-l2a", "landsat-c2-l2")


def truth(cat: GeneratedCatalog) -> set[str]:
    return expected_ids(cat.items, collections=COLLECTIONS, bbox=EUROPE, datetime=YEARS)


def test_collections_are_listed(pgstac_api: str, generated_catalog: GeneratedCatalog) -> None:
    catalog = ApiCatalog.open(pgstac_api)
    assert {c.id for c in catalog.collections()} == set(generated_catalog.collection_ids)


@pytest.mark.parametrize("limit", [7, 30])
def test_pgstac_post_search_equals_truth(
    pgstac_api: str, generated_catalog: GeneratedCatalog, limit: int
) -> None:
    catalog = ApiCatalog.open(pgstac_api)
    assert catalog.search_method == "POST"
    query = SearchQuery(collections=COLLECTIONS, bbox=EUROPE, datetime=YEARS, limit=limit)
    session = search_all(catalog, query)
    assert session.state is SearchState.DONE
    assert session.method == "POST"
    expected = truth(generated_catalog)
    assert len(expected) > limit  # several pages
    assert set(session.store.ids) == expected
    assert session.store.duplicates == 0
    assert session.number_matched == len(expected)


def test_cesnet_like_get_only_api_is_searched_with_get_and_each_page_once(
    cesnet_api, generated_catalog: GeneratedCatalog
) -> None:
    catalog = ApiCatalog.open(cesnet_api.url)
    assert catalog.search_method == "GET"
    cesnet_api.requests.clear()
    query = SearchQuery(collections=COLLECTIONS, bbox=EUROPE, datetime=YEARS, limit=20)
    session = search_all(catalog, query)
    assert set(session.store.ids) == truth(generated_catalog)
    searches = cesnet_api.requests.filter(path="/search")
    assert {r.method for r in searches} == {"GET"}
    assert len(searches) >= 3
    assert cesnet_api.requests.duplicates(path="/search") == []


def test_refused_post_falls_back_to_get(
    pgstac_api: str, make_proxy: Callable[..., ReverseProxy], generated_catalog: GeneratedCatalog
) -> None:
    """The landing page offers POST but POST answers 401, as CESNET's does without a login."""
    proxy = make_proxy(pgstac_api, before=[fail(401, method="POST", path="/search")])
    catalog = ApiCatalog.open(proxy.url)
    assert catalog.search_method == "POST"
    query = SearchQuery(collections=COLLECTIONS, bbox=EUROPE, datetime=YEARS, limit=50)
    session = search_all(catalog, query)
    assert session.method == "GET"
    assert set(session.store.ids) == truth(generated_catalog)
    assert [r.method for r in proxy.requests.filter(path="/search")][:2] == ["POST", "GET"]


def test_rustac_post_search_equals_truth(
    rustac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    catalog = ApiCatalog.open(rustac_api)
    query = SearchQuery(collections=COLLECTIONS, bbox=EUROPE, datetime=YEARS, limit=25)
    session = search_all(catalog, query)
    assert session.method == "POST"
    store = session.store
    assert set(store.ids) == truth(generated_catalog)
    # the first page was stored plain and compressed after; every row reads back whole
    assert not any(blob.startswith(b"{") for blob in store.stored_blobs(0, len(store)))
    by_id = {item["id"]: item for item in generated_catalog.items}
    assert all(store.item(row)["bbox"] == by_id[i]["bbox"] for row, i in enumerate(store.ids))


def test_point_search_equals_truth(pgstac_api: str, generated_catalog: GeneratedCatalog) -> None:
    from stacdesk.core.geo.geometry import Aoi

    hits = [i for i in generated_catalog.items if i["collection"] == "sentinel-2-l2a"]
    lon, lat = hits[0]["bbox"][0] + 0.01, hits[0]["bbox"][1] + 0.01
    aoi = Aoi.from_point(lon, lat)
    query = SearchQuery(collections=("sentinel-2-l2a",), limit=10, **aoi.query_fields())
    session = search_all(ApiCatalog.open(pgstac_api), query)
    expected = expected_ids(
        generated_catalog.items, collections="sentinel-2-l2a", intersects=aoi.geometry
    )
    assert set(session.store.ids) == expected


def test_server_error_mid_search_keeps_results_and_retry_continues(
    request: pytest.FixtureRequest,
    pgstac_api: str,
    make_proxy: Callable[..., ReverseProxy],
    generated_catalog: GeneratedCatalog,
) -> None:
    state = {"calls": 0}

    def fail_third_page_once(asked):
        if asked.path == "/search":
            state["calls"] += 1
            if state["calls"] == 3:
                return Response.json_body({"description": "boom"}, 500)
        return None

    proxy = make_proxy(pgstac_api, before=[fail_third_page_once])
    catalog = ApiCatalog.open(proxy.url)
    query = SearchQuery(collections=COLLECTIONS, bbox=EUROPE, datetime=YEARS, limit=10)

    async def run() -> SearchSession:
        session = SearchSession()
        await session.start(catalog, query)
        await session.load_all()
        assert session.state is SearchState.FAILED
        assert "HTTP 500" in (session.error or "")
        assert len(session.store) == 20  # two pages kept
        await session.load_all()  # retry: the failed page is asked again, then on to the end
        return session

    session = asyncio.run(run())
    assert session.state is SearchState.DONE
    assert set(session.store.ids) == truth(generated_catalog)
    assert session.store.duplicates == 0
    lost = results_lost(session.store.ids, truth(generated_catalog))
    record(request, tried=1, survived=int(session.state is SearchState.DONE), lost=lost)


def test_next_link_loop_is_detected(
    request: pytest.FixtureRequest, pgstac_api: str, make_proxy: Callable[..., ReverseProxy]
) -> None:
    """A next link that keeps pointing at the same page: the search stops and says why."""
    looping: dict[str, object] = {}

    def serve_loop(asked):
        return Response.json_body(looping["page"], 200) if asked.path == "/loop" else None

    def next_to_loop(asked, response: Response) -> Response:
        if asked.path != "/search" or response.status != 200:
            return response
        page = response.json()
        page["links"] = [{"rel": "next", "href": f"{proxy.url}/loop", "method": "GET"}]
        looping["page"] = {**page, "features": page["features"][::-1]}
        return Response.json_body(page, 200)

    proxy = make_proxy(pgstac_api, before=[serve_loop], after=[next_to_loop])
    session = search_all(ApiCatalog.open(proxy.url), SearchQuery(limit=5))
    assert session.state is SearchState.DONE
    assert any("repeats a page" in note for note in session.notes)
    assert len(proxy.requests.filter(path="/loop")) == 1  # the loop is seen before refetching
    assert len(session.store) == 5 and session.store.duplicates == 5
    stopped = any("repeats a page" in note for note in session.notes)
    page = [f["id"] for f in looping["page"]["features"]]  # page one, reversed: the same ids
    lost = results_lost(session.store.ids, page)  # the repeats were counted, not stored
    record(request, tried=1, survived=int(stopped), lost=lost)


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        (b"<html><body>hello</body></html>", 200, "not a STAC API"),
        (b"{not json", 200, "not valid JSON"),
        (b'{"description": "nope"}', 503, "HTTP 503"),
    ],
)
def test_bad_servers_give_clear_messages(body: bytes, status: int, needle: str) -> None:
    from tests.servers.hook_server import HookServer

    class Bad(HookServer):
        def serve(self, request):
            return Response(status, {"content-type": "application/json"}, body)

    with Bad() as server, pytest.raises(CatalogError) as info:
        ApiCatalog.open(server.url)
    assert needle.lower() in str(info.value).lower() or "cannot open" in str(info.value).lower()


def test_unreachable_url_is_a_clear_error() -> None:
    with pytest.raises(CatalogError) as info:
        ApiCatalog.open("http://127.0.0.1:9/")
    assert "Cannot reach the server" in str(info.value)


def test_worker_threads_search_one_catalog_each_through_a_session_of_its_own(
    rustac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    """requests does not promise a shared Session is thread-safe: each thread gets its own."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from stacdesk.core.catalogs.api_transport import ApiAdapter

    catalog = ApiCatalog.open(rustac_api)
    query = SearchQuery(collections=COLLECTIONS, bbox=EUROPE, datetime=YEARS, limit=50)
    together = threading.Barrier(3)
    sessions = []

    def search_in_a_worker(_: int) -> set[str]:
        together.wait(timeout=60)  # three threads at once, not one reused
        sessions.append(catalog.stac_io.session.own())
        return set(search_all(catalog, query).store.ids)

    with ThreadPoolExecutor(3) as pool:
        found = list(pool.map(search_in_a_worker, range(3)))
    assert found == [truth(generated_catalog)] * 3
    assert len({id(s) for s in sessions}) == 3
    main_session = catalog.stac_io.session.own()
    assert all(id(s) != id(main_session) for s in sessions)
    assert all(isinstance(s.get_adapter("http://x/"), ApiAdapter) for s in sessions)
    assert all(s.headers is main_session.headers for s in sessions)


@pytest.mark.parametrize("slash", ["", "/"])
def test_first_search_sends_only_the_search_request(
    rustac_api: str, make_proxy: Callable[..., ReverseProxy], slash: str
) -> None:
    """Opening reads the landing page once; the first page then costs one round trip, whether
    the address was typed with a final slash or not (the landing page is its own root)."""
    proxy = make_proxy(rustac_api)
    catalog = ApiCatalog.open(proxy.url + slash)
    proxy.requests.clear()
    page = catalog.search(SearchQuery(collections=COLLECTIONS[:1], limit=5)).next_page()
    assert page is not None and len(page.features) == 5
    assert [(r.method, r.path) for r in proxy.requests] == [("POST", "/search")]


def test_a_search_from_another_thread_goes_out_on_the_connection_opening_left_open(
    rustac_api: str, make_proxy: Callable[..., ReverseProxy]
) -> None:
    """The loop's worker that sends a search's first page may never have sent a request: it
    borrows the session whose connection is open instead of opening one (on a real server a
    new connection costs TCP and TLS round trips before the first page)."""
    from concurrent.futures import ThreadPoolExecutor

    proxy = make_proxy(rustac_api)
    catalog = ApiCatalog.open(proxy.url)
    query = SearchQuery(collections=COLLECTIONS[:1], limit=5)
    with ThreadPoolExecutor(1) as pool:
        page = pool.submit(lambda: catalog.search(query).next_page()).result(timeout=60)
    assert page is not None and len(page.features) == 5
    landing, search = proxy.requests[0], proxy.requests[-1]
    assert (search.method, search.path) == ("POST", "/search")
    assert search.peer == landing.peer and search.peer is not None
