"""JSON-schema queryables become typed inputs; several collections' documents are merged."""

from __future__ import annotations

import pytest

from stacdesk.core.query.queryables import (
    collection_queryables_href,
    load_queryables,
    merge_queryables,
    parse_queryables,
)

S2 = {
    "type": "object",
    "properties": {
        "id": {"$ref": "https://schemas.stacspec.org/v1.0.0/item.json#/id", "title": "Item ID"},
        "geometry": {"$ref": "https://geojson.org/schema/Feature.json#/properties/geometry"},
        "datetime": {"type": "string", "format": "date-time"},
        "eo:cloud_cover": {"type": "number", "minimum": 0, "maximum": 100, "title": "Clouds"},
        "platform": {"type": "string", "enum": ["Sentinel-2A", "Sentinel-2B"]},
        "sat:relative_orbit": {"type": ["integer", "null"], "minimum": 1},
        "s2:processing_baseline": {"type": "string"},
        "created": {"anyOf": [{"type": "null"}, {"type": "string", "format": "date-time"}]},
        "acquired_on": {"type": "string", "format": "date"},
        "properties.sar:polarizations": {"type": "array", "items": {"type": "string"}},
        "cloudless": {"type": "boolean"},
    },
}
LANDSAT = {
    "properties": {
        "eo:cloud_cover": {"type": "integer", "minimum": 0, "maximum": 101},
        "platform": {"type": "string", "enum": ["landsat-8", "landsat-9"]},
    }
}


def test_types_become_input_kinds() -> None:
    by_name = {q.name: q for q in parse_queryables(S2, "s2")}
    assert by_name["eo:cloud_cover"].kind == "number"
    assert (by_name["eo:cloud_cover"].minimum, by_name["eo:cloud_cover"].maximum) == (0, 100)
    assert by_name["eo:cloud_cover"].title == "Clouds"
    assert by_name["platform"].kind == "enum"
    assert by_name["platform"].enum == ("Sentinel-2A", "Sentinel-2B")
    assert by_name["sat:relative_orbit"].kind == "integer"
    assert by_name["s2:processing_baseline"].kind == "string"
    assert by_name["created"].kind == "datetime"
    assert by_name["acquired_on"].kind == "date"
    assert by_name["sar:polarizations"].kind == "other"  # the "properties." prefix is dropped
    assert by_name["cloudless"].kind == "boolean"
    assert by_name["geometry"].kind == "geometry"
    assert by_name["id"].kind == "string"


@pytest.mark.parametrize("schema", [None, [], {"properties": []}, {"properties": {"x": 3}}])
def test_malformed_documents_do_not_crash(schema: object) -> None:
    parsed = parse_queryables(schema)
    assert all(q.kind == "string" for q in parsed)


def test_merge_is_a_union_with_widest_bounds_and_all_values() -> None:
    merged = {
        q.name: q
        for q in merge_queryables([parse_queryables(S2, "s2"), parse_queryables(LANDSAT, "ls")])
    }
    cloud = merged["eo:cloud_cover"]
    assert cloud.kind == "number" and (cloud.minimum, cloud.maximum) == (0, 101)
    assert cloud.collections == ("s2", "ls")
    assert merged["platform"].enum == ("Sentinel-2A", "Sentinel-2B", "landsat-8", "landsat-9")
    assert "cloudless" in merged  # only in one collection: still offered


def test_load_reports_failing_collections_and_keeps_the_others() -> None:
    asked: list[str] = []

    def get_json(href: str) -> object:
        asked.append(href)
        if "broken" in href:
            raise ConnectionError("refused")
        return LANDSAT

    result = load_queryables(get_json, "http://api/", ["ls", "broken|1"])
    assert [q.name for q in result.queryables] == ["eo:cloud_cover", "platform"]
    assert len(result.problems) == 1 and "broken|1" in result.problems[0]
    assert asked[1] == "http://api/collections/broken%7C1/queryables"
    assert result.known


class NotFound(Exception):
    status_code = 404


def test_catalog_wide_queryables_when_no_collection_has_its_own() -> None:
    def get_json(href: str) -> object:
        if "/collections/" in href:
            raise NotFound("no such thing")
        return S2

    result = load_queryables(get_json, "http://api", ["a"], catalog_href="http://api/queryables")
    assert result.get("eo:cloud_cover") is not None
    assert result.problems == [
        "The server has no queryables per collection; the form shows the catalog-wide ones."
    ]
    assert {q.name for q in result.form_fields()} >= {"eo:cloud_cover", "platform"}
    assert "geometry" not in {q.name for q in result.form_fields()}


def test_nothing_loads() -> None:
    def get_json(href: str) -> object:
        raise ConnectionError("down")

    result = load_queryables(get_json, "http://api", [])
    assert not result.known and result.queryables == []
    assert "could not be loaded" in result.problems[0]
    assert (
        collection_queryables_href("http://api/", "a/b")
        == "http://api/collections/a%2Fb/queryables"
    )


def test_a_failing_collection_document_stays_reported_beside_the_fallback() -> None:
    def get_json(href: str) -> object:
        if "/collections/" in href:
            raise ConnectionError("refused")
        return S2

    result = load_queryables(get_json, "http://api", ["a"])
    assert result.get("eo:cloud_cover") is not None
    assert len(result.problems) == 1 and "'a' could not be loaded" in result.problems[0]
