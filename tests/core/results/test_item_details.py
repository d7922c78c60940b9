"""Items made readable: grouped properties with units and dates, assets, links, web links.

Generated items of every family plus deliberately odd ones; real providers' items are read by
``tests/real_data``.
"""

from __future__ import annotations

import numpy as np
import pytest

from stacdesk.core.results.histograms import cloud_histogram, time_edges, time_histogram
from stacdesk.core.results.item_details import (
    asset_rows,
    format_value,
    group_properties,
    human_size,
    link_rows,
    self_link,
    web_link,
)
from tests.local_data import small_catalog

API = "https://stac.example.org/api"


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The first generated item of every family."""
    catalog = small_catalog(tmp_path_factory)
    return {cid: items[0] for cid, items in catalog.items_by_collection.items()}


def rows_by_key(groups) -> dict[str, str]:
    return {row.key: row.text for group in groups for row in group.rows}


def test_sentinel1_properties_are_grouped_with_units(first: dict[str, dict]) -> None:
    item = first["sentinel-1-grd"]
    groups = group_properties(item["properties"])
    titles = [g.title for g in groups]
    assert titles[0] == "General"
    assert "SAR (sar)" in titles and "Satellite orbit (sat)" in titles
    assert titles.index("SAR (sar)") < titles.index("Satellite orbit (sat)")
    text = rows_by_key(groups)
    assert text["datetime"].endswith(" UTC")
    assert text["sar:center_frequency"].endswith(" GHz")
    assert text["sar:pixel_spacing_range"].endswith(" m")
    assert not text["sar:looks_azimuth"].endswith(("°", "m"))
    assert all(row.key.startswith("sar:") for g in groups if g.prefix == "sar" for row in g.rows)


def test_sentinel2_and_landsat_assets_and_links(first: dict[str, dict]) -> None:
    s2 = first["sentinel-2-l2a"]
    text = rows_by_key(group_properties(s2["properties"]))
    assert text["eo:cloud_cover"].endswith(" %")
    assert text["s2:mean_solar_zenith"].endswith("°")
    assert text["s2:water_percentage"].endswith(" %")
    assert text["s2:generation_time"].endswith(" UTC")
    assets = asset_rows(s2)
    assert [a.key for a in assets] == list(s2["assets"])
    assert all(a.href for a in assets)
    landsat = first["landsat-c2-l2"]
    groups = group_properties(landsat["properties"])
    assert "Landsat (landsat)" in [g.title for g in groups]
    assert rows_by_key(groups)["proj:epsg"].startswith("EPSG:")
    # No self link in the item: the API's standard item URL stands in, for JSON and browser.
    standard = f"{API}/collections/sentinel-2-l2a/items/{s2['id']}"
    assert not any(link.rel == "self" for link in link_rows(s2))
    assert self_link(s2, API) == web_link(s2, API) == standard
    assert self_link(s2) is None and web_link(s2) is None


def test_file_size_checksum_and_readable_values() -> None:
    item = {
        "id": "x",
        "collection": "c|d",
        "properties": {
            "datetime": "2024-05-01T10:00:00.250Z",
            "proj:epsg": 32633,
            "gsd": 10,
            "eo:cloud_cover": 12.3456789,
            "instruments": ["msi"],
            "published": False,
            "odd:nested": {"a": [1, 2]},
            "odd:none": None,
            "odd:long": "x" * 1000,
            "odd:nan": float("nan"),
            "view:off_nadir": [1.5, 2],
        },
        "assets": {
            "data": {
                "href": "https://h/x.tif",
                "title": "Data",
                "roles": ["data"],
                "type": "image/tiff",
                "file:size": 1_500_000_000,
                "file:checksum": "1220abcd",
            },
            "weird": "not an object",
            "roles-text": {"href": "s3://b/k", "roles": "data"},
        },
        "links": [{"rel": "alternate", "type": "text/html", "href": "https://h/x.html"}, "bad"],
    }
    text = rows_by_key(group_properties(item["properties"]))
    assert text["datetime"] == "2024-05-01 10:00:00.250 UTC"
    assert text["proj:epsg"] == "EPSG:32633"
    assert text["gsd"] == "10 m"
    assert text["eo:cloud_cover"] == "12.3457 %"
    assert text["instruments"] == "msi"
    assert text["published"] == "no"
    assert text["odd:nested"] == '{"a":[1,2]}'
    assert text["odd:none"] == "—"
    assert len(text["odd:long"]) == 400
    assert text["odd:nan"] == "nan"
    assert text["view:off_nadir"] == "1.5, 2°"
    assets = {a.key: a for a in asset_rows(item)}
    assert assets["data"].size == "1.4 GiB" and assets["data"].checksum == "1220abcd"
    assert assets["weird"].title == "(not an asset object)"
    assert assets["roles-text"].roles == "data"
    assert web_link(item) == "https://h/x.html"
    assert self_link(item, "https://api.example/v1/") == (
        "https://api.example/v1/collections/c%7Cd/items/x"
    )
    assert self_link(item, "/local/folder") is None
    assert human_size(512) == "512 B" and human_size("12") == "" and human_size(-1) == ""


@pytest.mark.parametrize(
    "properties", [None, "oops", [], {"": 1, "a:b:c": object(), 5: "int key", "x": "\udcff"}]
)
def test_odd_properties_never_raise(properties) -> None:
    groups = group_properties(properties)
    for group in groups:
        for row in group.rows:
            assert isinstance(row.text, str)
    assert format_value("datetime", "not a date") == "not a date"
    assert asset_rows({"assets": ["a"]}) == [] and link_rows({"links": {}}) == []
    assert web_link({"links": [{"rel": "self", "href": "file:///etc/passwd"}]}) is None


def test_histograms_choose_bins_from_the_span() -> None:
    day = 86400.0
    t0 = 1_714_521_600.0  # 2024-05-01T00:00Z
    assert time_edges(t0, t0 + 10 * day)[1] == "day"
    assert time_edges(t0, t0 + 400 * day)[1] == "week"
    edges, unit = time_edges(t0, t0 + 2000 * day)
    assert unit == "month" and edges[0] == t0
    dates = np.array([t0 + 0.5 * day, t0 + 0.6 * day, t0 + 3.2 * day, np.nan])
    hist = time_histogram(dates)
    assert hist.unit == "day" and hist.counts.sum() == 3 and hist.missing == 1
    assert hist.counts[0] == 2
    shown = time_histogram(dates, mask=np.array([True, False, True, True]))
    assert shown.counts.sum() == 2
    clouds = cloud_histogram(np.array([0, 4.9, 5, 100, 120, np.nan], dtype=np.float32))
    assert clouds.counts[0] == 2 and clouds.counts[1] == 1 and clouds.counts[-1] == 2
    assert clouds.missing == 1
    empty = time_histogram(np.array([np.nan]))
    assert len(empty.counts) == 0 and empty.missing == 1
