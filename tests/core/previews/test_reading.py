"""Previews read from real COGs on a real file server with Range support: the values under a
lon/lat are the source's, a small view reads a small part of the file, and the view's pixel size
picks the overview level."""

from __future__ import annotations

import numpy as np
import pytest

from stacdesk.core.previews.access import Access
from stacdesk.core.previews.bands import Channel, Recipe
from stacdesk.core.previews.reader import Reader
from tests.core.previews.tiffs import Tiff
from tests.servers.flaky_files import Fault, FlakyFileServer


def rgb(url: str) -> Recipe:
    return Recipe("rgb", tuple(Channel(url, b, n) for b, n in ((1, "r"), (2, "g"), (3, "b"))))


def one(url: str) -> Recipe:
    return Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")


def around(lon: float, lat: float, half: float) -> tuple[float, float, float, float]:
    return lon - half, lat - half, lon + half, lat + half


@pytest.mark.parametrize("name", ["utm", "lonlat", "polar"])
def test_values_at_a_lonlat_are_the_source_pixels(
    name: str, request: pytest.FixtureRequest, files: FlakyFileServer
) -> None:
    tiff: Tiff = request.getfixturevalue(name)
    url = files.put(f"/{name}.tif", tiff.data)
    reader = Reader()
    recipe = rgb(url) if tiff.array.shape[0] == 3 else one(url)
    rows, columns = tiff.array.shape[1:]
    for row, column in ((rows // 2, columns // 3), (rows // 5, columns - 7)):
        lon, lat = tiff.lonlat_of(row, column)
        # a view a few source pixels wide on a large screen: full resolution, finer than source
        preview = reader.read_view(recipe, around(lon, lat, 0.0005), 400, 400)
        assert "full resolution" in preview.detail
        point = preview.value_at(lon, lat)
        assert point is not None
        assert point.values == tuple(float(v) for v in tiff.array[:, row, column])
        assert abs(point.lon - lon) < 0.0005 and abs(point.lat - lat) < 0.0005
        assert preview.rgba[..., 3].max() == 255  # drawn, opaque where there is data


def test_a_small_view_reads_a_small_part_of_the_file(utm: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/utm.tif", utm.data)
    reader = Reader()
    lon, lat = utm.lonlat_of(1000, 1000)
    preview = reader.read_view(rgb(url), around(lon, lat, 0.002), 300, 300)
    read = files.bytes_sent("/utm.tif")
    assert read < len(utm.data) / 20, f"{read} of {len(utm.data)} bytes for a 300 px view"
    assert all(h.range for h in files.gets("/utm.tif"))  # only ranges, never the whole file
    assert preview.rgba.shape[2] == 4


def test_a_zoomed_out_view_reads_an_overview(utm: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/utm.tif", utm.data)
    lon, lat = utm.lonlat_of(1024, 1024)
    preview = Reader().read_view(rgb(url), around(lon, lat, 1.0), 200, 200)
    assert "overview 1/8" in preview.detail
    assert files.bytes_sent("/utm.tif") < len(utm.data) / 4
    # the preview is cropped to the data (20 km wide), not the 2° view
    west, _, east, _ = preview.bounds
    assert lon - 0.2 < west < east < lon + 0.2
    assert preview.rgba[2:-2, 2:-2, 3].min() == 255  # the edge pixels are partly outside


def test_credentials_go_to_their_host_on_every_range(utm: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/private.tif", utm.data)
    host = url.split("/")[2]

    def headers_for(target: str) -> dict[str, str]:
        return {"Authorization": "Bearer t0ken"} if target.split("/")[2] == host else {}

    lon, lat = utm.lonlat_of(300, 300)
    Reader(Access(headers_for=headers_for)).read_view(rgb(url), around(lon, lat, 0.01), 100, 100)
    gets = files.gets("/private.tif")
    assert len(gets) >= 2
    assert all(h.headers.get("authorization") == "Bearer t0ken" for h in gets)


def test_hrefs_are_signed_before_reading(utm: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/signed.tif", utm.data)
    signed: list[str] = []

    def sign(href: str) -> str:
        signed.append(href)
        return href + "?sig=abc"

    lon, lat = utm.lonlat_of(500, 500)
    Reader(Access(sign=sign)).read_view(rgb(url), around(lon, lat, 0.01), 100, 100)
    assert signed == [url]  # once per file, not per range
    assert files.gets("/signed.tif")


def test_nodata_is_transparent(files: FlakyFileServer) -> None:
    from affine import Affine

    from tests.core.previews.tiffs import make_tiff, pattern

    array = pattern(1, 256, seed=5)
    array[0, :128, :] = 0
    tiff = make_tiff(array, "EPSG:4326", Affine(0.01, 0, 5, 0, -0.01, 5), nodata=0)
    url = files.put("/nodata.tif", tiff.data)
    preview = Reader().read_view(one(url), (5, 2.44, 7.56, 5), 256, 256)
    top = preview.value_at(6.0, 4.0)
    bottom = preview.value_at(6.0, 3.0)
    assert top is not None and np.isnan(top.values[0])
    assert bottom is not None and bottom.values[0] > 0
    alpha = preview.rgba[..., 3]
    assert alpha[: alpha.shape[0] // 2 - 2].max() == 0 and alpha[-10:].min() == 255


def test_data_across_the_antimeridian_on_both_sides(files: FlakyFileServer) -> None:
    from tests.core.previews.tiffs import antimeridian_cog

    tiff = antimeridian_cog()
    url = files.put("/fiji.tif", tiff.data)
    reader = Reader()
    for row, column in ((500, 100), (500, 900)):  # west of 180° and east of it
        lon, lat = tiff.lonlat_of(row, column)
        preview = reader.read_view(one(url), around(lon, lat, 0.002), 300, 300)
        point = preview.value_at(lon, lat)
        assert point is not None, (lon, lat, preview.bounds)
        assert point.values == (float(tiff.array[0, row, column]),)
    # the whole world: both halves of the file are drawn, at the two edges of the map
    world = reader.read_view(one(url), (-180, -90, 180, 90), 1800, 900)
    assert world.bounds[0] == -180 and world.bounds[2] == 180
    alpha = world.rgba[..., 3]
    assert alpha[:, :5].max() == 255 and alpha[:, -5:].max() == 255
    assert alpha[:, 800:1000].max() == 0


def test_sar_backscatter_is_drawn_in_decibels(files: FlakyFileServer) -> None:
    from affine import Affine

    from tests.core.previews.tiffs import make_tiff

    rng = np.random.default_rng(11)
    linear = (10 ** (rng.uniform(-25, 0, (1, 512, 512)) / 10)).astype("float32")
    linear[0, :, :50] = 0  # the swath's edge: no data
    tiff = make_tiff(linear, "EPSG:32633", Affine(20, 0, 500000, 0, -20, 5000000), nodata=0)
    url = files.put("/vv.tif", tiff.data)
    recipe = Recipe("VV", (Channel(url, 1, "VV"),), colormap="gray", decibels=True)
    row, column = 300, 400
    lon, lat = tiff.lonlat_of(row, column)
    preview = Reader().read_view(recipe, around(lon, lat, 0.002), 300, 300)
    point = preview.value_at(lon, lat)
    assert point is not None
    assert point.values[0] == pytest.approx(10 * np.log10(linear[0, row, column]), abs=1e-4)
    edge = preview.value_at(*tiff.lonlat_of(row, 10))
    assert edge is None or np.isnan(edge.values[0])


def test_a_refreshed_token_is_sent_on_the_next_read(utm: Tiff, files: FlakyFileServer) -> None:
    url = files.put("/token.tif", utm.data)
    token = ["first"]
    reader = Reader(Access(headers_for=lambda _url: {"Authorization": f"Bearer {token[0]}"}))
    lon, lat = utm.lonlat_of(800, 800)
    reader.read_view(rgb(url), around(lon, lat, 0.002), 100, 100)
    token[0] = "second"  # the connection refreshed its access token
    seen = len(files.gets("/token.tif"))
    reader.read_view(rgb(url), around(lon + 0.1, lat, 0.002), 100, 100)  # other tiles
    later = files.gets("/token.tif")[seen:]
    assert later and all(h.headers["authorization"] == "Bearer second" for h in later)


def test_credentials_do_not_follow_a_redirect_to_another_host(
    utm: Tiff, files: FlakyFileServer
) -> None:
    with FlakyFileServer() as storage:  # another host (port) holds the file
        target = storage.put("/blob.tif", utm.data)
        url = files.put("/moved.tif", b"")
        files.fault("/moved.tif", Fault("redirect", location=target))
        host = url.split("/")[2]

        def headers_for(where: str) -> dict[str, str]:
            return {"Authorization": "Bearer api"} if where.split("/")[2] == host else {}

        lon, lat = utm.lonlat_of(600, 600)
        reader = Reader(Access(headers_for=headers_for))
        point = reader.read_view(rgb(url), around(lon, lat, 0.0005), 200, 200).value_at(lon, lat)
        assert point is not None
        assert point.values == tuple(float(v) for v in utm.array[:, 600, 600])
        assert files.gets("/moved.tif")[0].headers["authorization"] == "Bearer api"
        assert all("authorization" not in h.headers for h in storage.gets("/blob.tif"))
