"""A stac-geoparquet file searched as it is read, never read whole.

Why: a local catalog used to read every item of a Parquet file into dicts at open (rustac's
``read_sync``): a million Sentinel-2 items are gigabytes, so exporting a whole collection from
its stac-geoparquet copy could not stream. Opening now reads only the columns a search tests
(collection, time range, bbox: ~60 bytes an item; ids only when a search names ids or sorts by
them), and an item is converted from Arrow when it is first asked for, ``CHUNK`` neighbours at a
time with the row group they lie in; only the last chunk and the last row group are kept. A page
is converted at once (``items_at``): the row groups its items lie in are read in file order.
Without a sort asked for, a search answers in the file's own order, so an export reads each row
group once; a sorted search reads the row groups its page touches for every page (slower on a
large file, never larger).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from stacdesk.core.catalogs.local_index import ItemColumns, ItemsOnDemand
from stacdesk.core.catalogs.local_items import LocalItems, prepared_item
from stacdesk.core.common.errors import CatalogError

Json = dict[str, Any]
CHUNK = 250  # items converted from Arrow at once (rustac holds ~140 KiB an item while it runs)


def clean_feature(feature: Json, base: Path) -> Json:
    """A feature as rustac gives it, as the other formats give items: the nulls stac-geoparquet
    gives a property only some items have are dropped (``datetime`` excepted, where null is
    meaningful), the bbox is a list, and hrefs are absolute."""
    props = feature.get("properties")
    if isinstance(props, dict):
        feature["properties"] = {k: v for k, v in props.items() if v is not None or k == "datetime"}
    if isinstance(feature.get("bbox"), tuple):
        feature["bbox"] = list(feature["bbox"])
    return prepared_item(feature, base)


class LazyIds:
    """The id column, read from the file on first use (a search by ids, a sort by id)."""

    def __init__(self, path: Path, count: int) -> None:
        self._path, self._count = path, count
        self._ids: np.ndarray | None = None

    def __len__(self) -> int:
        return self._count

    def _array(self) -> np.ndarray:
        if self._ids is None:
            import pyarrow.parquet as pq

            column = pq.read_table(self._path, columns=["id"]).column("id")
            self._ids = np.asarray(column.to_pylist(), dtype=object)
        return self._ids

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self._array() if dtype is None else self._array().astype(dtype)

    def __getitem__(self, rows: Any) -> Any:
        return self._array()[rows]


def _seconds(table: Any, name: str, count: int) -> np.ndarray:
    """A timestamp column as float epoch seconds (NaN for null or missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if name not in table.column_names:
        return np.full(count, np.nan)
    try:  # a timestamp column (text dates are parsed by Arrow, or are unknown)
        micros = pc.cast(pc.cast(table.column(name), pa.timestamp("us", "UTC")), pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return np.full(count, np.nan)
    return np.asarray(pc.fill_null(pc.cast(micros, pa.float64()), math.nan)) / 1e6


def _bbox(table: Any, count: int) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    out = np.full((count, 4), np.nan)
    if "bbox" not in table.column_names:
        return out
    column = table.column("bbox")
    if not pa.types.is_struct(column.type):
        return out
    names = [f.name for f in column.type]
    for i, name in enumerate(("xmin", "ymin", "xmax", "ymax")):
        if name in names:
            field = pc.struct_field(column, name)
            out[:, i] = np.asarray(pc.fill_null(pc.cast(field, pa.float64()), math.nan))
    return out


def read_columns(path: Path) -> tuple[ItemColumns, Any]:
    """What a search tests, without the items; and the open ParquetFile."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        names = set(parquet.schema_arrow.names)
        wanted = ["collection", "datetime", "start_datetime", "end_datetime", "bbox"]
        table = parquet.read(columns=[n for n in wanted if n in names])
    except Exception as exc:  # ArrowInvalid, OSError: not Parquet, or unreadable
        raise CatalogError(f"Cannot read {path} as stac-geoparquet: {exc}") from exc
    if "id" not in names or "geometry" not in names:
        raise CatalogError(f"{path} holds no STAC items (no id or geometry column).")
    count = table.num_rows
    if "collection" in table.column_names:
        codes = table.column("collection").combine_chunks().dictionary_encode()
        labels = np.asarray(["" if v is None else str(v) for v in codes.dictionary.to_pylist()])
        indices = np.asarray(codes.indices.fill_null(0))
        collections = labels.astype(object)[indices] if len(labels) else np.full(count, "", object)
    else:
        collections = np.full(count, "", dtype=object)
    t0, t1 = _seconds(table, "start_datetime", count), _seconds(table, "end_datetime", count)
    instant = _seconds(table, "datetime", count)
    ranged = ~(np.isnan(t0) | np.isnan(t1))
    t0, t1 = np.where(ranged, t0, instant), np.where(ranged, t1, instant)
    ids: Any = LazyIds(path, count)
    return ItemColumns(ids, collections, t0, t1, _bbox(table, count)), parquet


class ParquetItems(ItemsOnDemand):
    """The items of a stac-geoparquet file, converted ``CHUNK`` at a time when first asked for
    (thread-safe: searches run in workers); only the last chunk and row group stay."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.columns, self._parquet = read_columns(self.path)
        sizes = [
            self._parquet.metadata.row_group(i).num_rows
            for i in range(self._parquet.num_row_groups)
        ]
        self._group_starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])
        self._lock = threading.Lock()
        self._chunk_at = -1
        self._chunk: list[Json] = []
        self._group_at = -1
        self._group: Any = None

    def __len__(self) -> int:
        return len(self.columns.t0)

    def _item(self, row: int) -> Json:
        with self._lock:
            start = row - row % CHUNK
            if start != self._chunk_at:
                self._chunk = self._convert(start, min(start + CHUNK, len(self)))
                self._chunk_at = start
            return self._chunk[row - start]

    def items_at(self, rows: Sequence[int]) -> list[Json]:
        """The items of ``rows`` (a page, in any order): each row group they lie in is read
        once, in file order, and only their rows are converted, ``CHUNK`` at a time."""
        wanted = np.asarray(rows, dtype=np.int64)
        out: list[Json | None] = [None] * len(wanted)
        groups = np.searchsorted(self._group_starts, wanted, side="right") - 1
        with self._lock:
            for group in np.unique(groups):
                where = np.flatnonzero(groups == group)
                where = where[np.argsort(wanted[where], kind="stable")]
                for at in range(0, len(where), CHUNK):
                    piece = where[at : at + CHUNK]
                    for i, item in zip(piece, self._taken(int(group), wanted[piece]), strict=True):
                        out[i] = item
        return out  # type: ignore[return-value]

    def _row_group(self, group: int) -> Any:
        if group != self._group_at:
            self._group, self._group_at = None, -1  # the old one goes before the new comes
            self._group, self._group_at = self._parquet.read_row_group(group), group
        return self._group

    def _taken(self, group: int, rows: np.ndarray) -> list[Json]:
        """Items of ``rows``, all in row group ``group``."""
        import rustac

        # taken, not sliced: rustac's Arrow reader rejects arrays with an offset
        table = self._row_group(group).take(rows - self._group_starts[group]).combine_chunks()
        try:
            features = rustac.from_arrow(table).get("features", [])
        except Exception as exc:  # RustacError: not stac-geoparquet after all
            raise CatalogError(f"Cannot read {self.path} as stac-geoparquet: {exc}") from exc
        return [clean_feature(f, self.path.parent) for f in features]

    def _convert(self, start: int, end: int) -> list[Json]:
        items: list[Json] = []
        position = start
        while position < end:
            group = int(np.searchsorted(self._group_starts, position, side="right")) - 1
            stop = min(end, int(self._group_starts[group + 1]))
            items += self._taken(group, np.arange(position, stop))
            position = stop
        return items

    def synthesized_collections(self) -> list[Json]:
        """Collections named by the items (files rarely carry collection.json), from the
        columns: no item is converted."""
        out = []
        ids = self.columns.collection_ids
        for cid in dict.fromkeys(ids.tolist()):
            box = self.columns.bbox[ids == cid]
            box = box[~np.isnan(box).any(axis=1)]
            spatial = (
                [[*box[:, :2].min(axis=0).tolist(), *box[:, 2:].max(axis=0).tolist()]]
                if len(box)
                else [[-180.0, -90.0, 180.0, 90.0]]
            )
            out.append(
                {
                    "type": "Collection",
                    "id": cid,
                    "title": cid or "(items without a collection)",
                    "description": "",
                    "extent": {
                        "spatial": {"bbox": spatial},
                        "temporal": {"interval": [[None, None]]},
                    },
                }
            )
        return out


def read_parquet(path: Path) -> LocalItems:
    """A stac-geoparquet file as local items, read as searched (see the module)."""
    items = ParquetItems(path)
    return LocalItems(items, [], path.name)  # type: ignore[arg-type]
