"""Sorting the loaded results locally, by any column, with numpy (100,000 rows in milliseconds).

Ties keep the order the server sent, and rows without a value (no date, no cloud cover, coverage
not known) always come last, whichever the direction: they are the least useful to look at.
"""

from __future__ import annotations

import numpy as np

from stacdesk.core.results.store import ResultStore

# key -> label shown in the sort menu; "arrival" is the server's order.
SORT_KEYS: dict[str, str] = {
    "arrival": "Server order",
    "datetime": "Date",
    "cloud": "Cloud cover",
    "coverage": "AOI coverage",
    "id": "ID",
    "collection": "Collection",
    "platform": "Platform",
}


def _text_keys(values: list[str], rows: np.ndarray, distinct_few: bool) -> np.ndarray:
    """Sortable keys for a text column: ranks of the few distinct labels (collection, platform,
    case-insensitive), or the strings themselves (ids: numpy sorts them in C)."""
    if not len(rows):
        return np.empty(0, np.float64)
    picked = [values[int(r)] for r in rows]
    if distinct_few:
        ranks = {v: i for i, v in enumerate(sorted(set(picked), key=lambda t: (t.casefold(), t)))}
        return np.fromiter((ranks[v] for v in picked), np.float64, len(picked))
    return np.array(picked)


def _numbers(store: ResultStore, key: str, rows: np.ndarray, coverage: np.ndarray | None):
    if key == "datetime":
        return store.datetimes[rows].astype(np.float64)
    if key == "cloud":
        return store.cloud_cover[rows].astype(np.float64)
    values = np.full(len(rows), np.nan)
    if coverage is not None:
        known = rows < len(coverage)
        values[known] = np.asarray(coverage, dtype=np.float64)[rows[known]]
    return values


def order_rows(
    store: ResultStore,
    rows: np.ndarray,
    key: str = "arrival",
    descending: bool = False,
    coverage: np.ndarray | None = None,
) -> np.ndarray:
    """``rows`` (store row numbers) sorted by ``key``; ValueError for an unknown key."""
    rows = np.asarray(rows, dtype=np.int64)
    if key not in SORT_KEYS:
        raise ValueError(f"cannot sort by {key!r}")
    if key == "arrival":
        ordered = np.sort(rows)
        return ordered[::-1] if descending else ordered
    if key in ("id", "collection", "platform"):
        column = {"id": store.ids, "collection": store.collections, "platform": store.platforms}
        keys = _text_keys(column[key], rows, distinct_few=key != "id")
        if key == "id":
            index = np.argsort(keys, kind="stable")
            return rows[index[::-1]] if descending else rows[index]
        values = keys
    else:
        values = _numbers(store, key, rows, coverage)
    # One stable sort keeps ties in server order (``rows`` ascending); missing values go last.
    if descending:
        values = -values
    values = np.where(np.isnan(values), np.inf, values)
    return rows[np.argsort(values, kind="stable")]
