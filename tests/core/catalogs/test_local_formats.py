"""Every way items sit on disk reads to the same items: geoparquet, ndjson(.gz), GeoJSON, one
item, a static catalog tree (what a download folder is), folders; bad files give one clear
CatalogError."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import rustac
from shapely.geometry import shape

from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.catalogs.local_formats import looks_like_catalog, read_local
from stacdesk.core.common.datetimes import parse_datetime
from stacdesk.core.common.errors import CatalogError
from tests.local_data import small_catalog
from tests.servers.catalog import GeneratedCatalog

S2 = "sentinel-2-l2a"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCatalog:
    return small_catalog(tmp_path_factory)


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [i["id"] for i in items]


def comparable(props: dict[str, Any]) -> dict[str, Any]:
    """Timestamps as instants: Parquet stores them as numbers and writes them back its own way."""
    out = {}
    for key, value in props.items():
        if isinstance(value, str) and "T" in value and not np.isnan(parse_datetime(value)):
            value = int(np.floor(parse_datetime(value) * 1000 + 1e-3))  # whole milliseconds
        out[key] = value
    return out


def same_items(read: list[dict[str, Any]], source: list[dict[str, Any]]) -> None:
    """Same ids, collections, properties and (as shapes) geometries."""
    assert sorted(ids(read)) == sorted(ids(source))
    by_id = {i["id"]: i for i in read}
    for original in source:
        got = by_id[original["id"]]
        assert got["collection"] == original["collection"]
        assert comparable(got["properties"]) == comparable(original["properties"])
        assert shape(got["geometry"]).equals(shape(original["geometry"]))
        assert set(got["assets"]) == set(original["assets"])


def test_geoparquet_file(catalog: GeneratedCatalog) -> None:
    found = read_local(catalog.root / S2 / "items.parquet")
    same_items(found.items, catalog.items_by_collection[S2])
    assert [c["id"] for c in found.collections] == [S2]  # named by the items
    assert found.problems == []


def test_ndjson_and_gzipped_ndjson(catalog: GeneratedCatalog, tmp_path: Path) -> None:
    plain = catalog.items_path(S2)
    gz = tmp_path / "items.ndjson.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    for path in (plain, gz):
        same_items(read_local(path).items, catalog.items_by_collection[S2])


def test_feature_collection_and_single_item(catalog: GeneratedCatalog, tmp_path: Path) -> None:
    items = catalog.items_by_collection["landsat-c2-l2"]
    fc = tmp_path / "results.geojson"
    fc.write_text(json.dumps({"type": "FeatureCollection", "features": items}))
    same_items(read_local(fc).items, items)
    one = tmp_path / "item.json"
    one.write_text(json.dumps(items[0]))
    assert ids(read_local(one).items) == [items[0]["id"]]


def test_generated_catalog_folder_uses_its_collections(catalog: GeneratedCatalog) -> None:
    opened = LocalCatalog.open(catalog.root)
    assert len(opened) == len(catalog.items)
    assert {c.id for c in opened.collections()} == set(catalog.collection_ids)
    titles = {c.id: c.title for c in opened.collections()}
    assert titles[S2] == next(c["title"] for c in catalog.collections if c["id"] == S2)


def write_static_catalog(root: Path, items: list[dict[str, Any]], collection_id: str) -> Path:
    """A static catalog as stacdesk's download folder writes one: relative links, local assets."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "catalog.json").write_text(
        json.dumps(
            {
                "type": "Catalog",
                "id": "downloads",
                "stac_version": "1.1.0",
                "description": "Downloaded scenes",
                "title": "My downloads",
                "links": [
                    {"rel": "root", "href": "./catalog.json"},
                    {"rel": "child", "href": f"./{collection_id}/collection.json"},
                    {"rel": "child", "href": "https://example.invalid/remote/catalog.json"},
                ],
            }
        )
    )
    coll_dir = root / collection_id
    coll_dir.mkdir()
    links = [{"rel": "root", "href": "../catalog.json"}]
    for item in items:
        item_dir = coll_dir / item["id"]
        item_dir.mkdir()
        local = dict(item)
        local.pop("collection")  # the parent collection supplies it
        local["assets"] = {"data": {"href": "./data.tif", "roles": ["data"]}}
        (item_dir / f"{item['id']}.json").write_text(json.dumps(local))
        (item_dir / "data.tif").write_bytes(b"fake")
        links.append({"rel": "item", "href": f"./{item['id']}/{item['id']}.json"})
    (coll_dir / "collection.json").write_text(
        json.dumps(
            {
                "type": "Collection",
                "id": collection_id,
                "stac_version": "1.1.0",
                "description": "x",
                "license": "proprietary",
                "extent": {
                    "spatial": {"bbox": [[-180, -90, 180, 90]]},
                    "temporal": {"interval": [[None, None]]},
                },
                "links": links,
            }
        )
    )
    return root


