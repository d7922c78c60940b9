"""Geometry the map and the search share: areas of interest and drawable footprints.

Footprints are reduced to exterior rings in lon/lat, split at the antimeridian, because that is all
the map draws; the exact geometry stays in the item's JSON.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import antimeridian
import numpy as np
import shapely
from shapely.geometry import box, mapping
from shapely.geometry.base import BaseGeometry

from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message
from stacdesk.core.geo import aoi_messages as say

Ring = np.ndarray  # shape (k, 2), float64 lon/lat


def _rings_of(geometry: dict[str, Any]) -> list[Ring]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon" and isinstance(coords, list | tuple) and coords:
        polygons = [coords]
    elif kind == "MultiPolygon" and isinstance(coords, list | tuple) and coords:
        polygons = coords
    else:
        return []
    rings = []
    for polygon in polygons:
        if isinstance(polygon, list | tuple) and polygon and len(polygon[0]) >= 3:
            ring = np.asarray(polygon[0], dtype=np.float64)
            if ring.ndim == 2 and ring.shape[1] >= 2:
                rings.append(ring[:, :2])
    return rings


def _crosses_antimeridian_unsplit(rings: list[Ring]) -> bool:
    return any(len(r) > 1 and np.abs(np.diff(r[:, 0])).max() > 180.0 for r in rings)


def footprint_rings(geometry: Any) -> list[Ring]:
    """The exterior rings to draw for an item geometry; [] for a missing or unusable geometry.

    A polygon written across the antimeridian without being split (a jump of more than 180° in
    longitude) is split with the ``antimeridian`` package, so it is not drawn around the globe.
    """
    if not isinstance(geometry, dict):
        return []
    try:
        rings = _rings_of(geometry)
        if rings and _crosses_antimeridian_unsplit(rings):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rings = _rings_of(antimeridian.fix_geojson(geometry))
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return []
    return [r for r in rings if np.isfinite(r).all()]


def bbox_of(feature: dict[str, Any], rings: list[Ring]) -> tuple[float, float, float, float]:
    """The item's own bbox when well formed, else the rings' bounds, else NaNs."""
    bbox = feature.get("bbox")
    if isinstance(bbox, list) and len(bbox) in (4, 6):
        try:
            values = [float(v) for v in bbox]
        except (TypeError, ValueError):
            values = []
        if len(values) == 4:
            return (values[0], values[1], values[2], values[3])
        if len(values) == 6:
            return (values[0], values[1], values[3], values[4])
    if rings:
        points = np.concatenate(rings)
        return enclosing_bounds(np.hstack([points, points]))  # a point is a box of no size
    return (np.nan, np.nan, np.nan, np.nan)


def enclosing_bounds(boxes: np.ndarray) -> tuple[float, float, float, float]:
    """West, south, east, north around (n, 4) rows of west, south, east, north (n > 0).

    Why one helper: footprints' rings and the map's "zoom to results" both need the box around
    many boxes; plain min/max, so a box across the antimeridian is not special-cased here.
    """
    return (
        float(boxes[:, 0].min()),
        float(boxes[:, 1].min()),
        float(boxes[:, 2].max()),
        float(boxes[:, 3].max()),
    )


@dataclass(frozen=True)
class Aoi:
    """An area of interest drawn or typed by the user.

    A bbox whose west is greater than its east crosses the antimeridian, as in the STAC API.
    """

    kind: str  # "bbox" | "point" | "polygon"
    geometry: BaseGeometry
    bbox: tuple[float, float, float, float] | None = None

    @classmethod
    def from_bbox(cls, west: float, south: float, east: float, north: float) -> Aoi:
        south, north = sorted((max(-90.0, min(90.0, south)), max(-90.0, min(90.0, north))))
        if east - west >= 360.0:  # dragged wider than the world: the whole world
            west, east = -180.0, 180.0
        west, east = (wrap_lon(west), wrap_lon(east))
        if south == north or west == east:
            raise ValueError(say.BOX_WITHOUT_AREA())
        if west > east:  # crosses the antimeridian: two boxes
            geometry: BaseGeometry = shapely.MultiPolygon(
                [box(west, south, 180.0, north), box(-180.0, south, east, north)]
            )
        else:
            geometry = box(west, south, east, north)
        return cls("bbox", geometry, (west, south, east, north))

    @classmethod
    def from_point(cls, lon: float, lat: float) -> Aoi:
        if not -90.0 <= lat <= 90.0:
            raise ValueError(say.LATITUDE_BOUNDS())
        return cls("point", shapely.Point(wrap_lon(lon), lat))

    def query_fields(self) -> dict[str, Any]:
        """``bbox=`` for boxes (every server supports it), ``intersects=`` for other shapes.

        A box across the antimeridian goes as two boxes in ``intersects``: servers disagree on a
        bbox with west > east (pgstac swaps the longitudes and searches the wrong half of the
        world; rustac refuses it).
        """
        if self.bbox is not None and self.bbox[0] <= self.bbox[2]:
            return {"bbox": self.bbox}
        return {"intersects": mapping(self.geometry)}

    def describe(self) -> Message:
        """The area in a few words ("Polygon with 9 vertices"), for labels and menus."""
        if self.bbox is not None:
            return BOX(", ".join(f"{v:.4f}" for v in self.bbox))
        if self.kind == "point":
            return POINT(f"{self.geometry.x:.4f}", f"{self.geometry.y:.4f}")
        return SHAPE(self.geometry.geom_type, n=corner_count(self.geometry))


BOX = QT_TRANSLATE_NOOP("Aoi", "bbox %1")
POINT = QT_TRANSLATE_NOOP("Aoi", "point %1, %2")
SHAPE = QT_TRANSLATE_NOOP("Aoi", "%1 with %Ln vertices", "%1 with %Ln vertex", 1)


def corner_count(geometry: BaseGeometry) -> int:
    """Distinct corners: a ring's closing vertex repeats its first, so it is not counted."""
    rings = shapely.get_rings(shapely.get_parts(geometry))
    if not len(rings):
        return int(shapely.get_num_coordinates(geometry))
    return int(sum(max(shapely.get_num_coordinates(r) - 1, 0) for r in rings))


def wrap_lon(lon: float) -> float:
    """Longitudes from a map dragged past ±180 come back into range."""
    if -180.0 <= lon <= 180.0:
        return lon
    return ((lon + 180.0) % 360.0) - 180.0
