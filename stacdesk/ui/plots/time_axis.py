"""The timeline's bottom axis: calendar ticks that fit its width (``core.results.time_ticks``)."""

from __future__ import annotations

import pyqtgraph as pg

from stacdesk.core.results.time_ticks import LABEL_PIXELS, time_ticks


class TimeAxis(pg.AxisItem):
    """Labels days, months or years as the shown range and the width allow; none when empty."""

    def __init__(self) -> None:
        super().__init__(orientation="bottom")
        # the ticks are spaced for their labels already; pyqtgraph would also drop a label that
        # pokes past the axis' ends (by more than this), often the only one naming the year
        self.setStyle(hideOverlappingLabels=LABEL_PIXELS // 2)
        # seconds since 1970 are ~1.7e9: pyqtgraph would add "(x1e+09)" to the axis' label
        self.enableAutoSIPrefix(False)
        self._labels: dict[float, str] = {}

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        ticks = time_ticks(float(minVal), float(maxVal), float(size))
        self._labels = dict(ticks)
        return [(1.0, [value for value, _ in ticks])]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:
        return [self._labels.get(value, "") for value in values]
