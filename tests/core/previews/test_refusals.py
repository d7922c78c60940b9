"""Bad input gives a clear message for the item, never a crash and never a silent whole-file
download: a striped TIFF, a server without Range requests, 403 on a range, a corrupt tile, a
file without a CRS."""

from __future__ import annotations

import pytest
from affine import Affine

from stacdesk.core.previews.bands import Channel, Recipe
from stacdesk.core.previews.errors import NeedsWholeFile, PreviewError, human_bytes
from stacdesk.core.previews.reader import Reader
from tests.core.previews.tiffs import Tiff, make_tiff, pattern
from tests.servers.flaky_files import Fault, FlakyFileServer

UTM = "EPSG:32633"
ORIGIN = Affine(10, 0, 500000, 0, -10, 5000000)


def one(url: str) -> Recipe:
    return Recipe("one", (Channel(url, 1, "v"),), colormap="gray")


def view_of(tiff: Tiff) -> tuple[float, float, float, float]:
    lon, lat = tiff.lonlat_of(tiff.array.shape[1] // 2, tiff.array.shape[2] // 2)
    return lon - 0.005, lat - 0.005, lon + 0.005, lat + 0.005


@pytest.fixture(scope="module")
def striped() -> Tiff:
    return make_tiff(pattern(1, 1024, seed=4), UTM, ORIGIN, cog=False)


def test_a_striped_tiff_is_refused_with_its_size(striped: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/striped.tif", striped.data)
    reader = Reader()
    with pytest.raises(NeedsWholeFile) as refused:
        reader.read_view(one(url), view_of(striped), 200, 200)
    message = str(refused.value)
    assert message.startswith("not cloud-optimised (strips): a preview would read ")
    assert human_bytes(len(striped.data)) in message and refused.value.size == len(striped.data)
    assert files.bytes_sent("/striped.tif") < 100_000  # asking cost a header, not the file
    # chosen explicitly, it is read
    preview = reader.read_view(one(url), view_of(striped), 200, 200, whole_file=True)
    lon, lat = striped.lonlat_of(512, 512)
    point = preview.value_at(lon, lat)
    assert point is not None and preview.rgba[..., 3].max() == 255


def test_a_server_without_ranges_is_named(utm: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/noranges.tif", utm.data, ranges=False)
    reader = Reader()
    with pytest.raises(NeedsWholeFile) as refused:
        reader.read_view(one(url), view_of(utm), 200, 200)
    assert str(refused.value) == (
        f"the server does not support Range requests: a preview would read "
        f"{human_bytes(len(utm.data))}"
    )
    assert files.bytes_sent("/noranges.tif") < len(utm.data) / 4  # the probe hung up early
    row, column = 1000, 1200
    lon, lat = utm.lonlat_of(row, column)
    view = (lon - 0.0005, lat - 0.0005, lon + 0.0005, lat + 0.0005)
    preview = reader.read_view(one(url), view, 200, 200, whole_file=True)
    point = preview.value_at(lon, lat)
    assert point is not None and point.values == (float(utm.array[0, row, column]),)


def test_403_on_the_first_range(utm: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/forbidden.tif", utm.data)
    files.fault("/forbidden.tif", Fault("status", 403))
    with pytest.raises(PreviewError, match=r"access refused \(HTTP 403\) to 127\.0\.0\.1"):
        Reader().read_view(one(url), view_of(utm), 200, 200)


def test_403_on_a_tile_range(utm: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/tiles403.tif", utm.data)
    reader = Reader()
    reader.source(url)  # the probe passes; every range after it is refused
    files.fault("/tiles403.tif", *[Fault("status", 403) for _ in range(20)])
    with pytest.raises(
        PreviewError,
        match=r"^access refused \(HTTP 403\) to 127\.0\.0\.1:\d+ while reading the file's tiles$",
    ):
        reader.read_view(one(url), view_of(utm), 200, 200)


def test_a_corrupt_tile(files: FlakyFileServer) -> None:
    tiff = make_tiff(pattern(1, 1024, seed=6), UTM, ORIGIN)
    data = bytearray(tiff.data)
    start = len(data) * 6 // 10  # full-resolution tiles come last in a COG
    data[start:] = b"\xff" * (len(data) - start)
    url = files.put("/corrupt.tif", bytes(data))
    lon, lat = tiff.lonlat_of(1000, 1000)
    view = (lon - 0.0005, lat - 0.0005, lon + 0.0005, lat + 0.0005)
    with pytest.raises(PreviewError, match="could not be read or decoded"):
        Reader().read_view(one(url), view, 300, 300)


def test_a_file_without_crs(files: FlakyFileServer) -> None:
    tiff = make_tiff(pattern(1, 256, seed=7), None, Affine(1, 0, 0, 0, -1, 0))
    url = files.put("/nocrs.tif", tiff.data)
    with pytest.raises(PreviewError, match="no coordinate reference system"):
        Reader().read_view(one(url), (0, -1, 1, 0), 100, 100)


def test_not_a_tiff_and_missing_files(files: FlakyFileServer) -> None:
    url = files.put("/page.tif", b"<html>not an image</html>" * 100)
    with pytest.raises(PreviewError, match="not a GeoTIFF: the file does not start like a TIFF"):
        Reader().read_view(one(url), (0, 0, 1, 1), 100, 100)
    with pytest.raises(PreviewError, match="HTTP 404"):
        Reader().read_view(one(files.url + "/gone.tif"), (0, 0, 1, 1), 100, 100)
    with pytest.raises(PreviewError, match="cannot preview ftp"):
        Reader().read_view(one("ftp://x/y.tif"), (0, 0, 1, 1), 100, 100)


def test_a_placeholder_address_is_named_before_any_request(files: FlakyFileServer) -> None:
    """A redirect to a reserved .invalid host: the message says the address is a placeholder,
    not that the network failed (the offline sample's data assets are such addresses)."""
    url = files.put("/moved.tif", b"")
    files.fault("/moved.tif", Fault("redirect", location="https://data.example.invalid/b04.tif"))
    with pytest.raises(PreviewError, match=r"data\.example\.invalid is a placeholder address"):
        Reader().read_view(one(url), (14.0, 50.0, 14.1, 50.1), 200, 200)
