"""JPEG 2000 assets (Sentinel-2 in SAFE layout) are previewed where GDAL reads them: a small one
at once with the source's values, a large one only when asked, since decoding even a small view
of one needs much of its codestream; the refusal says how much would be read."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine

from stacdesk.core.previews.bands import Channel, Recipe, recipes
from stacdesk.core.previews.errors import NeedsWholeFile, human_bytes
from stacdesk.core.previews.reader import Reader
from tests.core.previews.tiffs import Tiff, make_tiff
from tests.servers.flaky_files import FlakyFileServer

UTM = "EPSG:32633"


def jp2(side: int, seed: int) -> tuple[bytes, Tiff]:
    """A lossless JPEG 2000 of seeded noise (it does not compress) and the source it encodes."""
    import rasterio
    from rasterio.io import MemoryFile
    from rasterio.shutil import copy as gdal_copy

    values = np.random.default_rng(seed).integers(1, 10_000, (1, side, side), dtype=np.uint16)
    tiff = make_tiff(values, UTM, Affine(10, 0, 500000, 0, -10, 5000000))
    with MemoryFile(tiff.data) as source, MemoryFile(ext=".jp2") as out, rasterio.Env():
        gdal_copy(source.name, out.name, driver="JP2OpenJPEG", REVERSIBLE="YES", QUALITY="100")
        return bytes(out.read()), tiff


def one(url: str) -> Recipe:
    return Recipe("one", (Channel(url, 1, "v"),), colormap="gray")


def around(tiff: Tiff, row: int, column: int) -> tuple[tuple[float, ...], float, float]:
    lon, lat = tiff.lonlat_of(row, column)
    return (lon - 0.004, lat - 0.004, lon + 0.004, lat + 0.004), lon, lat


def test_a_small_jpeg2000_previews_with_its_values(files: FlakyFileServer) -> None:
    data, tiff = jp2(256, seed=61)
    assert data[:4] == b"\x00\x00\x00\x0c" and len(data) < 1_000_000
    url = files.put("/small.jp2", data)
    view, lon, lat = around(tiff, 100, 120)
    preview = Reader().read_view(one(url), view, 300, 300)
    assert "JPEG 2000" in preview.detail
    point = preview.value_at(lon, lat)
    assert point is not None and point.values == (float(tiff.array[0, 100, 120]),)


def test_a_large_jpeg2000_is_read_only_when_asked(files: FlakyFileServer) -> None:
    data, tiff = jp2(1024, seed=62)
    assert len(data) > 1_000_000
    url = files.put("/large.jp2", data)
    view, lon, lat = around(tiff, 500, 600)
    reader = Reader()
    with pytest.raises(NeedsWholeFile) as refused:
        reader.read_view(one(url), view, 300, 300)
    assert str(refused.value) == (
        f"a JPEG 2000, not cloud-optimised: a preview would read {human_bytes(len(data))}"
    )
    assert files.bytes_sent("/large.jp2") < len(data) / 4  # asking did not read the file
    preview = reader.read_view(one(url), view, 300, 300, whole_file=True)
    point = preview.value_at(lon, lat)
    assert point is not None and point.values == (float(tiff.array[0, 500, 600]),)


def test_jpeg2000_assets_are_offered() -> None:
    item = {
        "properties": {},
        "assets": {
            "B04": {"href": "https://x.invalid/T33UVR_B04_10m.jp2", "type": "image/jp2"},
            "B03": {"href": "https://x.invalid/T33UVR_B03_10m.jp2", "roles": ["data"]},
            "B02": {"href": "https://x.invalid/T33UVR_B02_10m.jp2", "roles": ["data"]},
        },
    }
    labels = [recipe.label for recipe in recipes(item)]
    assert labels[0] == "true colour (red/green/blue)"
