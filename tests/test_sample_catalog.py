"""Checks of the bundled offline sample catalog (resources/sample-catalog/).

Why: the app starts on this catalog with no network, so it must be valid-looking STAC, internally
consistent (extents, thumbnails, collections) and reproducible from its generator script.
Pure pytest: no Qt.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import shape

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "resources" / "sample-catalog"
SCRIPT = REPO / "resources" / "tools" / "make_sample_catalog.py"
FAKE_BASE = "https://example.invalid/sample/"
EXPECTED = {
    "sentinel-1-grd": (800, 1000),
    "sentinel-2-l2a": (1100, 1300),
    "landsat-c2-l2": (700, 900),
    "era5-pds": (24, 48),
}
T_START = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
T_END = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
CHECKSUM = re.compile(r"^1220[0-9a-f]{64}$")

Json = dict[str, Any]


def parse_time(value: str) -> dt.datetime:
    """Parse an RFC 3339 timestamp as written in the catalog."""
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def interval(item: Json) -> tuple[dt.datetime, dt.datetime]:
    """(start, end) of an item: start/end_datetime if present, else datetime."""
    p = item["properties"]
    start = p.get("start_datetime") or p["datetime"]
    end = p.get("end_datetime") or p["datetime"]
    return parse_time(start), parse_time(end)


def expected_bbox(item: Json) -> list[float]:
    """The bbox the geometry implies (antimeridian split: west part shifted by +360)."""
    geom = shape(item["geometry"])
    if item["bbox"][0] <= item["bbox"][2]:
        return list(geom.bounds)
    parts = list(geom.geoms)
    east = [g for g in parts if g.bounds[0] >= 0]
    west = [g for g in parts if g.bounds[2] <= 0]
    assert east and west and len(east) + len(west) == len(parts)
    ys = [b for g in parts for b in (g.bounds[1], g.bounds[3])]
    return [
        min(g.bounds[0] for g in east),
        min(ys),
        max(g.bounds[2] for g in west),
        max(ys),
    ]


@pytest.fixture(scope="module")
def collections() -> dict[str, Json]:
    """collections.json keyed by id."""
    data = json.loads((CATALOG / "collections.json").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return {c["id"]: c for c in data}


@pytest.fixture(scope="module")
def items() -> list[Json]:
    """Every item of items.ndjson.gz."""
    with gzip.open(CATALOG / "items.ndjson.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_files_present_and_small() -> None:
    for name in ("collections.json", "items.ndjson.gz", "README.md", "LICENSE.md"):
        assert (CATALOG / name).is_file(), name
    thumbs = list((CATALOG / "thumbnails").glob("*.jpg"))
    assert 100 <= len(thumbs) <= 400
    total = sum(p.stat().st_size for p in CATALOG.rglob("*") if p.is_file())
    assert total < 10_000_000
    assert sum(p.stat().st_size for p in thumbs) < 6_000_000
    readme = (CATALOG / "README.md").read_text(encoding="utf-8").lower()
    assert "synthetic" in readme and "example.invalid" in readme
    assert "cc0" in (CATALOG / "LICENSE.md").read_text(encoding="utf-8").lower()


def test_collections(collections: dict[str, Json]) -> None:
    assert set(collections) == set(EXPECTED)
    for c in collections.values():
        assert c["type"] == "Collection"
        assert c["stac_version"].startswith("1.")
        assert c["title"] and c["license"] and c["providers"]
        assert "synthetic" in c["description"].lower()
        assert "synthetic" in [k.lower() for k in c["keywords"]]
        assert c["attribution"] and c["attribution"] in c["description"]
        assert c["summaries"] and c["item_assets"]
        assert "thumbnail" in c["item_assets"]
        assert len(c["extent"]["spatial"]["bbox"][0]) == 4
        assert len(c["extent"]["temporal"]["interval"][0]) == 2
    assert "Copernicus Sentinel data" in collections["sentinel-2-l2a"]["attribution"]
    assert "Copernicus Sentinel data" in collections["sentinel-1-grd"]["attribution"]


def test_item_counts(items: list[Json]) -> None:
    counts = Counter(it["collection"] for it in items)
    for cid, (lo, hi) in EXPECTED.items():
        assert lo <= counts[cid] <= hi, (cid, counts[cid])
    assert 2500 <= len(items) <= 3500


def test_items_look_like_stac(items: list[Json], collections: dict[str, Json]) -> None:
    ids: set[str] = set()
    for it in items:
        iid = it["id"]
        assert it["type"] == "Feature", iid
        assert it["stac_version"].startswith("1.0"), iid
        assert iid not in ids, f"duplicate id {iid}"
        ids.add(iid)
        assert it["collection"] in collections, iid

        geom = shape(it["geometry"])
        assert geom.is_valid and not geom.is_empty, iid
        bbox = it["bbox"]
        assert len(bbox) == 4 and bbox[1] <= bbox[3], iid
        if bbox[0] > bbox[2]:
            assert it["geometry"]["type"] == "MultiPolygon", iid
        assert bbox == pytest.approx(expected_bbox(it), abs=1e-9), iid

        p = it["properties"]
        if p.get("datetime") is None:
            assert p["start_datetime"] and p["end_datetime"], iid
        start, end = interval(it)
        assert T_START <= start <= end <= T_END, iid

        rels = {link["rel"] for link in it["links"]}
        assert {"self", "parent", "collection", "root"} <= rels, iid
        assert not any(link["href"].startswith(("http:", "https:")) for link in it["links"])

        thumb = it["assets"]["thumbnail"]
        assert thumb["roles"] == ["thumbnail"] and thumb["type"] == "image/jpeg", iid
        assert thumb["href"].startswith("thumbnails/"), iid
        assert (CATALOG / thumb["href"]).is_file(), iid
        for key, asset in it["assets"].items():
            if key == "thumbnail":
                continue
            assert asset["href"].startswith((FAKE_BASE, "data/")), (iid, key)
            assert asset["roles"] and asset["type"], (iid, key)
            assert isinstance(asset["file:size"], int) and asset["file:size"] > 0, (iid, key)
            assert CHECKSUM.match(asset["file:checksum"]), (iid, key)


def test_collection_properties(items: list[Json]) -> None:
    for it in items:
        p, cid = it["properties"], it["collection"]
        if cid == "era5-pds":
            assert p["datetime"] is None and p["era5:kind"] in ("an", "fc")
            continue
        assert p["datetime"] and p["platform"] and p["constellation"] and p["instruments"]
        if cid in ("sentinel-2-l2a", "landsat-c2-l2"):
            assert 0 <= p["eo:cloud_cover"] <= 100
        if cid == "sentinel-2-l2a":
            assert re.fullmatch(
                r"S2[ABC]_MSIL2A_\d{8}T\d{6}_N\d{4}_R\d{3}_T\d{2}[A-Z]{3}_\d{8}T\d{6}", it["id"]
            )
            assert p["proj:code"].startswith("EPSG:32") and p["s2:mgrs_tile"] in it["id"]
        if cid == "landsat-c2-l2":
            assert re.fullmatch(r"LC0[89]_L2S[PR]_\d{6}_\d{8}_02_T[12]", it["id"])
            assert 32601 <= p["proj:epsg"] <= 32660
        if cid == "sentinel-1-grd":
            assert p["sar:instrument_mode"] in ("IW", "EW") and p["sar:frequency_band"] == "C"
            assert p["sat:orbit_state"] in ("ascending", "descending")
            assert p["s1:product_identifier"].startswith(it["id"])
            assert 1 <= p["sat:relative_orbit"] <= 175


def test_thumbnail_checksums_are_real(items: list[Json]) -> None:
    seen: dict[str, str] = {}
    for it in items:
        thumb = it["assets"]["thumbnail"]
        if thumb["href"] not in seen:
            data = (CATALOG / thumb["href"]).read_bytes()
            seen[thumb["href"]] = "1220" + hashlib.sha256(data).hexdigest()
            assert thumb["file:size"] == len(data)
        assert thumb["file:checksum"] == seen[thumb["href"]]
    assert len(seen) > 1 and len(seen) < len(items)  # a shared pool


def test_a_few_data_assets_are_real_small_geotiffs(items: list[Json]) -> None:
    """Downloads must work offline: some assets are files of the catalog, with their real size
    and checksum, and the folder holds no other data files (the cloud-optimised ones for
    previews are checked in test_sample_cogs.py)."""
    local = {
        asset["href"]: asset
        for it in items
        for asset in it["assets"].values()
        if asset["href"].startswith("data/")
    }
    on_disk = {p.relative_to(CATALOG).as_posix() for p in (CATALOG / "data").rglob("*.tif")}
    assert on_disk == set(local)
    local = {h: a for h, a in local.items() if "cloud-optimized" not in a["type"]}
    assert 3 <= len(local) <= 10
    for href, asset in local.items():
        data = (CATALOG / href).read_bytes()
        assert data[:4] == b"II*\x00" and len(data) < 20_000, href
        assert asset["file:size"] == len(data), href
        assert asset["file:checksum"] == "1220" + hashlib.sha256(data).hexdigest(), href
        assert asset["proj:shape"] == [64, 64], href


def test_geography(items: list[Json]) -> None:
    scenes = [it for it in items if it["collection"] != "era5-pds"]
    centres = [shape(it["geometry"]).centroid for it in scenes if it["bbox"][0] <= it["bbox"][2]]
    europe = sum(1 for c in centres if -11 < c.x < 41 and 35 < c.y < 67)
    czechia = sum(1 for c in centres if 12 < c.x < 19 and 48.5 < c.y < 51)
    assert 0.4 <= europe / len(scenes) <= 0.6
    assert czechia >= 200
    crossing = [it for it in scenes if it["bbox"][0] > it["bbox"][2]]
    assert 2 <= len(crossing) <= 20
    assert all(it["collection"] == "sentinel-1-grd" for it in crossing)
    polar = [it for it in scenes if it["bbox"][3] > 75 or it["bbox"][1] < -66]
    assert len(polar) >= 2


def test_extents_cover_items(items: list[Json], collections: dict[str, Json]) -> None:
    for cid, coll in collections.items():
        west, south, east, north = coll["extent"]["spatial"]["bbox"][0]
        t0, t1 = (parse_time(v) for v in coll["extent"]["temporal"]["interval"][0])
        members = [it for it in items if it["collection"] == cid]
        assert members, cid
        for it in members:
            b = it["bbox"]
            assert south <= b[1] and b[3] <= north, it["id"]
            if b[0] > b[2]:
                assert (west, east) == (-180.0, 180.0), it["id"]
            else:
                assert west <= b[0] and b[2] <= east, it["id"]
            start, end = interval(it)
            assert t0 <= start and end <= t1, it["id"]
        # the extent is tight: it matches the items, not a generic global default
        assert min(interval(it)[0] for it in members) == t0
        assert max(interval(it)[1] for it in members) == t1


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_generator_is_deterministic(tmp_path: Path) -> None:
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        subprocess.run(
            [sys.executable, str(SCRIPT), "--out", str(out)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    first, second = (_tree(out) for out in outs)
    assert set(first) == set(second)
    assert "items.ndjson.gz" in first and "collections.json" in first
    for name, data in first.items():
        assert data == second[name], name
