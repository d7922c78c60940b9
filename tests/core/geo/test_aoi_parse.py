"""AOIs from text and files: every accepted form, every repair reported, every bad input refused
with a message (the caller keeps its previous AOI)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import shapely

from stacdesk.core.geo.aoi_parse import (
    MAX_REQUEST_VERTICES,
    AoiError,
    area_from_geometry,
    format_aoi,
    parse_aoi_geojson,
    parse_aoi_text,
    read_aoi_file,
)
from stacdesk.core.geo.geometry import Aoi

SQUARE = {"type": "Polygon", "coordinates": [[[10, 40], [20, 40], [20, 50], [10, 50], [10, 40]]]}


def test_bbox_point_wkt_and_geojson_text() -> None:
    assert parse_aoi_text(" 10, 40 ; 20  50 ").aoi.bbox == (10, 40, 20, 50)
    assert parse_aoi_text("[10, 40, 20, 50]").aoi.bbox == (10, 40, 20, 50)
    point = parse_aoi_text("16.6, 49.2").aoi
    assert point.kind == "point" and (point.geometry.x, point.geometry.y) == (16.6, 49.2)
    wkt = parse_aoi_text("POLYGON ((10 40, 20 40, 20 50, 10 50, 10 40))").aoi
    assert wkt.kind == "polygon" and wkt.geometry.equals(shapely.box(10, 40, 20, 50))
    geojson = parse_aoi_text(json.dumps(SQUARE)).aoi
    assert geojson.geometry.equals(shapely.box(10, 40, 20, 50))
    assert parse_aoi_text("SRID=4326;POINT (1 2)").aoi.kind == "point"


def test_feature_and_feature_collection_keep_multipolygons() -> None:
    feature = {"type": "Feature", "properties": {}, "geometry": SQUARE}
    assert parse_aoi_geojson(feature).aoi.geometry.equals(shapely.box(10, 40, 20, 50))
    other = {"type": "Polygon", "coordinates": [[[30, 0], [31, 0], [31, 1], [30, 0]]]}
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": SQUARE, "properties": {}},
            {"type": "Feature", "geometry": other, "properties": {}},
            {"type": "Feature", "geometry": None, "properties": {}},
        ],
    }
    aoi = parse_aoi_geojson(collection).aoi
    assert aoi.geometry.geom_type == "MultiPolygon" and len(aoi.geometry.geoms) == 2
    assert aoi.query_fields()["intersects"]["type"] == "MultiPolygon"


def test_points_mixed_with_polygons_are_dropped_with_a_note() -> None:
    collection = {
        "type": "GeometryCollection",
        "geometries": [SQUARE, {"type": "Point", "coordinates": [0, 0]}],
    }
    parsed = parse_aoi_geojson(collection)
    assert parsed.aoi.geometry.equals(shapely.box(10, 40, 20, 50))
    assert "1 point/line geometry ignored" in parsed.message()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Nothing to read"),
        ("hello world", "Not understood"),
        ("1, 2, 3", "got 3"),
        ("{not json", "Not valid JSON"),
        ('{"type": "Polygon", "coordinates": [[1, 2]]}', "Not a valid GeoJSON Polygon"),
        ('{"type": "Banana"}', "'Banana' is not a Geometry"),
        ('{"type": "Feature", "geometry": null}', "no geometry"),
        ('{"type": "FeatureCollection", "features": []}', "no feature with a geometry"),
        ("POLYGON ((0 0, 1 1", "Not valid WKT"),
        ("POLYGON EMPTY", "empty"),
        ("SRID=3857;POINT (1 2)", "Only lon/lat"),
        ("LINESTRING (0 0, 1 1)", "only lines"),
        ("MULTIPOINT ((0 0), (1 1))", "only points"),
        ("0, 95, 10, 10", "Latitude 95 is out of range"),
        ("0, 0, 10, -91", "Latitude -91 is out of range"),
        ("0, 0, 200, 10", "Longitude 200 is out of range"),
        ("POLYGON ((500000 5000000, 600000 5000000, 600000 5100000, 500000 5000000))", "range"),
        ("0, 10, 10, 0", "South (10) is north of north (0)"),
        ("5, 0, 5, 10", "no area"),
        ("POLYGON ((0 0, 1 1, 2 2, 0 0))", "no area"),
        ("nan, 0, 1, 1", "not a finite number"),
        ("[1, 2, true, 4]", "list of numbers"),
    ],
)
def test_bad_text_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(AoiError, match=re.escape(message)):
        parse_aoi_text(text)


def test_self_intersecting_polygon_is_repaired_and_said_so() -> None:
    parsed = parse_aoi_text("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))")
    assert parsed.aoi.geometry.is_valid
    assert parsed.aoi.geometry.area == pytest.approx(50.0)  # the two triangles of the bow tie
    assert "Self-intersection" in parsed.message() and "make_valid" in parsed.message()


def test_bbox_across_the_antimeridian_is_accepted_and_split() -> None:
    parsed = parse_aoi_text("170, -10, -170, 10")
    assert parsed.aoi.bbox == (170, -10, -170, 10)
    assert "antimeridian" in parsed.message()
    fields = parsed.aoi.query_fields()
    assert "bbox" not in fields and len(fields["intersects"]["coordinates"]) == 2


def test_polygon_written_across_the_antimeridian_is_split() -> None:
    parsed = parse_aoi_text("POLYGON ((170 10, -170 10, -170 20, 170 20, 170 10))")
    geometry = parsed.aoi.geometry
    assert geometry.geom_type == "MultiPolygon" and len(geometry.geoms) == 2
    assert geometry.bounds == (-180, 10, 180, 20)
    assert geometry.area == pytest.approx(200.0)
    assert "antimeridian" in parsed.message()


def test_large_geometry_is_simplified_and_still_contains_the_original() -> None:
    circle = shapely.Point(15, 50).buffer(2, quad_segs=1000)
    parsed = area_from_geometry(circle)
    simplified = parsed.aoi.geometry
    assert shapely.get_num_coordinates(simplified) <= MAX_REQUEST_VERTICES
    assert simplified.contains(circle)
    assert simplified.area < circle.area * 1.05
    assert "Simplified from 4,001" in parsed.message()


def test_point_refused_where_an_area_is_needed() -> None:
    with pytest.raises(AoiError, match="area is needed"):
        parse_aoi_text("POINT (1 2)", allow_point=False)
    with pytest.raises(AoiError, match="not an area"):
        parse_aoi_text("1, 2", allow_point=False)


def test_files(tmp_path: Path) -> None:
    geojson = tmp_path / "area.geojson"
    geojson.write_text(json.dumps({"type": "Feature", "geometry": SQUARE}), encoding="utf-8")
    assert read_aoi_file(geojson).aoi.geometry.equals(shapely.box(10, 40, 20, 50))
    wkt = tmp_path / "area.wkt"
    wkt.write_bytes(b"\xef\xbb\xbfMULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))\n")
    assert len(read_aoi_file(wkt).aoi.geometry.geoms) == 2

    points = tmp_path / "points.geojson"
    points.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}},
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3, 4]}},
                ],
            }
        )
    )
    with pytest.raises(AoiError, match=r"points.geojson: This holds only points \(2\)"):
        read_aoi_file(points)
    binary = tmp_path / "area.shp"
    binary.write_bytes(b"\x00\x00\x27\x0a\xff\xfe\x80")
    with pytest.raises(AoiError, match="not a text file"):
        read_aoi_file(binary)
    with pytest.raises(AoiError, match=r"Cannot read missing\.json"):
        read_aoi_file(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "Polygon", "coordinates": [[[0, 0], [1, 1]')
    with pytest.raises(AoiError, match=r"broken\.json: Not valid JSON"):
        read_aoi_file(broken)


@pytest.mark.parametrize(
    "aoi",
    [
        Aoi.from_bbox(10.5, 40.25, 20, 50),
        Aoi.from_bbox(170, -10, -170, 10),
        Aoi.from_point(16.606789, 49.195061),
        parse_aoi_text("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))").aoi,
    ],
)
@pytest.mark.parametrize("style", ["auto", "wkt", "geojson"])
def test_format_parses_back_to_the_same_area(aoi: Aoi, style: str) -> None:
    again = parse_aoi_text(format_aoi(aoi, style)).aoi
    assert again.geometry.equals(aoi.geometry)
    if style == "auto":
        assert again.kind == aoi.kind and again.bbox == aoi.bbox


def test_bbox_dragged_wider_than_the_world_is_the_world() -> None:
    assert Aoi.from_bbox(-200, -10, 200, 10).bbox == (-180, -10, 180, 10)
    assert Aoi.from_bbox(170, -10, 190, 10).bbox == (170, -10, -170, 10)
