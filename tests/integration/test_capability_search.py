"""Capability-aware search against the real servers: what pgstac can do is used and its results
equal the truth; what rustac (or a server lying in its conformance) ignores is detected and said.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.query.filters import Condition, SearchInputs, SortKey, apply_inputs
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchSession, SearchState
from stacdesk.core.search.session import search_to_end as search_all
from tests.servers.auth_doubles import claim_conformance, drop_count, mark_count_estimated
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.hooks import fail
from tests.servers.pgstac import PgstacServer
from tests.servers.proxy import ReverseProxy
from tests.servers.queryables import ensure_queryables
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response

EUROPE = (-30.0, 20.0, 60.0, 75.0)
OPTICAL = ("sentinel-2-l2a", "landsat-c2-l2")
FILTER_CLASSES = (
    "https://api.stacspec.org/v1.0.0-rc.2/item-search#filter",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "https://api.stacspec.org/v1.1.0/item-search#sort",
)
ProxyFactory = Callable[..., ReverseProxy]


@pytest.fixture
def pgstac_with_queryables(pgstac_server: PgstacServer) -> Iterator[str]:
    ensure_queryables(pgstac_server)
    yield pgstac_server.url


def first_page(catalog: ApiCatalog, query: SearchQuery) -> SearchSession:
    async def run() -> SearchSession:
        session = SearchSession()
        await session.start(catalog, query)
        return session

    return asyncio.run(run())


def cloud_truth(cat: GeneratedCatalog, maximum: float, **kwargs: Any) -> set[str]:
    within = expected_ids(cat.items, **kwargs)
    return {
        i["id"]
        for i in cat.items
        if i["id"] in within
        and isinstance(i["properties"].get("eo:cloud_cover"), int | float)
        and i["properties"]["eo:cloud_cover"] <= maximum
    }


def test_pgstac_capabilities_and_merged_queryables(pgstac_with_queryables: str) -> None:
    catalog = ApiCatalog.open(pgstac_with_queryables)
    caps = catalog.capabilities
    assert caps.post_search and caps.filter and caps.cql2_json and caps.cql2_text
    assert caps.sort and caps.fields and caps.query and caps.collection_search and caps.free_text
    result = catalog.queryables(list(OPTICAL))
    assert result.problems == []
    cloud = result.get("eo:cloud_cover")
    assert cloud is not None and cloud.kind == "number" and cloud.maximum == 100
    assert set(cloud.collections) == set(OPTICAL)
    platform = result.get("platform")
    assert platform is not None and platform.kind == "enum"
    assert caps.cloud_cover_via(queryable=True, queryables_known=True) == "filter"


@pytest.mark.parametrize("maximum", [12.5, 60])
def test_cloud_cover_filter_equals_truth_with_post_and_with_get(
    pgstac_with_queryables: str, cesnet_api, generated_catalog: GeneratedCatalog, maximum: float
) -> None:
    truth = cloud_truth(generated_catalog, maximum, collections=OPTICAL, bbox=EUROPE)
    assert truth
    for url, method in ((pgstac_with_queryables, "POST"), (cesnet_api.url, "GET")):
        catalog = ApiCatalog.open(url)
        applied = apply_inputs(
            SearchQuery(collections=OPTICAL, bbox=EUROPE, limit=50),
            SearchInputs(cloud_cover_max=maximum),
            catalog.capabilities,
        )
        session = search_all(catalog, applied.query)
        assert session.method == method
        assert session.state is SearchState.DONE, session.error
        assert set(session.store.ids) == truth
        assert session.notes == []
        assert session.number_matched == len(truth)
    searches = cesnet_api.requests.filter(path="/search")
    assert searches and all("eo:cloud_cover" in r.params["filter"][0] for r in searches[:1])
    assert searches[0].params.get("filter-lang") in (None, ["cql2-text"])


def test_query_extension_form_conditions_and_raw_cql2(
    pgstac_with_queryables: str, generated_catalog: GeneratedCatalog
) -> None:
    catalog = ApiCatalog.open(pgstac_with_queryables)
    s2 = ("sentinel-2-l2a",)
    base = SearchQuery(collections=s2, bbox=EUROPE, limit=100)
    by_query = apply_inputs(base, SearchInputs(cloud_cover_max=30), catalog.capabilities, "query")
    assert by_query.query.query == {"eo:cloud_cover": {"lte": 30.0}}
    truth = cloud_truth(generated_catalog, 30, collections=s2, bbox=EUROPE)
    assert set(search_all(catalog, by_query.query).store.ids) == truth

    inputs = SearchInputs(
        conditions=(Condition("platform", "=", "sentinel-2b", "enum"),),
        cql2_text='"eo:cloud_cover" > 5',
    )
    applied = apply_inputs(base, inputs, catalog.capabilities)
    session = search_all(catalog, applied.query)
    within = expected_ids(generated_catalog.items, s2, bbox=EUROPE)
    expected = {
        i["id"]
        for i in generated_catalog.items
        if i["id"] in within
        and i["properties"].get("platform") == "sentinel-2b"
        and i["properties"].get("eo:cloud_cover", -1) > 5
    }
    assert expected and set(session.store.ids) == expected and session.notes == []


def test_sort_is_used_and_checked(
    pgstac_with_queryables: str, generated_catalog: GeneratedCatalog
) -> None:
    catalog = ApiCatalog.open(pgstac_with_queryables)
    query = apply_inputs(
        SearchQuery(collections=("sentinel-2-l2a",), bbox=EUROPE, limit=30),
        SearchInputs(sort=(SortKey("eo:cloud_cover"),)),
        catalog.capabilities,
    ).query
    session = search_all(catalog, query)
    clouds = [
        session.store.item(row)["properties"]["eo:cloud_cover"] for row in range(len(session.store))
    ]
    assert clouds == sorted(clouds) and len(clouds) > 30
    assert session.notes == []


def test_ids_search_returns_exactly_those_items(
    pgstac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    wanted = tuple(i["id"] for i in generated_catalog.items[::400])
    catalog = ApiCatalog.open(pgstac_api)
    session = search_all(catalog, SearchQuery(ids=wanted, limit=3))
    assert sorted(session.store.ids) == sorted(wanted) and session.notes == []


def test_rustac_ignores_sort_and_filter_and_the_user_is_told(rustac_api: str) -> None:
    catalog = ApiCatalog.open(rustac_api)
    assert not catalog.capabilities.filter and not catalog.capabilities.sort
    assert "does not declare sorting" in (catalog.capabilities.why_not("sort") or "")
    sorted_query = SearchQuery(
        collections=("sentinel-2-l2a",), limit=20, sortby=("eo:cloud_cover",)
    )
    notes = first_page(catalog, sorted_query).notes
    assert any("does not declare sorting" in n for n in notes)
    assert any("did not sort the results as asked" in n for n in notes)
    filtered = SearchQuery(
        collections=("sentinel-2-l2a",),
        limit=20,
        filter={"op": "<=", "args": [{"property": "eo:cloud_cover"}, 50]},
    )
    session = first_page(catalog, filtered)
    assert len(session.store) == 0
    assert any("does not apply filters" in n for n in session.notes)


def test_a_server_lying_in_its_conformance_is_caught_by_its_answers(
    rustac_api: str, make_proxy: ProxyFactory
) -> None:
    liar = make_proxy(rustac_api, after=[claim_conformance(FILTER_CLASSES)])
    catalog = ApiCatalog.open(liar.url)
    assert catalog.capabilities.filter and catalog.capabilities.sort  # it claims both
    query = SearchQuery(collections=("sentinel-2-l2a",), limit=20, sortby=("-eo:cloud_cover",))
    notes = first_page(catalog, query).notes
    assert not any("does not declare" in n for n in notes)
    assert any("did not sort the results as asked" in n for n in notes)
    filtered = query.with_changes(
        sortby=(), filter={"op": "<=", "args": [{"property": "eo:cloud_cover"}, 50]}
    )
    assert any("does not apply filters" in n for n in first_page(catalog, filtered).notes)


class DropsFilter(ReverseProxy):
    """Claims filtering (it fronts pgstac) but removes ``filter`` from POST bodies."""

    def serve(self, request: RecordedRequest) -> Response:
        if request.method == "POST" and request.path == "/search" and request.body:
            body = json.loads(request.body)
            body.pop("filter", None)
            body.pop("filter-lang", None)
            request = RecordedRequest(
                request.host,
                request.method,
                request.path,
                request.query,
                request.headers,
                json.dumps(body).encode(),
            )
        return super().serve(request)


def test_a_server_returning_unfiltered_items_is_caught(
    pgstac_api: str, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(pgstac_api, cls=DropsFilter)
    catalog = ApiCatalog.open(proxy.url)
    query = SearchQuery(
        collections=("sentinel-2-l2a",),
        limit=30,
        filter={"op": "<=", "args": [{"property": "eo:cloud_cover"}, 5]},
    )
    notes = first_page(catalog, query).notes
    assert any("do not match your filter" in n for n in notes)


def test_counts_exact_estimated_and_absent(pgstac_api: str, make_proxy: ProxyFactory) -> None:
    query = SearchQuery(collections=("sentinel-2-l2a",), limit=10)
    exact = first_page(ApiCatalog.open(pgstac_api), query)
    assert exact.number_matched and not exact.number_matched_estimated
    assert exact.summary() == f"10 of {exact.number_matched:,} results"
    estimated = first_page(
        ApiCatalog.open(make_proxy(pgstac_api, after=[mark_count_estimated]).url), query
    )
    assert estimated.summary() == f"10 of about {exact.number_matched:,} results"
    absent = first_page(ApiCatalog.open(make_proxy(pgstac_api, after=[drop_count]).url), query)
    assert absent.number_matched is None and absent.state is SearchState.MORE
    assert absent.summary() == "10 loaded, more available"


def test_free_text_collection_search(pgstac_api: str, rustac_api: str) -> None:
    catalog = ApiCatalog.open(pgstac_api)
    found = catalog.find_collections("sentinel")
    assert {"sentinel-2-l2a", "sentinel-1-grd"} <= set(found) and "era5-pds" not in found
    assert not ApiCatalog.open(rustac_api).capabilities.free_text


def test_broken_conformance_and_queryables_do_not_stop_searching(
    pgstac_api: str, make_proxy: ProxyFactory, generated_catalog: GeneratedCatalog
) -> None:
    proxy = make_proxy(
        pgstac_api,
        before=[
            fail(500, path="/conformance"),
            fail(500, path="/collections/sentinel-2-l2a/queryables"),
        ],
    )
    catalog = ApiCatalog.open(proxy.url)
    assert catalog.problems and "/conformance could not be read" in catalog.problems[0]
    assert catalog.capabilities.filter  # the landing page's classes still count
    result = catalog.queryables(["sentinel-2-l2a", "landsat-c2-l2"])
    assert len(result.problems) == 1 and "HTTP 500" in result.problems[0]
    assert result.known
    session = search_all(catalog, SearchQuery(collections=("era5-pds",), limit=500))
    assert len(session.store) == len(generated_catalog.items_by_collection["era5-pds"])


def hide_filter_conformance(request: RecordedRequest, response: Response) -> Response:
    """An Earth-Search-like server: the query extension, but no CQL2 filter declared."""
    if request.method != "GET" or request.path not in ("/", "/conformance"):
        return response
    if response.status != 200:
        return response
    data = response.json()
    data["conformsTo"] = [
        c for c in data.get("conformsTo", []) if "filter" not in c and "cql2" not in c
    ]
    return Response.json_body(data, response.status)


def test_query_extension_only_server_gets_the_cloud_limit_as_a_query(
    pgstac_with_queryables: str,
    make_proxy: ProxyFactory,
    generated_catalog: GeneratedCatalog,
) -> None:
    proxy = make_proxy(pgstac_with_queryables, after=[hide_filter_conformance])
    catalog = ApiCatalog.open(proxy.url)
    caps = catalog.capabilities
    assert caps.query and not caps.filter
    known = catalog.queryables(["sentinel-2-l2a"])
    via = caps.cloud_cover_via(known.get("eo:cloud_cover") is not None, known.known)
    assert via == "query"
    applied = apply_inputs(
        SearchQuery(collections=("sentinel-2-l2a",), bbox=EUROPE, limit=100),
        SearchInputs(cloud_cover_max=40, cql2_text="platform = 'sentinel-2a'"),
        caps,
        via,
    )
    assert applied.query.filter is None and applied.query.query == {"eo:cloud_cover": {"lte": 40.0}}
    assert applied.notes == [
        "Your CQL2 filter was not applied: the server offers no CQL2 filtering."
    ]
    session = search_all(catalog, applied.query)
    assert set(session.store.ids) == cloud_truth(
        generated_catalog, 40, collections="sentinel-2-l2a", bbox=EUROPE
    )
    body = proxy.requests.filter(method="POST", path="/search")[0].json()
    assert "filter" not in body and body["query"] == {"eo:cloud_cover": {"lte": 40.0}}
