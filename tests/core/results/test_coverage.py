"""Coverage fractions and the greedy covering set, against closed-form areas on the sphere,
independent point sampling and shapely unions."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely

from stacdesk.core.catalogs.connections import ConnectionBook
from stacdesk.core.geo.geometry import Aoi
from stacdesk.core.results.coverage import coverage_fractions, ground_area, minimal_covering_set
from stacdesk.core.results.footprint_index import FootprintIndex, batch_geometries
from stacdesk.core.results.store import ResultBatch
from stacdesk.core.workspace.coverage_tracker import CoverageTracker
from stacdesk.core.workspace.state import Workspace


def geoms(*shapes: shapely.Geometry | None) -> np.ndarray:
    out = np.empty(len(shapes), dtype=object)
    out[:] = shapes
    return out


def box_feature(item_id: str, bounds: tuple[float, float, float, float], **props: Any) -> dict:
    geometry = shapely.geometry.mapping(shapely.box(*bounds))
    return {
        "type": "Feature",
        "id": item_id,
        "geometry": geometry,
        "properties": {"datetime": "2024-06-01T00:00:00Z", **props},
    }


def test_fractions_are_shares_of_ground_area() -> None:
    aoi = shapely.box(0, 0, 10, 10)
    footprints = geoms(
        shapely.box(0, 0, 10, 5),  # the southern half in degrees: more than half the ground
        shapely.box(-5, -5, 15, 15),
        shapely.box(20, 20, 30, 30),
        None,
        shapely.box(0, 0, 5, 10),  # the western half: exactly half
    )
    fractions = coverage_fractions(aoi, footprints)
    south_half = math.sin(math.radians(5)) / math.sin(math.radians(10))
    assert fractions[0] == pytest.approx(south_half, rel=1e-6)
    assert fractions[1] == pytest.approx(1.0)
    assert fractions[2] == 0.0
    assert np.isnan(fractions[3])
    assert fractions[4] == pytest.approx(0.5, rel=1e-6)
    # Ground area of a lon/lat box, in steradians: Δλ·(sin φ2 − sin φ1).
    assert ground_area(aoi) == pytest.approx(math.radians(10) * math.sin(math.radians(10)))


def test_fractions_match_independent_point_sampling() -> None:
    rng = np.random.default_rng(11)
    aoi = shapely.Polygon([(5, 40), (25, 42), (22, 62), (8, 58)])
    footprints = geoms(
        *[
            shapely.affinity.rotate(
                shapely.box(x, y, x + rng.uniform(2, 12), y + rng.uniform(2, 12)),
                rng.uniform(0, 90),
            )
            for x, y in zip(rng.uniform(0, 25, 30), rng.uniform(35, 60, 30), strict=True)
        ]
    )
    fractions = coverage_fractions(aoi, footprints)
    # Points uniform on the sphere inside the AOI's bbox: uniform in lon and in sin(lat).
    west, south, east, north = aoi.bounds
    lon = rng.uniform(west, east, 60_000)
    lat = np.degrees(
        np.arcsin(rng.uniform(math.sin(math.radians(south)), math.sin(math.radians(north)), 60_000))
    )
    inside = shapely.contains_xy(aoi, lon, lat)
    lon, lat = lon[inside], lat[inside]
    for fraction, footprint in zip(fractions, footprints, strict=True):
        sampled = shapely.contains_xy(footprint, lon, lat).mean()
        assert fraction == pytest.approx(sampled, abs=0.01)


def test_point_aoi_and_antimeridian() -> None:
    footprints = geoms(shapely.box(0, 0, 2, 2), shapely.box(5, 5, 6, 6))
    assert list(coverage_fractions(shapely.Point(1, 1), footprints)) == [1.0, 0.0]
    # A footprint across 180° as the map splits it, against a box across 180°.
    split = batch_geometries(
        ResultBatch.from_features(
            [
                {
                    "type": "Feature",
                    "id": "x",
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[[175, -5], [-175, -5], [-175, 5], [175, 5], [175, -5]]],
                    },
                    "properties": {},
                }
            ]
        )
    )
    aoi = Aoi.from_bbox(170, -5, -170, 5).geometry
    assert coverage_fractions(aoi, split)[0] == pytest.approx(0.5, rel=1e-6)


def test_covering_set_takes_one_big_scene_over_four_small_ones() -> None:
    aoi = shapely.box(0, 0, 10, 10)
    footprints = geoms(
        shapely.box(0, 0, 5, 5),
        shapely.box(5, 0, 10, 5),
        shapely.box(0, 5, 5, 10),
        shapely.box(5, 5, 10, 10),
        shapely.box(-1, -1, 11, 11),
    )
    found = minimal_covering_set(aoi, footprints, np.zeros(5), np.zeros(5))
    assert found.rows == (4,) and found.coverage == pytest.approx(1.0)


def test_covering_set_prefers_clear_and_recent_scenes() -> None:
    aoi = shapely.box(0, 0, 10, 10)
    full = shapely.box(-1, -1, 11, 11)
    footprints = geoms(full, full, full, full)
    day = 86400.0
    datetimes = np.array([100 * day, 0.0, 100 * day, 99 * day])
    cloud = np.array([60.0, 0.0, 5.0, np.nan])  # nan: radar, clouds do not matter
    found = minimal_covering_set(aoi, footprints, datetimes, cloud)
    assert found.rows == (3,)  # clear (radar) and one day old beats 5 % cloud and new
    cloud[3] = 50.0
    assert minimal_covering_set(aoi, footprints, datetimes, cloud).rows == (2,)


def test_covering_set_halves_over_strips_and_reports_what_is_reachable() -> None:
    aoi = shapely.box(0, 0, 10, 10)
    strips = [shapely.box(x, 0, x + 1, 10) for x in range(10)]
    halves = [shapely.box(0, 0, 5.2, 10), shapely.box(4.8, 0, 10, 10)]
    found = minimal_covering_set(aoi, geoms(*strips, *halves), np.zeros(12), np.zeros(12))
    assert sorted(found.rows) == [10, 11] and found.coverage == pytest.approx(1.0)

    # Nothing covers the eastern fifth: the set covers what can be covered, and says so.
    partial = geoms(shapely.box(0, 0, 4, 10), shapely.box(3, 0, 8, 10), shapely.box(20, 0, 30, 5))
    found = minimal_covering_set(aoi, partial, np.zeros(3), np.zeros(3))
    assert sorted(found.rows) == [0, 1]
    assert found.coverage == pytest.approx(0.8, rel=1e-6)
    assert found.reachable == pytest.approx(found.coverage)
    assert "80.0%" in found.describe() and "only 80.0%" in found.describe()


def test_covering_set_coverage_is_the_union_truth() -> None:
    rng = np.random.default_rng(3)
    aoi = shapely.Polygon([(0, 0), (12, 1), (11, 11), (1, 9)])
    footprints = geoms(
        *[
            shapely.box(x, y, x + rng.uniform(1, 6), y + rng.uniform(1, 6))
            for x, y in zip(rng.uniform(-2, 11, 80), rng.uniform(-2, 10, 80), strict=True)
        ],
        None,
    )
    found = minimal_covering_set(aoi, footprints, rng.uniform(0, 1e8, 81), rng.uniform(0, 100, 81))
    chosen = shapely.union_all(footprints[list(found.rows)]).intersection(aoi)
    everything = shapely.union_all(footprints[:-1]).intersection(aoi)
    assert found.coverage == pytest.approx(ground_area(chosen) / ground_area(aoi), abs=1e-5)
    assert found.reachable == pytest.approx(ground_area(everything) / ground_area(aoi), abs=1e-5)
    assert found.coverage == pytest.approx(found.reachable, abs=1e-5)
    assert len(found.rows) < 40
    assert minimal_covering_set(shapely.Point(3, 3), footprints, np.zeros(81), np.zeros(81)).rows
    assert minimal_covering_set(aoi, geoms(None), np.zeros(1), np.zeros(1)).rows == ()


def test_tracker_follows_pages_and_the_aoi(tmp_path: Path) -> None:
    workspace = Workspace(ConnectionBook(tmp_path / "connections.json"))
    index = FootprintIndex()
    store = workspace.search.store
    store.appended.connect(lambda start, _end, batch: index.add_batch(start, batch))
    store.cleared.connect(index.clear)
    tracker = CoverageTracker(workspace, index)

    async def settle() -> None:
        while tracker.busy:
            await asyncio.sleep(0.01)

    async def scenario() -> None:
        store.append(ResultBatch.from_features([box_feature("a", (0, 0, 5, 10))]))
        workspace.set_aoi(Aoi.from_bbox(0, 0, 10, 10))
        await settle()
        assert workspace.coverage is not None
        assert list(workspace.coverage) == pytest.approx([0.5])
        store.append(
            ResultBatch.from_features(
                [box_feature("b", (0, 0, 10, 10)), box_feature("c", (50, 50, 60, 60))]
            )
        )
        await settle()
        assert list(workspace.coverage) == pytest.approx([0.5, 1.0, 0.0])
        workspace.set_aoi(Aoi.from_bbox(50, 50, 55, 60))
        await settle()
        assert list(workspace.coverage) == pytest.approx([0.0, 0.0, 1.0])
        found = await tracker.covering_set()
        assert found is not None and found.rows == (2,)
        workspace.set_aoi(None)
        assert workspace.coverage is None
        store.clear()
        workspace.set_aoi(Aoi.from_bbox(0, 0, 1, 1))
        await settle()
        assert workspace.coverage is None or len(workspace.coverage) == 0

    asyncio.run(scenario())
