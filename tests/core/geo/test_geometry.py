import numpy as np
import pytest
import shapely

from stacdesk.core.geo.geometry import Aoi, footprint_rings


def test_unsplit_antimeridian_polygon_is_split() -> None:
    geometry = {
        "type": "Polygon",
        "coordinates": [[[170, 10], [-170, 10], [-170, 20], [170, 20], [170, 10]]],
    }
    rings = footprint_rings(geometry)
    assert len(rings) == 2
    for ring in rings:
        assert np.abs(np.diff(ring[:, 0])).max() <= 180


def test_multipolygon_rings_and_bad_geometries() -> None:
    multi = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 0]]],
            [[[5, 5], [6, 5], [6, 6], [5, 5]]],
        ],
    }
    assert len(footprint_rings(multi)) == 2
    assert footprint_rings(None) == []
    assert footprint_rings({"type": "Polygon", "coordinates": "nonsense"}) == []
    assert footprint_rings({"type": "Point", "coordinates": [1, 2]}) == []


def test_bbox_across_antimeridian_becomes_two_boxes() -> None:
    aoi = Aoi.from_bbox(170, -10, -170, 10)
    assert aoi.bbox == (170, -10, -170, 10)
    assert aoi.geometry.geom_type == "MultiPolygon"
    intersects = aoi.query_fields()["intersects"]
    assert intersects["type"] == "MultiPolygon" and len(intersects["coordinates"]) == 2


def test_bbox_latitudes_are_clamped_and_empty_boxes_refused() -> None:
    assert Aoi.from_bbox(0, -120, 10, 95).bbox == (0, -90, 10, 90)
    with pytest.raises(ValueError):
        Aoi.from_bbox(5, 5, 5, 6)


def test_point_is_sent_as_intersects() -> None:
    aoi = Aoi.from_point(16.6068, 49.1951)
    assert aoi.query_fields() == {
        "intersects": {"type": "Point", "coordinates": (16.6068, 49.1951)}
    }
    with pytest.raises(ValueError):
        Aoi.from_point(0, 91)


def test_polygon_is_described_by_its_corners_not_its_closing_vertex() -> None:
    square = shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    assert Aoi("polygon", square).describe() == "Polygon with 4 vertices"
    two = shapely.MultiPolygon([square, shapely.Polygon([(5, 5), (6, 5), (6, 6)])])
    assert Aoi("polygon", two).describe() == "MultiPolygon with 7 vertices"
