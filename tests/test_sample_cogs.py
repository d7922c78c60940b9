"""The offline sample's COGs (resources/tools/sample_cogs.py) are real cloud-optimised files the
preview reads: tiled with overviews, in their CRSs, the antimeridian one with west > east."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from shapely.geometry import shape

from stacdesk.core.previews.access import Access
from stacdesk.core.previews.bands import choose
from stacdesk.core.previews.reader import Reader

SCRIPT = Path(__file__).resolve().parents[1] / "resources" / "tools" / "sample_cogs.py"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sample_cogs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sample_cogs"] = module
    spec.loader.exec_module(module)
    return module


def test_every_sample_cog_previews(tool: ModuleType, tmp_path: Path) -> None:
    cogs = tool.sample_cogs(7)
    assert {c.crs for c in cogs} >= {"EPSG:32633", "EPSG:4326", "EPSG:3413", "EPSG:32760"}
    assert [c.data for c in tool.sample_cogs(7)] == [c.data for c in cogs]  # deterministic
    reader = Reader(Access(local_root=tmp_path))
    for cog in cogs:
        path = tmp_path / cog.file_name
        path.write_bytes(cog.data)
        item = {"properties": {}, "assets": {"data": {**cog.asset, "href": str(path)}}}
        recipe = choose(item)
        assert recipe is not None, cog.name
        west, south, east, north = cog.bbox
        view = (west, south, 180, north) if west > east else (west, south, east, north)
        preview = reader.read_view(recipe, view, 400, 400)
        assert preview.rgba[..., 3].max() == 255, cog.name
        assert np.isfinite(preview.values).any(), cog.name
        assert "overview" in preview.detail or "full resolution" in preview.detail
        with_overviews = reader.source(str(path))
        assert with_overviews.size == len(cog.data) == cog.asset["file:size"]
        assert shape(cog.geometry).is_valid, cog.name
    crossing = [c for c in cogs if c.bbox[0] > c.bbox[2]]
    assert [c.name for c in crossing] == ["sar-fiji"]
    assert crossing[0].geometry["type"] == "MultiPolygon"
    west, south, east, north = crossing[0].bbox
    item = {"assets": {"vv": {**crossing[0].asset, "href": str(tmp_path / "sar-fiji.tif")}}}
    recipe = choose(item)
    assert recipe is not None
    beyond = reader.read_view(recipe, (-180, south, east, north), 400, 400)  # east of 180°
    assert beyond.rgba[..., 3].max() == 255
