"""A histogram plot on which dragging across the x axis selects a range (a LinearRegionItem).

Shared by the timeline and the cloud-cover plot. Two step curves: every loaded result in grey,
the results the filter shows in colour. Dragging on the background draws a new range; the range's
edges can then be dragged; a double-click or "Clear" removes it. Subclasses override
``on_range_chosen(lo, hi)`` and ``on_range_cleared()`` to set the filter; ``show_range`` mirrors a
range set elsewhere without echoing it back.

Plain method calls rather than Python-emitted Qt signals: under PySide6 6.12 on Python 3.11 every
``Signal.emit`` from Python drops a reference to ``True`` (see tests/conftest.py), and a drag
emits on every mouse move.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from stacdesk.ui.color_scheme import Colors, follow, paint_plot
from stacdesk.ui.plain_plot import PlainPlotWidget

SHOWN_PEN = pg.mkPen(40, 110, 190)
SHOWN_BRUSH = pg.mkBrush(60, 130, 210, 150)
REGION_BRUSH = pg.mkBrush(255, 190, 60, 60)


def _steady_top(value: float) -> float:
    """The y range's top rounded up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k: while counts
    grow page by page the axis keeps its ticks for a while instead of being laid out and drawn
    again at every redraw (at most 25 % of headroom)."""
    scale = 10.0 ** np.floor(np.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * scale * (1 + 1e-9):
            return float(step * scale)
    return float(10 * scale)


class CountAxis(pg.AxisItem):
    """The y axis of counts: ticks on whole numbers only (no "0.2 results" on an empty or
    sparse plot)."""

    def __init__(self) -> None:
        super().__init__("left")

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        whole = [level for level in super().tickSpacing(minVal, maxVal, size) if level[0] >= 1]
        return whole or [(1.0, 0.0)]


class RangeViewBox(pg.ViewBox):
    """No pan or zoom: a left drag selects an x range, a double-click clears it."""

    def __init__(
        self,
        dragged: Callable[[float, float, bool], None],
        double_clicked: Callable[[], None],
    ) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)
        self._start: float | None = None
        self._dragged, self._double_clicked = dragged, double_clicked

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        if ev.isStart() or self._start is None:
            self._start = self.mapSceneToView(QPointF(ev.buttonDownScenePos())).x()
        end = self.mapSceneToView(QPointF(ev.scenePos())).x()
        self._dragged(self._start, end, bool(ev.isFinish()))
        if ev.isFinish():
            self._start = None

    def mouseClickEvent(self, ev) -> None:
        """pyqtgraph reports a double-click as a click event marked ``double``."""
        if ev.button() == Qt.MouseButton.LeftButton and ev.double():
            ev.accept()
            self._double_clicked()


class RangePlot(PlainPlotWidget):
    def __init__(self, axis: pg.AxisItem | None = None, y_label: str = "results") -> None:
        self.viewbox = RangeViewBox(self._on_dragged, self.clear_range)
        super().__init__(self.viewbox, axis, CountAxis())
        self.setMinimumSize(160, 110)  # two side by side still fit under the map on a laptop
        plot = self.getPlotItem()
        plot.showGrid(y=True, alpha=0.2)
        plot.setLabel("left", y_label)
        self.all_curve = pg.PlotDataItem(stepMode="center", fillLevel=0)
        self.shown_curve = pg.PlotDataItem(
            stepMode="center", fillLevel=0, pen=SHOWN_PEN, brush=SHOWN_BRUSH
        )
        plot.addItem(self.all_curve)
        plot.addItem(self.shown_curve)
        self.region = pg.LinearRegionItem(brush=REGION_BRUSH, swapMode="sort")
        follow(self.recolor)
        self.region.setZValue(10)
        self.region.hide()
        plot.addItem(self.region, ignoreBounds=True)
        self.region.sigRegionChangeFinished.connect(self._on_region_finished)
        self._mirroring = False
        self.bounds: tuple[float, float] | None = None  # the data's x extent

    def recolor(self, colors: Colors) -> None:
        """The desktop's colour scheme changed: background, axes and the all-results bars."""
        paint_plot(self, colors.plot_background, colors)
        bars = QColor(colors.all_bars)
        self.all_curve.setPen(pg.mkPen(bars.darker(130) if not colors.dark else bars.lighter(130)))
        self.all_curve.setBrush(pg.mkBrush(bars))

    def set_histograms(
        self, edges: np.ndarray, all_counts: np.ndarray, shown_counts: np.ndarray
    ) -> None:
        """Draw both step curves on ``edges`` (len(counts) + 1 values)."""
        if len(edges) < 2:
            self.all_curve.setData([], [])
            self.shown_curve.setData([], [])
            self.bounds = None
            # back to the empty range, so the axis no longer dates the last search's span
            self.viewbox.setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=0)
            return
        self.all_curve.setData(edges, all_counts)
        self.shown_curve.setData(edges, shown_counts)
        self.bounds = (float(edges[0]), float(edges[-1]))
        top = _steady_top(max(1, int(all_counts.max()) if len(all_counts) else 1) * 1.05)
        self.viewbox.setRange(xRange=self.bounds, yRange=(0, top), padding=0.02)
        # pyqtgraph moves the view's items to the new range only as the next paint starts, which
        # marks them dirty again: every redraw was painted twice (axes, grid and curves, then the
        # curves). Moved now, the new range, axes and curves are one paint.
        self.viewbox.updateMatrix()

    def has_range(self) -> bool:
        return self.region.isVisible()

    def selected_range(self) -> tuple[float, float] | None:
        if not self.region.isVisible():
            return None
        lo, hi = self.region.getRegion()
        return float(lo), float(hi)

    def show_range(self, value: tuple[float, float] | None) -> None:
        """Show a range chosen elsewhere (clamped to the data) without emitting anything."""
        self._mirroring = True
        try:
            if value is None:
                self.region.hide()
                return
            lo, hi = value
            if self.bounds is not None:
                lo = max(lo, self.bounds[0]) if np.isfinite(lo) else self.bounds[0]
                hi = min(hi, self.bounds[1]) if np.isfinite(hi) else self.bounds[1]
            if not (np.isfinite(lo) and np.isfinite(hi)):
                self.region.hide()
                return
            self.region.setRegion((lo, hi))
            self.region.show()
        finally:
            self._mirroring = False

    def clear_range(self) -> None:
        was_shown = self.region.isVisible()
        self.region.hide()
        if was_shown:
            self.on_range_cleared()

    def _on_dragged(self, start: float, end: float, finished: bool) -> None:
        self._mirroring = True  # setRegion while dragging must not filter on every move
        try:
            self.region.setRegion((min(start, end), max(start, end)))
            self.region.show()
        finally:
            self._mirroring = False
        if finished:
            self._emit_region()

    def _on_region_finished(self) -> None:
        if not self._mirroring and self.region.isVisible():
            self._emit_region()

    def _emit_region(self) -> None:
        lo, hi = self.region.getRegion()
        if hi - lo <= 0:
            self.clear_range()
            return
        self.on_range_chosen(float(lo), float(hi))

    def on_range_chosen(self, lo: float, hi: float) -> None:
        """The user chose ``lo..hi`` (override)."""

    def on_range_cleared(self) -> None:
        """The user removed the range (override)."""
