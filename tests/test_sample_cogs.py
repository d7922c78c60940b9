"""The bundled offline sample previews with no network: a few of its items have assets that are
real cloud-optimised files of the catalog (tiled, with overviews, in UTM, EPSG:4326 and polar
stereographic, one scene across the antimeridian), and the preview reads the files' own values.

Reads resources/sample-catalog/ as the app does (relative hrefs against the catalog's folder)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from shapely.geometry import shape

from stacdesk.core.previews.access import Access
from stacdesk.core.previews.bands import choose, recipes
from stacdesk.core.previews.reader import Reader

CATALOG = Path(__file__).resolve().parents[1] / "resources" / "sample-catalog"
COG = "profile=cloud-optimized"

Json = dict[str, Any]


@pytest.fixture(scope="module")
def hosts() -> list[Json]:
    """The sample's items with an asset that is a file of the catalog and a COG."""
    with gzip.open(CATALOG / "items.ndjson.gz", "rt", encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines]
    return [
        item
        for item in items
        if any(a["href"].startswith("data/") and COG in a["type"] for a in item["assets"].values())
    ]


def _cogs(item: Json) -> dict[str, Json]:
    return {
        k: a
        for k, a in item["assets"].items()
        if a["href"].startswith("data/") and COG in a["type"]
    }


def test_the_preview_files_are_cogs_of_their_items(hosts: list[Json]) -> None:
    import rasterio

    assert {item["collection"] for item in hosts} >= {
        "sentinel-1-grd",
        "sentinel-2-l2a",
        "era5-pds",
    }
    crss = set()
    for item in hosts:
        for key, asset in _cogs(item).items():
            path = CATALOG / asset["href"]
            data = path.read_bytes()
            assert asset["file:size"] == len(data) and len(data) < 1_500_000, key
            assert asset["file:checksum"] == "1220" + hashlib.sha256(data).hexdigest(), key
            with rasterio.open(path) as src:
                assert src.overviews(1) and src.block_shapes[0] == (256, 256), key
                crss.add(src.crs.to_string())
                assert [src.height, src.width] == asset["proj:shape"]
                assert list(src.transform)[:6] == asset["proj:transform"]
                assert (
                    asset.get("proj:code", f"EPSG:{asset.get('proj:epsg')}") == src.crs.to_string()
                )
    assert crss >= {"EPSG:32633", "EPSG:32760", "EPSG:4326", "EPSG:3413"}
    across = [item for item in hosts if item["bbox"][0] > item["bbox"][2]]
    assert [item["collection"] for item in across] == ["sentinel-1-grd"]


def test_every_host_previews_its_files_values(hosts: list[Json]) -> None:
    import rasterio
    from rasterio.warp import transform as reproject_points

    reader = Reader(Access(local_root=CATALOG))
    for item in hosts:
        recipe = choose(item, folder=CATALOG)
        assert recipe is not None, item["id"]
        local = [c for c in recipe.channels if Path(c.href).is_file()]
        assert local == list(recipe.channels), (item["id"], recipe.label)  # best one is real
        path = Path(recipe.channels[0].href)
        with rasterio.open(path) as src:  # a pixel inside the file, away from its no-data edge
            row, column = src.height // 2, src.width // 2 + 37
            x, y = src.xy(row, column)
            (lon,), (lat,) = reproject_points(src.crs, "EPSG:4326", [x], [y])
            expected = src.read(recipe.channels[0].band)[row, column]
        view = (lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)
        preview = reader.read_view(recipe, view, 300, 300)
        assert preview.rgba[..., 3].max() == 255, item["id"]
        point = preview.value_at(lon, lat)
        assert point is not None, item["id"]
        value = 10 * np.log10(expected) if recipe.decibels else float(expected)
        assert point.values[0] == pytest.approx(value, rel=1e-5), (item["id"], recipe.label)
    s2 = next(item for item in hosts if item["collection"] == "sentinel-2-l2a")
    labels = [r.label for r in recipes(s2, CATALOG)]
    assert labels[0].startswith("true colour (visual)")
    assert any(label.startswith("false colour") for label in labels)


def test_the_scene_across_the_antimeridian_draws_on_both_sides(hosts: list[Json]) -> None:
    item = next(item for item in hosts if item["bbox"][0] > item["bbox"][2])
    recipe = choose(item, folder=CATALOG)
    assert recipe is not None and recipe.decibels
    assert shape(item["geometry"]).geom_type == "MultiPolygon"
    _, south, _, north = item["bbox"]
    reader = Reader(Access(local_root=CATALOG))
    for view in ((179.7, south, 180.0, north), (-180.0, south, -179.95, north)):
        preview = reader.read_view(recipe, view, 300, 300)
        assert preview.rgba[..., 3].max() == 255, view


def _lonlat_area(path: Path) -> Any:
    """The file's grid edge in lon/lat (a shapely polygon)."""
    import rasterio
    from rasterio.warp import transform_geom
    from shapely.geometry import box, mapping

    with rasterio.open(path) as src:
        return shape(transform_geom(src.crs, "EPSG:4326", mapping(box(*src.bounds))))


def test_the_czech_scenes_make_one_mosaic(hosts: list[Json]) -> None:
    """Four Sentinel-2 scenes of different dates, each overlapping a neighbour, so a mosaic can
    be tried offline: each point shows the first listed scene that has it, with its values."""
    import rasterio
    from rasterio.warp import transform as reproject_points
    from shapely.ops import unary_union

    from stacdesk.core.previews.mosaic import read_mosaic

    scenes = [i for i in hosts if i["collection"] == "sentinel-2-l2a" and "visual" in _cogs(i)]
    assert len(scenes) >= 4
    assert len({item["properties"]["datetime"][:10] for item in scenes}) == len(scenes)
    files = [CATALOG / item["assets"]["visual"]["href"] for item in scenes]
    areas = [_lonlat_area(path) for path in files]
    assert unary_union(areas).geom_type == "Polygon"  # one piece: no scene stands alone
    reader = Reader(Access(local_root=CATALOG))
    stack = []
    for item in scenes:
        recipe = choose(item, folder=CATALOG)
        assert recipe is not None and recipe.visual, item["id"]
        stack.append((item["id"], recipe, reader))
    mosaic = read_mosaic(stack, unary_union(areas).bounds, 600, 400)
    preview, problems = mosaic.preview, mosaic.problems
    assert problems == [] and preview.label == f"{len(scenes)} items"
    for area in areas:  # at each scene's centre, full resolution: the topmost scene's pixel
        lon, lat = area.centroid.x, area.centroid.y
        top = next(i for i, other in enumerate(areas) if other.contains(area.centroid))
        with rasterio.open(files[top]) as src:  # the centre of the pixel there
            (x,), (y,) = reproject_points("EPSG:4326", src.crs, [lon], [lat])
            row, column = src.index(x, y)
            expected = src.read(1)[row, column]
            (lon,), (lat,) = reproject_points(
                src.crs, "EPSG:4326", *map(list, zip(src.xy(row, column)))
            )
        view = (lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)
        near = read_mosaic(stack, view, 300, 300).preview
        point = near.value_at(lon, lat)
        assert point is not None and point.values[0] == float(expected), scenes[top]["id"]
