"""The drawable rings of a whole page of footprints, made in a few numpy calls.

Why: ``footprint_rings`` makes several small numpy calls per item (~60 us), in the worker that
shares the GIL with the window, for every item of every page. Footprints whose exterior rings are
plain lon/lat points (at least three, finite, no jump over 180° of longitude) are nearly all of
them, and these are read together: one array for the page's points, checked at once. Any other
footprint (a hole-only ring, an unsplit antimeridian crossing, a bad number, anything odd) goes
through ``footprint_rings`` alone, so the rings are the same either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np

from stacdesk.core.geo.geometry import Ring, footprint_rings


def _plain_exteriors(geometry: Any) -> list[list[Any]] | None:
    """The exterior rings' point lists of a plain (Multi)Polygon; [] for no geometry at all;
    None when it needs ``footprint_rings``' care."""
    if geometry is None:
        return []
    if not isinstance(geometry, dict):
        return None
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if not isinstance(coords, list) or not coords:
        return None
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        return None
    exteriors = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return None
        exterior = polygon[0]
        if not isinstance(exterior, list) or len(exterior) < 3:
            return None
        exteriors.append(exterior)
    return exteriors


def _points(exteriors: list[list[Any]]) -> np.ndarray | None:
    """Every ring's points as one (n, 2) float array, or None if they are not all numbers."""
    if not exteriors:
        return np.empty((0, 2))
    try:
        points = np.array(list(chain.from_iterable(exteriors)), dtype=np.float64)
    except (TypeError, ValueError):  # ragged (2-D and 3-D points mixed), text, nesting
        return None
    if points.ndim != 2 or points.shape[1] < 2:
        return None
    return points[:, :2]


def _bad_rings(points: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per ring: it holds a non-finite number or a jump over 180° of longitude."""
    bad = np.logical_or.reduceat(~np.isfinite(points).all(axis=1), starts)
    jump = np.abs(np.diff(points[:, 0])) > 180.0
    jump = np.append(jump, False)
    jump[starts[1:] - 1] = False  # from one ring's last point to the next ring's first
    return bad | np.logical_or.reduceat(jump, starts)


def page_footprint_rings(geometries: Sequence[Any]) -> list[list[Ring]]:
    """``footprint_rings`` of every geometry, in order."""
    result: list[list[Ring] | None] = [None] * len(geometries)
    exteriors: list[list[Any]] = []
    owners: list[int] = []
    for n, geometry in enumerate(geometries):
        plain = _plain_exteriors(geometry)
        if plain is None:
            result[n] = footprint_rings(geometry)
        else:
            result[n] = []
            exteriors += plain
            owners += [n] * len(plain)
    points = _points(exteriors)
    if points is None:
        return [footprint_rings(g) for g in geometries]
    if exteriors:
        lengths = np.fromiter(map(len, exteriors), dtype=np.int64, count=len(exteriors))
        ends = np.cumsum(lengths)
        starts = ends - lengths
        bad = _bad_rings(points, starts)
        bad_owners = {owners[k] for k in np.flatnonzero(bad).tolist()}
        for k, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
            owner = owners[k]
            if owner not in bad_owners:
                result[owner].append(points[start:end])  # type: ignore[union-attr]
        for owner in bad_owners:
            result[owner] = footprint_rings(geometries[owner])
    return result  # type: ignore[return-value]
