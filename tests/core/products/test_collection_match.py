"""Collections of different catalogs are matched by what they hold, not by their ids alone."""

from __future__ import annotations

from stacdesk.core.products.collection_match import (
    CollectionKind,
    collection_kind,
    counterparts,
)


def collection(cid: str, title: str = "", **summaries: list[str]) -> dict:
    return {"id": cid, "title": title, "summaries": summaries}


DATA_SPACE = [
    collection("sentinel-2-l1c", "Sentinel-2 Level-1C", **{"product:type": ["S2MSI1C"]}),
    collection("sentinel-2-l2a", "Sentinel-2 Level-2A", **{"product:type": ["S2MSI2A"]}),
    collection("sentinel-1-grd", "Sentinel-1 Ground Range Detected (GRD)"),
    collection("sentinel-1-slc", "Sentinel-1 Single Look Complex (SLC)"),
]
ELSEWHERE = [
    collection("S2_MSI_L2A", "Surface reflectance", platform=["Sentinel-2A", "Sentinel-2B"]),
    collection("s2-l1c-archive", "Top of atmosphere", constellation=["sentinel-2"]),
    collection("sentinel1-grd", "Sentinel-1 GRD", **{"sar:product_type": ["GRD"]}),
    collection("era5-pds", "ERA5 - PDS"),
]


def test_kinds_come_from_summaries_ids_and_titles() -> None:
    kinds = [collection_kind(c) for c in ELSEWHERE]
    assert kinds[:3] == [
        CollectionKind("sentinel-2", "L2A"),
        CollectionKind("sentinel-2", "L1C"),
        CollectionKind("sentinel-1", "GRD"),
    ]
    assert kinds[3] == CollectionKind("era5", "")
    assert collection_kind({"id": "cdr-sea-ice"}) is None and collection_kind("x") is None


def test_counterparts_by_kind_and_by_id() -> None:
    assert counterparts(DATA_SPACE[1], ELSEWHERE) == ["S2_MSI_L2A"]
    assert counterparts(DATA_SPACE[0], ELSEWHERE) == ["s2-l1c-archive"]
    assert counterparts(DATA_SPACE[2], ELSEWHERE) == ["sentinel1-grd"]
    assert counterparts(DATA_SPACE[3], ELSEWHERE) == []
    assert counterparts(ELSEWHERE[3], [collection("era5-pds"), collection("era5-other")]) == [
        "era5-pds"
    ]
    assert counterparts(collection("unknown"), [*DATA_SPACE, None, {"id": 3}]) == []
