"""Counts for the plots: acquisitions per day, week or month, and cloud cover in 5 % steps.

The bin width follows the span of the dates (a month of scenes per day, years per month) so the
timeline stays readable from ten results to a hundred thousand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DAY = 86400.0
WEEK = 7 * DAY
CLOUD_EDGES = np.linspace(0.0, 100.0, 21)


@dataclass(frozen=True)
class Histogram:
    edges: np.ndarray  # len(counts) + 1 bin edges (epoch seconds or percent)
    counts: np.ndarray
    unit: str  # "day", "week", "month" or "%"
    missing: int = 0  # values that are NaN (no date, no cloud cover)


def _month_edges(lo: float, hi: float) -> np.ndarray:
    start = np.datetime64(int(lo), "s").astype("datetime64[M]")
    end = np.datetime64(int(hi), "s").astype("datetime64[M]") + np.timedelta64(1, "M")
    months = np.arange(start, end + np.timedelta64(1, "M"), dtype="datetime64[M]")
    return months.astype("datetime64[s]").astype(np.float64)


def time_edges(lo: float, hi: float) -> tuple[np.ndarray, str]:
    """Bin edges covering ``lo..hi`` (epoch seconds): days up to ~4 months, weeks up to ~3 years,
    months beyond. Day and week bins start at midnight UTC (weeks on Mondays)."""
    span = hi - lo
    if span <= 120 * DAY:
        unit, width, origin = "day", DAY, 0.0
    elif span <= 3 * 365 * DAY:
        unit, width, origin = "week", WEEK, 4 * DAY  # 1970-01-05 was a Monday
    else:
        return _month_edges(lo, hi), "month"
    first = np.floor((lo - origin) / width) * width + origin
    count = int(np.floor((hi - first) / width)) + 1
    return first + width * np.arange(count + 1), unit


def time_histogram(datetimes: np.ndarray, mask: np.ndarray | None = None) -> Histogram:
    """Acquisitions per bin over all dates given; ``mask`` selects the rows to count."""
    values = np.asarray(datetimes, dtype=np.float64)
    finite = np.isfinite(values)
    if not finite.any():
        return Histogram(np.empty(0), np.empty(0, np.int64), "day", len(values))
    edges, unit = time_edges(float(values[finite].min()), float(values[finite].max()))
    return _counted(values, finite, mask, edges, unit)


def cloud_histogram(cloud_cover: np.ndarray, mask: np.ndarray | None = None) -> Histogram:
    values = np.clip(np.asarray(cloud_cover, dtype=np.float64), 0.0, 100.0)
    return _counted(values, np.isfinite(values), mask, CLOUD_EDGES, "%")


def _counted(
    values: np.ndarray,
    finite: np.ndarray,
    mask: np.ndarray | None,
    edges: np.ndarray,
    unit: str,
) -> Histogram:
    chosen = finite if mask is None else finite & mask[: len(values)]
    missing = int(np.count_nonzero(~finite if mask is None else (~finite & mask[: len(values)])))
    if len(edges) < 2:
        return Histogram(edges, np.zeros(max(0, len(edges) - 1), np.int64), unit, missing)
    counts, _ = np.histogram(values[chosen], bins=edges)
    return Histogram(edges, counts.astype(np.int64), unit, missing)


def bin_rows(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Each row's bin on ``edges`` (as ``np.histogram`` bins it: the last bin takes its right
    edge), -1 for NaN or outside. Computed once per set of rows, so that the filter's counts
    are one ``bincount`` (``masked_counts``) rather than a histogram of a million values."""
    values = np.asarray(values, dtype=np.float64)
    bins = np.full(len(values), -1, dtype=np.int32)
    if len(edges) < 2:
        return bins
    with np.errstate(invalid="ignore"):
        inside = (values >= edges[0]) & (values <= edges[-1])
    found = np.searchsorted(edges, values[inside], side="right") - 1
    bins[inside] = np.minimum(found, len(edges) - 2)
    return bins


def masked_counts(bins: np.ndarray, mask: np.ndarray | None, count: int) -> np.ndarray:
    """Rows per bin among those where ``mask`` is True (``bins`` from ``bin_rows``)."""
    return bin_totals(bins, mask, count)[0]


def bin_totals(bins: np.ndarray, mask: np.ndarray | None, count: int) -> tuple[np.ndarray, int]:
    """Rows per bin among those where ``mask`` is True, and how many of them have no bin.

    The rows are gathered by their numbers: numpy's boolean selection of a million values
    mispredicts its branches and is several times slower than ``flatnonzero`` and ``take``."""
    chosen = bins if mask is None else np.take(bins, np.flatnonzero(mask[: len(bins)]))
    totals = np.bincount(chosen + 1, minlength=count + 1)  # no bin (-1) is counted at 0
    return totals[1 : count + 1].astype(np.int64), int(totals[0])
