"""The tests' catalog generator keeps its promises, and nothing but the real-data tier needs the
shared folder beside the checkout.

Why: every server, local-catalog and UI test trusts ``generated_catalog.py``: the layout the
fixtures read, hrefs that resolve on the asset server, byte-identical output per seed, and the
cases tests lean on (antimeridian crossings, items with start/end but no instant).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.servers.catalog import GeneratedCatalog, generate_catalog
from tests.servers.generated_catalog import FAMILIES, NOAA, generate

REPO = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:9/assets"
FEW = ("sentinel-1-grd", NOAA, "era5-pds")


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCatalog:
    out = tmp_path_factory.mktemp("gen")
    return generate_catalog(out, base_url=BASE, count=150, seed=3, families=FEW, parquet=True)


def test_layout_the_fixtures_read(catalog: GeneratedCatalog) -> None:
    assert catalog.collection_ids == list(FEW)
    for cid in FEW:
        assert json.loads(catalog.collection_path(cid).read_text())["id"] == cid
        assert (catalog.root / cid / "items.parquet").is_file()
    counts = {cid: len(items) for cid, items in catalog.items_by_collection.items()}
    assert counts["sentinel-1-grd"] + counts[NOAA] == 150  # ERA5's monthly series comes on top
    assert counts["era5-pds"] > 0
    manifest = json.loads((catalog.root / "manifest.json").read_text())
    assert manifest["collections"] == counts and manifest["warnings"] == []


def test_items_are_stac_with_hrefs_on_the_base_url(catalog: GeneratedCatalog) -> None:
    ids = [i["id"] for i in catalog.items]
    assert len(ids) == len(set(ids))
    for item in catalog.items:
        assert item["type"] == "Feature" and item["geometry"] and len(item["bbox"]) == 4
        assert "datetime" in item["properties"]
        assert all(re.match(r"https?://", link["href"]) for link in item["links"])
        for asset in item["assets"].values():
            assert asset["href"].startswith(BASE + "/")
            if "thumbnail" in asset.get("roles", []):  # served from the catalog folder
                name = asset["href"].removeprefix(BASE + "/thumbnails/")
                assert (catalog.root / "assets" / "thumbnails" / name).is_file()


def test_the_cases_tests_lean_on(catalog: GeneratedCatalog) -> None:
    s1 = catalog.items_by_collection["sentinel-1-grd"]
    crossing = [i for i in s1 if i["bbox"][0] > i["bbox"][2]]
    assert crossing and all(i["geometry"]["type"] == "MultiPolygon" for i in crossing)
    assert all(i["properties"]["datetime"] and i["properties"]["start_datetime"] for i in s1)
    for family in (NOAA, "era5-pds"):
        for item in catalog.items_by_collection[family]:
            props = item["properties"]
            assert props["datetime"] is None and props["start_datetime"] < props["end_datetime"]
    noaa_years = {i["properties"]["start_datetime"][:4] for i in catalog.items_by_collection[NOAA]}
    assert noaa_years == {"1978"}  # long before the other families: old ranges find these


def test_same_seed_same_bytes_other_seed_other_items(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        generate(tmp_path / name, base_url=BASE, count=40, seed=seed, families=FAMILIES)
    a, b, c = (files_of(tmp_path / name) for name in "abc")
    assert a == b
    s2 = "sentinel-2-l2a/items.ndjson"
    assert a[s2] != c[s2]


def test_unknown_family_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown families"):
        generate(tmp_path, base_url=BASE, count=10, seed=1, families=("sentinel-3",))


def test_only_the_real_data_tier_reads_the_shared_folder() -> None:
    """A clone has no shared folder: any other reader of it would fail or skip silently there."""
    allowed = {"tests/servers/catalog.py", "tests/test_generated_catalog.py"}
    readers = re.compile(r"shared_dir\(|real_data_dir\(|STACDESK_SHARED|stac-data")
    offenders = [
        path.relative_to(REPO).as_posix()
        for folder in ("tests", "benchmarks", "stacdesk")
        for path in (REPO / folder).rglob("*.py")
        if path.relative_to(REPO).as_posix() not in allowed
        and not path.relative_to(REPO).as_posix().startswith("tests/real_data/")
        and readers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
