"""How much of the area of interest each result covers, and the fewest results covering it all.

Shapes are intersected in lon/lat, as the STAC API and the map treat them; areas are measured after
an equal-area (Lambert cylindrical) projection, so a square degree near the pole weighs less than
one at the equator and "80 % covered" means 80 % of the ground.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message

NONE_TOUCHES = QT_TRANSLATE_NOOP("CoveringSet", "No result touches the area.")
COVER = QT_TRANSLATE_NOOP(
    "CoveringSet", "%Ln results cover %1 of the area.", "%Ln result covers %1 of the area.", 1
)
COVER_SHORT = QT_TRANSLATE_NOOP(
    "CoveringSet",
    "%Ln results cover %1 of the area (all results together cover only %2).",
    "%Ln result covers %1 of the area (all results together cover only %2).",
    1,
)

#: Greedy picks among scenes adding at least this share of the best gain by preference.
NEAR_BEST = 0.9
#: Stop when what is left uncovered is below this share of the AOI (numerical noise).
DONE_BELOW = 1e-6


def _to_equal_area(coords: np.ndarray) -> np.ndarray:
    return np.column_stack([np.radians(coords[:, 0]), np.sin(np.radians(coords[:, 1]))])


def ground_area(geometries: np.ndarray | BaseGeometry) -> np.ndarray | float:
    """Area on the sphere (in steradians) of lon/lat shapes, vertices projected equal-area."""
    return shapely.area(shapely.transform(geometries, _to_equal_area))


def _prepared_copy(aoi: BaseGeometry) -> BaseGeometry:
    """A private prepared copy: the AOI object is shared with the GUI thread."""
    copy = shapely.transform(aoi, lambda coords: coords)
    shapely.prepare(copy)
    return copy


def _present(footprints: np.ndarray) -> np.ndarray:
    return np.array([g is not None for g in footprints], dtype=bool)


def coverage_fractions(aoi: BaseGeometry, footprints: np.ndarray) -> np.ndarray:
    """Per footprint, the fraction (0..1) of the AOI it covers; NaN where there is no footprint.

    For a point AOI: 1 where the footprint contains the point, else 0.
    """
    result = np.full(len(footprints), np.nan, dtype=np.float32)
    present = _present(footprints)
    if not present.any():
        return result
    geoms = footprints[present]
    aoi = _prepared_copy(aoi)
    touching = shapely.intersects(aoi, geoms)
    values = np.zeros(len(geoms), dtype=np.float64)
    if aoi.geom_type == "Point":
        values[touching] = 1.0
    else:
        total = float(ground_area(aoi))
        if touching.any() and total > 0:
            overlap = shapely.intersection(geoms[touching], aoi)
            values[touching] = np.clip(ground_area(overlap) / total, 0.0, 1.0)
    result[present] = values
    return result


def preference_order(datetimes: np.ndarray, cloud_cover: np.ndarray) -> np.ndarray:
    """A score per result, lower is better: the cloud fraction plus half the relative age.

    No cloud cover (radar, models) counts as clear; no date counts as the oldest.
    """
    cloud = np.nan_to_num(np.asarray(cloud_cover, dtype=np.float64), nan=0.0) / 100.0
    times = np.asarray(datetimes, dtype=np.float64)
    finite = np.isfinite(times)
    age = np.ones(len(times))
    if finite.any():
        newest, oldest = times[finite].max(), times[finite].min()
        span = max(newest - oldest, 1.0)
        age[finite] = (newest - times[finite]) / span
    return np.clip(cloud, 0.0, 1.0) + 0.5 * age


@dataclass(frozen=True)
class CoveringSet:
    """The chosen rows (in pick order), the share of the AOI they cover together, and the most
    that all results together could cover."""

    rows: tuple[int, ...]
    coverage: float
    reachable: float

    def describe(self) -> Message:
        if not self.rows:
            return NONE_TOUCHES()
        share, count = f"{self.coverage:.1%}", len(self.rows)
        if self.reachable < 0.9995:
            return COVER_SHORT(share, f"{self.reachable:.1%}", n=count)
        return COVER(share, n=count)


def minimal_covering_set(
    aoi: BaseGeometry,
    footprints: np.ndarray,
    datetimes: np.ndarray,
    cloud_cover: np.ndarray,
    *,
    near_best: float = NEAR_BEST,
) -> CoveringSet:
    """The fewest results that together cover the AOI (greedy set cover), preferring recent and
    low-cloud scenes.

    Each step takes, among the scenes adding at least ``near_best`` of the largest new area, the
    one with the best preference score. Gains only shrink as the set grows, so a stale gain is an
    upper bound and only the top of a heap is re-measured (lazy greedy).
    """
    present = np.flatnonzero(_present(footprints))
    if not len(present):
        return CoveringSet((), 0.0, 0.0)
    preference = preference_order(datetimes, cloud_cover)
    geoms = footprints[present]
    aoi = _prepared_copy(aoi)
    touching = shapely.intersects(aoi, geoms)
    rows, geoms = present[touching], geoms[touching]
    if not len(rows):
        return CoveringSet((), 0.0, 0.0)
    if aoi.geom_type == "Point":
        best = int(rows[np.argmin(preference[rows])])
        return CoveringSet((best,), 1.0, 1.0)

    total = float(ground_area(aoi))
    clipped = shapely.intersection(geoms, aoi)
    gains = np.asarray(ground_area(clipped), dtype=np.float64)
    reachable = float(ground_area(shapely.union_all(clipped))) / total if total > 0 else 0.0
    heap = [(-gains[i], float(preference[rows[i]]), i) for i in range(len(rows)) if gains[i] > 0]
    heapq.heapify(heap)
    uncovered = _UncoveredTiles(aoi, len(rows))
    chosen: list[int] = []
    while heap and uncovered.area > DONE_BELOW * total:
        fresh: list[tuple[float, float, int]] = []
        best_gain = 0.0
        while heap and -heap[0][0] >= near_best * best_gain and -heap[0][0] > 0:
            _, pref, i = heapq.heappop(heap)
            gain = uncovered.gain(clipped[i])
            fresh.append((gain, pref, i))
            best_gain = max(best_gain, gain)
        if best_gain <= DONE_BELOW * total:
            break
        band = [f for f in fresh if f[0] >= near_best * best_gain]
        pick = min(band, key=lambda f: (f[1], -f[0]))
        for gain, pref, i in fresh:
            if i != pick[2] and gain > DONE_BELOW * total:
                heapq.heappush(heap, (-gain, pref, i))
        chosen.append(int(rows[pick[2]]))
        uncovered.remove(clipped[pick[2]])
    coverage = 1.0 - uncovered.area / total if total > 0 else 0.0
    return CoveringSet(tuple(chosen), max(0.0, min(1.0, coverage)), min(1.0, reachable))


class _UncoveredTiles:
    """What is left of the AOI, cut into a grid of tiles.

    One uncovered polygon grows thousands of vertices after a few hundred scenes, and every gain
    measured against it costs that much; per tile, a scene only meets the few tiles it overlaps.
    """

    def __init__(self, aoi: BaseGeometry, candidates: int) -> None:
        side = int(min(32, max(1, math.ceil(math.sqrt(candidates / 4)))))
        west, south, east, north = aoi.bounds
        xs = np.linspace(west, east, side + 1)
        ys = np.linspace(south, north, side + 1)
        boxes = shapely.box(*np.meshgrid(xs[:-1], ys[:-1]), *np.meshgrid(xs[1:], ys[1:])).ravel()
        self.tiles = shapely.intersection(boxes, aoi)
        keep = ~shapely.is_empty(self.tiles)
        self.tiles = self.tiles[keep]
        self._tree = shapely.STRtree(boxes[keep])
        self._areas = np.asarray(ground_area(self.tiles), dtype=np.float64)
        self.area = float(self._areas.sum())

    def gain(self, scene: BaseGeometry) -> float:
        hit = self._tree.query(scene)
        if not len(hit):
            return 0.0
        return float(np.sum(ground_area(shapely.intersection(self.tiles[hit], scene))))

    def remove(self, scene: BaseGeometry) -> None:
        hit = self._tree.query(scene)
        if not len(hit):
            return
        self.tiles[hit] = shapely.difference(self.tiles[hit], scene)
        self._areas[hit] = ground_area(self.tiles[hit])
        self.area = float(self._areas.sum())
