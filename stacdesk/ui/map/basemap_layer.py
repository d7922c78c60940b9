"""The offline basemap drawn under everything: filled land and coastline/border lines.

The finer level of detail is swapped in when the view is zoomed in far enough.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPainterPath

from stacdesk.core.geo.basemap import Basemap, BasemapLevel
from stacdesk.ui.color_scheme import Colors
from stacdesk.ui.map.static_path import StaticPathItem, finite_path, hairline
from stacdesk.ui.plain_plot import PlainPlotItem


def graticule(step: float = 15.0) -> tuple[np.ndarray, np.ndarray]:
    """Meridians and parallels as one NaN-separated polyline: far cheaper to paint than a grid."""
    xs: list[float] = []
    ys: list[float] = []
    for lon in np.arange(-180.0, 180.0 + step, step):
        xs += [lon, lon, np.nan]
        ys += [-90.0, 90.0, np.nan]
    for lat in np.arange(-90.0 + step, 90.0, step):
        xs += [-180.0, 180.0, np.nan]
        ys += [lat, lat, np.nan]
    return np.asarray(xs), np.asarray(ys)


class BasemapLayer:
    """Land, graticule and coastlines/borders as cached static paths (see static_path)."""

    def __init__(self, plot: PlainPlotItem, basemap: Basemap, colors: Colors) -> None:
        self._basemap = basemap
        self._land = StaticPathItem()
        self._land.setZValue(-20)
        self._graticule = StaticPathItem()
        self._graticule.set_xy(*graticule())
        self._graticule.setZValue(-15)
        self._lines = StaticPathItem()
        self._lines.setZValue(-10)
        self.recolor(colors)
        plot.addItem(self._land)
        plot.addItem(self._graticule)
        plot.addItem(self._lines)
        self._lod: str | None = None
        self.show_level(basemap.levels[0])

    def recolor(self, colors: Colors) -> None:
        """The desktop's colour scheme changed (``ui.color_scheme``)."""
        self._land.setBrush(QBrush(colors.land))
        self._graticule.setPen(hairline(colors.graticule))
        self._lines.setPen(hairline(colors.lines))

    def show_level(self, level: BasemapLevel) -> None:
        if level.lod == self._lod:
            return
        self._lod = level.lod
        path: QPainterPath = finite_path(level.land_x, level.land_y)
        path.setFillRule(Qt.FillRule.OddEvenFill)
        self._land.setPath(path)
        self._lines.set_xy(level.lines_x, level.lines_y)

    def update_for_resolution(self, degrees_per_pixel: float) -> None:
        self.show_level(self._basemap.for_resolution(degrees_per_pixel))
