"""Areas of interest from text and files: a bbox, a point, WKT or GeoJSON, checked and repaired.

Everything typed, pasted, dropped or imported goes through here, so every way in gives the same
clear message on bad input (and the caller keeps the previous AOI). Repairs that change the shape
(make_valid, antimeridian split, simplification for the request) are reported as notes, never done
silently.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import antimeridian
import numpy as np
import orjson
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from stacdesk.core.geo.geometry import Aoi

#: More vertices than this make a request body (or a GET URL) too large for some servers.
MAX_REQUEST_VERTICES = 500
#: Larger files are refused before reading: an AOI file is a few kilobytes to a few megabytes.
MAX_FILE_BYTES = 64 * 1024 * 1024

WORLD = shapely.box(-180.0, -90.0, 180.0, 90.0)
_WKT_START = re.compile(
    r"^\s*(SRID=\d+;\s*)?(POINT|MULTIPOINT|LINESTRING|MULTILINESTRING|POLYGON|MULTIPOLYGON|"
    r"GEOMETRYCOLLECTION)\b",
    re.IGNORECASE,
)
_NUMBER_SEPARATORS = re.compile(r"[\s,;]+")
_GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


class AoiError(ValueError):
    """A message for the user explaining why the input is not an area; the old AOI stays."""


@dataclass(frozen=True)
class ParsedAoi:
    """The area and what was done to it on the way (repairs, splits, simplification)."""

    aoi: Aoi
    notes: tuple[str, ...] = ()

    def message(self) -> str:
        return " ".join(self.notes)


def parse_aoi_text(text: str, *, allow_point: bool = True) -> ParsedAoi:
    """Parse what a user typed or pasted: "west, south, east, north", "lon, lat", WKT or GeoJSON."""
    stripped = text.strip()
    if not stripped:
        raise AoiError("Nothing to read: type a bbox (west, south, east, north), WKT or GeoJSON.")
    if stripped[0] in "{[":
        try:
            data = orjson.loads(stripped)
        except orjson.JSONDecodeError as exc:
            raise AoiError(f"Not valid JSON: {exc}") from None
        if isinstance(data, list):
            return _from_numbers(data, allow_point=allow_point)
        return parse_aoi_geojson(data, allow_point=allow_point)
    if _WKT_START.match(stripped):
        return parse_aoi_wkt(stripped, allow_point=allow_point)
    parts = [p for p in _NUMBER_SEPARATORS.split(stripped) if p]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise AoiError(
            "Not understood: expected 4 numbers (west, south, east, north), 2 numbers "
            "(lon, lat), WKT (POLYGON ((…))) or GeoJSON ({…})."
        ) from None
    return _from_numbers(numbers, allow_point=allow_point)


def _from_numbers(values: list[Any], *, allow_point: bool) -> ParsedAoi:
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        raise AoiError("A bbox is a list of numbers: west, south, east, north.")
    numbers = [float(v) for v in values]
    if len(numbers) == 4:
        return parse_bbox(*numbers)
    if len(numbers) == 2:
        if not allow_point:
            raise AoiError("A point is not an area: give 4 numbers (west, south, east, north).")
        lon, lat = numbers
        _check_lon_lat(np.array([[lon, lat]]))
        return ParsedAoi(Aoi.from_point(lon, lat))
    raise AoiError(
        f"Expected 4 numbers (west, south, east, north) or 2 (lon, lat), got {len(numbers)}."
    )


def parse_bbox(west: float, south: float, east: float, north: float) -> ParsedAoi:
    """A typed bbox: out-of-range values are refused (not clamped); west > east crosses ±180°."""
    _check_lon_lat(np.array([[west, south], [east, north]]))
    if south > north:
        raise AoiError(f"South ({south:g}) is north of north ({north:g}): swap them?")
    if south == north or west == east:
        raise AoiError("The box has no area (west = east or south = north).")
    aoi = Aoi.from_bbox(west, south, east, north)
    notes: tuple[str, ...] = ()
    if west > east:
        notes = (
            "West is greater than east: the box crosses the antimeridian (±180°) and is searched "
            "as two boxes.",
        )
    return ParsedAoi(aoi, notes)


def parse_aoi_wkt(text: str, *, allow_point: bool = True) -> ParsedAoi:
    body = text.strip()
    if body.upper().startswith("SRID="):
        srid, _, body = body.partition(";")
        if srid.strip().upper() not in ("SRID=4326", "SRID=4979"):
            raise AoiError(f"Only lon/lat (EPSG:4326) WKT is understood, not {srid.strip()}.")
    try:
        geometry = shapely.from_wkt(body)
    except shapely.errors.GEOSException as exc:
        reason = str(exc).removeprefix("ParseException: ")
        raise AoiError(f"Not valid WKT: {reason}.") from None
    return area_from_geometry(geometry, allow_point=allow_point)


def parse_aoi_geojson(data: Any, *, allow_point: bool = True) -> ParsedAoi:
    """A GeoJSON Geometry, Feature or FeatureCollection (a STAC item works too)."""
    return area_from_geometry(_geojson_geometry(data), allow_point=allow_point)


def _geojson_geometry(data: Any) -> BaseGeometry:
    if not isinstance(data, dict):
        raise AoiError('Not GeoJSON: expected an object with a "type".')
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise AoiError('Not GeoJSON: a FeatureCollection needs a "features" list.')
        geometries = [
            _geojson_geometry(f.get("geometry"))
            for f in features
            if isinstance(f, dict) and f.get("geometry") is not None
        ]
        if not geometries:
            raise AoiError("The FeatureCollection has no feature with a geometry.")
        return shapely.GeometryCollection(geometries)
    if kind == "Feature":
        if data.get("geometry") is None:
            raise AoiError("The Feature has no geometry.")
        return _geojson_geometry(data["geometry"])
    if kind not in _GEOMETRY_TYPES:
        raise AoiError(
            f"Not GeoJSON: type {kind!r} is not a Geometry, Feature or FeatureCollection."
        )
    try:
        geometry = shape(data)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError) as exc:
        raise AoiError(f"Not a valid GeoJSON {kind}: {exc or 'bad coordinates'}.") from None
    except shapely.errors.GEOSException as exc:
        raise AoiError(f"Not a valid GeoJSON {kind}: {exc}.") from None
    return geometry


def read_aoi_file(path: Path) -> ParsedAoi:
    """A GeoJSON or WKT file as an area (a point file is refused: an imported AOI is an area)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AoiError(
                f"{path.name} is {size / 2**20:.0f} MiB; an area file over "
                f"{MAX_FILE_BYTES // 2**20} MiB is not read."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise AoiError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AoiError(
            f"{path.name} is not a text file (GeoJSON or WKT); shapefiles and "
            "GeoPackages are not read."
        ) from None
    try:
        return parse_aoi_text(text, allow_point=False)
    except AoiError as exc:
        raise AoiError(f"{path.name}: {exc}") from None


def _check_lon_lat(coords: np.ndarray) -> None:
    if not len(coords):
        return
    if not np.isfinite(coords).all():
        raise AoiError("A coordinate is not a finite number.")
    lat = coords[:, 1]
    lon = coords[:, 0]
    if (np.abs(lat) > 90).any():
        bad = lat[np.abs(lat) > 90][0]
        raise AoiError(
            f"Latitude {bad:g} is out of range (−90…90). Coordinates must be lon/lat degrees "
            "(EPSG:4326), longitude first."
        )
    if (np.abs(lon) > 180).any():
        bad = lon[np.abs(lon) > 180][0]
        raise AoiError(
            f"Longitude {bad:g} is out of range (−180…180). Coordinates must be lon/lat degrees "
            "(EPSG:4326), not a projected system."
        )


def _parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    if isinstance(geometry, shapely.GeometryCollection | shapely.MultiPolygon):
        return [p for g in geometry.geoms for p in _parts(g)]
    if isinstance(geometry, shapely.MultiPoint | shapely.MultiLineString):
        return list(geometry.geoms)
    return [geometry]


def _crosses_antimeridian(polygon: shapely.Polygon) -> bool:
    x = np.asarray(polygon.exterior.coords)[:, 0]
    return len(x) > 1 and float(np.abs(np.diff(x)).max()) > 180.0


def area_from_geometry(geometry: BaseGeometry, *, allow_point: bool = True) -> ParsedAoi:
    """Check and repair a lon/lat geometry into an AOI: polygons kept (multi-polygons too), a
    single point accepted when ``allow_point``, lines and point sets refused."""
    if geometry is None or geometry.is_empty:
        raise AoiError("The geometry is empty.")
    coords = shapely.get_coordinates(geometry)
    _check_lon_lat(coords)
    parts = [p for p in _parts(geometry) if not p.is_empty]
    polygons = [p for p in parts if isinstance(p, shapely.Polygon)]
    points = [p for p in parts if isinstance(p, shapely.Point)]
    others = len(parts) - len(polygons)
    if not polygons:
        if len(points) == 1 and len(parts) == 1 and allow_point:
            return ParsedAoi(Aoi.from_point(points[0].x, points[0].y))
        what = (
            "points" if len(points) == len(parts) else "lines" if not points else "points and lines"
        )
        raise AoiError(
            f"This holds only {what} ({len(parts)}); an area is needed — a Polygon or MultiPolygon."
        )
    notes: list[str] = []
    if others:
        notes.append(f"{others} point/line geometr{'y' if others == 1 else 'ies'} ignored.")
    split = 0
    fixed: list[BaseGeometry] = []
    for polygon in polygons:
        if _crosses_antimeridian(polygon):
            split += 1
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                polygon = antimeridian.fix_polygon(polygon, great_circle=False)
        fixed.extend(_parts(polygon))
    if split:
        notes.append("Split at the antimeridian (±180°).")
    area: BaseGeometry = fixed[0] if len(fixed) == 1 else shapely.MultiPolygon(fixed)
    if area.convex_hull.area == 0:
        raise AoiError("The polygon has no area (its corners lie on a line).")
    if not area.is_valid:
        reason = shapely.is_valid_reason(area)
        repaired = _polygonal(shapely.make_valid(area))
        if repaired is None:
            raise AoiError(f"The polygon is not valid ({reason}) and cannot be repaired.")
        area = repaired
        notes.append(f"The polygon was not valid ({reason}); repaired with make_valid.")
    if area.area == 0:
        raise AoiError("The polygon has no area.")
    vertices = shapely.get_num_coordinates(area)
    if vertices > MAX_REQUEST_VERTICES:
        area = simplify_for_request(area)
        notes.append(
            f"Simplified from {vertices:,} to {shapely.get_num_coordinates(area):,} vertices "
            "for the request (slightly enlarged, so nothing inside the original is missed)."
        )
    return ParsedAoi(Aoi("polygon", area), tuple(notes))


def _polygonal(geometry: BaseGeometry) -> BaseGeometry | None:
    polygons = [p for p in _parts(geometry) if isinstance(p, shapely.Polygon) and p.area > 0]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def simplify_for_request(
    area: BaseGeometry, max_vertices: int = MAX_REQUEST_VERTICES
) -> BaseGeometry:
    """Fewer vertices, containing the original: grown by the tolerance, then simplified by it
    (Douglas-Peucker moves the outline by at most the tolerance)."""
    west, south, east, north = area.bounds
    tolerance = max(east - west, north - south) / 2000.0
    result = area
    for _ in range(30):
        grown = area.buffer(tolerance, join_style="mitre", mitre_limit=2.0)
        result = _polygonal(grown.simplify(tolerance, preserve_topology=True).intersection(WORLD))
        if result is not None and shapely.get_num_coordinates(result) <= max_vertices:
            return result
        tolerance *= 2
    return result if result is not None else area.envelope


def _number_text(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_aoi(aoi: Aoi, style: str = "auto") -> str:
    """The AOI as text that parses back to it: "auto" (bbox numbers, "lon, lat" or WKT),
    "bbox", "wkt" or "geojson"."""
    if style == "auto":
        style = "bbox" if aoi.bbox is not None else ("point" if aoi.kind == "point" else "wkt")
    if style == "bbox":
        bbox = aoi.bbox if aoi.bbox is not None else aoi.geometry.bounds
        return ", ".join(_number_text(v) for v in bbox)
    if style == "point" and aoi.kind == "point":
        return f"{_number_text(aoi.geometry.x)}, {_number_text(aoi.geometry.y)}"
    if style == "geojson":
        return shapely.to_geojson(aoi.geometry)
    return shapely.to_wkt(aoi.geometry, rounding_precision=6, trim=True)
