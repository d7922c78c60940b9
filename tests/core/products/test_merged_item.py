"""A product's copies as one item: only the same file becomes an alternate href."""

from __future__ import annotations

from typing import Any

from stacdesk.core.products.merged_item import ALTERNATE_ASSETS, merged_item
from stacdesk.core.products.product_merge import SourceRef

JP2 = "image/jp2"
COG = "image/tiff; application=geotiff; profile=cloud-optimized"


def item(source: str, assets: dict[str, dict[str, Any]]) -> tuple[SourceRef, dict[str, Any]]:
    ref = SourceRef(source, f"{source}-id", "sentinel-2-l2a")
    return ref, {"type": "Feature", "id": ref.item_id, "properties": {}, "assets": assets}


def test_the_same_band_file_in_two_catalogs_is_one_asset_with_an_alternate() -> None:
    merged = merged_item(
        [
            item("cesnet", {"B04_10m": {"href": "https://a/T33_B04_10m.jp2", "type": JP2}}),
            item(
                "dataspace",
                {
                    "B04_10m": {
                        "href": "https://b/T33_B04_10m.jp2",
                        "type": JP2,
                        "file:checksum": "1220ab",
                        "file:size": 10,
                    }
                },
            ),
        ]
    )
    band = merged["assets"]["B04_10m"]
    assert band["alternate:name"] == "cesnet"
    assert band["alternate"] == {"dataspace": {"href": "https://b/T33_B04_10m.jp2"}}
    # what one source states about the bytes checks a download from either
    assert band["file:checksum"] == "1220ab" and band["file:size"] == 10
    assert ALTERNATE_ASSETS in merged["stac_extensions"]
    assert [s["source"] for s in merged["properties"]["stacdesk:sources"]] == [
        "cesnet",
        "dataspace",
    ]


def test_a_file_found_under_another_key_is_matched_by_its_name() -> None:
    merged = merged_item(
        [
            item("first", {"B04": {"href": "https://a/x/T33_B04_10m.jp2"}}),
            item("second", {"red": {"href": "https://b/y/t33_b04_10m.JP2?token=1"}}),
        ]
    )
    assert set(merged["assets"]) == {"B04"}
    assert merged["assets"]["B04"]["alternate"]["second"]["href"].startswith("https://b/")


def test_another_providers_conversion_or_different_bytes_stay_separate_assets() -> None:
    merged = merged_item(
        [
            item(
                "dataspace",
                {
                    "B04": {"href": "https://a/T33_B04.jp2", "type": JP2, "file:size": 10},
                    "B08": {"href": "https://a/T33_B08.jp2", "type": JP2},
                },
            ),
            item(
                "earth-search",
                {
                    "B04": {"href": "https://b/T33_B04.jp2", "type": JP2, "file:size": 11},
                    "B08": {"href": "https://b/B08.tif", "type": COG},
                    "red": {"href": "https://b/B04.tif", "type": COG},
                },
            ),
        ]
    )
    assets = merged["assets"]
    assert set(assets) == {"B04", "B04@earth-search", "B08", "B08@earth-search", "red"}
    assert not any("alternate" in asset for asset in assets.values())
    assert "stac_extensions" not in merged
