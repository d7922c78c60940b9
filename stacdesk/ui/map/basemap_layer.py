"""The offline basemap drawn under everything: filled land and coastline/border lines.

The finer level of detail is swapped in when the view is zoomed in far enough.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from stacdesk.core.basemap import Basemap, BasemapLevel

LAND = QColor(236, 232, 220)
WATER = QColor(200, 220, 235)
LINES = QColor(150, 150, 140)


class BasemapLayer:
    def __init__(self, plot: pg.PlotItem, basemap: Basemap) -> None:
        self._basemap = basemap
        self._land = QGraphicsPathItem()
        self._land.setBrush(QBrush(LAND))
        self._land.setPen(QPen(Qt.PenStyle.NoPen))
        self._land.setZValue(-20)
        self._lines = pg.PlotCurveItem(
            pen=pg.mkPen(LINES, width=1, cosmetic=True), connect="finite"
        )
        self._lines.setZValue(-10)
        plot.addItem(self._land)
        plot.addItem(self._lines)
        self._lod: str | None = None
        self.show_level(basemap.levels[0])

    def show_level(self, level: BasemapLevel) -> None:
        if level.lod == self._lod:
            return
        self._lod = level.lod
        path: QPainterPath = pg.arrayToQPath(level.land_x, level.land_y, connect="finite")
        path.setFillRule(Qt.FillRule.OddEvenFill)
        self._land.setPath(path)
        self._lines.setData(level.lines_x, level.lines_y, connect="finite")

    def update_for_resolution(self, degrees_per_pixel: float) -> None:
        self.show_level(self._basemap.for_resolution(degrees_per_pixel))
