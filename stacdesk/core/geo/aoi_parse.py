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

from stacdesk.core.common.message import Message, said_by
from stacdesk.core.geo import aoi_messages as say
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
    """A message for the user explaining why the input is not an area; the old AOI stays.
    Raised with a ``Message`` (``aoi_messages``): the window shows it in its language."""


@dataclass(frozen=True)
class ParsedAoi:
    """The area and what was done to it on the way (repairs, splits, simplification)."""

    aoi: Aoi
    notes: tuple[Message, ...] = ()

    def message(self) -> str:
        return " ".join(self.notes)


def parse_aoi_text(text: str, *, allow_point: bool = True) -> ParsedAoi:
    """Parse what a user typed or pasted: "west, south, east, north", "lon, lat", WKT or GeoJSON."""
    stripped = text.strip()
    if not stripped:
        raise AoiError(say.NOTHING())
    if stripped[0] in "{[":
        try:
            data = orjson.loads(stripped)
        except orjson.JSONDecodeError as exc:
            raise AoiError(say.NOT_JSON(str(exc))) from None
        if isinstance(data, list):
            return _from_numbers(data, allow_point=allow_point)
        return parse_aoi_geojson(data, allow_point=allow_point)
    if _WKT_START.match(stripped):
        return parse_aoi_wkt(stripped, allow_point=allow_point)
    parts = [p for p in _NUMBER_SEPARATORS.split(stripped) if p]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise AoiError(say.NOT_UNDERSTOOD()) from None
    return _from_numbers(numbers, allow_point=allow_point)


def _from_numbers(values: list[Any], *, allow_point: bool) -> ParsedAoi:
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        raise AoiError(say.NOT_NUMBERS())
    numbers = [float(v) for v in values]
    if len(numbers) == 4:
        return parse_bbox(*numbers)
    if len(numbers) == 2:
        if not allow_point:
            raise AoiError(say.POINT_NOT_AREA())
        lon, lat = numbers
        _check_lon_lat(np.array([[lon, lat]]))
        return ParsedAoi(Aoi.from_point(lon, lat))
    raise AoiError(say.HOW_MANY_NUMBERS(len(numbers)))


def parse_bbox(west: float, south: float, east: float, north: float) -> ParsedAoi:
    """A typed bbox: out-of-range values are refused (not clamped); west > east crosses ±180°."""
    _check_lon_lat(np.array([[west, south], [east, north]]))
    if south > north:
        raise AoiError(say.SOUTH_NORTH(f"{south:g}", f"{north:g}"))
    if south == north or west == east:
        raise AoiError(say.NO_BOX_AREA())
    aoi = Aoi.from_bbox(west, south, east, north)
    notes: tuple[Message, ...] = ()
    if west > east:
        notes = (say.ACROSS_ANTIMERIDIAN(),)
    return ParsedAoi(aoi, notes)


def parse_aoi_wkt(text: str, *, allow_point: bool = True) -> ParsedAoi:
    body = text.strip()
    if body.upper().startswith("SRID="):
        srid, _, body = body.partition(";")
        if srid.strip().upper() not in ("SRID=4326", "SRID=4979"):
            raise AoiError(say.ONLY_LON_LAT_WKT(srid.strip()))
    try:
        geometry = shapely.from_wkt(body)
    except shapely.errors.GEOSException as exc:
        reason = str(exc).removeprefix("ParseException: ")
        raise AoiError(say.NOT_WKT(reason)) from None
    return area_from_geometry(geometry, allow_point=allow_point)


def parse_aoi_geojson(data: Any, *, allow_point: bool = True) -> ParsedAoi:
    """A GeoJSON Geometry, Feature or FeatureCollection (a STAC item works too)."""
    return area_from_geometry(_geojson_geometry(data), allow_point=allow_point)


