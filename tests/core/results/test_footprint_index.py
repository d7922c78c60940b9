"""Hit-testing and footprint lookup over the result store, checked against shapely on the items'
own geometries (the sample catalog: 2,948 items, some across the antimeridian, some polar)."""

from __future__ import annotations

import gzip
from typing import Any

import numpy as np
import orjson
import pytest
import shapely
from shapely.geometry import shape

from stacdesk.core.results.footprint_index import FootprintIndex, batch_geometries
from stacdesk.core.results.store import ResultBatch, ResultStore
from stacdesk.resources import resource_path


@pytest.fixture(scope="module")
def sample_items() -> list[dict[str, Any]]:
    with gzip.open(resource_path("sample-catalog", "items.ndjson.gz"), "rb") as handle:
        return [orjson.loads(line) for line in handle]


def indexed(items: list[dict[str, Any]], page: int = 500) -> tuple[ResultStore, FootprintIndex]:
    store, index = ResultStore(), FootprintIndex()
    store.appended.connect(lambda start, _end, batch: index.add_batch(start, batch))
    for start in range(0, len(items), page):
        store.append(ResultBatch.from_features(items[start : start + page]))
    return store, index


def feature(item_id: str, coordinates: Any, kind: str = "Polygon") -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": item_id,
        "geometry": {"type": kind, "coordinates": coordinates},
        "properties": {"datetime": "2024-01-01T00:00:00Z"},
    }


def test_hits_match_shapely_on_the_items_geometries(sample_items: list[dict[str, Any]]) -> None:
    store, index = indexed(sample_items)
    assert len(index) == len(store) == len(sample_items)
    truth = np.array([shape(item["geometry"]) for item in sample_items], dtype=object)
    rng = np.random.default_rng(4)
    # Points near footprint centres (mostly hits, many overlaps) and anywhere (mostly misses).
    centres = shapely.get_coordinates(shapely.centroid(truth[rng.choice(len(truth), 150)]))
    anywhere = np.column_stack([rng.uniform(-180, 180, 150), rng.uniform(-90, 90, 150)])
    checked_hits = 0
    for lon, lat in np.concatenate([centres + rng.normal(0, 0.3, centres.shape), anywhere]):
        containing = np.flatnonzero(shapely.contains_xy(truth, lon, lat))
        row = index.hit(lon, lat)
        if not len(containing):
            assert row is None
            continue
        checked_hits += 1
        assert row is not None and store.ids[row] in {sample_items[i]["id"] for i in containing}
        # The smallest of the footprints under the mouse wins (it is the one the user sees).
        smallest = min(shapely.area(truth[containing]))
        assert shapely.area(truth[row]) == pytest.approx(smallest, rel=1e-6)
    assert checked_hits > 100


def test_antimeridian_and_polar_footprints_are_hit(sample_items: list[dict[str, Any]]) -> None:
    _, index = indexed(sample_items)
    crossing = next(i for i, item in enumerate(sample_items) if item["bbox"][0] > item["bbox"][2])
    _, south, _, north = sample_items[crossing]["bbox"]
    lat = (south + north) / 2
    for lon in (179.8, -179.8):  # both halves of the split footprint
        row = index.hit(lon, lat)
        assert row is not None
        assert shapely.contains_xy(shape(sample_items[row]["geometry"]), lon, lat)
    polar = next(i for i, item in enumerate(sample_items) if item["bbox"][3] > 80)
    x, y = shapely.get_coordinates(shape(sample_items[polar]["geometry"]).centroid)[0]
    assert index.hit(x, y) is not None


def test_tolerance_picks_a_thin_footprint_near_the_mouse() -> None:
    _, index = indexed([feature("a", [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]])])
    assert index.hit(1.05, 0.5) is None
    assert index.hit(1.05, 0.5, tolerance=0.1) == 0
    assert index.hit(1.5, 0.5, tolerance=0.1) is None


def test_rings_and_bounds_follow_the_rows(sample_items: list[dict[str, Any]]) -> None:
    store, index = indexed(sample_items[:1200], page=100)
    for row in (0, 99, 100, 650, 1199):
        x, y = index.rings([row])
        fx, fy = store.footprint(row)
        assert np.array_equal(x, fx, equal_nan=True) and np.array_equal(y, fy, equal_nan=True)
    x, _ = index.rings([3, 700])
    assert len(x) == len(store.footprint(3)[0]) + len(store.footprint(700)[0])
    many = np.array([1199, *range(90, 230, 2), 5, 5, -1, 5000])  # any order, repeats, strays
    x, y = index.rings(many)
    wanted = sorted({int(r) for r in many if 0 <= r < 1200})
    assert np.array_equal(x, np.concatenate([store.footprint(r)[0] for r in wanted]), True)
    assert np.array_equal(y, np.concatenate([store.footprint(r)[1] for r in wanted]), True)
    west, south, east, north = index.bounds([5, 6])
    both = shapely.union_all(
        [shape(sample_items[5]["geometry"]), shape(sample_items[6]["geometry"])]
    )
    assert (west, south, east, north) == pytest.approx(both.bounds, abs=1e-4)  # float32 rings
    assert index.bounds() is not None
    index.clear()
    assert len(index) == 0 and index.hit(0, 0) is None and index.bounds() is None


def test_bad_footprints_do_not_break_the_page() -> None:
    batch = ResultBatch.from_features(
        [
            feature("ok", [[[0, 0], [1, 0], [1, 1], [0, 0]]]),
            feature("degenerate", [[[5, 5], [6, 6], [5, 5]]]),
            feature("bowtie", [[[10, 10], [12, 12], [12, 10], [10, 12], [10, 10]]]),
            {"type": "Feature", "id": "nogeom", "geometry": None, "properties": {}},
            feature("ok2", [[[20, 20], [21, 20], [21, 21], [20, 20]]]),
        ]
    )
    geometries = batch_geometries(batch)
    assert geometries[0].area == pytest.approx(0.5)
    assert geometries[3] is None
    assert geometries[4].area == pytest.approx(0.5)
    assert geometries[2].is_valid and geometries[2].area == pytest.approx(2.0)
    assert all(g is None or g.is_valid for g in geometries)


def test_rows_must_arrive_in_order() -> None:
    index = FootprintIndex()
    with pytest.raises(ValueError, match="in order"):
        index.add_batch(5, ResultBatch.from_features([]))
