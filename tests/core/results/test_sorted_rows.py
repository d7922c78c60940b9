"""Every row's order kept per key: the filter's rows in that order, the same as sorting them."""

from __future__ import annotations

import numpy as np
import pytest

from stacdesk.core.results.order import SORT_KEYS, order_rows
from stacdesk.core.results.row_filter import ResultFilter
from stacdesk.core.results.sorted_rows import SortedRows
from stacdesk.core.results.store import ResultBatch, ResultStore


def filled(n: int, seed: int = 3, store: ResultStore | None = None) -> ResultStore:
    """Rows with ties, missing values and mixed-case ids, as pages arrive."""
    rng = np.random.default_rng(seed)
    store = store if store is not None else ResultStore()
    when = rng.integers(0, 20, n).astype(np.float64) * 86400 + 1.7e9
    when[rng.random(n) < 0.1] = np.nan
    cloud = rng.integers(0, 10, n).astype(np.float32)
    cloud[rng.random(n) < 0.1] = np.nan
    labels = ["sentinel-2a", "Sentinel-2B", "landsat-9", ""]
    for start in range(0, n, 97):
        rows = range(start, min(n, start + 97))
        store.append(
            ResultBatch(
                ids=[f"{'Ab'[i % 2]}-{rng.integers(0, 50)}-{i}-{seed}" for i in rows],
                collections=[labels[i % 3] for i in rows],
                platforms=[labels[(i * 7) % 4] for i in rows],
                thumbnails=[None for _ in rows],
                datetimes=when[rows.start : rows.stop],
                cloud_cover=cloud[rows.start : rows.stop],
                bboxes=np.zeros((len(rows), 4)),
                ring_x=np.empty(0, np.float32),
                ring_y=np.empty(0, np.float32),
                ring_offsets=np.zeros(len(rows) + 1, np.int64),
                blobs=[b"{}" for _ in rows],
            )
        )
    return store


@pytest.mark.parametrize("descending", [False, True])
def test_kept_orders_match_sorting_the_shown_rows(descending: bool) -> None:
    store = ResultStore()
    result_filter = ResultFilter(store)
    filled(1000, store=store)
    assert len(result_filter.mask) == 1000
    kept = SortedRows(store, result_filter.text_index)
    coverage = np.random.default_rng(5).integers(0, 4, 800) / 4.0  # ties; last rows unknown
    for text in ("", "ab", "sentinel"):
        result_filter.set(text=text)
        mask = result_filter.mask
        for key in SORT_KEYS:
            expected = order_rows(store, np.flatnonzero(mask), key, descending, coverage)
            got = kept.ordered(mask, key, descending, coverage)
            if key == "id":  # ids sort without regard to case (ties: server order)
                lower = [store.ids[r].lower() for r in got]
                assert lower == sorted(lower, reverse=descending), key
                assert sorted(got.tolist()) == sorted(expected.tolist())
            else:
                assert got.tolist() == expected.tolist(), key


def test_orders_follow_new_pages_and_a_new_search_and_prepare_in_a_worker() -> None:
    store = ResultStore()
    result_filter = ResultFilter(store)
    filled(300, store=store)
    kept = SortedRows(store, result_filter.text_index)
    kept.prepare_in_background(first="cloud").result(timeout=30)
    assert kept.is_ready("cloud") and kept.is_ready("id") and not kept.is_ready("coverage")
    filled(100, seed=9, store=store)
    assert not kept.is_ready("cloud") and len(store) == 400
    got = kept.ordered(result_filter.mask, "cloud")
    assert got.tolist() == order_rows(store, np.arange(len(store)), "cloud").tolist()
    store.clear()
    assert kept.ordered(result_filter.mask, "datetime").tolist() == []
    with pytest.raises(ValueError):
        kept.ordered(result_filter.mask, "nonsense")
    kept.close()
