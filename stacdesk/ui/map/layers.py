"""Graphics layers of the map. Footprints are drawn as one path item per page, never per result."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from stacdesk.core.geometry import Aoi
from stacdesk.core.results import ResultBatch

FOOTPRINT_PEN = pg.mkPen(QColor(30, 110, 220, 170), width=1, cosmetic=True)
SELECTED_PEN = pg.mkPen(QColor(255, 200, 0), width=3, cosmetic=True)
AOI_PEN = pg.mkPen(QColor(220, 60, 20), width=2, cosmetic=True)


class FootprintLayer:
    """All result footprints: one NaN-separated curve per page, plus the selection on top."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self._plot = plot
        self._curves: list[pg.PlotCurveItem] = []
        self._selected = pg.PlotCurveItem(pen=SELECTED_PEN, connect="finite")
        self._selected.setZValue(50)
        plot.addItem(self._selected, ignoreBounds=True)

    def add_batch(self, batch: ResultBatch) -> None:
        if not len(batch.ring_x):
            return
        curve = pg.PlotCurveItem(
            batch.ring_x, batch.ring_y, pen=FOOTPRINT_PEN, connect="finite", skipFiniteCheck=True
        )
        curve.setZValue(10)
        self._plot.addItem(curve, ignoreBounds=True)
        self._curves.append(curve)

    def clear(self) -> None:
        for curve in self._curves:
            self._plot.removeItem(curve)
        self._curves.clear()
        self.select(None)

    def select(self, rings: tuple[np.ndarray, np.ndarray] | None) -> None:
        if rings is None or not len(rings[0]):
            self._selected.setData([], [])
        else:
            self._selected.setData(rings[0], rings[1], connect="finite")

    @property
    def curve_count(self) -> int:
        return len(self._curves)


class AoiLayer:
    """The area of interest: outline for boxes and polygons, a marker for a point."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self._outline = pg.PlotCurveItem(pen=AOI_PEN, connect="finite")
        self._marker = pg.ScatterPlotItem(size=12, brush=pg.mkBrush(220, 60, 20), pen=None)
        for item in (self._outline, self._marker):
            item.setZValue(60)
            plot.addItem(item, ignoreBounds=True)

    def show(self, aoi: Aoi | None) -> None:
        self._outline.setData([], [])
        self._marker.setData([], [])
        if aoi is None:
            return
        if aoi.kind == "point":
            self._marker.setData([aoi.geometry.x], [aoi.geometry.y])
            return
        xs: list[float] = []
        ys: list[float] = []
        polygons = getattr(aoi.geometry, "geoms", [aoi.geometry])
        for polygon in polygons:
            x, y = polygon.exterior.xy
            xs += [*x, np.nan]
            ys += [*y, np.nan]
        self._outline.setData(np.asarray(xs), np.asarray(ys), connect="finite")
