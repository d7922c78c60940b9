"""The plots' histograms kept up to date as rows arrive, instead of recounting every row.

Why: the plots redraw a few times a second while a search pages; counting every row each time
grows with the results (a million rows: tens of milliseconds per plot and redraw on the GUI
thread), counting only the new rows does not. Every row is counted again only when the bins
change unit (day → week → month: twice at most in a search), when the filter changes (the user
asked for it; then each row's bin, kept as rows arrive, makes it one ``bincount``), or when a
new search replaced the rows. The counts are the same as
``histograms.time_histogram`` / ``cloud_histogram`` over all rows: bins are aligned on a fixed
grid (days, Monday weeks, months; 5 % cloud steps), so a wider span only adds bins at the ends,
and no value ever falls on a time histogram's closing edge.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from stacdesk.core.results.histograms import (
    CLOUD_EDGES,
    Histogram,
    bin_rows,
    bin_totals,
    time_edges,
)

Edges = tuple[np.ndarray, str]


def _time_bins(lo: float, hi: float) -> Edges:
    return time_edges(lo, hi) if lo <= hi else (np.empty(0), "day")


def _cloud_bins(_lo: float, _hi: float) -> Edges:
    return CLOUD_EDGES, "%"


def _plain(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def _clipped(values: np.ndarray) -> np.ndarray:
    return np.clip(np.asarray(values, dtype=np.float64), 0.0, 100.0)


class RunningHistogram:
    """``update(column, mask, rows_key, filter_key)`` gives (all rows, filtered rows) histograms.

    ``rows_key`` changes when the rows are replaced (the store's generation), ``filter_key`` when
    the filter does (its criteria); rows are only ever appended in between.
    """

    def __init__(
        self, bins: Callable[[float, float], Edges], prepare: Callable[[np.ndarray], np.ndarray]
    ) -> None:
        self._bins, self._prepare = bins, prepare
        self._rows_key: object = None
        self._filter_key: object = None
        self._reset()

    @classmethod
    def of_time(cls) -> RunningHistogram:
        return cls(_time_bins, _plain)

    @classmethod
    def of_cloud(cls) -> RunningHistogram:
        return cls(_cloud_bins, _clipped)

    def _reset(self) -> None:
        self._counted = 0
        self._lo, self._hi = np.inf, -np.inf
        self._edges, self._unit = self._bins(np.inf, -np.inf)
        self._all = np.zeros(max(0, len(self._edges) - 1), np.int64)
        self._shown = self._all.copy()
        self._all_missing = self._shown_missing = 0
        self._row_bins = np.empty(0, np.int32)  # each counted row's bin, -1 when it has no value

    def update(
        self, column: np.ndarray, mask: np.ndarray | None, rows_key: object, filter_key: object
    ) -> tuple[Histogram, Histogram]:
        if rows_key != self._rows_key or len(column) < self._counted:
            self._rows_key = rows_key
            self._reset()
        if mask is not None and len(mask) != len(column):
            mask, filter_key = None, object()  # not up to date: count all now, again next time
        start = self._counted
        new = self._prepare(column[start:])
        finite = np.isfinite(new)
        if finite.any():
            self._lo = min(self._lo, float(new[finite].min()))
            self._hi = max(self._hi, float(new[finite].max()))
        edges, unit = self._bins(self._lo, self._hi)
        recount = not self._rebin(edges, unit)
        if recount:
            start, new = 0, self._prepare(column)
            finite = np.isfinite(new)
            self._all = np.zeros(max(0, len(edges) - 1), np.int64)
            self._all_missing = 0
        new_bins = bin_rows(new, self._edges)
        self._row_bins = new_bins if start == 0 else np.concatenate((self._row_bins, new_bins))
        bin_count = len(self._all)
        added, missing = bin_totals(new_bins, None, bin_count)
        self._all += added
        self._all_missing += missing
        every = mask is None or bool(mask.all())
        if every:
            self._shown, self._shown_missing = self._all.copy(), self._all_missing
        elif recount or filter_key != self._filter_key:
            self._shown, self._shown_missing = bin_totals(self._row_bins, mask, bin_count)
        else:
            added, missing = bin_totals(new_bins, mask[start : start + len(new_bins)], bin_count)
            self._shown += added
            self._shown_missing += missing
        self._filter_key = filter_key
        self._counted = len(column)
        return (
            Histogram(self._edges, self._all.copy(), self._unit, self._all_missing),
            Histogram(self._edges, self._shown.copy(), self._unit, self._shown_missing),
        )

    def _rebin(self, edges: np.ndarray, unit: str) -> bool:
        """Move the counts onto ``edges``; False when they are not the old bins widened."""
        old, old_unit = self._edges, self._unit
        if unit == old_unit and len(edges) == len(old) and np.array_equal(edges, old):
            return True
        self._edges, self._unit = edges, unit
        if not self._counted:
            self._all = np.zeros(max(0, len(edges) - 1), np.int64)
            self._shown = self._all.copy()
            return True
        if unit != old_unit or len(old) < 2:
            return False
        offset = int(np.searchsorted(edges, old[0]))
        if offset + len(old) > len(edges) or not np.array_equal(
            edges[offset : offset + len(old)], old
        ):
            return False
        for name in ("_all", "_shown"):
            grown = np.zeros(len(edges) - 1, np.int64)
            grown[offset : offset + len(old) - 1] = getattr(self, name)
            setattr(self, name, grown)
        if offset:
            self._row_bins[self._row_bins >= 0] += offset
        return True
