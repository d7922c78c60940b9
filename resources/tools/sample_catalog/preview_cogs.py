"""Small real cloud-optimised GeoTIFFs for a few items of the sample catalog, so "Preview data"
can be tried without a network.

Why: the sample's data assets point at ``example.invalid``; a preview needs real tiled files with
overviews, in the projections real catalogs use. Each file here is a COG written with GDAL's COG
driver (256 px tiles, overviews, deflate) in its own CRS, for one asset of one host item
(``preview_hosts.py`` picks the item and points the asset at the file):

- a Sentinel-2 scene over Czechia, UTM 33N (EPSG:32633): bands ``B02``/``B03``/``B04``/``B08``
  (uint16 reflectance, for true and false colour) and the rendered ``visual`` (8-bit RGB);
- three more Sentinel-2 scenes beside it (tiles 33UVR, 33UWR, 33UVQ, other dates), only their
  ``visual``, each overlapping a neighbour and with its own season's colours and clouds: with
  the first they make a mosaic over central Bohemia (the README's mosaic screenshot);
- a Sentinel-1 scene off Fiji, UTM 60S (EPSG:32760): linear ``vv`` backscatter (float32, nodata
  0) across the antimeridian: its bbox has west > east and its footprint is split at 180°;
- an ERA5 month: ``air_temperature_at_2_metres`` over Europe in EPSG:4326 (float32 kelvin, nodata
  where a corner is left out) and ``sea_ice_cover`` over the Arctic in NSIDC polar stereographic
  north (EPSG:3413, uint8 percent).

The pixels are smooth seeded noise, not imagery. Deterministic for a seed; the small strip
GeoTIFFs for downloads are ``data_files.py``'s, whose ``multihash`` this reuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .data_files import multihash

Json = dict[str, Any]
COG_TYPE = "image/tiff; application=geotiff; profile=cloud-optimized"
SIDE = 512  # pixels per side: a few hundred kB to ~1 MB per file
# The mosaic's other scenes: host group, upper-left corner in UTM 33N (150 m pixels: 77 km wide,
# inside one tile and a few km into the next scene), colours (base, span per RGB channel) and
# the share of cloud, near the eo:cloud_cover of the item that hosts it (seed 20250630).
MOSAIC_SCENES = (
    ("s2-bohemia-autumn", (427000, 5571040), ((110, 100, 60), (110, 90, 60)), 0.6),  # 33UVR
    ("s2-moravia-summer", (500000, 5571040), ((50, 90, 40), (130, 120, 70)), 0.1),  # 33UWR
    ("s2-vysocina-spring", (427000, 5496020), ((100, 90, 70), (100, 80, 60)), 0.3),  # 33UVQ
)


@dataclass
class SampleCog:
    """One file: its bytes, the host item's collection and asset key, and its grid."""

    name: str  # the host (one per group of files sharing an item)
    collection: str
    key: str
    data: bytes
    crs: str
    transform: list[float]
    bbox: list[float]  # west, south, east, north; west > east across the antimeridian
    geometry: Json
    asset: Json = field(default_factory=dict)  # fields the host's asset takes, without "href"


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


def cog_bytes(array: np.ndarray, crs: str, transform: Any, nodata: float | None = None) -> bytes:
    """``array`` (bands, rows, columns) as a COG: 256 px tiles, averaged overviews, deflate."""
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


def footprint(crs: str, transform: Any, size: int) -> tuple[list[float], Json]:
    """Lon/lat bbox and polygon of the grid's edge; split at 180° when it crosses it."""
    from rasterio.warp import transform as reproject_points

    steps = np.linspace(0, size, 9)
    edge = (
        [(c, 0.0) for c in steps]
        + [(size, r) for r in steps[1:]]
        + [(c, size) for c in steps[::-1][1:]]
        + [(0.0, r) for r in steps[::-1][1:]]
    )
    xs, ys = zip(*(transform @ point for point in edge), strict=True)
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


