"""P10: the first preview of a large COG (a Sentinel-2-like 10,980 × 10,980 uint16 band with
overviews) in a 1,000 px view, through the core's ``Reader`` as the window's worker runs it: the
share of the file it reads, and its time beside a bare HTTP client fetching the very byte ranges
it asked for, one after another on one connection.

The file is served through a proxy that adds ``LATENCY_S`` to every answer (as P1 and P5 do), for
ours and the baseline alike: on bare loopback a transfer costs nothing and the figure would
compare decoding, warping and colouring a megapixel with no work at all. Each round serves the
file at a new URL, so nothing GDAL learnt in the round before is reused.
``P10-pan`` (``p10_pan.py``) is the window's side: panning a 10-scene mosaic.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

from benchmarks.figures import Figure
from stacdesk.core.previews.access import Access
from stacdesk.core.previews.bands import Channel, Recipe
from stacdesk.core.previews.reader import Reader
from tests.servers.flaky_files import FlakyFileServer
from tests.servers.hooks import delay
from tests.servers.proxy import ReverseProxy

VIEW_PX = 1000
LATENCY_S = 0.05


def large_cog(folder: Path, side: int, seed: int = 10) -> tuple[bytes, tuple[float, ...]]:
    """A UTM 33N band like Sentinel-2's (10 m, 512 px tiles, deflate, averaged overviews) and
    its lon/lat bounds. Noise on a smooth field: it compresses about as badly as real data."""
    import rasterio
    from rasterio.shutil import copy as gdal_copy
    from rasterio.transform import from_origin
    from rasterio.warp import transform_bounds

    y = np.linspace(0, 40, side, dtype=np.float32)
    band = (1000 + 400 * np.sin(y)[:, None] * np.cos(y)[None, :]).astype("uint16")
    band += np.random.default_rng(seed).integers(0, 60, size=band.shape, dtype=np.uint16)
    transform = from_origin(399960, 5600040, 10 * 10980 / side, 10 * 10980 / side)
    profile = {
        "driver": "GTiff", "count": 1, "height": side, "width": side, "dtype": "uint16",
        "crs": "EPSG:32633", "transform": transform, "tiled": True, "blockxsize": 512,
        "blockysize": 512,
    }  # fmt: skip
    plain, cog = folder / "plain.tif", folder / "band.tif"
    with rasterio.open(plain, "w", **profile) as dst:
        dst.write(band[None])
    gdal_copy(str(plain), str(cog), driver="COG", blocksize=512, compress="DEFLATE",
              predictor=2, overview_resampling="average")  # fmt: skip
    with rasterio.open(cog) as src:
        bounds = transform_bounds(src.crs, "EPSG:4326", *src.bounds)
    return cog.read_bytes(), bounds


def _replay(url: str, ranges: list[str | None]) -> float:
    """The same GETs, in order, with a bare client on one connection."""
    with httpx.Client(timeout=60) as client:
        start = time.perf_counter()
        for byte_range in ranges:
            headers = {"Range": byte_range} if byte_range else {}
            client.get(url, headers=headers).raise_for_status()
        return time.perf_counter() - start


def run(repeats: int, side: int = 10980) -> list[Figure]:
    ours, bare, shares = [], [], []
    with (
        tempfile.TemporaryDirectory(prefix="p10-") as tmp,
        FlakyFileServer() as files,
        ReverseProxy(files.url, before=[delay(LATENCY_S)]) as slow,
    ):
        data, bounds = large_cog(Path(tmp), side)
        for turn in range(repeats):
            files.put(f"/band-{turn}.tif", data)
            url = f"{slow.url}/band-{turn}.tif"
            recipe = Recipe("B04", (Channel(url, 1, "B04"),), colormap="gray")
            start = time.perf_counter()
            preview = Reader(Access()).read_view(recipe, bounds, VIEW_PX, VIEW_PX)
            ours.append(time.perf_counter() - start)
            assert np.isfinite(preview.values).any()
            hits = files.gets(f"/band-{turn}.tif")
            shares.append(100 * files.bytes_sent(f"/band-{turn}.tif") / len(data))
            files.put(f"/replay-{turn}.tif", data)
            bare.append(_replay(f"{slow.url}/replay-{turn}.tif", [hit.range for hit in hits]))
    size = f"{side:,} × {side:,} uint16 COG ({len(data) / 1e6:.0f} MB)"
    return [
        Figure(
            "P10",
            f"first preview of a {size} in a {VIEW_PX} px view, +50 ms per answer",
            "s",
            ours,
            bare,
            "bare httpx GETs of the same byte ranges, in order",
            target=1.5,
        ),
        Figure(
            "P10-bytes",
            f"share of the {len(data) / 1e6:.0f} MB file read for that preview",
            "%",
            shares,
            target=2,
            on="value",
        ),
    ]
