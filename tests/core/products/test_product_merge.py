"""One row per product: the same scene written in the conventions of several catalogs merges,
different products that share a footprint and a time stay apart, and odd items never crash.

Each provider's shape below follows real items of that provider (ids, property names, which time
``datetime`` holds); the expected rows are stated from the scenes the items were made from.
"""

from __future__ import annotations

from typing import Any

import pytest

from stacdesk.core.products.product_identity import product_key
from stacdesk.core.products.product_merge import ProductMerger

SCENE = {
    "sat": "S2B",
    "level": "L2A",
    "start": "20250731T131909",
    "baseline": "0511",
    "orbit": "095",
    "tile": "20EPT",
    "generated": "20250731T143919",
}


def s2_name(scene: dict[str, str]) -> str:
    return (
        f"{scene['sat']}_MSI{scene['level']}_{scene['start']}_N{scene['baseline']}"
        f"_R{scene['orbit']}_T{scene['tile']}_{scene['generated']}"
    )


def iso(stamp: str, seconds: int = 0) -> str:
    second = int(stamp[13:15]) + seconds
    minute = int(stamp[11:13]) + second // 60
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[9:11]}:{minute:02d}:{second % 60:02d}Z"


def earth_search(scene: dict[str, str]) -> dict[str, Any]:
    """Earth Search: its own short id, the product name in ``s2:product_uri``, the tile's sensing
    time (seconds after the datatake's start) as ``datetime``, the MGRS extension."""
    return {
        "id": f"{scene['sat']}_{scene['tile']}_{scene['start'][:8]}_0_{scene['level']}",
        "collection": "sentinel-2-l2a",
        "properties": {
            "datetime": iso(scene["start"], 14),
            "platform": f"sentinel-2{scene['sat'][-1].lower()}",
            "mgrs:utm_zone": int(scene["tile"][:2]),
            "mgrs:latitude_band": scene["tile"][2],
            "mgrs:grid_square": scene["tile"][3:],
            "s2:product_uri": s2_name(scene) + ".SAFE",
            "s2:processing_baseline": f"{scene['baseline'][:2]}.{scene['baseline'][2:]}",
        },
    }


def data_space(scene: dict[str, str]) -> dict[str, Any]:
    """Copernicus Data Space: the product name as id, no ``s2:`` fields, grid and processing
    extensions, the datatake's start as ``datetime``."""
    return {
        "id": s2_name(scene),
        "collection": "sentinel-2-l2a",
        "properties": {
            "datetime": iso(scene["start"]),
            "platform": f"sentinel-2{scene['sat'][-1].lower()}",
            "grid:code": f"MGRS-{scene['tile']}",
            "product:type": f"S2MSI{scene['level'][1:]}",
            "processing:version": f"{scene['baseline'][:2]}.{scene['baseline'][2:]}",
        },
    }


def properties_only(scene: dict[str, str]) -> dict[str, Any]:
    """A catalog that names items by an opaque id and states the product only in properties."""
    return {
        "id": "dhr1006adbc3-5f9d-4273-8d00-1bdf8b435603",
        "collection": "sentinel-2",
        "properties": {
            "datetime": iso(scene["start"], 40),
            "platform": f"Sentinel-2{scene['sat'][-1]}",
            "s2:mgrs_tile": scene["tile"],
            "s2:product_type": f"S2MSI{scene['level'][1:]}",
            "s2:datatake_id": f"G{scene['sat']}_{scene['start']}_043879_N{scene['baseline'][:2]}."
            f"{scene['baseline'][2:]}",
        },
    }


