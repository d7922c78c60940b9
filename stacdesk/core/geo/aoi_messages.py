"""What ``aoi_parse`` tells the user about an area it refused or repaired, as phrases the window
translates (``common.message``); the command line prints their English.

Why apart: the parser stays readable, and translators find every AOI sentence in one context.
"""

from __future__ import annotations

from stacdesk.core.common.message import QT_TRANSLATE_NOOP

NOTHING = QT_TRANSLATE_NOOP(
    "AoiErrors", "Nothing to read: type a bbox (west, south, east, north), WKT or GeoJSON."
)
NOT_JSON = QT_TRANSLATE_NOOP("AoiErrors", "Not valid JSON: %1")
NOT_UNDERSTOOD = QT_TRANSLATE_NOOP(
    "AoiErrors",
    "Not understood: expected 4 numbers (west, south, east, north), 2 numbers (lon, lat), "
    "WKT (POLYGON ((…))) or GeoJSON ({…}).",
)
NOT_NUMBERS = QT_TRANSLATE_NOOP(
    "AoiErrors", "A bbox is a list of numbers: west, south, east, north."
)
POINT_NOT_AREA = QT_TRANSLATE_NOOP(
    "AoiErrors", "A point is not an area: give 4 numbers (west, south, east, north)."
)
HOW_MANY_NUMBERS = QT_TRANSLATE_NOOP(
    "AoiErrors", "Expected 4 numbers (west, south, east, north) or 2 (lon, lat), got %1."
)
SOUTH_NORTH = QT_TRANSLATE_NOOP("AoiErrors", "South (%1) is north of north (%2): swap them?")
NO_BOX_AREA = QT_TRANSLATE_NOOP("AoiErrors", "The box has no area (west = east or south = north).")
ACROSS_ANTIMERIDIAN = QT_TRANSLATE_NOOP(
    "AoiErrors",
    "West is greater than east: the box crosses the antimeridian (±180°) and is searched as "
    "two boxes.",
)
ONLY_LON_LAT_WKT = QT_TRANSLATE_NOOP(
    "AoiErrors", "Only lon/lat (EPSG:4326) WKT is understood, not %1."
)
NOT_WKT = QT_TRANSLATE_NOOP("AoiErrors", "Not valid WKT: %1.")
NO_TYPE = QT_TRANSLATE_NOOP("AoiErrors", 'Not GeoJSON: expected an object with a "type".')
NO_FEATURES = QT_TRANSLATE_NOOP(
    "AoiErrors", 'Not GeoJSON: a FeatureCollection needs a "features" list.'
)
NO_GEOMETRIES = QT_TRANSLATE_NOOP(
    "AoiErrors", "The FeatureCollection has no feature with a geometry."
)
FEATURE_WITHOUT_GEOMETRY = QT_TRANSLATE_NOOP("AoiErrors", "The Feature has no geometry.")
UNKNOWN_TYPE = QT_TRANSLATE_NOOP(
    "AoiErrors", "Not GeoJSON: type %1 is not a Geometry, Feature or FeatureCollection."
)
INVALID_GEOJSON = QT_TRANSLATE_NOOP("AoiErrors", "Not a valid GeoJSON %1: %2.")
BAD_COORDINATES = QT_TRANSLATE_NOOP("AoiErrors", "bad coordinates")
FILE_TOO_BIG = QT_TRANSLATE_NOOP("AoiErrors", "%1 is %2 MiB; an area file over %3 MiB is not read.")
CANNOT_READ = QT_TRANSLATE_NOOP("AoiErrors", "Cannot read %1: %2.")
NOT_TEXT = QT_TRANSLATE_NOOP(
    "AoiErrors",
    "%1 is not a text file (GeoJSON or WKT); shapefiles and GeoPackages are not read.",
)
IN_FILE = QT_TRANSLATE_NOOP("AoiErrors", "%1: %2")
NOT_FINITE = QT_TRANSLATE_NOOP("AoiErrors", "A coordinate is not a finite number.")
LATITUDE_RANGE = QT_TRANSLATE_NOOP(
    "AoiErrors",
    "Latitude %1 is out of range (−90…90). Coordinates must be lon/lat degrees (EPSG:4326), "
    "longitude first.",
)
LONGITUDE_RANGE = QT_TRANSLATE_NOOP(
    "AoiErrors",
    "Longitude %1 is out of range (−180…180). Coordinates must be lon/lat degrees "
    "(EPSG:4326), not a projected system.",
)
EMPTY = QT_TRANSLATE_NOOP("AoiErrors", "The geometry is empty.")
ONLY_POINTS = QT_TRANSLATE_NOOP(
    "AoiErrors", "This holds only points (%1); an area is needed — a Polygon or MultiPolygon."
)
ONLY_LINES = QT_TRANSLATE_NOOP(
    "AoiErrors", "This holds only lines (%1); an area is needed — a Polygon or MultiPolygon."
)
ONLY_POINTS_AND_LINES = QT_TRANSLATE_NOOP(
    "AoiErrors",
    "This holds only points and lines (%1); an area is needed — a Polygon or MultiPolygon.",
)
IGNORED = QT_TRANSLATE_NOOP(
    "AoiErrors", "%Ln point/line geometries ignored.", "%Ln point/line geometry ignored.", 1
)
SPLIT = QT_TRANSLATE_NOOP("AoiErrors", "Split at the antimeridian (±180°).")
ON_A_LINE = QT_TRANSLATE_NOOP("AoiErrors", "The polygon has no area (its corners lie on a line).")
NOT_REPAIRABLE = QT_TRANSLATE_NOOP(
    "AoiErrors", "The polygon is not valid (%1) and cannot be repaired."
)
REPAIRED = QT_TRANSLATE_NOOP(
    "AoiErrors", "The polygon was not valid (%1); repaired with make_valid."
)
NO_AREA = QT_TRANSLATE_NOOP("AoiErrors", "The polygon has no area.")
SIMPLIFIED = QT_TRANSLATE_NOOP(
    "AoiErrors",
    "Simplified from %1 to %2 vertices for the request (slightly enlarged, so nothing inside "
    "the original is missed).",
)

# Said by ``Aoi`` itself when a box or point dragged on the map cannot be one
BOX_WITHOUT_AREA = QT_TRANSLATE_NOOP("AoiErrors", "the box has no area")
LATITUDE_BOUNDS = QT_TRANSLATE_NOOP("AoiErrors", "latitude must be between -90 and 90")
