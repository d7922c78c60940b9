"""Exports read back to the same results: GeoJSON and ndjson with json, CSV with csv, geoparquet
with pyarrow and rustac, URL lists and metalink 4 (sizes, checksums) with ElementTree."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import rustac
from shapely.geometry import shape

from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.export.metalink import multihash_to_metalink
from stacdesk.core.export.writers import (
    CSV_COLUMNS,
    AssetChoice,
    ExportError,
    export_bytes,
    export_items,
    format_for_path,
)
from stacdesk.resources import resource_path
from tests.local_data import small_catalog
from tests.servers.catalog import GeneratedCatalog

NS = {"m": "urn:ietf:params:xml:ns:metalink"}


@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Items of every family, NOAA ones without a datetime, one per collection at least."""
    catalog: GeneratedCatalog = small_catalog(tmp_path_factory)
    chosen = []
    for family in catalog.items_by_collection.values():
        chosen += family[:6]
    return chosen


def test_geojson_and_ndjson_round_trip(items: list[dict[str, Any]], tmp_path: Path) -> None:
    result = export_items(items, tmp_path / "r.geojson")
    assert (result.format, result.items) == ("geojson", len(items))
    assert json.loads((tmp_path / "r.geojson").read_text()) == {
        "type": "FeatureCollection",
        "features": items,
    }
    export_items(items, tmp_path / "r.ndjson")
    lines = (tmp_path / "r.ndjson").read_text().splitlines()
    assert [json.loads(line) for line in lines] == items
    assert export_bytes(items, "ndjson") == (tmp_path / "r.ndjson").read_bytes()


