"""Scene footprints as GeoJSON: swath quadrilaterals and antimeridian splitting.

Why: footprints crossing 180 degrees must become RFC 7946 split MultiPolygons with bbox
west > east, exactly as real catalogs write them.
"""

from __future__ import annotations

from shapely.affinity import translate
from shapely.geometry import Polygon, box
from shapely.geometry.polygon import orient

from .geodesy import destination
from .stac_item import Json

Ring = list[tuple[float, float]]


def swath_ring(lon: float, lat: float, heading: float, along_km: float, across_km: float) -> Ring:
    """A rotated quadrilateral centred on (lon, lat), long axis along ``heading``."""
    front = destination(lon, lat, heading, along_km / 2)
    back = destination(lon, lat, heading + 180.0, along_km / 2)
    ring = [
        destination(*front, heading + 90.0, across_km / 2),
        destination(*front, heading - 90.0, across_km / 2),
        destination(*back, heading - 90.0, across_km / 2),
        destination(*back, heading + 90.0, across_km / 2),
    ]
    # keep the ring continuous around the centre's longitude (no jumps at +-180)
    return [(lon + ((x - lon + 180.0) % 360.0 - 180.0), y) for x, y in ring]


def _ring_coords(poly: Polygon) -> list[list[float]]:
    """Rounded CCW exterior ring without consecutive duplicates."""
    out: list[list[float]] = []
    for x, y in orient(poly, 1.0).exterior.coords:
        pt = [round(x, 6) + 0.0, round(y, 6) + 0.0]
        if not out or out[-1] != pt:
            out.append(pt)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def footprint(ring: Ring) -> tuple[Json, list[float]]:
    """GeoJSON geometry + bbox; rings crossing 180 become an RFC 7946 split MultiPolygon."""
    poly = Polygon(ring)
    minx, _, maxx, _ = poly.bounds
    if minx < -180.0:
        poly = translate(poly, 360.0)
        minx, maxx = minx + 360.0, maxx + 360.0
    if maxx <= 180.0:
        shift = -360.0 if minx >= 180.0 else 0.0
        coords = _ring_coords(translate(poly, shift))
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        return {"type": "Polygon", "coordinates": [coords]}, [min(xs), min(ys), max(xs), max(ys)]
    east = poly.intersection(box(minx - 1.0, -90.0, 180.0, 90.0))
    west = translate(poly.intersection(box(180.0, -90.0, maxx + 1.0, 90.0)), -360.0)
    assert east.geom_type == "Polygon" and west.geom_type == "Polygon", "unexpected split"
    east_c, west_c = _ring_coords(east), _ring_coords(west)
    ys = [c[1] for c in east_c + west_c]
    bbox = [min(c[0] for c in east_c), min(ys), max(c[0] for c in west_c), max(ys)]
    return {"type": "MultiPolygon", "coordinates": [[east_c], [west_c]]}, bbox
