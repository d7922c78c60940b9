#!/usr/bin/env python3
"""A few small real cloud-optimised GeoTIFFs for the offline sample, so "Preview data" can be
tried without a network.

Why: the sample's data assets point at ``example.invalid``; a preview needs real tiled files
with overviews, in the projections real catalogs use. Each file here is a COG written with GDAL's
COG driver (256 px tiles, overviews, deflate) in its own CRS:

- ``s2-czechia``: UTM 33N (EPSG:32633), four uint16 reflectance bands (blue, green, red, nir),
  for true and false colour;
- ``visual-alps``: EPSG:4326, an 8-bit RGB rendered ("visual") asset;
- ``dem-alps``: EPSG:4326, one float32 band with nodata, for a colour map;
- ``seaice-arctic``: NSIDC polar stereographic north (EPSG:3413), one uint8 band;
- ``sar-fiji``: UTM 60S (EPSG:32760), linear VV backscatter (float32, nodata 0) across the
  antimeridian: its bbox has west > east and its footprint is split at 180°.

The pixels are smooth seeded noise, not imagery. Deterministic for a seed. Not wired into
``make_sample_catalog.py`` yet: it will take ``sample_cogs(seed)`` and attach each file's
``asset`` and ``bbox`` / ``geometry`` to an item.

Usage: ``uv run python resources/tools/sample_cogs.py OUT_DIR [--seed 7]``
Dependencies: numpy, rasterio.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

Json = dict[str, Any]
COG_TYPE = "image/tiff; application=geotiff; profile=cloud-optimized"
SIDE = 512  # pixels per side: a few hundred kB to ~1.5 MB per file


@dataclass
class SampleCog:
    """One file: its bytes and what an item needs to point at it."""

    name: str
    data: bytes
    crs: str
    bbox: list[float]  # west, south, east, north; west > east across the antimeridian
    geometry: Json
    asset: Json = field(default_factory=dict)  # without "href": the generator adds it

    @property
    def file_name(self) -> str:
        return f"{self.name}.tif"


def smooth_noise(rng: np.random.Generator, size: int, beta: float = 3.0) -> np.ndarray:
    """Fractal noise in 0..1 (power spectrum 1/f^beta): terrain-like, and it compresses."""
    fx = np.fft.fftfreq(size)[:, None]
    fy = np.fft.rfftfreq(size)[None, :]
    power = np.hypot(fx, fy)
    power[0, 0] = 1.0
    spectrum = rng.normal(size=power.shape) + 1j * rng.normal(size=power.shape)
    field_ = np.fft.irfft2(spectrum / power ** (beta / 2), s=(size, size))
    low, high = field_.min(), field_.max()
    return (field_ - low) / (high - low)


def _cog(array: np.ndarray, crs: str, transform: Any, nodata: float | None = None) -> bytes:
    import rasterio
    from rasterio.io import MemoryFile
    from rasterio.shutil import copy as gdal_copy

    count, height, width = array.shape
    profile = {
        "driver": "GTiff",
        "count": count,
        "height": height,
        "width": width,
        "dtype": str(array.dtype),
        "crs": crs,
        "transform": transform,
        "nodata": nodata,
    }
    predictor = 3 if array.dtype.kind == "f" else 2
    with MemoryFile() as plain, MemoryFile() as out:
        with plain.open(**profile) as dst:
            dst.write(array)
        with rasterio.Env(GDAL_TIFF_OVR_BLOCKSIZE="256"):
            gdal_copy(
                plain.name,
                out.name,
                driver="COG",
                blocksize=256,
                compress="DEFLATE",
                predictor=predictor,
                overview_resampling="average",
            )
        return bytes(out.read())


def _footprint(crs: str, transform: Any, size: int) -> tuple[list[float], Json]:
    """Lon/lat bbox and polygon of the grid's edge; split at 180° when it crosses it."""
    from rasterio.warp import transform as reproject_points

    steps = np.linspace(0, size, 9)
    edge = (
        [(c, 0.0) for c in steps]
        + [(size, r) for r in steps[1:]]
        + [(c, size) for c in steps[::-1][1:]]
        + [(0.0, r) for r in steps[::-1][1:]]
    )
    xs, ys = zip(*(transform * point for point in edge), strict=True)
    lons, lats = reproject_points(crs, "EPSG:4326", list(xs), list(ys))
    lons = [round(v, 6) for v in lons]
    lats = [round(v, 6) for v in lats]
    south, north = min(lats), max(lats)
    if max(lons) - min(lons) < 180:
        ring = [[x, y] for x, y in zip(lons, lats, strict=True)]
        geometry = {"type": "Polygon", "coordinates": [ring]}
        return [min(lons), south, max(lons), north], geometry
    east_part = [v for v in lons if v < 0]  # across 180°: negative longitudes are east of it
    west_part = [v for v in lons if v > 0]
    west, east = min(west_part), max(east_part)
    halves = [
        [[west, south], [180.0, south], [180.0, north], [west, north], [west, south]],
        [[-180.0, south], [east, south], [east, north], [-180.0, north], [-180.0, south]],
    ]
    return [west, south, east, north], {
        "type": "MultiPolygon",
        "coordinates": [[h] for h in halves],
    }


