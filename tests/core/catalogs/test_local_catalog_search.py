"""Searching a local catalog answers like a STAC API: ids equal shapely's truth for bbox,
intersects, datetime and collections; CQL2 filters and sort keys equal plain-Python truth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.common.errors import CatalogError
from stacdesk.core.query.cql2_filter import Cql2Error
from stacdesk.core.query.search_query import SearchQuery
from tests.local_data import small_catalog
from tests.servers.catalog import GeneratedCatalog, expected_ids

EUROPE = (-30.0, 20.0, 60.0, 75.0)
PACIFIC = (170.0, -60.0, -170.0, 60.0)  # crosses the antimeridian
YEARS = "2018-01-01T00:00:00Z/2023-12-31T23:59:59Z"
TRIANGLE = {
    "type": "Polygon",
    "coordinates": [[[-10.0, 30.0], [40.0, 30.0], [10.0, 70.0], [-10.0, 30.0]]],
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCatalog:
    return small_catalog(tmp_path_factory)


@pytest.fixture(scope="module", params=["folder", "geojson"])
def local(
    request: pytest.FixtureRequest, catalog: GeneratedCatalog, tmp_path_factory
) -> LocalCatalog:
    """The same items through two readers: the folder (its Parquet files) and one GeoJSON."""
    if request.param == "folder":
        return LocalCatalog.open(catalog.root)
    path: Path = tmp_path_factory.mktemp("fc") / "all.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": catalog.items}))
    return LocalCatalog.open(path)


def found(local: LocalCatalog, query: SearchQuery) -> list[str]:
    return [local.item(int(r))["id"] for r in local.matching_rows(query)]


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": EUROPE},
        {"bbox": PACIFIC},
        {"intersects": TRIANGLE},
        {"datetime": YEARS},
        {"datetime": "2020-06-01T00:00:00Z/.."},
        {"datetime": "../2001-01-01T00:00:00Z"},
        {"collections": ("sentinel-1-grd", "noaa-cdr-sea-ice-concentration")},
        {"collections": ("sentinel-2-l2a", "landsat-c2-l2"), "bbox": EUROPE, "datetime": YEARS},
        {"collections": ("sentinel-1-grd",), "intersects": TRIANGLE, "datetime": YEARS},
    ],
    ids=lambda p: "+".join(p),
)
def test_search_equals_shapely_truth(
    local: LocalCatalog, catalog: GeneratedCatalog, params: dict[str, Any]
) -> None:
    truth = expected_ids(catalog.items, **params)
    result = found(local, SearchQuery(**params))
    assert len(result) == len(set(result))
    assert set(result) == truth
    assert 0 < len(truth) < len(catalog.items)  # the case discriminates


def test_datetime_uses_start_and_end_when_both_are_set(
    local: LocalCatalog, catalog: GeneratedCatalog
) -> None:
    """NOAA items have only start/end; an instant inside their range finds them."""
    noaa = catalog.items_by_collection["noaa-cdr-sea-ice-concentration"][0]
    props = noaa["properties"]
    assert props.get("datetime") is None
    inside = props["start_datetime"][:10] + "T12:00:00Z"
    result = set(found(local, SearchQuery(datetime=inside)))
    assert noaa["id"] in result
    assert result == expected_ids(catalog.items, datetime=inside)


def cloud(item: dict[str, Any]) -> float | None:
    return item["properties"].get("eo:cloud_cover")


@pytest.mark.parametrize(
    ("text", "truth"),
    [
        ("eo:cloud_cover < 10", lambda i: cloud(i) is not None and cloud(i) < 10),
        (
            "eo:cloud_cover BETWEEN 10 AND 30 AND collection = 'landsat-c2-l2'",
            lambda i: (
                cloud(i) is not None and 10 <= cloud(i) <= 30 and i["collection"] == "landsat-c2-l2"
            ),
        ),
        (
            "platform IN ('sentinel-1a', 'sentinel-1b') OR platform LIKE 'landsat%'",
            lambda i: (
                i["properties"].get("platform") in ("sentinel-1a", "sentinel-1b")
                or str(i["properties"].get("platform", "")).startswith("landsat")
            ),
        ),
        ("NOT (eo:cloud_cover >= 50)", lambda i: cloud(i) is not None and cloud(i) < 50),
        (
            "S_INTERSECTS(geometry, POLYGON((-10 30, 40 30, 10 70, -10 30)))",
            lambda i: i["id"] in expected_ids([i], intersects=TRIANGLE),
        ),
    ],
)
def test_cql2_filter_equals_python_truth(
    local: LocalCatalog, catalog: GeneratedCatalog, text: str, truth: Any
) -> None:
    expected = {i["id"] for i in catalog.items if truth(i)}
    assert 0 < len(expected) < len(catalog.items)
    assert set(found(local, SearchQuery(filter=text, filter_lang="cql2-text"))) == expected


def test_cql2_json_filter_and_other_criteria_combine(
    local: LocalCatalog, catalog: GeneratedCatalog
) -> None:
    cql = {"op": "<", "args": [{"property": "eo:cloud_cover"}, 20]}
    query = SearchQuery(bbox=EUROPE, filter=cql, filter_lang="cql2-json")
    spatial = expected_ids(catalog.items, bbox=EUROPE)
    expected = {i["id"] for i in catalog.items if i["id"] in spatial and (cloud(i) or 99) < 20}
    assert set(found(local, query)) == expected


def test_invalid_cql2_is_a_clear_error(local: LocalCatalog) -> None:
    with pytest.raises(Cql2Error, match="at column 17") as caught:
        local.matching_rows(SearchQuery(filter="eo:cloud_cover <"))
    assert "\n" not in str(caught.value)


def sort_truth(items: list[dict[str, Any]], key: str, descending: bool) -> list[str]:
    have = [i for i in items if i["properties"].get(key) is not None]
    lacking = [i for i in items if i["properties"].get(key) is None]
    have.sort(key=lambda i: i["properties"][key], reverse=descending)
    return [i["id"] for i in have + lacking]


@pytest.mark.parametrize("spec", ["eo:cloud_cover", "-eo:cloud_cover", "+properties.platform"])
def test_sort_by_any_property_missing_values_last(
    local: LocalCatalog, catalog: GeneratedCatalog, spec: str
) -> None:
    key = spec.lstrip("+-").removeprefix("properties.")
    query = SearchQuery(bbox=EUROPE, sortby=(spec,))
    inside = expected_ids(catalog.items, bbox=EUROPE)
    items = [i for i in catalog.items if i["id"] in inside]
    result = found(local, query)
    values = [local.item(int(r))["properties"].get(key) for r in local.matching_rows(query)]
    expected_values = [
        {i["id"]: i for i in items}[x]["properties"].get(key)
        for x in sort_truth(items, key, spec.startswith("-"))
    ]
    assert values == expected_values  # ties may come in any order; the values may not
    assert set(result) == inside


def test_sort_by_two_keys_and_default_newest_first(local: LocalCatalog) -> None:
    rows = local.matching_rows(SearchQuery(sortby=("collection", "-datetime")))
    keyed = [(local.item(int(r))["collection"], local.item(int(r))["properties"]) for r in rows]
    collections = [c for c, _ in keyed]
    assert collections == sorted(collections)
    default = local.matching_rows(SearchQuery(collections=("sentinel-2-l2a",)))
    times = [local.item(int(r))["properties"]["datetime"] for r in default]
    assert times == sorted(times, reverse=True)


def test_paging_and_max_items_keep_number_matched(local: LocalCatalog) -> None:
    source = local.search(SearchQuery(bbox=EUROPE, limit=7, max_items=20))
    pages = []
    while (page := source.next_page()) is not None:
        pages.append(page)
    total = len(local.matching_rows(SearchQuery(bbox=EUROPE)))
    assert [len(p.features) for p in pages] == [7, 7, 6]
    assert {p.number_matched for p in pages} == {total}


def test_bad_sort_key_is_a_clear_error(local: LocalCatalog) -> None:
    with pytest.raises(CatalogError, match="no field name"):
        local.matching_rows(SearchQuery(sortby=("-",)))
