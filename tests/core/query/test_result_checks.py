"""The first page proves a server ignored a sort, a filter, a query or ids — or it does not."""

from __future__ import annotations

from typing import Any

from stacdesk.core.query.result_checks import check_page
from stacdesk.core.query.search_query import SearchQuery


def item(id: str, cloud: float | None = None, dt: str = "2024-01-01T00:00:00Z") -> dict[str, Any]:
    props: dict[str, Any] = {"datetime": dt}
    if cloud is not None:
        props["eo:cloud_cover"] = cloud
    return {"type": "Feature", "id": id, "collection": "c", "properties": props}


CLOUDY_FIRST = [item("a", 80), item("b", 5), item("c", 40)]
LEAST_CLOUDY_FIRST = [item("b", 5), item("c", 40), item("a", 80)]
UNDER_20 = {"op": "<=", "args": [{"property": "eo:cloud_cover"}, 20]}


def test_sort_order_is_checked_both_ways() -> None:
    ascending = SearchQuery(sortby=("+eo:cloud_cover",))
    descending = SearchQuery(sortby=("-properties.eo:cloud_cover",))
    assert check_page(ascending, LEAST_CLOUDY_FIRST) == []
    assert check_page(descending, LEAST_CLOUDY_FIRST[::-1]) == []
    [note] = check_page(ascending, CLOUDY_FIRST)
    assert "did not sort" in note and "eo:cloud_cover ascending" in note
    assert check_page(descending, LEAST_CLOUDY_FIRST)


def test_sort_by_datetime_and_items_without_the_property_prove_nothing() -> None:
    newest_first = [item("a", dt="2024-05-01T00:00:00Z"), item("b", dt="2023-01-01T00:00:00+00:00")]
    assert check_page(SearchQuery(sortby=("-datetime",)), newest_first) == []
    assert check_page(SearchQuery(sortby=("datetime",)), newest_first)
    gaps = [item("a", 50), item("b"), item("c", 10)]
    assert check_page(SearchQuery(sortby=("eo:cloud_cover",)), gaps) == []


def test_filter_violations_are_reported() -> None:
    query = SearchQuery(filter=UNDER_20)
    assert check_page(query, [item("a", 3), item("b", 20)]) == []
    [note] = check_page(query, [item("a", 3), item("b", 70)])
    assert "do not match your filter" in note and "b" in note
    text = SearchQuery(filter="eo:cloud_cover <= 20", filter_lang="cql2-text")
    assert check_page(text, [item("x", 99)])
    assert check_page(query, [item("no-cloud")]) == []  # a missing property proves nothing


def test_query_extension_and_ids() -> None:
    query = SearchQuery(query={"eo:cloud_cover": {"lte": 20}})
    assert check_page(query, [item("a", 10)]) == []
    assert check_page(query, [item("a", 10), item("b", 30)])
    ids = SearchQuery(ids=("a", "b"))
    assert check_page(ids, [item("a"), item("b")]) == []
    assert "ignore the ids" in check_page(ids, [item("a"), item("z")])[0]


def test_filters_with_the_legacy_operator_names_are_checked_too() -> None:
    """``lte``/``gte``/``eq``… (older drafts, pystac-client scripts) are evaluated as <=, >=, =."""
    legacy = {
        "op": "and",
        "args": [
            {"op": "lte", "args": [{"property": "eo:cloud_cover"}, 20]},
            {"op": "gte", "args": [{"property": "eo:cloud_cover"}, 1]},
        ],
    }
    query = SearchQuery(filter=legacy)
    assert check_page(query, [item("a", 3), item("b", 20)]) == []
    [note] = check_page(query, [item("a", 3), item("b", 70)])
    assert "do not match your filter" in note and "b" in note
    eq = '{"op": "eq", "args": [{"property": "id"}, "a"]}'
    as_text = SearchQuery(filter=eq, filter_lang="cql2-json")
    assert check_page(as_text, [item("a"), item("z")])
