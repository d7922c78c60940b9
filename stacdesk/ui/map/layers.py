"""Result footprints on the map: one path item for all of them, never one per result, plus three
small highlight items (selection, current result, hover) redrawn when those change."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainterPath

from stacdesk.core.results.store import ResultBatch
from stacdesk.ui.map.static_path import StaticPathItem, finite_path, hairline

FOOTPRINT_COLOR = QColor(30, 110, 220, 170)
SELECTION_PEN = pg.mkPen(QColor(255, 170, 0), width=2, cosmetic=True)
CURRENT_PEN = pg.mkPen(QColor(255, 200, 0), width=3, cosmetic=True)
HOVER_PEN = pg.mkPen(QColor(0, 200, 255), width=2, cosmetic=True)
AOI_PEN = pg.mkPen(QColor(220, 60, 20), width=2, cosmetic=True)

Rings = tuple[np.ndarray, np.ndarray]


def _highlight(plot: pg.PlotItem, pen: object, z: float) -> pg.PlotCurveItem:
    curve = pg.PlotCurveItem(pen=pen, connect="finite", skipFiniteCheck=True)
    curve.setZValue(z)
    plot.addItem(curve, ignoreBounds=True)
    return curve


def _set(curve: pg.PlotCurveItem, rings: Rings | None) -> None:
    if rings is None or not len(rings[0]):
        curve.setData([], [])
    else:
        curve.setData(rings[0], rings[1], connect="finite", skipFiniteCheck=True)


class FootprintLayer:
    """All result footprints as a few cached paths, grown page by page; highlights on top.

    Few items, not one per page: a pan then scrolls cached pixmaps, and every cached item costs
    each repaint (more items measured slower). A page goes into the small ``recent`` path, so
    only that one is drawn again; the ``settled`` paths take ``recent`` in only when it has grown
    to a quarter of the last of them: a handful of redraws in a whole search instead of one per
    page. Each settled path holds at most ``CHUNK_VERTICES``, so what a merge redraws is bounded
    (one path of 10^6 vertices, 100,000 results, took ~50 ms to draw; 10^7 would take 0.5 s).
    """

    MERGE_FRACTION = 0.25
    MERGE_MIN_VERTICES = 20_000
    CHUNK_VERTICES = 200_000

    def __init__(self, plot: pg.PlotItem) -> None:
        self._plot = plot
        self._pages: list[tuple[int, ResultBatch]] = []
        self._settled: list[QPainterPath] = []
        self._settled_vertices: list[int] = []
        self._items: list[StaticPathItem] = []  # one per settled path; kept for reuse when emptied
        self._recent, self._recent_vertices = QPainterPath(), 0
        self.recent = self._path_item()
        self.selection = _highlight(plot, SELECTION_PEN, 48)
        self.current = _highlight(plot, CURRENT_PEN, 50)
        self.hovered = _highlight(plot, HOVER_PEN, 52)

    def _path_item(self) -> StaticPathItem:
        item = StaticPathItem(hairline(FOOTPRINT_COLOR))
        item.setZValue(10)
        self._plot.addItem(item, ignoreBounds=True)
        return item

    def _settle(self, path: QPainterPath, vertices: int) -> None:
        """Add a path to the last settled one, or start a new one where that would pass the
        chunk size."""
        if self._settled and self._settled_vertices[-1] + vertices <= self.CHUNK_VERTICES:
            self._settled[-1].addPath(path)
            self._settled_vertices[-1] += vertices
        else:
            self._settled.append(QPainterPath(path))
            self._settled_vertices.append(vertices)
            if len(self._items) < len(self._settled):
                self._items.append(self._path_item())
        self._items[len(self._settled) - 1].setPath(self._settled[-1])

    @property
    def settled(self) -> list[StaticPathItem]:
        """The settled paths' items in use."""
        return self._items[: len(self._settled)]

    def _draw(self, x: np.ndarray, y: np.ndarray) -> None:
        if not len(x):
            return
        self._recent.addPath(finite_path(x, y))
        self._recent_vertices += len(x)
        last = self._settled_vertices[-1] if self._settled_vertices else 0
        if self._recent_vertices >= max(self.MERGE_MIN_VERTICES, self.MERGE_FRACTION * last):
            self._settle(self._recent, self._recent_vertices)
            self._recent, self._recent_vertices = QPainterPath(), 0
        self.recent.setPath(self._recent)

    def add_batch(self, start: int, batch: ResultBatch, visible: np.ndarray | None = None) -> None:
        """Draw a page; ``visible`` (a mask over all rows) hides results the filter removes."""
        self._pages.append((start, batch))
        self._draw(*_visible_rings(start, batch, visible))

    def apply_filter(self, visible: np.ndarray | None) -> None:
        """Redraw with only the rows the local filter shows."""
        self._erase()
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        gathered = 0
        for start, batch in self._pages:
            x, y = _visible_rings(start, batch, visible)
            if gathered and gathered + len(x) > self.CHUNK_VERTICES:
                self._settle(finite_path(np.concatenate(xs), np.concatenate(ys)), gathered)
                xs, ys, gathered = [], [], 0
            if len(x):
                xs.append(x)
                ys.append(y)
                gathered += len(x)
        if gathered:
            self._settle(finite_path(np.concatenate(xs), np.concatenate(ys)), gathered)

    def _erase(self) -> None:
        for item in self.settled:
            item.setPath(QPainterPath())
        self._settled, self._settled_vertices = [], []
        self._recent, self._recent_vertices = QPainterPath(), 0
        self.recent.setPath(self._recent)

    def clear(self) -> None:
        self._pages.clear()
        self._erase()
        self.show_selection(None, None)
        self.show_hovered(None)

    def show_selection(self, selected: Rings | None, current: Rings | None) -> None:
        _set(self.selection, selected)
        _set(self.current, current)

    def show_hovered(self, rings: Rings | None) -> None:
        _set(self.hovered, rings)

    @property
    def curve_count(self) -> int:
        """Pages drawn so far."""
        return len(self._pages)


def _visible_rings(
    start: int, batch: ResultBatch, visible: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    x, y = batch.ring_x, batch.ring_y
    if visible is not None:
        shown = visible[start : start + len(batch)]
        if len(shown) == len(batch) and not shown.all():
            per_coordinate = np.repeat(shown, np.diff(batch.ring_offsets))
            x, y = x[per_coordinate], y[per_coordinate]
    return x, y
