"""Real providers' items of the same products merge into one row each, and no others do.

The expected rows are computed without the code under test: Earth Search's two Sentinel-2
collections share ``s2:product_uri``; Landsat and Sentinel-1 items of several providers use the
product name as their id. Real Planetary Computer Sentinel-2 items, with the id and product name
taken away, must still find their originals through their properties alone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from stacdesk.core.products.product_merge import ProductMerger


def read(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / "items.ndjson").read_text().splitlines() if line]


def rows_of(sources: dict[str, list[dict[str, Any]]]) -> set[frozenset[tuple[str, str]]]:
    merger = ProductMerger()
    for source, items in sources.items():
        for item in items:
            merger.add(source, item)
    return {frozenset((r.source, r.item_id) for r in p.sources) for p in merger.products}


def expected_rows(sources: dict[str, list[dict[str, Any]]], same) -> set[frozenset]:
    groups: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for source, items in sources.items():
        for item in items:
            groups[same(item)].add((source, item["id"]))
    return {frozenset(group) for group in groups.values()}


def test_earth_search_sentinel2_collections_merge_by_product(shared_data: Path) -> None:
    folder = shared_data / "real" / "sentinel-2-l2a"
    sources = {
        "earth-search": read(folder / "variants" / "earth-search"),
        "earth-search-c1": read(folder / "variants" / "earth-search-c1"),
        "data-space": read(folder / "variants" / "cdse"),
        "planetary-computer": read(folder),
    }

    def product(item: dict[str, Any]) -> str:
        uri = item["properties"].get("s2:product_uri")
        return uri.removesuffix(".SAFE") if uri else item["id"]

    expected = expected_rows(sources, product)
    assert rows_of(sources) == expected
    assert any(len(row) > 1 for row in expected)


def test_landsat_and_sentinel1_of_several_providers_merge_by_product_id(shared_data: Path) -> None:
    for family in ("landsat-c2-l2", "sentinel-1-grd"):
        folder = shared_data / "real" / family
        sources = {"main": read(folder)}
        for variant in sorted((folder / "variants").iterdir()):
            if (variant / "items.ndjson").exists():
                sources[variant.name] = read(variant)
        assert rows_of(sources) == expected_rows(sources, lambda item: item["id"])


def test_planetary_computer_items_without_their_names_find_their_originals(
    shared_data: Path,
) -> None:
    originals = read(shared_data / "real" / "sentinel-2-l2a")
    stripped = []
    for n, item in enumerate(originals):
        properties = {k: v for k, v in item["properties"].items() if k != "s2:product_uri"}
        stripped.append({"id": f"opaque-{n}", "properties": properties})
    rows = rows_of({"named": originals, "unnamed": stripped})
    expected = {
        frozenset({("named", item["id"]), ("unnamed", f"opaque-{n}")})
        for n, item in enumerate(originals)
    }
    assert rows == expected


def test_real_collections_of_one_family_are_of_one_kind(shared_data: Path) -> None:
    from stacdesk.core.products.collection_match import collection_kind

    for family in ("sentinel-2-l2a", "sentinel-1-grd", "landsat-c2-l2"):
        folder = shared_data / "real" / family
        paths = [folder / "collection.json", *sorted(folder.glob("variants/*/collection.json"))]
        kinds = {collection_kind(json.loads(path.read_text())) for path in paths}
        assert len(kinds) == 1 and next(iter(kinds)).product, (family, kinds)