def test_csv_columns_and_values(items: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    export_items(items, path, assets=AssetChoice(keys=("thumbnail",), roles=("data",)))
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    assert header[: len(CSV_COLUMNS)] == list(CSV_COLUMNS)
    assert header[len(CSV_COLUMNS)] == "asset:thumbnail"  # asked-for keys first
    data_keys = {k for i in items for k, a in i["assets"].items() if "data" in a.get("roles", [])}
    assert {h.removeprefix("asset:") for h in header[len(CSV_COLUMNS) + 1 :]} == data_keys
    for row, item in zip(rows, items, strict=True):
        props = item["properties"]
        assert row["id"] == item["id"]
        assert row["collection"] == item["collection"]
        if props.get("datetime"):
            assert row["datetime"] == props["datetime"]
        else:
            assert row["datetime"] == f"{props['start_datetime']}/{props['end_datetime']}"
        cc = props.get("eo:cloud_cover")
        assert row["cloud_cover"] == ("" if cc is None else str(cc))
        bbox = [float(row[f"bbox_{s}"]) for s in ("west", "south", "east", "north")]
        assert bbox == pytest.approx(item["bbox"][:4])
        for key in data_keys | {"thumbnail"}:
            expected = item["assets"].get(key, {}).get("href", "")
            if key != "thumbnail" and "data" not in item["assets"].get(key, {}).get("roles", []):
                expected = ""
            assert row[f"asset:{key}"] == expected


def test_csv_self_link(tmp_path: Path, items: list[dict[str, Any]]) -> None:
    item = dict(items[0], links=[{"rel": "self", "href": "https://x.invalid/items/a"}])
    rows = export_bytes([item], "csv").decode().splitlines()
    assert rows[1].split(",")[CSV_COLUMNS.index("self_href")] == "https://x.invalid/items/a"


@pytest.mark.parametrize(
    ("href", "written"),
    [
        ("./S1A_x.json", ""),  # the sample's relative self link names nothing outside its folder
        ("items/a.json", ""),
        ("https://x.invalid/items/a", "https://x.invalid/items/a"),
        ("s3://bucket/items/a.json", "s3://bucket/items/a.json"),
        ("/data/catalog/a/a.json", "/data/catalog/a/a.json"),
        ("C:\\data\\a.json", "C:\\data\\a.json"),
    ],
)
def test_csv_self_href_is_absolute_or_empty(
    items: list[dict[str, Any]], href: str, written: str
) -> None:
    item = dict(items[0], links=[{"rel": "self", "href": href}])
    rows = list(csv.DictReader(io.StringIO(export_bytes([item], "csv").decode())))
    assert rows[0]["self_href"] == written


def test_geoparquet_round_trip_with_pyarrow_and_rustac(
    items: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "r.parquet"
    result = export_items(items, path)
    assert result.format == "geoparquet" and result.items == len(items)
    table = pq.read_table(path)
    assert table.num_rows == len(items)
    assert sorted(table.column("id").to_pylist()) == sorted(i["id"] for i in items)
    assert set(table.column("collection").to_pylist()) == {i["collection"] for i in items}
    back = {f["id"]: f for f in rustac.read_sync(str(path))["features"]}
    for item in items:
        assert shape(back[item["id"]]["geometry"]).equals(shape(item["geometry"]))
    # and stacdesk opens its own export as a local catalog
    assert len(LocalCatalog.open(path)) == len(items)


def test_geoparquet_drops_what_parquet_cannot_hold_and_says_so(
    items: list[dict[str, Any]], tmp_path: Path
) -> None:
    odd = json.loads(json.dumps(items[:2]))
    first_asset = next(iter(odd[0]["assets"].values()))
    first_asset["xarray:open_kwargs"] = {"chunks": {}}
    odd[1]["geometry"] = None
    result = export_items(odd, tmp_path / "odd.parquet")
    assert result.items == 1
    assert any("without a geometry" in n for n in result.notes)
    assert any("empty JSON objects" in n for n in result.notes)
    with pytest.raises(ExportError, match="at least one item"):
        export_items([], tmp_path / "none.parquet")
    assert not (tmp_path / "none.parquet").exists()


def test_url_list_of_chosen_assets(items: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    result = export_items(items, path, assets=AssetChoice(keys=("thumbnail",)))
    expected = [i["assets"]["thumbnail"]["href"] for i in items if "thumbnail" in i["assets"]]
    assert path.read_text().splitlines() == expected
    assert (result.items, result.assets) == (len(items), len(expected))
    every = export_bytes(items[:1], "urls").decode().splitlines()
    assert every == [a["href"] for a in items[0]["assets"].values()]


def test_metalink_has_sizes_checksums_and_unique_names(tmp_path: Path) -> None:
    """The bundled sample carries file:size and file:checksum (sha2-256 multihashes)."""
    sample = LocalCatalog.open(resource_path("sample-catalog"))
    items = [sample.item(r) for r in range(5)]
    path = tmp_path / "r.meta4"
    assert format_for_path(path) == "metalink"
    result = export_items(items, path)
    root = ET.parse(path).getroot()
    files = root.findall("m:file", NS)
    assert result.assets == len(files) == sum(len(i["assets"]) for i in items)
    assert len({f.get("name") for f in files}) == len(files)
    by_href = {a["href"]: a for i in items for a in i["assets"].values()}
    checked = 0
    for element in files:
        href = element.find("m:url", NS).text
        asset = by_href[href]
        assert not element.get("name").startswith(("/", ".."))
        if "file:size" in asset:
            assert int(element.find("m:size", NS).text) == asset["file:size"]
        if "file:checksum" in asset:
            digest = element.find("m:hash", NS)
            assert digest.get("type") == "sha-256"
            assert digest.text == asset["file:checksum"][4:]
            checked += 1
    assert checked > 0


def test_multihash_conversion() -> None:
    data = b"stacdesk"
    sha256 = "1220" + hashlib.sha256(data).hexdigest()
    assert multihash_to_metalink(sha256) == ("sha-256", hashlib.sha256(data).hexdigest())
    md5 = "d50110" + hashlib.md5(data).hexdigest()
    assert multihash_to_metalink(md5) == ("md5", hashlib.md5(data).hexdigest())
    assert multihash_to_metalink("1220abcd") is None  # length does not match
    assert multihash_to_metalink("not hex") is None
    assert multihash_to_metalink("1e20" + "00" * 32) is None  # blake3: not in metalink


def test_failed_export_leaves_no_file(tmp_path: Path, items: list[dict[str, Any]]) -> None:
    def broken() -> Any:
        yield items[0]
        raise RuntimeError("results changed")

    path = tmp_path / "r.geojson"
    with pytest.raises(RuntimeError):
        export_items(broken(), path)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError, match="Unknown export format"):
        export_items(items, tmp_path / "r.xyz")
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(ExportError, match="Cannot write"):
        export_items(items, blocked / "r.geojson")
