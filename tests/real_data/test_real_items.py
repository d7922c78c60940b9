"""Real providers' items (Planetary Computer, Earth Search, Copernicus Data Space, stactools) go
through the page parser, the item details and the exporters as generated ones do.

Why: real items carry what no generator thinks of (missing bboxes, null datetimes with ranges,
long descriptions, other providers' extension versions); each file of ``real/`` is one provider's
flavour of a product.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from stacdesk.core.catalogs.local_formats import read_local
from stacdesk.core.catalogs.page_json import decode_page
from stacdesk.core.export.writers import export_items
from stacdesk.core.results.item_details import (
    asset_rows,
    group_properties,
    link_rows,
    self_link,
    web_link,
)
from stacdesk.core.results.store import ResultBatch
from tests.servers.catalog import real_data_dir

pytestmark = pytest.mark.real_data


def item_files() -> list[str]:
    """Every items file of the recorded data, relative to ``real/`` (empty when it is absent)."""
    real = real_data_dir() / "real"
    files = [*real.glob("*/items.ndjson"), *real.glob("*/variants/*/items.ndjson")]
    return sorted(p.relative_to(real).as_posix() for p in files)


FILES = item_files() or ["(no recorded data)"]


def read_items(shared_data: Path, name: str) -> list[dict[str, Any]]:
    with open(shared_data / "real" / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def first_item(shared_data: Path, family: str) -> dict[str, Any]:
    return read_items(shared_data, f"{family}/items.ndjson")[0]


def rows_by_key(groups) -> dict[str, str]:
    return {row.key: row.text for group in groups for row in group.rows}


@pytest.mark.parametrize("name", FILES)
def test_a_page_of_real_items_parses_into_result_columns(shared_data: Path, name: str) -> None:
    items = read_items(shared_data, name)
    page = decode_page(json.dumps({"type": "FeatureCollection", "features": items}).encode())
    batch = ResultBatch.from_features(page["features"])
    assert batch.ids == [str(i["id"]) for i in items]
    assert batch.problems == []  # every real item has an id, a footprint and a date
    assert not np.isnan(batch.datetimes).any()
    assert np.isfinite(batch.bboxes).all()
    for item, clouds in zip(items, batch.cloud_cover, strict=True):
        expected = item["properties"].get("eo:cloud_cover")
        assert math.isnan(clouds) if expected is None else clouds == pytest.approx(expected)


@pytest.mark.parametrize("name", FILES)
def test_item_details_show_every_real_item(shared_data: Path, name: str) -> None:
    for item in read_items(shared_data, name):
        groups = group_properties(item["properties"])
        assert groups[0].title == "General"
        shown = {row.key for group in groups for row in group.rows}
        assert shown == set(item["properties"])  # nothing dropped, nothing invented
        assets = asset_rows(item)
        assert [a.key for a in assets] == list(item.get("assets", {}))
        assert len(link_rows(item)) == len(item.get("links", []))
        link = web_link(item)
        assert link is None or link.startswith(("http://", "https://"))


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("suffix", [".ndjson", ".geojson", ".parquet"])
def test_real_items_export_and_read_back(
    shared_data: Path, name: str, suffix: str, tmp_path: Path
) -> None:
    items = read_items(shared_data, name)
    path = tmp_path / f"export{suffix}"
    result = export_items(items, path)
    assert result.items == len(items)
    found = read_local(path)
    assert sorted(i["id"] for i in found.items) == sorted(i["id"] for i in items)


def test_sentinel1_properties_are_grouped_with_units(shared_data: Path) -> None:
    item = first_item(shared_data, "sentinel-1-grd")
    groups = group_properties(item["properties"])
    titles = [g.title for g in groups]
    assert "SAR (sar)" in titles and "Satellite orbit (sat)" in titles
    assert titles.index("SAR (sar)") < titles.index("Satellite orbit (sat)")
    text = rows_by_key(groups)
    assert text["datetime"].endswith(" UTC")
    assert text["sar:center_frequency"].endswith(" GHz")
    if "sar:pixel_spacing_range" in text:
        assert text["sar:pixel_spacing_range"].endswith(" m")
    if "sar:looks_azimuth" in text:
        assert not text["sar:looks_azimuth"].endswith(("°", "m"))


def test_sentinel2_and_landsat_assets_links_and_web_links(shared_data: Path) -> None:
    s2 = first_item(shared_data, "sentinel-2-l2a")
    text = rows_by_key(group_properties(s2["properties"]))
    assert text["eo:cloud_cover"].endswith(" %")
    assert text["s2:mean_solar_zenith"].endswith("°")
    assert text["s2:water_percentage"].endswith(" %")
    assert text["s2:generation_time"].endswith(" UTC")
    assert text["proj:epsg"].startswith("EPSG:")
    assets = asset_rows(s2)
    assert [a.key for a in assets] == list(s2["assets"])
    assert all(a.href for a in assets)
    landsat = first_item(shared_data, "landsat-c2-l2")
    groups = [g.title for g in group_properties(landsat["properties"])]
    assert "Landsat (landsat)" in groups
    assert any(link.rel == "self" for link in link_rows(s2))
    assert self_link(s2).startswith("https://")
    assert web_link(s2).startswith("https://")  # PC gives a preview page or the self link
