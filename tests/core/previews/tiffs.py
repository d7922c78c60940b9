"""Real GeoTIFFs for the preview tests, made with rasterio: cloud-optimised ones (tiled, with
overviews, GDAL's COG driver) in several CRSs, a striped one without overviews, one without a
CRS. Pixel values are known arrays, so a value read at a lon/lat is checked against the source.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import rasterio
from affine import Affine
from rasterio.io import MemoryFile
from rasterio.shutil import copy as gdal_copy


@dataclass
class Tiff:
    """The file's bytes and what was written into it."""

    data: bytes
    array: np.ndarray  # bands × rows × columns
    crs: str | None
    transform: Affine

    def lonlat_of(self, row: int, column: int) -> tuple[float, float]:
        """The lon/lat of a pixel's centre."""
        from rasterio.warp import transform

        x, y = self.transform @ (column + 0.5, row + 0.5)
        lons, lats = transform(self.crs, "EPSG:4326", [x], [y])
        return lons[0], lats[0]


def pattern(bands: int, size: int, seed: int = 1, dtype: str = "uint16") -> np.ndarray:
    """Random values (incompressible, so byte counts mean something), 1..60000."""
    rng = np.random.default_rng(seed)
    return rng.integers(1, 60000, size=(bands, size, size)).astype(dtype)


def make_tiff(
    array: np.ndarray,
    crs: str | None,
    transform: Affine,
    cog: bool = True,
    nodata: float | None = None,
) -> Tiff:
    """A COG (256 px tiles, overviews 2–16, deflate) or a striped GeoTIFF without overviews."""
    count, height, width = array.shape
    profile = {
        "driver": "GTiff",
        "count": count,
        "height": height,
        "width": width,
        "dtype": str(array.dtype),
        "transform": transform,
        "nodata": nodata,
    }
    if crs is not None:
        profile["crs"] = crs
    with MemoryFile() as plain:
        if not cog:
            with plain.open(**profile, tiled=False, blockysize=16) as dst:
                dst.write(array)
            return Tiff(bytes(plain.read()), array, crs, transform)
        with plain.open(**profile) as dst:
            dst.write(array)
        with MemoryFile() as out, rasterio.Env(GDAL_TIFF_OVR_BLOCKSIZE="256"):
            gdal_copy(
                plain.name,
                out.name,
                driver="COG",
                blocksize=256,
                compress="DEFLATE",
                overview_resampling="nearest",
            )
            return Tiff(bytes(out.read()), array, crs, transform)


def utm_cog(size: int = 2048, bands: int = 3) -> Tiff:
    """UTM zone 33N around 15° E 45° N, 10 m pixels."""
    return make_tiff(pattern(bands, size), "EPSG:32633", Affine(10, 0, 500000, 0, -10, 5000000))


def lonlat_cog(size: int = 512) -> Tiff:
    """EPSG:4326, 0.001° pixels from 10° E 50° N."""
    return make_tiff(pattern(1, size, seed=2), "EPSG:4326", Affine(0.001, 0, 10, 0, -0.001, 50))


def polar_cog(size: int = 512) -> Tiff:
    """Antarctic polar stereographic (EPSG:3031), 100 m pixels near the pole."""
    return make_tiff(pattern(1, size, seed=3), "EPSG:3031", Affine(100, 0, 200000, 0, -100, 300000))


def antimeridian_cog(size: int = 1024) -> Tiff:
    """UTM zone 60N (EPSG:32660) at 60° N, 100 m pixels: from 179° E across 180° to 179.2° W."""
    return make_tiff(
        pattern(1, size, seed=9), "EPSG:32660", Affine(100, 0, 610000, 0, -100, 6700000)
    )
