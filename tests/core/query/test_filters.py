"""User inputs become CQL2-JSON, the query extension, or a note — never silently nothing."""

from __future__ import annotations

import cql2
import pytest

from stacdesk.core.query.capabilities import Capabilities
from stacdesk.core.query.filters import (
    Condition,
    FilterError,
    SearchInputs,
    SortKey,
    apply_inputs,
    parse_cql2_text,
    parse_ids,
)
from stacdesk.core.query.search_query import SearchQuery

FULL = Capabilities(post_search=True, filter=True, cql2_text=True, cql2_json=True, sort=True)
QUERY_ONLY = Capabilities(post_search=True, query=True, sort=True)
BARE = Capabilities(post_search=True)
BASE = SearchQuery(collections=("sentinel-2-l2a",))


def test_cloud_cover_and_conditions_become_one_cql2_json_filter() -> None:
    inputs = SearchInputs(
        cloud_cover_max=20,
        conditions=(
            Condition("platform", "=", "Sentinel-2A", "enum"),
            Condition("created", ">=", "2024-01-01T00:00:00Z", "datetime"),
        ),
        cql2_text='"sat:relative_orbit" < 50',
    )
    applied = apply_inputs(BASE, inputs, FULL)
    assert applied.notes == []
    expr = applied.query.filter
    assert isinstance(expr, dict) and expr["op"] == "and"
    text = cql2.Expr(expr).to_text()
    assert "eo:cloud_cover <= 20" in text
    assert "platform = 'Sentinel-2A'" in text
    assert "TIMESTAMP('2024-01-01T00:00:00Z')" in text
    assert "sat:relative_orbit < 50" in text
    cql2.Expr(expr).validate()
    assert applied.query.filter_lang is None  # pystac-client picks text (GET) or JSON (POST)
    assert applied.query.query is None


def test_query_extension_where_only_that_exists() -> None:
    inputs = SearchInputs(
        cloud_cover_max=15, conditions=(Condition("platform", "=", "Sentinel-2B", "enum"),)
    )
    applied = apply_inputs(BASE, inputs, QUERY_ONLY, cloud_cover_via="query")
    assert applied.query.filter is None
    assert applied.query.query == {
        "eo:cloud_cover": {"lte": 15.0},
        "platform": {"eq": "Sentinel-2B"},
    }
    assert applied.query.search_kwargs()["query"] == applied.query.query
    assert applied.notes == []


def test_nothing_is_dropped_silently_on_a_bare_server() -> None:
    inputs = SearchInputs(
        cloud_cover_max=10,
        conditions=(Condition("platform", "like", "Sentinel%"),),
        cql2_text="x = 1",
        sort=(SortKey("eo:cloud_cover"),),
    )
    applied = apply_inputs(BASE, inputs, BARE)
    assert applied.query == BASE
    assert len(applied.notes) == 4
    assert any("cloud-cover" in n for n in applied.notes)
    assert any("platform" in n for n in applied.notes)
    assert any("CQL2" in n for n in applied.notes)
    assert any("sorted" in n for n in applied.notes)


def test_invalid_cql2_is_left_out_with_its_error_and_the_rest_still_applies() -> None:
    applied = apply_inputs(
        BASE, SearchInputs(cloud_cover_max=30, cql2_text="eo:cloud_cover <"), FULL
    )
    assert applied.query.filter == {"op": "<=", "args": [{"property": "eo:cloud_cover"}, 30.0]}
    assert len(applied.notes) == 1 and "invalid" in applied.notes[0]
    assert "column 17" in applied.notes[0]


def test_sort_ids_and_parsing() -> None:
    inputs = SearchInputs(ids=parse_ids(" a, b\nc;a "), sort=(SortKey("eo:cloud_cover", True),))
    applied = apply_inputs(BASE, inputs, FULL)
    assert applied.query.ids == ("a", "b", "c")
    assert applied.query.sortby == ("-eo:cloud_cover",)


def test_parse_cql2_text() -> None:
    assert parse_cql2_text("eo:cloud_cover < 5") == {
        "op": "<",
        "args": [{"property": "eo:cloud_cover"}, 5.0],
    }
    for bad in ("", "eo:cloud_cover <", "foo(", "a = = 1"):
        with pytest.raises(FilterError):
            parse_cql2_text(bad)
    with pytest.raises(FilterError):
        Condition("a", "~", 1).to_cql2()
    with pytest.raises(FilterError):
        Condition("a", "like", "x%").to_query()


def test_legacy_comparison_names_evaluate_like_the_symbols() -> None:
    from stacdesk.core.query.cql2_filter import ItemFilter, standard_operators

    legacy = {"op": "NEQ", "args": [{"property": "platform"}, "sentinel-2a"]}
    assert standard_operators(legacy) == {"op": "<>", "args": legacy["args"]}
    keep = ItemFilter(legacy)
    assert keep.matches({"type": "Feature", "id": "x", "properties": {"platform": "sentinel-2b"}})
    assert not keep.matches(
        {"type": "Feature", "id": "y", "properties": {"platform": "sentinel-2a"}}
    )
