"""An indexed item file opens to the same catalog as a plain read (same items, columns, problems
and search answers), decodes no item until one is asked for, and a stale index is never used."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.catalogs.local_formats import read_local
from stacdesk.core.catalogs.local_index import IndexedItems, index_path, write_index
from stacdesk.core.query.search_query import SearchQuery
from tests.local_data import small_catalog
from tests.servers.catalog import GeneratedCatalog

S2 = "sentinel-2-l2a"
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCatalog:
    return small_catalog(tmp_path_factory)


@pytest.fixture
def items_file(catalog: GeneratedCatalog, tmp_path: Path) -> Path:
    """Gzipped ndjson with a blank line, a broken line and a non-item among the items."""
    lines = catalog.items_path(S2).read_text().splitlines()
    mixed = [lines[0], "", "{not json", *lines[1:5], "[1, 2]", *lines[5:]]
    path = tmp_path / "items.ndjson.gz"
    path.write_bytes(gzip.compress(("\n".join(mixed) + "\n").encode()))
    return path


def _plain(path: Path) -> LocalCatalog:
    """The file read whole, as without an index."""
    index = index_path(path)
    moved = index.rename(index.with_suffix(".off")) if index.exists() else None
    try:
        return LocalCatalog.open(path)
    finally:
        if moved is not None:
            moved.rename(index)


def test_indexed_open_equals_plain_read(items_file: Path) -> None:
    plain = _plain(items_file)
    write_index(items_file)
    found = read_local(items_file)
    assert isinstance(found.items, IndexedItems)
    indexed = LocalCatalog.open(items_file)
    assert (
        indexed.problems
        == plain.problems
        == ["2 lines of items.ndjson.gz are not STAC items and were skipped."]
    )
    assert len(indexed) == len(plain)
    assert indexed._collections == plain._collections  # synthesized from the columns alone
    assert list(indexed._ids) == list(plain._ids)
    assert list(indexed._collection_ids) == list(plain._collection_ids)
    for name in ("_t0", "_t1", "_bbox"):
        np.testing.assert_array_equal(getattr(indexed, name), getattr(plain, name))
    assert [indexed.item(r) for r in range(len(indexed))] == [
        plain.item(r) for r in range(len(plain))
    ]
    query = SearchQuery(bbox=(-10.0, 35.0, 30.0, 60.0), sortby=("-eo:cloud_cover",))
    assert list(indexed.matching_rows(query)) == list(plain.matching_rows(query))


def test_items_are_decoded_when_asked_for(items_file: Path) -> None:
    write_index(items_file)
    items = read_local(items_file).items
    assert isinstance(items, IndexedItems)
    assert items._decoded.count(None) == len(items)  # opening (collections too) decoded nothing
    last = items[-1]
    assert items[len(items) - 1] is last  # decoded once, then kept
    assert items._decoded.count(None) == len(items) - 1
    assert [i["id"] for i in items[:2]] == [items[0]["id"], items[1]["id"]]
    with pytest.raises(IndexError):
        items[len(items)]


def test_index_is_written_the_same_every_time(items_file: Path) -> None:
    first = write_index(items_file).read_bytes()
    assert write_index(items_file).read_bytes() == first


def test_a_stale_index_is_not_used(items_file: Path, catalog: GeneratedCatalog) -> None:
    write_index(items_file)
    fewer = catalog.items_path(S2).read_text().splitlines()[:3]
    items_file.write_bytes(gzip.compress(("\n".join(fewer) + "\n").encode()))
    found = read_local(items_file)
    assert not isinstance(found.items, IndexedItems)
    assert [i["id"] for i in found.items] == [json.loads(line)["id"] for line in fewer]


def test_the_shipped_sample_index_is_current() -> None:
    """resources/tools/make_sample_index.py was run after the sample last changed."""
    sample = REPO / "resources" / "sample-catalog" / "items.ndjson.gz"
    found = read_local(sample)
    assert isinstance(found.items, IndexedItems), "run resources/tools/make_sample_index.py"
    assert len(found.items) == 2948
