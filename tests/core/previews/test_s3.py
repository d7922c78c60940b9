"""Previews of ``s3://`` COGs through GDAL's /vsis3/, against moto's S3 API as a custom endpoint
(as Copernicus Data Space's ``eodata`` or MinIO would be): anonymous reads of public objects,
signed reads with the user's AWS keys, a clear message for a private object read anonymously."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from stacdesk.core.previews.access import Access, S3Options
from stacdesk.core.previews.bands import Channel, Recipe
from stacdesk.core.previews.errors import PreviewError
from stacdesk.core.previews.reader import Reader
from tests.core.previews.tiffs import Tiff

if TYPE_CHECKING:
    from tests.servers.s3 import MotoS3


def rgb(href: str) -> Recipe:
    return Recipe("rgb", tuple(Channel(href, b, n) for b, n in ((1, "r"), (2, "g"), (3, "b"))))


def check_values(reader: Reader, href: str, tiff: Tiff) -> None:
    row, column = 700, 1300
    lon, lat = tiff.lonlat_of(row, column)
    view = (lon - 0.0005, lat - 0.0005, lon + 0.0005, lat + 0.0005)
    point = reader.read_view(rgb(href), view, 300, 300).value_at(lon, lat)
    assert point is not None
    assert point.values == tuple(float(v) for v in tiff.array[:, row, column])


def test_a_public_object_by_ranges(utm: Tiff, moto_s3: MotoS3) -> None:
    moto_s3.put("previews", "scene/visual.tif", utm.data)
    reader = Reader(Access(s3=S3Options(endpoint=moto_s3.endpoint, region="us-east-1")))
    check_values(reader, "s3://previews/scene/visual.tif", utm)
    gets = moto_s3.gets("previews", "scene/visual.tif")
    assert gets and all("range" in hit.headers for hit in gets)
    assert all("authorization" not in hit.headers for hit in gets)  # anonymous


def test_a_private_object_with_the_users_keys(
    utm: Tiff, moto_s3: MotoS3, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDPREVIEW")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-secret")
    moto_s3.put("private", "scene.tif", utm.data, public=False)
    s3 = S3Options(endpoint=moto_s3.endpoint, region="us-east-1", signed=True)
    check_values(Reader(Access(s3=s3)), "s3://private/scene.tif", utm)
    gets = moto_s3.gets("private", "scene.tif")
    assert gets and all("AKIDPREVIEW" in hit.headers.get("authorization", "") for hit in gets)


def test_a_private_object_read_anonymously_is_named(utm: Tiff, moto_s3: MotoS3) -> None:
    moto_s3.put("closed", "scene.tif", utm.data, public=False)
    reader = Reader(Access(s3=S3Options(endpoint=moto_s3.endpoint, region="us-east-1")))
    with pytest.raises(PreviewError, match=r"^S3 refused the request"):
        check_values(reader, "s3://closed/scene.tif", utm)
    with pytest.raises(PreviewError, match="no such key"):
        check_values(reader, "s3://closed/other.tif", utm)
