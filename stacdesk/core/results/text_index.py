"""The store's text columns in a form that is searched and sorted in C: a million rows in
milliseconds, where a Python loop over them took seconds.

Ids are kept lower-cased as one UTF-8 buffer with row offsets (Arrow's string layout): a word is
found by scanning the buffer with numpy from the word's rarest byte, then checked in place, so a
word that matches nothing costs as little as one that matches everything (Arrow's own substring
match took ten times longer on a miss); the same buffers are an Arrow array for sorting. The
collection and platform labels, few and repeated, are one small integer code per row. The index
keeps the matches of the last few words over many rows (typing a letter and taking it back asks
for them again; rows never change once appended, so they stay true until a new search). It
catches up with the store on demand, ``CATCH_UP_ROWS`` at a time (so a worker thread building it
lets the GUI thread run between pieces), and forgets everything when a new search empties it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np

from stacdesk.core.results.store import ResultStore

if TYPE_CHECKING:  # imported where first used: pyarrow.compute takes ~50 ms to import at start
    import pyarrow as pa

CATCH_UP_ROWS = 10_000
LABEL_COLUMNS = ("collections", "platforms")
SPARSE_BELOW = 64  # a byte rarer than 1 in this many: search from where it occurs
RECENT_WORDS = 4  # words whose matches over many rows are kept (typing back and forth)
RECENT_FROM_ROWS = 100_000  # ranges smaller than this are searched again
BLOCK_ROWS = 8_192  # ids searched at a time: text and scratch stay in cache (3x faster than 32k)


class _Growing:
    """A 1-d numpy array grown by doubling (appends cheap, reads are views)."""

    def __init__(self, dtype: type, first: object = None) -> None:
        self.data = np.empty(1024, dtype=dtype)
        self.size = 0
        if first is not None:
            self.extend(np.array([first], dtype=dtype))

    def extend(self, values: np.ndarray) -> None:
        needed = self.size + len(values)
        if needed > len(self.data):
            grown = np.empty(max(needed, 2 * len(self.data)), self.data.dtype)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size : needed] = values
        self.size = needed

    @property
    def values(self) -> np.ndarray:
        return self.data[: self.size]


class TextIndex:
    """Lower-cased ids and label codes over ``store``'s rows; safe to use from two threads."""

    def __init__(self, store: ResultStore) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._reset()
        store.cleared.connect(self._reset)

    def _reset(self) -> None:
        with self._lock:
            self.generation = self.store.generation
            self._bytes = _Growing(np.uint8)  # the lower-cased ids, one after the other
            self._offsets = _Growing(np.int64, 0)  # row i is _bytes[off[i]:off[i + 1]]
            self._byte_counts = np.zeros(256, np.int64)  # how often each byte occurs
            self._codes: dict[str, list[np.ndarray]] = {name: [] for name in LABEL_COLUMNS}
            self._labels: dict[str, dict[str, int]] = {name: {} for name in LABEL_COLUMNS}
            self._recent: dict[tuple[str, int, int], np.ndarray] = {}  # oldest first
            self.rows = 0  # rows covered so far

    def catch_up(self, end: int | None = None) -> bool:
        """Cover the store's rows up to ``end`` (all by default); False if a new search came."""
        import pyarrow as pa
        import pyarrow.compute as pc

        end = len(self.store) if end is None else end
        while True:
            with self._lock:
                if self.generation != self.store.generation:
                    return False
                start = self.rows
                if start >= end:
                    return True
                stop = min(end, start + CATCH_UP_ROWS)
                lowered = pc.utf8_lower(pa.array(self.store.ids[start:stop], pa.large_string()))
                self._append_strings(lowered)
                for name in LABEL_COLUMNS:
                    codes = self._labels[name]
                    values = getattr(self.store, name)[start:stop]
                    for label in dict.fromkeys(values):
                        codes.setdefault(label, len(codes))
                    fresh = np.fromiter((codes[v] for v in values), np.int32, len(values))
                    self._codes[name].append(fresh)
                self.rows = stop

    def _append_strings(self, lowered: pa.Array) -> None:
        _, offsets, data = lowered.buffers()
        first = np.frombuffer(offsets, np.int64)[lowered.offset : lowered.offset + len(lowered) + 1]
        chunk = (
            np.frombuffer(data, np.uint8)[first[0] : first[-1]] if data else np.empty(0, np.uint8)
        )
        base = self._offsets.values[-1]
        self._bytes.extend(chunk)
        self._offsets.extend(first[1:] - first[0] + base)
        self._byte_counts += np.bincount(chunk, minlength=256)

    def lower_ids(self, start: int = 0, end: int | None = None) -> pa.Array:
        """Rows ``start..end-1`` of the lower-cased ids (covered first if they were not), as an
        Arrow array over the index's own buffers (no copy)."""
        import pyarrow as pa

        end = len(self.store) if end is None else end
        self.catch_up(end)
        with self._lock:
            offsets, data = self._offsets.values[: end + 1], self._bytes.values
            array = pa.Array.from_buffers(
                pa.large_string(), end, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
            )
            return array.slice(start, end - start)

    def _id_matches(self, word: str, start: int, end: int) -> np.ndarray:
        """Rows ``start..end-1`` whose lower-cased id contains ``word`` (searched a block of
        ids at a time: the scratch arrays stay small and in cache)."""
        key = (word, start, end)
        with self._lock:  # rows never change once appended: a word's matches stay true
            generation, known = self.generation, self._recent.pop(key, None)
            if known is not None:
                self._recent[key] = known  # now the most recent
                return known.copy()
        found = self._search(word, start, end)
        if end - start >= RECENT_FROM_ROWS:
            with self._lock:
                if generation == self.generation == self.store.generation:
                    self._recent[key] = found.copy()
                    while len(self._recent) > RECENT_WORDS:
                        del self._recent[next(iter(self._recent))]
        return found

    def _search(self, word: str, start: int, end: int) -> np.ndarray:
        """The id matches of ``word`` over rows ``start..end-1``, searched in the buffer."""
        pattern = np.frombuffer(word.encode(), np.uint8)
        found = np.zeros(end - start, dtype=bool)
        with self._lock:
            offsets = self._offsets.values[start : end + 1]
            data = self._bytes.values
            anchor = int(np.argmin(self._byte_counts[pattern]))  # the word's rarest byte
            sparse = self._byte_counts[pattern[anchor]] * SPARSE_BELOW < self._bytes.size
        if not len(pattern):
            return found
        search = _sparse_matches if sparse else _dense_matches
        for first in range(0, end - start, BLOCK_ROWS):
            block = offsets[first : first + BLOCK_ROWS + 1]
            text = data[block[0] : block[-1]]
            if len(text) >= len(pattern):
                found[first : first + len(block) - 1] = search(
                    text, block - block[0], pattern, anchor
                )
        return found

    def codes(self, column: str, start: int = 0, end: int | None = None) -> np.ndarray:
        """Each row's label code in ``column`` ("collections" or "platforms")."""
        end = len(self.store) if end is None else end
        self.catch_up(end)
        with self._lock:
            chunks = self._codes[column]
            return np.concatenate(chunks)[start:end] if chunks else np.empty(0, np.int32)

    def labels(self, column: str) -> list[str]:
        """The distinct labels of ``column``, in code order."""
        with self._lock:
            return list(self._labels[column])

    def matches(self, words: list[str], start: int, end: int) -> np.ndarray:
        """Rows ``start..end-1`` where every (lower-case) word occurs in the id, the collection
        or the platform."""
        keep = np.ones(end - start, dtype=bool)
        if end <= start or not words:
            return keep
        self.catch_up(end)
        codes = {name: self.codes(name, start, end) for name in LABEL_COLUMNS}
        labels = {name: [t.lower() for t in self.labels(name)] for name in LABEL_COLUMNS}
        for word in words:
            found = self._id_matches(word, start, end)
            for name in LABEL_COLUMNS:
                hits = np.array([word in label for label in labels[name]] or [False], bool)
                if hits.any():
                    found |= hits[codes[name]]
            keep &= found
        return keep