def _geojson_geometry(data: Any) -> BaseGeometry:
    if not isinstance(data, dict):
        raise AoiError(say.NO_TYPE())
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise AoiError(say.NO_FEATURES())
        geometries = [
            _geojson_geometry(f.get("geometry"))
            for f in features
            if isinstance(f, dict) and f.get("geometry") is not None
        ]
        if not geometries:
            raise AoiError(say.NO_GEOMETRIES())
        return shapely.GeometryCollection(geometries)
    if kind == "Feature":
        if data.get("geometry") is None:
            raise AoiError(say.FEATURE_WITHOUT_GEOMETRY())
        return _geojson_geometry(data["geometry"])
    if kind not in _GEOMETRY_TYPES:
        raise AoiError(say.UNKNOWN_TYPE(repr(kind)))
    try:
        geometry = shape(data)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError) as exc:
        raise AoiError(say.INVALID_GEOJSON(kind, str(exc) or say.BAD_COORDINATES())) from None
    except shapely.errors.GEOSException as exc:
        raise AoiError(say.INVALID_GEOJSON(kind, str(exc))) from None
    return geometry


def read_aoi_file(path: Path) -> ParsedAoi:
    """A GeoJSON or WKT file as an area (a point file is refused: an imported AOI is an area)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            mib, most = round(size / 2**20), MAX_FILE_BYTES // 2**20
            raise AoiError(say.FILE_TOO_BIG(path.name, mib, most))
        raw = path.read_bytes()
    except OSError as exc:
        raise AoiError(say.CANNOT_READ(path.name, str(exc.strerror or exc))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AoiError(say.NOT_TEXT(path.name)) from None
    try:
        return parse_aoi_text(text, allow_point=False)
    except AoiError as exc:
        raise AoiError(say.IN_FILE(path.name, said_by(exc))) from None


def _check_lon_lat(coords: np.ndarray) -> None:
    if not len(coords):
        return
    if not np.isfinite(coords).all():
        raise AoiError(say.NOT_FINITE())
    lat = coords[:, 1]
    lon = coords[:, 0]
    if (np.abs(lat) > 90).any():
        bad = lat[np.abs(lat) > 90][0]
        raise AoiError(say.LATITUDE_RANGE(f"{bad:g}"))
    if (np.abs(lon) > 180).any():
        bad = lon[np.abs(lon) > 180][0]
        raise AoiError(say.LONGITUDE_RANGE(f"{bad:g}"))


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
        raise AoiError(say.EMPTY())
    coords = shapely.get_coordinates(geometry)
    _check_lon_lat(coords)
    parts = [p for p in _parts(geometry) if not p.is_empty]
    polygons = [p for p in parts if isinstance(p, shapely.Polygon)]
    points = [p for p in parts if isinstance(p, shapely.Point)]
    others = len(parts) - len(polygons)
    if not polygons:
        if len(points) == 1 and len(parts) == 1 and allow_point:
            return ParsedAoi(Aoi.from_point(points[0].x, points[0].y))
        only = (
            say.ONLY_POINTS
            if len(points) == len(parts)
            else say.ONLY_LINES
            if not points
            else say.ONLY_POINTS_AND_LINES
        )
        raise AoiError(only(len(parts)))
    notes: list[Message] = []
    if others:
        notes.append(say.IGNORED(n=others))
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
        notes.append(say.SPLIT())
    area: BaseGeometry = fixed[0] if len(fixed) == 1 else shapely.MultiPolygon(fixed)
    if area.convex_hull.area == 0:
        raise AoiError(say.ON_A_LINE())
    if not area.is_valid:
        reason = shapely.is_valid_reason(area)
        repaired = _polygonal(shapely.make_valid(area))
        if repaired is None:
            raise AoiError(say.NOT_REPAIRABLE(reason))
        area = repaired
        notes.append(say.REPAIRED(reason))
    if area.area == 0:
        raise AoiError(say.NO_AREA())
    vertices = shapely.get_num_coordinates(area)
    if vertices > MAX_REQUEST_VERTICES:
        area = simplify_for_request(area)
        notes.append(say.SIMPLIFIED(int(vertices), int(shapely.get_num_coordinates(area))))
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
