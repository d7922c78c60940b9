"""Footprints too many to outline, drawn as one image: each cell tinted by how many cover it.

Used above ``OUTLINE_LIMIT`` shown footprints (and for selections that large): counting a million
bounding boxes into a grid (``core.results.footprint_density``) takes tens of milliseconds where
building and stroking a million outlines took seconds, and a pan only redraws one scaled image.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from stacdesk.core.results.footprint_density import BoxCells
from stacdesk.ui.plain_plot import PlainPlotItem


class CoverageImage:
    """One ImageItem on the map; ``show`` draws some rows' boxes on their grid."""

    def __init__(self, plot: PlainPlotItem, color: QColor, z: float) -> None:
        self.item = pg.ImageItem(axisOrder="row-major")
        self.item.setZValue(z)
        self.item.hide()
        self.color = color
        plot.addItem(self.item, ignoreBounds=True)

    def show(self, cells: BoxCells, rows: np.ndarray | None = None) -> None:
        """Draw the boxes of ``rows`` (a mask or row numbers; all when None)."""
        if cells.extent is None:
            self.hide()
            return
        counts = cells.counts(rows)
        top = int(counts.max()) if counts.size else 0
        rgba = np.empty((cells.height, cells.width, 4), dtype=np.uint8)
        rgba[..., :3] = (self.color.red(), self.color.green(), self.color.blue())
        rgba[..., 3] = _opacity(counts, top)
        west, south, east, north = cells.extent
        self.item.setImage(rgba, autoLevels=False)
        self.item.setRect(QRectF(west, south, east - west, north - south))
        self.item.show()

    def hide(self) -> None:
        if self.item.isVisible():
            self.item.hide()
            self.item.clear()


def _opacity(counts: np.ndarray, top: int) -> np.ndarray:
    """Each cell's opacity by how many boxes cover it (of at most ``top``): clear when none,
    then 70..220 on a log scale. Looked up in a table of every count when there are fewer
    counts than cells (cheaper than a logarithm per cell)."""
    if not top:
        return np.zeros(counts.shape, np.uint8)
    levels = np.arange(top + 1) if top <= counts.size else counts
    alphas = (70 + 150 * (np.log1p(levels) / np.log1p(top))).astype(np.uint8)
    alphas[levels == 0] = 0
    return np.take(alphas, counts) if top <= counts.size else alphas
