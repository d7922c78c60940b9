"""The compact result store: search results as columns, not as one pystac Item per result.

A page is turned into a ``ResultBatch`` in a worker thread (parsing, footprints, compression), then
appended on the GUI thread in one cheap step. Each item's JSON is kept compressed (``item_blobs``)
and only decompressed for the details panel, so 100,000 results stay small. A search's first page is
compressed after it is on screen (``compress_rows``): compressing is half of building its columns,
and until then nobody waits for the memory.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson

from stacdesk.core.common.datetimes import parse_datetime
from stacdesk.core.common.errors import CatalogError
from stacdesk.core.common.events import Event
from stacdesk.core.common.json_bytes import json_bytes, scrubbed
from stacdesk.core.common.json_fields import list_field
from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.geo.footprint_batch import page_footprint_rings
from stacdesk.core.geo.geometry import bbox_of
from stacdesk.core.results.item_blobs import compress as _compress
from stacdesk.core.results.item_blobs import compress_all, json_of_blob

FLOAT32_MAX = float(np.finfo(np.float32).max)
_GAP = np.full((1, 2), np.nan)  # ends a ring in the footprint columns
_NO_POINTS = np.empty((0, 2), np.float32)

SKIPPED_NO_ID = QT_TRANSLATE_NOOP(
    "ResultBatch",
    "%Ln results without an id were skipped.",
    "%Ln result without an id was skipped.",
    1,
)
NO_GEOMETRY = QT_TRANSLATE_NOOP(
    "ResultBatch",
    "%Ln results have no usable geometry (not on the map).",
    "%Ln result has no usable geometry (not on the map).",
    1,
)
NO_DATE = QT_TRANSLATE_NOOP(
    "ResultBatch", "%Ln results have no date.", "%Ln result has no date.", 1
)


def _number(value: Any) -> float:
    """A finite number that fits the float32 columns, else NaN (unknown)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return np.nan
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        return np.nan
    return number if abs(number) <= FLOAT32_MAX else np.nan


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _label(value: Any) -> str:
    """A short repeated label (collection, platform): interned, so 100,000 rows share one string."""
    return sys.intern(_text(value))


