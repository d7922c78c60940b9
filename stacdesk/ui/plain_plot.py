"""A ViewBox with a left and a bottom axis: what the map and the plots use of pyqtgraph's plot.

Why not ``pg.PlotWidget``: its ``PlotItem`` builds, for every plot, an options form of some forty
widgets and a context menu (log scales, FFT, averaging, export…) that stacdesk switches off, plus
hidden top and right axes that follow every change of the view. That is ~10 ms per plot at start,
three plots in the window. ``PlainPlotItem`` keeps the same layout (axes left and below the view,
the view stretched) and the few methods the panels call, with PlotItem's names.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsItem, QSizePolicy

GRID_ALPHA_MAX = 255  # AxisItem.setGrid takes 0-255, PlotItem.showGrid 0-1


class PlainPlotItem(pg.GraphicsWidget):
    """``view`` with a left and a bottom axis (``left`` and ``bottom`` replace the plain ones)."""

    def __init__(
        self, view: pg.ViewBox, bottom: pg.AxisItem | None = None, left: pg.AxisItem | None = None
    ) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.vb = view
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.layout.setHorizontalSpacing(0)
        self.layout.setVerticalSpacing(0)
        self.setLayout(self.layout)
        self.axes = {
            "left": left or pg.AxisItem("left", parent=self),
            "bottom": bottom or pg.AxisItem("bottom", parent=self),
        }
        self.layout.addItem(view, 0, 1)
        for name, (row, column) in (("left", (0, 0)), ("bottom", (1, 1))):
            axis = self.axes[name]
            axis.linkToView(view)
            # no "(×10⁶)" scaling of the labels: our axes show degrees, dates and counts, and
            # with it every change of the view range lays the axis label out again (setHtml)
            axis.enableAutoSIPrefix(False)
            self.layout.addItem(axis, row, column)
            axis.setZValue(0.5)  # above images at z=0, as in PlotItem
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)
        for row in range(2):
            self.layout.setRowPreferredHeight(row, 0)
            self.layout.setRowMinimumHeight(row, 0)
            self.layout.setRowSpacing(row, 0)
            self.layout.setRowStretchFactor(row, 1)
        for column in range(2):
            self.layout.setColumnPreferredWidth(column, 0)
            self.layout.setColumnMinimumWidth(column, 0)
            self.layout.setColumnSpacing(column, 0)
            self.layout.setColumnStretchFactor(column, 1)
        self.layout.setRowStretchFactor(0, 100)
        self.layout.setColumnStretchFactor(1, 100)

    def addItem(self, item: QGraphicsItem, ignoreBounds: bool = False) -> None:
        self.vb.addItem(item, ignoreBounds=ignoreBounds)

    def removeItem(self, item: QGraphicsItem) -> None:
        self.vb.removeItem(item)

    def getAxis(self, name: str) -> pg.AxisItem:
        return self.axes[name]

    def setLabel(self, name: str, text: str) -> None:
        self.axes[name].setLabel(text)

    def showGrid(self, x: bool = False, y: bool = False, alpha: float = 0.3) -> None:
        level = int(min(max(alpha, 0.0), 1.0) * GRID_ALPHA_MAX)
        self.axes["bottom"].setGrid(level if x else False)
        self.axes["left"].setGrid(level if y else False)


class PlainPlotWidget(pg.GraphicsView):
    """A view showing one ``PlainPlotItem`` (``getPlotItem``), as ``pg.PlotWidget`` shows one
    PlotItem."""

    def __init__(
        self, view: pg.ViewBox, bottom: pg.AxisItem | None = None, left: pg.AxisItem | None = None
    ) -> None:
        super().__init__(background="default")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.enableMouse(False)  # the view box pans and zooms, not the graphics view
        self.plotItem = PlainPlotItem(view, bottom, left)
        self.setCentralItem(self.plotItem)

    def getPlotItem(self) -> PlainPlotItem:
        return self.plotItem
