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
    """All result footprints as two cached paths, grown page by page; highlights on top.

    Few items, not one per page: a pan then scrolls cached pixmaps, and every cached item costs
    each repaint (more items measured slower). Two, not one: a page goes into the small
    ``recent`` path, so only that one is drawn again; the large ``settled`` path (10^6 vertices
    at 100,000 results, ~50 ms to draw) takes ``recent`` in only when it has grown to a quarter
    of it: a handful of full redraws in a whole search instead of one per page.
    """

    MERGE_FRACTION = 0.25
    MERGE_MIN_VERTICES = 20_000

    def __init__(self, plot: pg.PlotItem) -> None:
        self._plot = plot
        self._pages: list[tuple[int, ResultBatch]] = []
        self._settled, self._recent = QPainterPath(), QPainterPath()
        self._settled_vertices = self._recent_vertices = 0
        self.settled = StaticPathItem(hairline(FOOTPRINT_COLOR))
        self.recent = StaticPathItem(hairline(FOOTPRINT_COLOR))
        for item in (self.settled, self.recent):
            item.setZValue(10)
            plot.addItem(item, ignoreBounds=True)
        self.selection = _highlight(plot, SELECTION_PEN, 48)
        self.current = _highlight(plot, CURRENT_PEN, 50)
        self.hovered = _highlight(plot, HOVER_PEN, 52)

    def _draw(self, x: np.ndarray, y: np.ndarray) -> None:
        if not len(x):
            return
        self._recent.addPath(finite_path(x, y))
        self._recent_vertices += len(x)
        merge_at = max(self.MERGE_MIN_VERTICES, self.MERGE_FRACTION * self._settled_vertices)
        if self._recent_vertices >= merge_at:
            self._settled.addPath(self._recent)
            self._settled_vertices += self._recent_vertices
            self._recent, self._recent_vertices = QPainterPath(), 0
            self.settled.setPath(self._settled)
        self.recent.setPath(self._recent)

    def add_batch(self, start: int, batch: ResultBatch, visible: np.ndarray | None = None) -> None:
        """Draw a page; ``visible`` (a mask over all rows) hides results the filter removes."""
        self._pages.append((start, batch))
        self._draw(*_visible_rings(start, batch, visible))

    def apply_filter(self, visible: np.ndarray | None) -> None:
        """Redraw with only the rows the local filter shows."""
        parts = [_visible_rings(start, batch, visible) for start, batch in self._pages]
        xs = [x for x, _ in parts if len(x)]
        ys = [y for _, y in parts if len(y)]
        self._erase()
        if xs:
            self._settled = finite_path(np.concatenate(xs), np.concatenate(ys))
            self._settled_vertices = sum(len(x) for x in xs)
            self.settled.setPath(self._settled)

    def _erase(self) -> None:
        self._settled, self._recent = QPainterPath(), QPainterPath()
        self._settled_vertices = self._recent_vertices = 0
        self.settled.setPath(self._settled)
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