def cloudy_visual(
    rng: np.random.Generator, colours: tuple[tuple[int, ...], tuple[int, ...]], cloud: float
) -> np.ndarray:
    """An 8-bit RGB scene: terrain in ``colours`` under soft white clouds on ``cloud`` of it."""
    land = smooth_noise(rng, SIDE)
    sky = smooth_noise(rng, SIDE, beta=2.8)
    base, span = colours
    rgb = np.stack([b + s * land for b, s in zip(base, span, strict=True)])
    threshold = np.quantile(sky, 1.0 - cloud)
    alpha = np.clip((sky - threshold) / 0.08, 0.0, 1.0)  # soft cloud edges
    return np.rint(rgb * (1 - alpha) + 235 * alpha).astype("uint8")


class _Maker:
    """Collects the files of the sample, each with its footprint, size and checksum."""

    def __init__(self) -> None:
        self.out: list[SampleCog] = []

    def add(
        self, name: str, collection: str, key: str, array: np.ndarray, crs: str, transform: Any,
        nodata: float | None = None, **asset: Any,
    ) -> None:  # fmt: skip
        bbox, geometry = footprint(crs, transform, array.shape[-1])
        data = cog_bytes(array, crs, transform, nodata)
        dtype = str(array.dtype)
        bands = [{"data_type": dtype, **({} if nodata is None else {"nodata": nodata})}]
        fields = {
            "type": COG_TYPE,
            "description": f"A {SIDE} x {SIDE} pixel cloud-optimised stand-in (seeded noise).",
            "raster:bands": bands * array.shape[0],
            "file:size": len(data),
            "file:checksum": multihash(data),
            **asset,
        }
        grid = [float(v) for v in tuple(transform)[:6]]
        self.out.append(SampleCog(name, collection, key, data, crs, grid, bbox, geometry, fields))


def sample_cogs(seed: int) -> list[SampleCog]:
    """The sample's COGs (about 4 MB together), in a fixed order."""
    from affine import Affine

    rng = np.random.default_rng(seed)
    make = _Maker()

    land = smooth_noise(rng, SIDE)
    utm33 = Affine(60, 0, 420000, 0, -60, 5560000)
    levels = {"B02": (800, 900), "B03": (900, 1200), "B04": (700, 1800)}
    for key, (base, span) in levels.items():
        band = (base + span * land).astype("uint16")[None]
        make.add("s2-czechia", "sentinel-2-l2a", key, band, "EPSG:32633", utm33)
    nir = (2500 + 2500 * (1 - land)).astype("uint16")[None]
    make.add("s2-czechia", "sentinel-2-l2a", "B08", nir, "EPSG:32633", utm33)
    visual = np.stack([60 + 150 * land, 80 + 120 * land, 50 + 90 * land]).astype("uint8")
    make.add("s2-czechia", "sentinel-2-l2a", "visual", visual, "EPSG:32633", utm33)

    backscatter = (10 ** ((-22 + 18 * smooth_noise(rng, SIDE)) / 10)).astype("float32")[None]
    backscatter[0, :, :16] = 0  # the swath's no-data edge
    make.add("sar-fiji", "sentinel-1-grd", "vv", backscatter, "EPSG:32760",
             Affine(100, 0, 780000, 0, -100, 8160000), nodata=0,
             title="VV backscatter (linear)")  # fmt: skip

    north_south = np.linspace(1.0, 0.0, SIDE)[:, None]  # colder to the north
    kelvin = (255 + 30 * north_south + 8 * smooth_noise(rng, SIDE, beta=3.5)).astype("float32")
    kelvin[:40, :60] = -9999  # a corner without data
    make.add("era5-europe", "era5-pds", "air_temperature_at_2_metres", kelvin[None],
             "EPSG:4326", Affine(0.1, 0, -10.0, 0, -0.1, 72.0), nodata=-9999,
             title="Air temperature at 2 m (K), Europe")  # fmt: skip

    ice = (100 * smooth_noise(rng, SIDE, beta=2.5)).astype("uint8")[None]
    make.add("era5-arctic", "era5-pds", "sea_ice_cover", ice, "EPSG:3413",
             Affine(2000, 0, -2300000, 0, -2000, 1200000),
             title="Sea-ice cover (%), Arctic", roles=["data"])  # fmt: skip

    for name, (west, north), colours, cloud in MOSAIC_SCENES:  # after the others: their bytes stay
        make.add(name, "sentinel-2-l2a", "visual", cloudy_visual(rng, colours, cloud),
                 "EPSG:32633", Affine(150, 0, west, 0, -150, north))  # fmt: skip
    return make.out
