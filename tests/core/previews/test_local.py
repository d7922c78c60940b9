"""Local files are previewed only for a local catalog and only below its folder: a remote
catalog that says ``file:///etc/...`` gets a message, not the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacdesk.core.previews.access import Access
from stacdesk.core.previews.bands import Channel, Recipe
from stacdesk.core.previews.errors import PreviewError
from stacdesk.core.previews.reader import Reader
from tests.core.previews.tiffs import Tiff


def one(href: str) -> Recipe:
    return Recipe("one", (Channel(href, 1, "v"),), colormap="viridis")


def test_a_file_below_the_catalog_folder(lonlat: Tiff, tmp_path: Path) -> None:
    path = tmp_path / "catalog" / "scene.tif"
    path.parent.mkdir()
    path.write_bytes(lonlat.data)
    reader = Reader(Access(local_root=tmp_path / "catalog"))
    lon, lat = lonlat.lonlat_of(100, 100)
    view = (lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)
    point = reader.read_view(one(path.as_uri()), view, 200, 200).value_at(lon, lat)
    assert point is not None and point.values == (float(lonlat.array[0, 100, 100]),)


def test_files_elsewhere_are_refused(lonlat: Tiff, tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.tif"
    path.write_bytes(lonlat.data)
    for access in (Access(), Access(local_root=tmp_path / "catalog")):
        with pytest.raises(PreviewError, match="only for a local catalog"):
            Reader(access).read_view(one(str(path)), (10, 49, 11, 50), 100, 100)


def test_a_relative_href_is_relative_to_the_catalog_folder(lonlat: Tiff, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    (catalog / "data").mkdir(parents=True)
    (catalog / "data" / "scene.tif").write_bytes(lonlat.data)
    (tmp_path / "elsewhere.tif").write_bytes(lonlat.data)
    reader = Reader(Access(local_root=catalog))
    lon, lat = lonlat.lonlat_of(100, 100)
    view = (lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)
    point = reader.read_view(one("data/scene.tif"), view, 200, 200).value_at(lon, lat)
    assert point is not None and point.values == (float(lonlat.array[0, 100, 100]),)
    with pytest.raises(PreviewError, match="only for a local catalog"):
        reader.read_view(one("../elsewhere.tif"), view, 200, 200)
