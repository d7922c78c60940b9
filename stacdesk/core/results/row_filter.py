"""A local filter over the loaded results: text, date range and cloud cover, without a request.

The list, the map and the plots all show the same subset, so the filter is one core object with a
boolean ``mask`` over the store's rows (``mask[row]`` is True when the row is shown). The mask
follows the store: rows appended later are tested as they arrive (before any listener that
subscribed to ``store.appended`` after the filter was made), and a new search empties it.
``changed()`` fires when the criteria change and the whole mask was recomputed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from stacdesk.core.common.events import Event
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, joined
from stacdesk.core.results.store import ResultBatch, ResultStore
from stacdesk.core.results.text_index import TextIndex

Range = tuple[float, float]


@dataclass(frozen=True)
class FilterCriteria:
    """What to keep. Ranges are inclusive; ``None`` means no limit on that field."""

    text: str = ""  # every word must appear in the id, collection or platform (any case)
    time_range: Range | None = None  # epoch seconds; rows without a date are hidden
    cloud_range: Range | None = None  # percent
    keep_unknown_cloud: bool = True  # SAR and other results without cloud cover stay visible

    @property
    def active(self) -> bool:
        return bool(self.words) or self.time_range is not None or self.cloud_range is not None

    @property
    def words(self) -> list[str]:
        return self.text.lower().split()

    def describe(self) -> str:
        """For the status line, e.g. ``"s2b" · 2024-05-01…2024-06-30 · cloud ≤ 20 %``."""
        from datetime import UTC, datetime

        parts: list[str] = []
        if self.words:
            parts.append(f'"{self.text.strip()}"')
        if self.time_range is not None:
            lo, hi = (
                datetime.fromtimestamp(v, UTC).strftime("%Y-%m-%d") if math.isfinite(v) else "…"
                for v in self.time_range
            )
            parts.append(f"{lo}…{hi}")
        if self.cloud_range is not None:
            lo, hi = self.cloud_range
            parts.append(CLOUD_AT_MOST(f"{hi:.0f}") if lo <= 0 else CLOUD(f"{lo:.0f}", f"{hi:.0f}"))
        return joined(parts)


CLOUD_AT_MOST = QT_TRANSLATE_NOOP("ResultFilter", "cloud ≤ %1 %")
CLOUD = QT_TRANSLATE_NOOP("ResultFilter", "cloud %1–%2 %")


def _valid_range(value: Any) -> Range | None:
    if value is None:
        return None
    lo, hi = float(value[0]), float(value[1])
    if math.isnan(lo) or math.isnan(hi):
        raise ValueError("a filter range needs two numbers")
    return (lo, hi) if lo <= hi else (hi, lo)


class ResultFilter:
    """The current criteria and the mask they give over ``store``; see the module docstring."""

    def __init__(self, store: ResultStore) -> None:
        self.store = store
        self.criteria = FilterCriteria()
        self.mask = np.ones(0, dtype=bool)
        self.text_index = TextIndex(store)  # also the list's sort keys for text columns
        self.changed: Event[[]] = Event()
        store.appended.connect(self._on_appended)
        store.cleared.connect(self._on_cleared)

    @property
    def active(self) -> bool:
        return self.criteria.active

    @property
    def visible_count(self) -> int:
        return int(np.count_nonzero(self.mask))

    def visible_rows(self) -> np.ndarray:
        """Store rows that pass, in arrival order."""
        return np.flatnonzero(self.mask)

    def set(self, **changes: Any) -> None:
        """Change some criteria (``text``, ``time_range``, ``cloud_range``, ``keep_unknown_cloud``).

        Raises ValueError for a range that is not two numbers.
        """
        for name in ("time_range", "cloud_range"):
            if name in changes:
                changes[name] = _valid_range(changes[name])
        criteria = replace(self.criteria, **changes)
        if criteria != self.criteria:
            self.criteria = criteria
            self.mask = self._evaluate(0, len(self.store))
            self.changed.emit()

    def clear(self) -> None:
        self.set(text="", time_range=None, cloud_range=None)

    def _on_appended(self, start: int, end: int, _batch: ResultBatch) -> None:
        self.mask = np.concatenate([self.mask[:start], self._evaluate(start, end)])

    def _on_cleared(self) -> None:
        self.mask = np.ones(0, dtype=bool)

    def _evaluate(self, start: int, end: int) -> np.ndarray:
        """The mask of rows ``start..end-1`` under the current criteria."""
        c, store = self.criteria, self.store
        keep = np.ones(end - start, dtype=bool)
        if not c.active or end <= start:
            return keep
        if c.time_range is not None:
            when = store.datetimes[start:end]
            with np.errstate(invalid="ignore"):
                keep &= (when >= c.time_range[0]) & (when <= c.time_range[1])
        if c.cloud_range is not None:
            cloud = store.cloud_cover[start:end].astype(np.float64)
            with np.errstate(invalid="ignore"):
                inside = (cloud >= c.cloud_range[0]) & (cloud <= c.cloud_range[1])
            keep &= inside | (np.isnan(cloud) & c.keep_unknown_cloud)
        words = c.words
        if words:
            keep &= self.text_index.matches(words, start, end)
        return keep