def merged(items: list[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    merger = ProductMerger()
    for source, item in items:
        merger.add(source, item)
    return [[f"{r.source}:{r.item_id}" for r in p.sources] for p in merger.products]


def test_one_sentinel2_product_in_three_conventions_is_one_row() -> None:
    items = [("es", earth_search(SCENE)), ("cdse", data_space(SCENE))]
    items.append(("cesnet", properties_only(SCENE)))
    rows = merged(items)
    assert len(rows) == 1 and [ref.split(":")[0] for ref in rows[0]] == ["es", "cdse", "cesnet"]


@pytest.mark.parametrize(
    "change",
    [{"level": "L1C"}, {"baseline": "0500"}, {"tile": "20EPU"}, {"sat": "S2A"}],
    ids=["other level", "other baseline", "neighbour tile", "other satellite"],
)
def test_a_different_sentinel2_product_at_the_same_time_stays_apart(change: dict) -> None:
    other = SCENE | change
    for convention in (earth_search, data_space, properties_only):
        assert len(merged([("a", data_space(SCENE)), ("b", convention(other))])) == 2


def test_the_same_tile_on_another_pass_stays_apart() -> None:
    later = SCENE | {"start": "20250810T131909", "generated": "20250810T143919"}
    assert len(merged([("a", earth_search(SCENE)), ("b", earth_search(later))])) == 2


S1 = "S1A_IW_GRDH_1SDV_20220428T034417_20220428T034442_042968_05213C"
S1_NEXT_SLICE = "S1A_IW_GRDH_1SDV_20220428T034442_20220428T034507_042968_05213C"


def s1_properties_only(start: str) -> dict[str, Any]:
    """Planetary Computer's shape without the name: orbit, decimal datatake, start time."""
    return {
        "id": f"opaque-{start}",
        "properties": {
            "datetime": "2022-04-28T03:44:30.207391Z",
            "start_datetime": start,
            "platform": "SENTINEL-1A",
            "sar:instrument_mode": "IW",
            "sar:product_type": "GRD",
            "s1:resolution": "high",
            "s1:processing_level": "1",
            "sar:polarizations": ["VV", "VH"],
            "sat:absolute_orbit": 42968,
            "s1:datatake_id": str(0x05213C),
        },
    }


def test_sentinel1_slices_merge_by_name_or_orbit_and_datatake_but_not_with_the_next_slice() -> None:
    cesnet = {
        "id": "dhr-x",
        "properties": {"datetime": "2022-04-28T03:44:30Z", "s1:product_identifier": S1 + "_1020"},
    }
    rows = merged(
        [
            ("pc", {"id": S1, "properties": {"datetime": "2022-04-28T03:44:30Z"}}),
            ("cdse", {"id": S1 + "_COG", "properties": {"datetime": "2022-04-28T03:44:17Z"}}),
            ("cesnet", cesnet),
            ("other", s1_properties_only("2022-04-28 03:44:17.707575+00:00")),
            ("pc", {"id": S1_NEXT_SLICE, "properties": {"datetime": "2022-04-28T03:44:55Z"}}),
            ("other", s1_properties_only("2022-04-28T03:44:42.707Z")),
        ]
    )
    assert [len(r) for r in rows] == [4, 2]


def test_landsat_by_product_id_or_properties_and_levels_apart() -> None:
    by_id = {
        "id": "LC08_L2SP_047027_20201204_02_T1",
        "properties": {"datetime": "2020-12-04T19:02:11Z"},
    }
    long_id = {"id": "LC08_L2SP_047027_20201204_20210313_02_T1", "properties": {}}
    properties = {
        "id": "usgs-1",
        "properties": {
            "datetime": "2020-12-04T19:02:11.194486Z",
            "platform": "landsat-8",
            "landsat:correction": "L2SP",
            "landsat:wrs_path": "047",
            "landsat:wrs_row": "027",
            "landsat:collection_number": "02",
            "landsat:collection_category": "T1",
        },
    }
    other_level = {"id": "LC08_L2SR_047027_20201204_02_T1", "properties": {}}
    next_pass = {"id": "LC08_L2SP_047027_20201220_02_T1", "properties": {}}
    rows = merged([("a", by_id), ("b", long_id), ("c", properties), ("d", other_level)])
    rows_next = merged([("a", by_id), ("e", next_pass)])
    assert [len(r) for r in rows] == [3, 1] and len(rows_next) == 2


def test_other_items_merge_on_id_and_time_only() -> None:
    era5 = {"id": "era5-2020-01", "properties": {"datetime": "2020-01-01T00:00:00Z"}}
    later = {"id": "era5-2020-01", "properties": {"datetime": "2020-02-01T00:00:00Z"}}
    assert [len(r) for r in merged([("a", era5), ("b", era5), ("c", later)])] == [2, 1]


def test_an_item_answered_twice_adds_no_source() -> None:
    merger = ProductMerger()
    first = merger.add("es", earth_search(SCENE))
    again = merger.add("es", earth_search(SCENE))
    assert (first.new_row, again.new_row, again.new_source) == (True, False, False)
    assert merger.products[0].source_names == ["es"]
    undated = {"id": "x", "properties": {}}
    assert merger.add("es", undated).new_row and not merger.add("es", undated).new_row
    assert len(merger) == 2


@pytest.mark.parametrize(
    "item",
    [
        None,
        "text",
        {},
        {"id": 5, "properties": []},
        {"id": "x", "properties": {"platform": 7, "datetime": "soon"}},
        {"id": "x", "properties": {"platform": "sentinel-2a", "grid:code": "MGRS-", "datetime": 1}},
        {"id": "x", "properties": {"platform": "sentinel-1a", "sar:polarizations": "VV"}},
        {
            "id": "x",
            "properties": {
                "mgrs:utm_zone": "z",
                "mgrs:latitude_band": "E",
                "mgrs:grid_square": "PT",
                "datetime": "2020-01-01T00:00:00Z",
            },
        },
    ],
)
def test_odd_items_are_products_of_their_own(item: Any) -> None:
    merger = ProductMerger()
    assert merger.add("a", item).new_row and merger.add("b", item).new_row is (
        product_key(item) is None
    )