def test_static_catalog_tree(catalog: GeneratedCatalog, tmp_path: Path) -> None:
    items = catalog.items_by_collection[S2][:5]
    root = write_static_catalog(tmp_path / "downloads", items, S2)
    for path in (root, root / "catalog.json"):
        found = read_local(path)
        assert ids(found.items) == ids(items)
        assert {i["collection"] for i in found.items} == {S2}
        assert [c["id"] for c in found.collections] == [S2]
        assert found.title == "My downloads"
        href = found.items[0]["assets"]["data"]["href"]
        assert Path(href).is_absolute() and Path(href).read_bytes() == b"fake"
        assert found.problems == ["1 link to a web or cloud address was not followed."]


def test_items_of_a_static_catalog_link_to_their_own_file(
    catalog: GeneratedCatalog, tmp_path: Path
) -> None:
    items = catalog.items_by_collection[S2][:3]
    root = write_static_catalog(tmp_path / "downloads", items, S2)
    for item in items:
        item_file = root / S2 / item["id"] / f"{item['id']}.json"
        data = json.loads(item_file.read_text())
        data["links"] = [{"rel": "self", "href": f"./{item['id']}.json"}]
        item_file.write_text(json.dumps(data))
    found = read_local(root)
    for item in found.items:
        selfs = [link["href"] for link in item["links"] if link.get("rel") == "self"]
        assert selfs == [str((root / S2 / item["id"] / f"{item['id']}.json").resolve())]


def test_static_catalog_survives_a_link_loop_and_a_missing_item(tmp_path: Path) -> None:
    item = {
        "type": "Feature",
        "stac_version": "1.1.0",
        "id": "a",
        "geometry": {"type": "Point", "coordinates": [1, 2]},
        "bbox": [1, 2, 1, 2],
        "properties": {"datetime": "2024-01-01T00:00:00Z"},
        "links": [],
        "assets": {},
    }
    (tmp_path / "a.json").write_text(json.dumps(item))
    (tmp_path / "catalog.json").write_text(
        json.dumps(
            {
                "type": "Catalog",
                "id": "c",
                "description": "",
                "links": [
                    {"rel": "child", "href": "./catalog.json"},
                    {"rel": "item", "href": "./a.json"},
                    {"rel": "item", "href": "./missing.json"},
                ],
            }
        )
    )
    found = read_local(tmp_path)
    assert ids(found.items) == ["a"]
    assert found.problems == ["1 linked file could not be read and was skipped."]
    assert [c["id"] for c in found.collections] == [""]  # items without a collection


def test_bad_lines_are_skipped_and_reported(tmp_path: Path, catalog: GeneratedCatalog) -> None:
    lines = catalog.items_path(S2).read_text().splitlines()[:3]
    path = tmp_path / "mixed.ndjson"
    path.write_text("\n".join([lines[0], "{not json", lines[1], "[1, 2]", lines[2]]) + "\n")
    found = read_local(path)
    assert len(found.items) == 3
    assert found.problems == ["2 lines of mixed.ndjson are not STAC items and were skipped."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.parquet", None, "No such file or folder"),
        ("broken.parquet", b"garbage", "Cannot read"),
        ("plain.json", b'{"type": "Polygon", "coordinates": []}', "is not STAC items"),
        ("text.ndjson", b"hello\nworld\n", "has no readable STAC items"),
        ("empty-folder", "dir", "holds no catalog.json"),
        ("parquet.json", b"PAR1\x00\x00", "is a Parquet file"),
    ],
)
def test_unreadable_sources_raise_one_clear_error(
    tmp_path: Path, name: str, content: bytes | str | None, message: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(CatalogError, match=message) as caught:
        read_local(path)
    assert "\n" not in str(caught.value)


def test_looks_like_catalog_tells_items_from_areas(
    tmp_path: Path, catalog: GeneratedCatalog
) -> None:
    area = tmp_path / "area.geojson"
    area.write_text(
        json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]})
    )
    items = tmp_path / "items.geojson"
    items.write_text(json.dumps({"type": "FeatureCollection", "features": catalog.items[:2]}))
    assert not looks_like_catalog(area)
    assert looks_like_catalog(items)
    assert looks_like_catalog(catalog.root / S2 / "items.parquet")
    assert looks_like_catalog(catalog.root)


def test_geoparquet_nulls_of_other_items_are_not_invented(
    tmp_path: Path, catalog: GeneratedCatalog
) -> None:
    """Mixed collections in one Parquet file: properties one family lacks stay absent."""
    items = catalog.items_by_collection[S2][:3] + catalog.items_by_collection["landsat-c2-l2"][:3]
    path = tmp_path / "mixed.parquet"
    rustac.write_sync(str(path), items)
    same_items(read_local(path).items, items)
