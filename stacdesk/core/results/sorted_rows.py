"""Every loaded row sorted by each key, kept until the store changes.

Why: sorting a million rows by date takes a stable float sort of ~0.2-0.5 s, by id seconds; the
list re-sorts whenever the filter changes. With every row's order at hand, the filter's rows in
that order are one gather (``order[mask[order]]``, milliseconds), and a descending order is the
ascending one reversed with its ties put back in server order (also linear). The orders are
prepared in a worker once pages stop arriving (numpy and Arrow sort without the GIL); a sort
asked before then is computed on the spot and kept. Same rules as ``order_rows``: ties keep the
server's order, rows without a value come last in either direction.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from stacdesk.core.results.order import SORT_KEYS, order_rows
from stacdesk.core.results.store import ResultStore
from stacdesk.core.results.text_index import TextIndex

PREPARED_KEYS = ("datetime", "cloud", "collection", "platform", "id", "coverage")


class _Order:
    """One key's ascending order of all rows, with what deriving the descending one needs."""

    def __init__(self, rows: np.ndarray, same: np.ndarray, known: int, coverage: object) -> None:
        self.rows = rows  # store rows, ascending, rows without a value last
        self.same = same  # same[i]: sorted value i + 1 equals value i (a tie)
        self.known = known  # how many rows have a value
        self.coverage = coverage  # the coverage array it was made from (the "coverage" key)
        self.descending: np.ndarray | None = None

    def reversed(self) -> np.ndarray:
        """Descending: the known rows reversed, each run of ties back in ascending row order."""
        if self.descending is None:
            head = self.rows[: self.known][::-1]
            n = len(head)
            if n:
                starts = np.ones(n, dtype=bool)
                starts[1:] = ~self.same[: n - 1][::-1]
                first = np.flatnonzero(starts)
                group = np.cumsum(starts) - 1
                ends = np.append(first[1:], n)
                head = head[first[group] + ends[group] - 1 - np.arange(n)]
            self.descending = np.concatenate([head, self.rows[self.known :]])
        return self.descending


def _index_dtype(n: int) -> type:
    return np.int32 if n < 2**31 else np.int64


class SortedRows:
    """Orders of ``store``'s rows by each ``SORT_KEYS`` key, for the rows loaded now."""

    def __init__(self, store: ResultStore, text: TextIndex) -> None:
        self.store, self.text = store, text
        self._orders: dict[str, _Order] = {}
        self._stamp = (-1, -1)  # (store generation, rows) the orders are for
        self._lock = threading.Lock()  # guards ``_orders`` and ``_stamp``
        self._key_locks = {key: threading.Lock() for key in SORT_KEYS}
        self._executor: ThreadPoolExecutor | None = None
        self._future: Future[None] | None = None

    def _current(self) -> tuple[int, int]:
        return (self.store.generation, len(self.store))

    def ordered(
        self,
        mask: np.ndarray,
        key: str,
        descending: bool = False,
        coverage: np.ndarray | None = None,
    ) -> np.ndarray:
        """The rows where ``mask`` is True, sorted by ``key``; ValueError for an unknown key."""
        if key not in SORT_KEYS:
            raise ValueError(f"cannot sort by {key!r}")
        if key == "arrival":
            rows = np.flatnonzero(mask)
            return rows[::-1] if descending else rows
        order = self.order(key, coverage)
        rows = order.reversed() if descending else order.rows
        if len(mask) != len(rows):  # the mask is not the store's (not expected): sort directly
            return order_rows(self.store, np.flatnonzero(mask), key, descending, coverage)
        return rows[mask[rows]].astype(np.int64)

    def is_ready(self, key: str, coverage: np.ndarray | None = None) -> bool:
        found = self._orders.get(key)
        return key == "arrival" or (
            found is not None
            and self._stamp == self._current()
            and (key != "coverage" or found.coverage is coverage)
        )

    def order(self, key: str, coverage: np.ndarray | None = None) -> _Order:
        """``key``'s order of every row loaded now (computed once, then kept)."""
        with self._key_locks[key]:  # a second asker of this key waits; other keys go on
            with self._lock:
                stamp = self._current()
                if stamp != self._stamp:
                    self._orders, self._stamp = {}, stamp
                found = self._orders.get(key)
            if found is None or (key == "coverage" and found.coverage is not coverage):
                found = self._compute(key, stamp[1], coverage)
                with self._lock:
                    if self._stamp == stamp:
                        self._orders[key] = found
            return found

    def _compute(self, key: str, n: int, coverage: np.ndarray | None) -> _Order:
        dtype = _index_dtype(n)
        if key == "id":
            import pyarrow as pa  # imported where first used (not at start: ~50 ms)
            import pyarrow.compute as pc

            ids = self.text.lower_ids(0, n)
            rows = np.asarray(pc.sort_indices(ids), dtype=dtype)  # Arrow's sort is stable
            if n < 2:
                return _Order(rows, np.zeros(0, bool), n, coverage)
            ranked = pc.take(ids, pa.array(rows))
            same = np.asarray(pc.equal(ranked.slice(1), ranked.slice(0, n - 1)), dtype=bool)
            return _Order(rows, same, n, coverage)
        if key in ("collection", "platform"):
            column = key + "s"
            codes = self.text.codes(column, 0, n)  # catches up first: every label known
            labels = self.text.labels(column)
            ranking = sorted(range(len(labels)), key=lambda i: (labels[i].casefold(), labels[i]))
            rank = np.empty(max(1, len(labels)), np.int32)
            rank[ranking] = np.arange(len(ranking))
            small = np.int16 if len(labels) < 2**15 else np.int32  # int16 sorts by radix
            values = rank[codes].astype(small)
        else:
            values = _numbers(self.store, key, n, coverage)
        rows = np.argsort(values, kind="stable").astype(dtype)
        ranked = values[rows]
        known = int(np.count_nonzero(ranked != np.inf)) if ranked.dtype.kind == "f" else n
        return _Order(rows, ranked[1:] == ranked[:-1], known, coverage)

    def prepare(self, coverage: np.ndarray | None = None, first: str | None = None) -> None:
        """Compute every key's order for the rows loaded now (a worker's job); stops early when
        a page arrives or a new search starts meanwhile."""
        stamp = self._current()
        keys = [k for k in dict.fromkeys([first, *PREPARED_KEYS]) if k in PREPARED_KEYS]
        for key in keys:
            if self._current() != stamp:
                return
            if key != "coverage" or coverage is not None:
                self.order(key, coverage)

    def prepare_in_background(
        self, coverage: np.ndarray | None = None, first: str | None = None
    ) -> Future[None]:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="stacdesk-sort")
        self._future = self._executor.submit(self.prepare, coverage, first)
        return self._future

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def _numbers(store: ResultStore, key: str, n: int, coverage: np.ndarray | None) -> np.ndarray:
    """The key's values as float64, rows without one as +inf (so they sort last)."""
    if key == "datetime":
        values = np.asarray(store.datetimes[:n], dtype=np.float64)
    elif key == "cloud":
        values = np.asarray(store.cloud_cover[:n], dtype=np.float64)
    else:
        values = np.full(n, np.nan)
        if coverage is not None:
            known = min(n, len(coverage))
            values[:known] = np.asarray(coverage[:known], dtype=np.float64)
    return np.where(np.isnan(values), np.inf, values)