def _bands(*names: str) -> list[Json]:
    return [{"name": name, "common_name": name} for name in names]


def sample_cogs(seed: int = 7) -> list[SampleCog]:
    """The sample's COGs (about 4 MB together)."""
    from affine import Affine

    rng = np.random.default_rng(seed)
    out: list[SampleCog] = []

    def add(name: str, array: np.ndarray, crs: str, transform: Any, asset: Json, **kw: Any) -> None:
        bbox, geometry = _footprint(crs, transform, array.shape[-1])
        data = _cog(array, crs, transform, kw.get("nodata"))
        asset = {"type": COG_TYPE, "file:size": len(data), **asset}
        asset["file:checksum"] = "1220" + hashlib.sha256(data).hexdigest()
        out.append(SampleCog(name, data, crs, bbox, geometry, asset))

    land = smooth_noise(rng, SIDE)
    reflectance = np.stack(
        [800 + 900 * land, 900 + 1200 * land, 700 + 1800 * land, 2500 + 2500 * (1 - land)]
    ).astype("uint16")
    add("s2-czechia", reflectance, "EPSG:32633", Affine(60, 0, 420000, 0, -60, 5560000),
        {"roles": ["data"], "eo:bands": _bands("blue", "green", "red", "nir"),
         "title": "Surface reflectance, 4 bands"})  # fmt: skip

    relief = smooth_noise(rng, SIDE, beta=3.5)
    visual = np.stack([60 + 120 * relief, 90 + 110 * relief, 50 + 90 * relief]).astype("uint8")
    alps = Affine(0.004, 0, 9.0, 0, -0.004, 47.5)
    add("visual-alps", visual, "EPSG:4326", alps, {"roles": ["visual"], "title": "True colour"})

    height = (200 + 3500 * relief).astype("float32")[None]
    height[0, :40, :60] = -9999  # a corner without data
    add("dem-alps", height, "EPSG:4326", alps,
        {"roles": ["data"], "title": "Elevation (m)", "bands": [{"name": "elevation"}]},
        nodata=-9999)  # fmt: skip

    ice = (255 * smooth_noise(rng, SIDE, beta=2.5)).astype("uint8")[None]
    add("seaice-arctic", ice, "EPSG:3413", Affine(2000, 0, -2300000, 0, -2000, 1200000),
        {"roles": ["data"], "title": "Sea-ice concentration"})  # fmt: skip

    backscatter = (10 ** ((-22 + 18 * smooth_noise(rng, SIDE)) / 10)).astype("float32")[None]
    backscatter[0, :, :16] = 0  # the swath's no-data edge
    add("sar-fiji", backscatter, "EPSG:32760", Affine(100, 0, 780000, 0, -100, 8160000),
        {"roles": ["data"], "title": "VV backscatter (linear)", "sar:polarizations": ["VV"]},
        nodata=0)  # fmt: skip
    return out


def write(folder: Path, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for cog in sample_cogs(seed):
        path = folder / cog.file_name
        path.write_bytes(cog.data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for path in write(args.out, args.seed):
        print(f"{path}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
