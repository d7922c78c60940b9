"""Small real data files for a few items of the sample catalog, so a download works offline.

Why: every other data asset of the sample points at ``example.invalid`` and can't be fetched;
without a real file the download manager can't be tried on the sample at all. A few Czech scenes
(the latest Sentinel-2 L2A and the latest Landsat scene whose centre lies in Czechia) get tiny
stand-ins of some of their bands: 64 x 64 pixel GeoTIFFs (uint16 reflectance, uint8 scene
classes) with the scene's projection and extent, written under ``data/`` beside the items, with
their real ``file:size`` and ``file:checksum``. The pixels are noise from a seeded generator, not
imagery. Deterministic for a seed; used by ``catalog_writer.py``.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

import numpy as np
from PIL import Image, TiffImagePlugin, TiffTags

Json = dict[str, Any]

SIDE = 64  # pixels per side: a few KiB per file
CZECHIA = (12.1, 48.6, 18.85, 51.05)  # west, south, east, north (lon/lat)
PICKS = {  # collection -> asset keys given a real file
    "sentinel-2-l2a": ("B04", "B08", "SCL"),
    "landsat-c2-l2": ("red", "nir08"),
}
GEOTIFF = "image/tiff; application=geotiff"
# GeoTIFF tags: ModelPixelScale, ModelTiepoint, GeoKeyDirectory
PIXEL_SCALE, TIEPOINT, GEOKEYS = 33550, 33922, 34735


def multihash(data: bytes) -> str:
    """SHA2-256 multihash in hex, as ``file:checksum`` wants it."""
    return "1220" + hashlib.sha256(data).hexdigest()


def _centre_in_czechia(item: Json) -> bool:
    west, south, east, north = item["bbox"][:4]
    lon, lat = (west + east) / 2, (south + north) / 2
    return CZECHIA[0] <= lon <= CZECHIA[2] and CZECHIA[1] <= lat <= CZECHIA[3]


def _epsg(props: Json) -> int | None:
    code = props.get("proj:code")
    if isinstance(code, str) and code.startswith("EPSG:"):
        return int(code[5:])
    epsg = props.get("proj:epsg")
    return epsg if isinstance(epsg, int) else None


def _grid(item: Json, asset: Json) -> tuple[list[float], list[int]] | None:
    """The asset's (or else the item's) affine transform and shape."""
    for source in (asset, item["properties"]):
        transform, shape = source.get("proj:transform"), source.get("proj:shape")
        if isinstance(transform, list) and isinstance(shape, list):
            return transform, shape
    return None


def _pixels(seed: int, item_id: str, key: str, dtype: str) -> np.ndarray:
    digest = hashlib.sha256(f"{seed}/{item_id}/{key}".encode()).digest()
    rng = np.random.default_rng(int.from_bytes(digest[:8], "big"))
    if dtype == "uint8":  # scene classes 4..10 (vegetation … clouds)
        return rng.integers(4, 11, size=(SIDE, SIDE), dtype=np.uint8)
    smooth = rng.normal(0.0, 1.0, size=(SIDE // 8, SIDE // 8)).repeat(8, 0).repeat(8, 1)
    values = 1500 + 600 * smooth + rng.normal(0.0, 80.0, size=(SIDE, SIDE))
    return np.clip(values, 1, 10000).astype(np.uint16)


def geotiff(pixels: np.ndarray, transform: list[float] | None, epsg: int | None) -> bytes:
    """A single-band GeoTIFF (uncompressed, strips) with a north-up grid and a projected CRS."""
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    if transform is not None and epsg is not None:
        tags[PIXEL_SCALE] = (float(transform[0]), float(-transform[4]), 0.0)
        tags.tagtype[PIXEL_SCALE] = TiffTags.DOUBLE
        tags[TIEPOINT] = (0.0, 0.0, 0.0, float(transform[2]), float(transform[5]), 0.0)
        tags.tagtype[TIEPOINT] = TiffTags.DOUBLE
        # version 1.1.0, 3 keys: projected model, pixel-is-area, the EPSG code
        tags[GEOKEYS] = (1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, epsg)
        tags.tagtype[GEOKEYS] = TiffTags.SHORT
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="TIFF", tiffinfo=tags)
    return buffer.getvalue()


def _stand_in(seed: int, item: Json, key: str) -> tuple[str, bytes]:
    """Give ``item``'s asset ``key`` a real small file; returns (path under data/, bytes)."""
    asset = item["assets"][key]
    bands = asset.get("raster:bands") or [{}]
    dtype = "uint8" if key == "SCL" else str(bands[0].get("data_type") or "uint16")
    grid = _grid(item, asset)
    transform = None
    if grid is not None:
        (scale_x, _, west, _, scale_y, north), (rows, cols) = grid[0][:6], grid[1][:2]
        transform = [scale_x * cols / SIDE, 0.0, west, 0.0, scale_y * rows / SIDE, north]
    data = geotiff(_pixels(seed, item["id"], key, dtype), transform, _epsg(item["properties"]))
    path = f"data/{item['collection']}/{item['id']}/{key}.tif"
    asset.update(
        {
            "href": path,
            "type": GEOTIFF,
            "description": f"A {SIDE} x {SIDE} pixel stand-in with this scene's grid (noise).",
            "file:size": len(data),
            "file:checksum": multihash(data),
        }
    )
    if transform is not None:
        asset["proj:shape"] = [SIDE, SIDE]
        asset["proj:transform"] = transform
    return path, data


def attach_data_files(by_collection: dict[str, list[Json]], seed: int) -> dict[str, bytes]:
    """Pick the items (latest over Czechia per collection in ``PICKS``), point some of their
    assets at real files and return those files by their path relative to the catalog."""
    files: dict[str, bytes] = {}
    for collection, keys in PICKS.items():
        candidates = [it for it in by_collection.get(collection, []) if _centre_in_czechia(it)]
        if not candidates:
            continue
        item = max(candidates, key=lambda it: (it["properties"]["datetime"], it["id"]))
        for key in keys:
            if key in item["assets"]:
                path, data = _stand_in(seed, item, key)
                files[path] = data
    return files


def items_with_files(by_collection: dict[str, list[Json]]) -> list[tuple[str, list[str]]]:
    """(item id, asset keys) of the items some of whose assets are local files (for the README)."""
    out = []
    for items in by_collection.values():
        for item in items:
            keys = [k for k, a in item["assets"].items() if a["href"].startswith("data/")]
            if keys:
                out.append((item["id"], keys))
    return out
