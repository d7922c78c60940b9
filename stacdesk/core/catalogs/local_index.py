"""A precomputed column index of an ndjson item file, so opening the file decodes no item.

Why: opening the bundled sample decoded and prepared all 2,948 items (~1 s, most of P8's start-up)
although a search needs only the id, collection, time range and bbox of each item, and a page the
JSON of its few items. The index holds those columns and where each item's line lies in the
decompressed file; an item is decoded, and its hrefs made absolute, when it is first asked for.

The index is written at build time (``resources/tools/make_sample_index.py``) and trusted only
while the item file has the size and CRC-32 it was made from; otherwise the file is read whole.
"""

from __future__ import annotations

import gzip
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import numpy as np
import orjson

from stacdesk.core.catalogs.local_items import LocalItems, prepared_item
from stacdesk.core.catalogs.problems import LINES_SKIPPED
from stacdesk.core.common.datetimes import parse_datetime

Json = dict[str, Any]
INDEX_FORMAT = "stacdesk-item-index/1"


def index_path(items_file: Path) -> Path:
    """Where the index of ``items_file`` lives: beside it (``items.ndjson.gz.index.json.gz``)."""
    return items_file.with_name(items_file.name + ".index.json.gz")


def _time_range(props: dict[str, Any]) -> tuple[float, float]:
    """pgstac's extent of an item: start/end_datetime when both are set, else its datetime."""
    start = parse_datetime(props.get("start_datetime"))
    end = parse_datetime(props.get("end_datetime"))
    if not (np.isnan(start) or np.isnan(end)):
        return start, end
    instant = parse_datetime(props.get("datetime"))
    return instant, instant


@dataclass(frozen=True)
class ItemColumns:
    """What a local search tests without the item JSON, one row per item."""

    ids: np.ndarray  # object (str)
    collection_ids: np.ndarray  # object (str)
    t0: np.ndarray  # float64 epoch seconds, NaN when unknown
    t1: np.ndarray
    bbox: np.ndarray  # (n, 4) float64 west, south, east, north; NaN when missing

    @classmethod
    def of(cls, items: Sequence[Json]) -> ItemColumns:
        """The columns of decoded items (the one definition both the index and a plain open use)."""
        n = len(items)
        ids = np.array([str(i.get("id", "")) for i in items], dtype=object)
        collection_ids = np.array([str(i.get("collection") or "") for i in items], dtype=object)
        t0, t1 = np.full(n, np.nan), np.full(n, np.nan)
        bbox = np.full((n, 4), np.nan)
        for row, item in enumerate(items):
            props = item.get("properties") if isinstance(item.get("properties"), dict) else {}
            t0[row], t1[row] = _time_range(props)
            box = item.get("bbox")
            try:
                if isinstance(box, list | tuple) and len(box) == 4:
                    bbox[row] = box
                elif isinstance(box, list | tuple) and len(box) == 6:
                    bbox[row] = [box[0], box[1], box[3], box[4]]
            except (TypeError, ValueError):
                pass  # a malformed bbox: the geometry decides
        return cls(ids, collection_ids, t0, t1, bbox)


class ItemsOnDemand(Sequence[Json]):
    """A file's items made when asked for, as a list reads: negative rows count from the end,
    a slice is a list, a row past the end is an ``IndexError``."""

    def __len__(self) -> int:
        raise NotImplementedError

    def _item(self, row: int) -> Json:
        """The item at ``row`` (0 ≤ row < len)."""
        raise NotImplementedError

    @overload
    def __getitem__(self, row: int) -> Json: ...

    @overload
    def __getitem__(self, row: slice) -> list[Json]: ...

    def __getitem__(self, row: int | slice) -> Json | list[Json]:
        if isinstance(row, slice):
            return [self._item(i) for i in range(*row.indices(len(self)))]
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self._item(row)


