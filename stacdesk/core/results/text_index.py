"""The store's text columns in a form that is searched and sorted in C: a million rows in
milliseconds, where a Python loop over them took seconds.

Ids are kept lower-cased as Arrow strings (substring search and sort without the GIL); the
collection and platform labels, few and repeated, as one small integer code per row. The index
catches up with the store on demand, ``CATCH_UP_ROWS`` at a time (so a worker thread building it
lets the GUI thread run between pieces), and forgets everything when a new search empties it.
"""

from __future__ import annotations

import threading

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from stacdesk.core.results.store import ResultStore

CATCH_UP_ROWS = 10_000
LABEL_COLUMNS = ("collections", "platforms")


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
            self._ids: list[pa.Array] = []
            self._codes: dict[str, list[np.ndarray]] = {name: [] for name in LABEL_COLUMNS}
            self._labels: dict[str, dict[str, int]] = {name: {} for name in LABEL_COLUMNS}
            self.rows = 0  # rows covered so far

    def catch_up(self, end: int | None = None) -> bool:
        """Cover the store's rows up to ``end`` (all by default); False if a new search came."""
        end = len(self.store) if end is None else end
        while True:
            with self._lock:
                if self.generation != self.store.generation:
                    return False
                start = self.rows
                if start >= end:
                    return True
                stop = min(end, start + CATCH_UP_ROWS)
                ids = self.store.ids[start:stop]
                self._ids.append(pc.utf8_lower(pa.array(ids, pa.string())))
                for name in LABEL_COLUMNS:
                    codes = self._labels[name]
                    values = getattr(self.store, name)[start:stop]
                    for label in dict.fromkeys(values):
                        codes.setdefault(label, len(codes))
                    fresh = np.fromiter((codes[v] for v in values), np.int32, len(values))
                    self._codes[name].append(fresh)
                self.rows = stop

    def lower_ids(self, start: int = 0, end: int | None = None) -> pa.ChunkedArray:
        """Rows ``start..end-1`` of the lower-cased ids (covered first if they were not)."""
        end = len(self.store) if end is None else end
        self.catch_up(end)
        with self._lock:
            return pa.chunked_array(self._ids, pa.string()).slice(start, end - start)

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
        ids = self.lower_ids(start, end)
        codes = {name: self.codes(name, start, end) for name in LABEL_COLUMNS}
        labels = {name: [t.lower() for t in self.labels(name)] for name in LABEL_COLUMNS}
        for word in words:
            found = np.array(pc.match_substring(ids, word), dtype=bool)
            for name in LABEL_COLUMNS:
                hits = np.array([word in label for label in labels[name]] or [False], bool)
                if hits.any():
                    found |= hits[codes[name]]
            keep &= found
        return keep