def _dump(feature: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """The feature as JSON bytes, and the feature those bytes hold (scrubbed if it had to be)."""
    try:
        return feature, orjson.dumps(feature)
    except TypeError:
        feature = scrubbed(feature)
        return feature, json_bytes(feature)


def compressed_blobs(blobs: list[bytes]) -> list[bytes]:
    """Plain item JSON compressed as the store keeps it (a worker's job: it drops the GIL)."""
    return compress_all(blobs)


def _thumbnail_href(feature: dict[str, Any]) -> str | None:
    assets = feature.get("assets")
    if not isinstance(assets, dict):
        return None
    preferred = None
    for key, asset in assets.items():
        if not isinstance(asset, dict) or not isinstance(asset.get("href"), str):
            continue
        roles = list_field(asset, "roles")
        if "thumbnail" in roles or key == "thumbnail":
            return asset["href"]
        if preferred is None and ("overview" in roles or key in ("rendered_preview", "preview")):
            preferred = asset["href"]
    return preferred


@dataclass
class ResultBatch:
    """One page of results in column form; built off the GUI thread."""

    ids: list[str]
    collections: list[str]
    platforms: list[str]
    thumbnails: list[str | None]
    datetimes: np.ndarray  # float64 epoch seconds, NaN when unknown
    cloud_cover: np.ndarray  # float32 percent, NaN when unknown
    bboxes: np.ndarray  # (n, 4) float64
    ring_x: np.ndarray  # float32 lon of every footprint ring, each ring closed then NaN
    ring_y: np.ndarray
    ring_offsets: np.ndarray  # (n + 1,) int64: item i's rings are ring_x[off[i]:off[i+1]]
    blobs: list[bytes]  # item JSON, compressed (``item_blobs``) unless ``compressed`` is False
    problems: list[str] = field(default_factory=list)
    compressed: bool = True
    # one shapely footprint per row (``footprint_index.batch_geometries``), made in the page's
    # worker so the map's index does not build them on the GUI thread; None: not made yet
    geometries: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_features(
        cls,
        features: list[dict[str, Any]],
        compress: bool = True,
        raws: Sequence[bytes | None] | None = None,
    ) -> ResultBatch:
        """Parse plain STAC item dicts; items without an id are skipped and reported.

        ``compress=False`` keeps the JSON plain, for the store's ``compress_rows`` to do later.
        ``raws`` (one per feature, None where unknown) is each feature's JSON as the server sent
        it (``page_json.decode_items``): kept as it is instead of encoding the dict again."""
        ids: list[str] = []
        collections: list[str] = []
        platforms: list[str] = []
        thumbnails: list[str | None] = []
        datetimes: list[float] = []
        clouds: list[float] = []
        bboxes: list[tuple[float, float, float, float]] = []
        pieces: list[np.ndarray] = []  # each ring's (k, 2) points, then a NaN row
        offsets = [0]
        blobs: list[bytes] = []
        missing_id = missing_geometry = missing_datetime = 0
        footprints = page_footprint_rings(
            [f.get("geometry") if isinstance(f, dict) else None for f in features]
        )
        for n, original in enumerate(features):
            if not isinstance(original, dict):
                missing_id += 1
                continue
            raw = raws[n] if raws is not None else None
            if raw is not None and raw[:1] == b"{":
                feature, blob = original, raw
            else:
                feature, blob = _dump(original)
            item_id = feature.get("id")
            if not isinstance(item_id, str | int) or item_id == "":
                missing_id += 1
                continue
            props = feature.get("properties")
            props = props if isinstance(props, dict) else {}
            when = parse_datetime(props.get("datetime"))
            if np.isnan(when):
                when = parse_datetime(props.get("start_datetime"))
            if np.isnan(when):
                missing_datetime += 1
            rings = footprints[n]
            if not rings:
                missing_geometry += 1
            for ring in rings:
                pieces += (ring, _GAP)
            offsets.append(offsets[-1] + sum(len(r) + 1 for r in rings))
            ids.append(str(item_id))
            collections.append(_label(feature.get("collection")))
            platforms.append(_label(props.get("platform")))
            thumbnails.append(_thumbnail_href(feature))
            datetimes.append(when)
            clouds.append(_number(props.get("eo:cloud_cover")))
            bboxes.append(bbox_of(feature, rings))
            blobs.append(_compress(blob) if compress else blob)
        problems = [
            phrase(n=count)
            for phrase, count in (
                (SKIPPED_NO_ID, missing_id),
                (NO_GEOMETRY, missing_geometry),
                (NO_DATE, missing_datetime),
            )
            if count
        ]
        points = np.concatenate(pieces).astype(np.float32) if pieces else _NO_POINTS
        return cls(
            ids=ids,
            collections=collections,
            platforms=platforms,
            thumbnails=thumbnails,
            datetimes=np.asarray(datetimes, dtype=np.float64),
            cloud_cover=np.asarray(clouds, dtype=np.float32),
            bboxes=np.asarray(bboxes, dtype=np.float64).reshape(-1, 4),
            ring_x=np.ascontiguousarray(points[:, 0]),
            ring_y=np.ascontiguousarray(points[:, 1]),
            ring_offsets=np.asarray(offsets, dtype=np.int64),
            blobs=blobs,
            problems=problems,
            compressed=compress,
        )


class _GrowingArray:
    """A numpy column grown by amortised doubling: appends stay cheap, reads are views."""

    def __init__(self, dtype: Any, width: int = 0) -> None:
        shape = (16, width) if width else (16,)
        self._data = np.empty(shape, dtype=dtype)
        self._size = 0

    def extend(self, values: np.ndarray) -> None:
        needed = self._size + len(values)
        if needed > len(self._data):
            grown = np.empty(
                (max(needed, 2 * len(self._data)), *self._data.shape[1:]), self._data.dtype
            )
            grown[: self._size] = self._data[: self._size]
            self._data = grown
        self._data[self._size : needed] = values
        self._size = needed

    @property
    def values(self) -> np.ndarray:
        return self._data[: self._size]


class ResultStore:
    """All results of the current search, in arrival order, duplicates dropped.

    ``appended(start, end, batch)`` fires after rows ``start..end-1`` were added (``batch`` holds
    exactly those rows); ``cleared()`` fires when a new search empties the store.
    """

    def __init__(self) -> None:
        self.appended: Event[[int, int, ResultBatch]] = Event()
        self.cleared: Event[[]] = Event()
        self.generation = -1  # bumped by every reset: which search's rows these are
        self._reset()

    def _reset(self) -> None:
        self.ids: list[str] = []
        self.collections: list[str] = []
        self.platforms: list[str] = []
        self.thumbnails: list[str | None] = []
        self._blobs: list[bytes] = []
        self._index: dict[str, int] = {}
        self._datetimes = _GrowingArray(np.float64)
        self._cloud = _GrowingArray(np.float32)
        self._bboxes = _GrowingArray(np.float64, 4)
        self.batches: list[tuple[int, ResultBatch]] = []
        self.duplicates = 0
        self.raw_bytes = 0
        self.generation += 1

    def clear(self) -> None:
        self._reset()
        self.cleared.emit()

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def datetimes(self) -> np.ndarray:
        return self._datetimes.values

    @property
    def cloud_cover(self) -> np.ndarray:
        return self._cloud.values

    @property
    def bboxes(self) -> np.ndarray:
        return self._bboxes.values

    def row_of(self, item_id: str) -> int | None:
        return self._index.get(item_id)

    def append(self, batch: ResultBatch) -> int:
        """Add a batch, dropping ids already present; return the number of rows added."""
        seen: set[str] = set()  # a page may repeat an id too
        keep = []
        for i, item_id in enumerate(batch.ids):
            if item_id not in self._index and item_id not in seen:
                seen.add(item_id)
                keep.append(i)
        if len(keep) != len(batch):
            self.duplicates += len(batch) - len(keep)
            batch = subset(batch, keep)
        if not len(batch):
            return 0
        start = len(self.ids)
        for offset, item_id in enumerate(batch.ids):
            self._index[item_id] = start + offset
        self.ids += batch.ids
        self.collections += batch.collections
        self.platforms += batch.platforms
        self.thumbnails += batch.thumbnails
        self._blobs += batch.blobs
        self.raw_bytes += sum(len(b) for b in batch.blobs)
        self._datetimes.extend(batch.datetimes)
        self._cloud.extend(batch.cloud_cover)
        self._bboxes.extend(batch.bboxes)
        batch.blobs = []  # the store holds them now; the batch keeps only drawing data
        self.batches.append((start, batch))
        self.appended.emit(start, len(self.ids), batch)
        return len(batch)

    def stored_blobs(self, start: int, end: int) -> list[bytes]:
        """The stored JSON of rows ``start..end-1`` (for ``compressed_blobs`` in a worker)."""
        return self._blobs[start:end]

    def compress_rows(self, start: int, blobs: list[bytes], generation: int) -> None:
        """Put the compressed JSON of rows from ``start`` in place of the plain one; nothing if
        the store was cleared since (another search's rows are there now)."""
        if generation != self.generation:
            return
        for row, blob in enumerate(blobs, start):
            self.raw_bytes += len(blob) - len(self._blobs[row])
            self._blobs[row] = blob

    def item(self, row: int) -> dict[str, Any]:
        """The full STAC item of ``row``, decompressed on demand."""
        return orjson.loads(json_of_blob(self._blobs[row]))

    def items(self, rows: Iterable[int]) -> Iterator[dict[str, Any]]:
        """The rows' items, decompressed one at a time (also from a worker thread: the store
        only grows while a search pages; a new search replaces the store)."""
        for row in rows:
            try:
                yield self.item(row)
            except IndexError:
                raise CatalogError("The results changed meanwhile (a new search?).") from None

    def item_json(self, row: int) -> bytes:
        return json_of_blob(self._blobs[row])

    def footprint(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """The NaN-separated rings of one row, for highlighting it on the map."""
        for start, batch in reversed(self.batches):
            if row >= start:
                local = row - start
                a, b = batch.ring_offsets[local], batch.ring_offsets[local + 1]
                return batch.ring_x[a:b], batch.ring_y[a:b]
        raise IndexError(row)


def subset(batch: ResultBatch, keep: list[int]) -> ResultBatch:
    """The rows ``keep`` of a batch, footprints included."""
    xs, ys, offsets = [], [], [0]
    for i in keep:
        a, b = batch.ring_offsets[i], batch.ring_offsets[i + 1]
        xs.append(batch.ring_x[a:b])
        ys.append(batch.ring_y[a:b])
        offsets.append(offsets[-1] + (b - a))
    return ResultBatch(
        ids=[batch.ids[i] for i in keep],
        collections=[batch.collections[i] for i in keep],
        platforms=[batch.platforms[i] for i in keep],
        thumbnails=[batch.thumbnails[i] for i in keep],
        datetimes=batch.datetimes[keep],
        cloud_cover=batch.cloud_cover[keep],
        bboxes=batch.bboxes[keep].reshape(-1, 4),
        ring_x=np.concatenate(xs) if xs else np.empty(0, np.float32),
        ring_y=np.concatenate(ys) if ys else np.empty(0, np.float32),
        ring_offsets=np.asarray(offsets, dtype=np.int64),
        blobs=[batch.blobs[i] for i in keep],
        problems=batch.problems,
        compressed=batch.compressed,
        geometries=None if batch.geometries is None else batch.geometries[keep],
    )