class IndexedItems(ItemsOnDemand):
    """The items of an indexed file, decoded and prepared on first access (thread-safe: searches
    run in workers). The file is decompressed once, when the first item is asked for."""

    def __init__(
        self, raw: bytes, starts: np.ndarray, ends: np.ndarray, base: Path, columns: ItemColumns
    ) -> None:
        self.columns = columns
        self._raw: bytes | None = raw
        self._data = b""
        self._starts = starts
        self._ends = ends
        self._base = base
        self._decoded: list[Json | None] = [None] * len(starts)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._decoded)

    def _item(self, row: int) -> Json:
        item = self._decoded[row]
        if item is None:
            with self._lock:
                item = self._decoded[row]
                if item is None:
                    item = self._decoded[row] = self._decode(row)
        return item

    def outlines(self) -> list[Json]:
        """Each item's collection and bbox, from the columns (what synthesized collections need),
        without decoding an item."""
        return [
            {"collection": cid, **({} if np.isnan(box).any() else {"bbox": box.tolist()})}
            for cid, box in zip(self.columns.collection_ids, self.columns.bbox, strict=True)
        ]

    def _decode(self, row: int) -> Json:
        if self._raw is not None:
            self._data = gzip.decompress(self._raw) if self._raw[:2] == b"\x1f\x8b" else self._raw
            self._raw = None
        line = self._data[int(self._starts[row]) : int(self._ends[row])]
        return prepared_item(orjson.loads(line), self._base)


def _lines(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    spans, start = [], 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if data[start:end].strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _source_key(raw: bytes) -> dict[str, int]:
    return {"size": len(raw), "crc32": zlib.crc32(raw)}


def write_index(items_file: Path) -> Path:
    """Write the index of an ndjson(.gz) item file beside it; byte-for-byte the same every time."""
    raw = items_file.read_bytes()
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    items, spans, bad = [], [], 0
    for start, end in _lines(data):
        try:
            value = orjson.loads(data[start:end])
        except orjson.JSONDecodeError:
            bad += 1
            continue
        if isinstance(value, dict) and value.get("type") == "Feature" and "id" in value:
            items.append(value)
            spans.append((start, end))
        else:
            bad += 1
    columns = ItemColumns.of(items)
    document = {
        "format": INDEX_FORMAT,
        "source": _source_key(raw),
        "bad_lines": bad,
        "ids": columns.ids.tolist(),
        "collections": columns.collection_ids.tolist(),
        "t0": columns.t0.tolist(),  # NaN is written as null
        "t1": columns.t1.tolist(),
        "bbox": columns.bbox.tolist(),
        "starts": [s for s, _ in spans],
        "ends": [e for _, e in spans],
    }
    path = index_path(items_file)
    path.write_bytes(gzip.compress(orjson.dumps(document), mtime=0))
    return path


def read_indexed(items_file: Path) -> LocalItems | None:
    """The items of ``items_file`` through its index; None when there is no index or it was made
    from another version of the file (the caller reads the file whole then)."""
    path = index_path(items_file)
    if not path.is_file():
        return None
    try:
        document = orjson.loads(gzip.decompress(path.read_bytes()))
    except (OSError, EOFError, orjson.JSONDecodeError):
        return None
    raw = items_file.read_bytes()
    if (
        not isinstance(document, dict)
        or document.get("format") != INDEX_FORMAT
        or document.get("source") != _source_key(raw)
    ):
        return None
    columns = ItemColumns(
        np.array(document["ids"], dtype=object),
        np.array(document["collections"], dtype=object),
        np.array(document["t0"], dtype=float),  # null becomes NaN
        np.array(document["t1"], dtype=float),
        np.array(document["bbox"], dtype=float).reshape(-1, 4),
    )
    if not document["starts"]:
        return None  # nothing readable: the whole read says why
    starts = np.array(document["starts"], dtype=np.int64)
    ends = np.array(document["ends"], dtype=np.int64)
    items = IndexedItems(raw, starts, ends, items_file.parent, columns)
    bad = int(document.get("bad_lines", 0))
    problems = [LINES_SKIPPED(items_file.name, n=bad)] if bad else []
    return LocalItems(items, [], items_file.name, problems)  # type: ignore[arg-type]
