"""A ViewBox that pans and zooms like a map and turns drags or clicks into an area of interest."""

from __future__ import annotations

import enum

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem


class DrawMode(enum.Enum):
    PAN = "pan"
    BBOX = "bbox"
    POINT = "point"


class MapViewBox(pg.ViewBox):
    """Left-drag pans (or draws a box in BBOX mode); a click places a point in POINT mode."""

    bbox_drawn = Signal(float, float, float, float)  # west, south, east, north
    point_clicked = Signal(float, float)  # lon, lat
    mouse_moved = Signal(float, float)

    def __init__(self) -> None:
        super().__init__(lockAspect=True, enableMenu=False)
        self.mode = DrawMode.PAN
        self._rubber = QGraphicsRectItem()
        pen = QPen(QColor(220, 60, 20), 0)
        pen.setCosmetic(True)
        pen.setWidth(2)
        self._rubber.setPen(pen)
        self._rubber.setBrush(QColor(220, 60, 20, 40))
        self._rubber.setZValue(100)
        self._rubber.hide()
        self.addItem(self._rubber, ignoreBounds=True)

    def set_mode(self, mode: DrawMode) -> None:
        self.mode = mode

    def mouseDragEvent(self, ev: pg.GraphicsScene.mouseEvents.MouseDragEvent, axis=None) -> None:
        if self.mode is not DrawMode.BBOX or ev.button() != Qt.MouseButton.LeftButton:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        start = self.mapSceneToView(ev.buttonDownScenePos())
        end = self.mapSceneToView(ev.scenePos())
        rect = QRectF(start, end).normalized()
        self._rubber.setRect(rect)
        self._rubber.show()
        if ev.isFinish():
            self._rubber.hide()
            if rect.width() > 0 and rect.height() > 0:
                self.bbox_drawn.emit(rect.left(), rect.top(), rect.right(), rect.bottom())

    def mouseClickEvent(self, ev: pg.GraphicsScene.mouseEvents.MouseClickEvent) -> None:
        if self.mode is DrawMode.POINT and ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            pos: QPointF = self.mapSceneToView(ev.scenePos())
            self.point_clicked.emit(pos.x(), pos.y())
            return
        super().mouseClickEvent(ev)

    def hoverEvent(self, ev) -> None:
        if not ev.isExit():
            pos = self.mapSceneToView(ev.scenePos())
            self.mouse_moved.emit(pos.x(), pos.y())
