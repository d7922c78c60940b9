"""A large, non-interactive outline layer that repaints fast while the map pans.

Basemap and footprint outlines hold 10⁵ vertices. Drawn as pyqtgraph curves they are re-stroked on
every repaint and re-stroked again for mouse hit-tests after every view change. Here they are one
QGraphicsPathItem each, cached as a device pixmap (a pan only scrolls the pixmap and paints the
newly exposed strip), with an empty shape so the scene never tests the mouse against them (the map
hit-tests footprints itself, with a spatial index).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem


def hairline(color: QColor) -> QPen:
    """A one-pixel cosmetic pen. Width 0 (not 1) keeps boundingRect() cheap: Qt strokes the whole
    path to find the bounds of a wider pen."""
    pen = QPen(color)
    pen.setWidthF(0.0)
    pen.setCosmetic(True)
    return pen


def finite_path(x: np.ndarray, y: np.ndarray) -> QPainterPath:
    """Polylines from NaN-separated coordinates."""
    if not len(x):
        return QPainterPath()
    return pg.arrayToQPath(np.asarray(x), np.asarray(y), connect="finite")


class StaticPathItem(QGraphicsPathItem):
    def __init__(self, pen: QPen | None = None, brush: QBrush | None = None) -> None:
        super().__init__()
        self.setPen(pen if pen is not None else QPen(Qt.PenStyle.NoPen))
        if brush is not None:
            self.setBrush(brush)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def set_xy(self, x: np.ndarray, y: np.ndarray) -> None:
        self.setPath(finite_path(x, y))
