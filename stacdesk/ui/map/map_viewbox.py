"""A ViewBox that pans and zooms like a map and turns mouse gestures into areas and picks.

PAN: drag pans, a click picks the result under the mouse. BBOX: drag a box. POINT: click.
POLYGON: click the vertices, double-click (or Enter) closes the shape; Backspace removes the last
vertex, Esc cancels.
"""

from __future__ import annotations

import enum
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QApplication, QGraphicsRectItem

SKETCH_PEN = pg.mkPen(QColor(220, 60, 20), width=2, cosmetic=True, style=Qt.PenStyle.DashLine)


class _Markers(pg.ScatterPlotItem):
    """Corner markers of the sketch that never take a click (the second click of a double-click
    lands on the corner just placed and must reach the view)."""

    def mouseClickEvent(self, ev: pg.GraphicsScene.mouseEvents.MouseClickEvent) -> None:
        ev.ignore()


class DrawMode(enum.Enum):
    PAN = "pan"
    BBOX = "bbox"
    POINT = "point"
    POLYGON = "polygon"


class MapViewBox(pg.ViewBox):
    """Emits what was drawn or clicked in lon/lat; knows nothing about AOIs or results."""

    bbox_drawn = Signal(float, float, float, float)  # west, south, east, north
    point_clicked = Signal(float, float)  # lon, lat
    polygon_drawn = Signal(object)  # list of (lon, lat) vertices, not closed
    map_clicked = Signal(float, float, object)  # lon, lat, Qt.KeyboardModifier (PAN mode)
    mouse_moved = Signal(float, float)
    mouse_left = Signal()
    drawing_changed = Signal()  # a polygon sketch started, grew, shrank, finished or was cancelled

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
        self._box_cancelled = False
        self.vertices: list[tuple[float, float]] = []
        self._last_click: tuple[float, QPointF] | None = None
        self._cursor: tuple[float, float] | None = None
        self._sketch = pg.PlotCurveItem(pen=SKETCH_PEN)
        self._sketch.setZValue(100)
        self.addItem(self._sketch, ignoreBounds=True)
        self._sketch_points = _Markers(
            size=7, brush=pg.mkBrush(255, 255, 255), pen=pg.mkPen(220, 60, 20)
        )
        self._sketch_points.setZValue(101)
        self.addItem(self._sketch_points, ignoreBounds=True)

    def set_mode(self, mode: DrawMode) -> None:
        if mode is not self.mode:
            self.cancel_drawing()
        self.mode = mode

    @property
    def drawing(self) -> bool:
        """A polygon is being sketched or a box dragged (Esc, Backspace and Enter belong to the
        map then)."""
        return bool(self.vertices) or self._rubber.isVisible()

    def cancel_drawing(self) -> None:
        if self._rubber.isVisible():
            self._rubber.hide()
            self._box_cancelled = True  # the rest of this drag draws nothing
        if self.vertices:
            self.vertices = []
            self._update_sketch()
            self.drawing_changed.emit()

    def remove_last_vertex(self) -> None:
        if self.vertices:
            self.vertices.pop()
            self._update_sketch()
            self.drawing_changed.emit()

    def finish_polygon(self) -> bool:
        """Close the sketch into a polygon; False (sketch kept) with fewer than 3 vertices."""
        if len(self.vertices) < 3:
            return False
        vertices, self.vertices = self.vertices, []
        self._update_sketch()
        self.drawing_changed.emit()
        self.polygon_drawn.emit(vertices)
        return True

    def _add_vertex(self, lon: float, lat: float) -> None:
        if self.vertices and np.allclose(self.vertices[-1], (lon, lat), atol=1e-9):
            return
        self.vertices.append((lon, lat))
        self._update_sketch()
        self.drawing_changed.emit()

    def _update_sketch(self) -> None:
        points = list(self.vertices)
        if points and self._cursor is not None:
            points.append(self._cursor)
        if len(points) >= 2:
            xy = np.asarray([*points, points[0]], dtype=np.float64)
            self._sketch.setData(xy[:, 0], xy[:, 1])
        else:
            self._sketch.setData([], [])
        if self.vertices:
            xy = np.asarray(self.vertices, dtype=np.float64)
            self._sketch_points.setData(xy[:, 0], xy[:, 1])
        else:
            self._sketch_points.setData([], [])

    def mouseDragEvent(self, ev: pg.GraphicsScene.mouseEvents.MouseDragEvent, axis=None) -> None:
        if self.mode is not DrawMode.BBOX or ev.button() != Qt.MouseButton.LeftButton:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        if ev.isStart():
            self._box_cancelled = False
        if self._box_cancelled:
            return
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
        if ev.button() != Qt.MouseButton.LeftButton:
            super().mouseClickEvent(ev)
            return
        pos: QPointF = self.mapSceneToView(ev.scenePos())
        ev.accept()
        if self.mode is DrawMode.POINT:
            self.point_clicked.emit(pos.x(), pos.y())
        elif self.mode is DrawMode.POLYGON:
            double = self._is_double(ev)
            self._add_vertex(pos.x(), pos.y())
            if double:
                self.finish_polygon()
        elif self.mode is DrawMode.PAN and not self._is_double(ev):
            self.map_clicked.emit(pos.x(), pos.y(), ev.modifiers())

    def _is_double(self, ev: pg.GraphicsScene.mouseEvents.MouseClickEvent) -> bool:
        """pyqtgraph delivers the second press of a double-click as a plain click (Qt's scene
        turns the double-click into a press), so recognise it by time and distance."""
        now, where = time.perf_counter(), ev.screenPos()
        last, self._last_click = self._last_click, (now, where)
        if ev.double():
            return True
        if last is None:
            return False
        interval = QApplication.doubleClickInterval() / 1000.0
        moved = (where - last[1]).manhattanLength()
        return now - last[0] <= interval and moved <= QApplication.startDragDistance()

    def hoverEvent(self, ev) -> None:
        if ev.isExit():
            self._cursor = None
            if self.vertices:
                self._update_sketch()
            self.mouse_left.emit()
            return
        pos = self.mapSceneToView(ev.scenePos())
        if self.vertices:
            self._cursor = (pos.x(), pos.y())
            self._update_sketch()
        self.mouse_moved.emit(pos.x(), pos.y())

    def degrees_per_pixel(self) -> float:
        width_px = max(1.0, float(self.width()))
        span = self.viewRange()[0]
        return (span[1] - span[0]) / width_px
