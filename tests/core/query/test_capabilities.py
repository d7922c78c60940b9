"""Capabilities read from real-world landing pages and conformance lists."""

from __future__ import annotations

from stacdesk.core.query.capabilities import Capabilities

PGSTAC_CLASSES = [
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "https://api.stacspec.org/v1.0.0-rc.1/collection-search",
    "https://api.stacspec.org/v1.0.0-rc.1/collection-search#free-text",
    "https://api.stacspec.org/v1.0.0-rc.2/item-search#filter",
    "https://api.stacspec.org/v1.0.0/core",
    "https://api.stacspec.org/v1.0.0/item-search",
    "https://api.stacspec.org/v1.0.0/item-search#fields",
    "https://api.stacspec.org/v1.0.0/item-search#query",
    "https://api.stacspec.org/v1.1.0/item-search#sort",
]
BOTH_METHODS = [
    {"rel": "search", "href": "http://x/search", "method": "GET"},
    {"rel": "search", "href": "http://x/search", "method": "POST"},
]


def test_pgstac_like_server_offers_everything() -> None:
    landing = {"links": BOTH_METHODS, "conformsTo": []}
    caps = Capabilities.from_server(landing, PGSTAC_CLASSES)
    assert caps.post_search and caps.get_search
    assert caps.filter and caps.cql2_text and caps.cql2_json
    assert caps.sort and caps.fields and caps.query
    assert caps.collection_search and caps.free_text
    assert caps.why_not("sort") is None


def test_rustac_like_server_offers_basic_search_and_says_why() -> None:
    landing = {
        "links": BOTH_METHODS,
        "conformsTo": [
            "https://api.stacspec.org/v1.0.0/core",
            "https://api.stacspec.org/v1.0.0/item-search",
        ],
    }
    caps = Capabilities.from_server(landing)
    assert caps.item_search and caps.post_search
    assert not (caps.filter or caps.sort or caps.query or caps.free_text)
    assert "sorting" in (caps.why_not("sort") or "")
    assert "filter" in (caps.why_not("filter") or "").lower()
    assert caps.summary() == "POST search"


def test_a_landing_page_with_fields_of_the_wrong_kind_offers_plain_search() -> None:
    caps = Capabilities.from_server({"links": 1, "conformsTo": True})
    assert caps.get_search and not caps.post_search and not caps.filter


def test_get_only_landing_means_no_post() -> None:
    landing = {"links": [{"rel": "search", "href": "http://x/search"}], "conformsTo": []}
    caps = Capabilities.from_server(landing, PGSTAC_CLASSES)
    assert caps.get_search and not caps.post_search


def test_older_filter_classes_and_filter_without_language() -> None:
    caps = Capabilities.from_server(
        {"links": BOTH_METHODS},
        [
            "https://api.stacspec.org/v1.0.0-rc.1/item-search#filter",
            "https://api.stacspec.org/v1.0.0-rc.1/item-search#filter:cql-text",
        ],
    )
    assert caps.filter and caps.cql2_text and not caps.cql2_json
    bare = Capabilities.from_server(
        {"links": BOTH_METHODS}, ["https://api.stacspec.org/v1.0.0-rc.2/item-search#filter"]
    )
    assert bare.cql2_text and bare.cql2_json


def test_free_text_needs_collection_search_and_queryables_link_is_kept() -> None:
    landing = {
        "links": [
            *BOTH_METHODS,
            {"rel": "http://www.opengis.net/def/rel/ogc/1.0/queryables", "href": "http://x/q"},
        ]
    }
    caps = Capabilities.from_server(
        landing, ["https://api.stacspec.org/v1.0.0-rc.1/collection-search#free-text"]
    )
    assert not caps.free_text
    assert caps.queryables_href == "http://x/q"


def test_cloud_cover_route() -> None:
    both = Capabilities(filter=True, query=True)
    assert both.cloud_cover_via(queryable=True, queryables_known=True) == "filter"
    assert both.cloud_cover_via(queryable=False, queryables_known=True) is None
    earth_search = Capabilities(query=True)
    assert earth_search.cloud_cover_via(queryable=False, queryables_known=False) == "query"
    assert Capabilities().cloud_cover_via(queryable=True, queryables_known=True) is None
