"""Every result's footprint as a shapely geometry with a spatial index, for the map and coverage.

The map asks "which result is under the mouse?" on every mouse move, and coverage intersects every
footprint with the AOI; both need real geometries, built here once per page (vectorised), with an
STRtree rebuilt lazily when new pages arrived. No graphics item per footprint anywhere.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import numpy as np
import shapely

from stacdesk.core.geo.geometry import enclosing_bounds
from stacdesk.core.results.store import ResultBatch


def batch_geometries(batch: ResultBatch) -> np.ndarray:
    """One (Multi)Polygon per row of the batch, from its drawn rings; None where it has none.

    The rings are the antimeridian-split exterior rings (holes dropped), in lon/lat. Invalid
    footprints (self-intersecting rings) are repaired with make_valid so intersections never fail.
    """
    n = len(batch)
    out = np.full(n, None, dtype=object)
    x = np.asarray(batch.ring_x, dtype=np.float64)
    y = np.asarray(batch.ring_y, dtype=np.float64)
    if not n or not len(x):
        return out
    offsets = np.asarray(batch.ring_offsets)
    row_of_coord = np.repeat(np.arange(n), np.diff(offsets))
    gaps = np.isnan(x)
    ring_of_coord = np.cumsum(gaps)  # a ring's closing NaN counts to it; the next ring starts after
    keep = ~gaps
    try:
        rings = shapely.linearrings(
            np.column_stack([x[keep], y[keep]]), indices=_dense(ring_of_coord[keep])
        )
        ring_rows = _first_per_group(ring_of_coord[keep], row_of_coord[keep])
        polygons = shapely.polygons(rings)
        rows_with_rings, dense_rows = np.unique(ring_rows, return_inverse=True)
        out[rows_with_rings] = shapely.multipolygons(polygons, indices=dense_rows)
    except (ValueError, shapely.errors.GEOSException):
        out = _geometries_one_by_one(batch)
    present = np.array([g is not None for g in out])
    if present.any():
        geoms = out[present]
        invalid = ~shapely.is_valid(geoms)
        if invalid.any():
            geoms[invalid] = shapely.make_valid(geoms[invalid])
            out[present] = geoms
    return out


def _dense(groups: np.ndarray) -> np.ndarray:
    """Group labels renumbered 0..k-1 in order of appearance (shapely wants no gaps)."""
    _, dense = np.unique(groups, return_inverse=True)
    return dense


def _first_per_group(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    _, first = np.unique(groups, return_index=True)
    return values[first]


def _geometries_one_by_one(batch: ResultBatch) -> np.ndarray:
    """The slow path for a page with a degenerate ring (fewer than 3 distinct points)."""
    out = np.full(len(batch), None, dtype=object)
    for row in range(len(batch)):
        a, b = batch.ring_offsets[row], batch.ring_offsets[row + 1]
        polygons = []
        for ring in _split_rings(batch.ring_x[a:b], batch.ring_y[a:b]):
            try:
                polygon = shapely.Polygon(ring)
            except (ValueError, shapely.errors.GEOSException):
                continue
            if not polygon.is_empty:
                polygons.append(polygon)
        if polygons:
            out[row] = shapely.MultiPolygon(polygons)
    return out


def _split_rings(x: np.ndarray, y: np.ndarray) -> Iterable[np.ndarray]:
    coords = np.column_stack([x, y]).astype(np.float64)
    gaps = np.flatnonzero(np.isnan(coords[:, 0]))
    start = 0
    for end in [*gaps, len(coords)]:
        if end - start >= 3:
            yield coords[start:end]
        start = end + 1


class FootprintIndex:
    """Footprint geometries of all results in store order, with hit tests and ring lookup."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self._batches: list[tuple[int, ResultBatch]] = []
        self._starts: list[int] = []
        self._chunks: list[np.ndarray] = []
        self._geometries: np.ndarray = np.empty(0, dtype=object)
        self._tree: shapely.STRtree | None = None
        self._tree_rows: np.ndarray = np.empty(0, dtype=np.int64)
        self._dirty = False
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add_batch(self, start: int, batch: ResultBatch) -> None:
        """Add the rows ``start..start+len(batch)-1`` (call in store order)."""
        if start != self._size:
            raise ValueError(f"rows must be added in order: expected {self._size}, got {start}")
        self._batches.append((start, batch))
        self._starts.append(start)
        made, batch.geometries = batch.geometries, None  # the pager made them in its worker;
        # kept here only, not also in every page the store and the map hold on to
        self._chunks.append(
            made if made is not None and len(made) == len(batch) else batch_geometries(batch)
        )
        self._size += len(batch)
        self._dirty = True

    @property
    def geometries(self) -> np.ndarray:
        """Object array, one geometry (or None) per row; a new array after pages arrived."""
        if len(self._chunks) > 1 or (self._chunks and self._chunks[0] is not self._geometries):
            self._geometries = np.concatenate(self._chunks) if self._chunks else self._geometries
            self._chunks = [self._geometries]
        return self._geometries

    def _index(self) -> shapely.STRtree:
        if self._tree is None or self._dirty:
            geoms = self.geometries
            present = np.flatnonzero(np.array([g is not None for g in geoms], dtype=bool))
            self._tree = shapely.STRtree(geoms[present])
            self._tree_rows = present
            self._dirty = False
        return self._tree

    def rows_near(self, west: float, south: float, east: float, north: float) -> np.ndarray:
        """Rows whose footprint touches the box (sorted)."""
        if not self._size:
            return np.empty(0, dtype=np.int64)
        found = self._index().query(shapely.box(west, south, east, north), predicate="intersects")
        return np.sort(self._tree_rows[found])

    def hit(
        self, lon: float, lat: float, tolerance: float = 0.0, visible: np.ndarray | None = None
    ) -> int | None:
        """The result under a map position: the smallest footprint containing it, else the
        nearest within ``tolerance`` degrees (so thin outlines can be picked when zoomed out).
        Rows where ``visible`` (a mask over all rows) is False are never picked."""
        rows = self.rows_near(lon - tolerance, lat - tolerance, lon + tolerance, lat + tolerance)
        if visible is not None and len(visible) == self._size:
            rows = rows[visible[rows]]
        if not len(rows):
            return None
        geoms = self.geometries[rows]
        inside = shapely.contains_xy(geoms, lon, lat)
        if inside.any():
            rows, geoms = rows[inside], geoms[inside]
            return int(rows[np.argmin(shapely.area(geoms))])
        distances = shapely.distance(geoms, shapely.Point(lon, lat))
        best = int(np.argmin(distances))
        return int(rows[best]) if distances[best] <= tolerance else None

    def bounds(self, rows: Iterable[int] | None = None) -> tuple[float, float, float, float] | None:
        """West, south, east, north around the rows' footprints (all rows when None)."""
        geoms = self.geometries if rows is None else self.geometries[np.fromiter(rows, np.int64)]
        geoms = geoms[np.array([g is not None for g in geoms], dtype=bool)]
        if not len(geoms):
            return None
        return enclosing_bounds(shapely.bounds(geoms))

    def rings(self, rows: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
        """The NaN-separated drawn rings of several rows, concatenated, for highlighting (in
        store order when many: one mask per page, not a lookup per row)."""
        if isinstance(rows, np.ndarray) and len(rows) > 64:
            return self._many_rings(rows)
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        for row in rows:
            slot = bisect.bisect_right(self._starts, row) - 1
            if slot < 0 or row >= self._size:
                continue
            start, batch = self._batches[slot]
            a, b = batch.ring_offsets[row - start], batch.ring_offsets[row - start + 1]
            xs.append(batch.ring_x[a:b])
            ys.append(batch.ring_y[a:b])
        if not xs:
            return np.empty(0, np.float32), np.empty(0, np.float32)
        return np.concatenate(xs), np.concatenate(ys)

    def _many_rings(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        chosen = np.zeros(self._size, dtype=bool)
        chosen[rows[(rows >= 0) & (rows < self._size)].astype(np.int64)] = True
        return rings_where(self._batches, chosen)

    def batch_rect(self, row: int) -> tuple[float, float, float, float] | None:
        """The item's own bbox (west may exceed east across the antimeridian)."""
        slot = bisect.bisect_right(self._starts, row) - 1
        if slot < 0 or row >= self._size:
            return None
        start, batch = self._batches[slot]
        bbox = batch.bboxes[row - start]
        if not np.isfinite(bbox).all():
            return None
        return (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3]))


def rings_where(
    pages: Sequence[tuple[int, ResultBatch]], chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The NaN-separated rings of the rows ``chosen`` (a mask over all rows), page by page:
    one mask per page's coordinates, no Python per row."""
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for start, batch in pages:
        picked = chosen[start : start + len(batch)]
        if not picked.any():
            continue
        per_coordinate = np.repeat(picked, np.diff(batch.ring_offsets))
        xs.append(batch.ring_x[per_coordinate])
        ys.append(batch.ring_y[per_coordinate])
    if not xs:
        return np.empty(0, np.float32), np.empty(0, np.float32)
    return np.concatenate(xs), np.concatenate(ys)
