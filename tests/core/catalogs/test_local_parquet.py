"""A stac-geoparquet catalog is read as it is searched: every search answers exactly what the
file read whole answers (same items; in the same order when a sort is asked, else in the file's
own order), while only one chunk of items and one row group are held, and the id column is not
even read unless a search needs it."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from stacdesk.core.catalogs import local_parquet
from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.catalogs.local_formats import read_geoparquet
from stacdesk.core.catalogs.local_parquet import LazyIds, ParquetItems
from stacdesk.core.query.search_query import SearchQuery
from tests.local_data import small_catalog
from tests.servers.catalog import GeneratedCatalog

S2 = "sentinel-2-l2a"
CHUNK = 16


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCatalog:
    return small_catalog(tmp_path_factory)


@pytest.fixture
def parquet(catalog: GeneratedCatalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The generated items in row groups of 37, converted 16 at a time: chunks straddle groups."""
    monkeypatch.setattr(local_parquet, "CHUNK", CHUNK)
    path, source = tmp_path / "items.parquet", catalog.root / S2 / "items.parquet"
    metadata = {
        k: v for k, v in pq.ParquetFile(source).metadata.metadata.items() if b"ARROW" not in k
    }
    table = pq.read_table(source)
    pq.write_table(table.replace_schema_metadata(metadata), path, row_group_size=37)
    assert pq.ParquetFile(path).num_row_groups > 3
    return path


def _all(catalog: LocalCatalog, query: SearchQuery) -> list[dict]:
    source, items = catalog.search(query), []
    while (page := source.next_page()) is not None:
        items += page.features
    return items


QUERIES = [
    SearchQuery(limit=10),
    SearchQuery(limit=10, sortby=("datetime",)),
    SearchQuery(limit=7, bbox=(0.0, 40.0, 30.0, 60.0)),
    SearchQuery(limit=10, datetime="2023-01-01T00:00:00Z/2023-06-30T23:59:59Z"),
    SearchQuery(limit=10, sortby=("-eo:cloud_cover",)),
    SearchQuery(limit=10, filter="eo:cloud_cover < 30"),
]


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_every_search_answers_what_the_whole_file_answers(
    parquet: Path, query: SearchQuery
) -> None:
    streamed = LocalCatalog.open(parquet)
    assert isinstance(streamed._items, ParquetItems)
    whole = LocalCatalog("whole", str(parquet), read_geoparquet(parquet), [])
    expected = _all(whole, query)
    assert expected  # the query finds something
    got = _all(streamed, query)
    if query.sortby:
        assert got == expected
    else:  # the file's own order (read once), the same items
        assert sorted(got, key=lambda i: i["id"]) == sorted(expected, key=lambda i: i["id"])
        rows = {item["id"]: row for row, item in enumerate(read_geoparquet(parquet))}
        assert [rows[i["id"]] for i in got] == sorted(rows[i["id"]] for i in got)
    items = streamed._items
    assert len(items._chunk) <= CHUNK  # one chunk held, not the file
    assert isinstance(items.columns.ids, LazyIds) and items.columns.ids._ids is None


def test_ids_and_id_order_read_the_id_column_when_asked(parquet: Path) -> None:
    streamed = LocalCatalog.open(parquet)
    whole = LocalCatalog("whole", str(parquet), read_geoparquet(parquet), [])
    some = tuple(item["id"] for item in _all(whole, SearchQuery(limit=50))[::9])
    by_ids = SearchQuery(ids=some, limit=5)
    assert {i["id"] for i in _all(streamed, by_ids)} == set(some)
    by_id = SearchQuery(sortby=("id",), limit=20)
    assert _all(streamed, by_id) == _all(whole, by_id)


def test_collections_are_named_from_the_columns(parquet: Path) -> None:
    found = LocalCatalog.open(parquet)
    collection = found.collections()[0]
    assert [c.id for c in found.collections()] == [S2]
    assert collection.bbox is not None and collection.bbox[0] < collection.bbox[2]


def test_not_stac_geoparquet_is_a_clear_error(tmp_path: Path) -> None:
    import pyarrow as pa

    from stacdesk.core.common.errors import CatalogError

    path = tmp_path / "table.parquet"
    pq.write_table(pa.table({"a": [1, 2]}), path)
    with pytest.raises(CatalogError, match="no STAC items"):
        LocalCatalog.open(path)