def _dense_matches(
    data: np.ndarray, offsets: np.ndarray, pattern: np.ndarray, _: int
) -> np.ndarray:
    """Ids (``offsets`` from 0 into ``data``) containing ``pattern``: every position compared."""
    span = len(pattern)
    valid = len(data) - span + 1
    at = np.equal(data[:valid], pattern[0])
    scratch = np.empty(valid, dtype=bool)
    for k in range(1, span):
        np.equal(data[k : k + valid], pattern[k], out=scratch)
        at &= scratch
    return _rows_of(np.flatnonzero(at), offsets, span)


def _sparse_matches(
    data: np.ndarray, offsets: np.ndarray, pattern: np.ndarray, anchor: int
) -> np.ndarray:
    """The same, searched from the few places the word's rarest byte occurs."""
    span = len(pattern)
    hits = np.flatnonzero(data[anchor : len(data) - span + 1 + anchor] == pattern[anchor])
    for k in range(span):
        if k != anchor and len(hits):
            hits = hits[data[hits + k] == pattern[k]]
    return _rows_of(hits, offsets, span)


def _rows_of(hits: np.ndarray, offsets: np.ndarray, span: int) -> np.ndarray:
    """Which ids hold a match starting at the sorted byte positions ``hits`` (one that runs
    into the next id does not count). Found by position, not by a reduction over every id:
    ``logical_or.reduceat`` over a million short ids cost more than the comparisons."""
    ids = len(offsets) - 1
    if len(hits) > ids // 4:  # many: each id's first match at or after its start
        first = np.searchsorted(hits, offsets[:-1])
        ends = np.append(hits, offsets[-1])[first] + span  # no match left: past every end
        return ends <= offsets[1:]  # a first match that runs into the next id: all later do
    found = np.zeros(ids, dtype=bool)
    rows = np.searchsorted(offsets, hits, side="right") - 1
    inside = hits + span <= offsets[rows + 1]  # not across two ids
    found[rows[inside]] = True
    return found
