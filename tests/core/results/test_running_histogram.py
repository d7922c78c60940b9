"""The plots' running counts equal a full recount after every page, through span growth that
widens the bins or changes their unit, filter changes and a new search."""

from __future__ import annotations

import numpy as np

from stacdesk.core.results.histograms import DAY, cloud_histogram, time_histogram
from stacdesk.core.results.running_histogram import RunningHistogram


def _same(a, b) -> None:
    assert a.unit == b.unit and a.missing == b.missing
    assert np.array_equal(a.edges, b.edges) and np.array_equal(a.counts, b.counts)


def test_time_counts_match_a_full_recount_page_by_page() -> None:
    rng = np.random.default_rng(3)
    start = 1.7e9
    # spans grow from a few days (day bins) through weeks to years (month bins), some NaN
    pages = [start + rng.uniform(0, 5 * DAY, 50)]
    pages += [start - rng.uniform(0, 60 * DAY, 50), start + rng.uniform(0, 30 * DAY, 50)]
    pages += [start + rng.uniform(0, 400 * DAY, 50), start - rng.uniform(0, 900 * DAY, 50)]
    pages += [start + rng.uniform(0, 1500 * DAY, 50), np.full(10, np.nan)]
    pages[3][:5] = np.nan
    running = RunningHistogram.of_time()
    column = np.empty(0)
    for n, page in enumerate(pages):
        column = np.concatenate([column, page])
        mask = np.ones(len(column), bool) if n < 3 else (np.arange(len(column)) % 3 == 0)
        criteria = "none" if n < 3 else "every third"
        everything, shown = running.update(column, mask, "search 1", criteria)
        _same(everything, time_histogram(column))
        _same(shown, time_histogram(column, mask))
    mask = np.arange(len(column)) % 2 == 0  # the filter changed: the shown rows recounted
    _same(running.update(column, mask, "search 1", "even")[1], time_histogram(column, mask))
    fresh = np.array([start, start + DAY])  # a new search
    everything, shown = running.update(fresh, None, "search 2", "none")
    _same(everything, time_histogram(fresh))
    _same(shown, time_histogram(fresh))
    empty = running.update(np.array([np.nan]), None, "search 3", "none")[0]
    _same(empty, time_histogram(np.array([np.nan])))


def test_cloud_counts_match_a_full_recount() -> None:
    rng = np.random.default_rng(5)
    running = RunningHistogram.of_cloud()
    column = np.empty(0, np.float32)
    for n in range(6):
        page = rng.uniform(-5, 110, 40).astype(np.float32)
        page[::7] = np.nan
        column = np.concatenate([column, page])
        mask = None if n % 2 else rng.random(len(column)) < 0.5
        everything, shown = running.update(column, mask, 1, n)
        _same(everything, cloud_histogram(column))
        _same(shown, cloud_histogram(column, mask))
