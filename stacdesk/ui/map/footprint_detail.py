"""Outlines of the footprints in view, drawn over the coverage image once the view rests.

Why: above ``OUTLINE_LIMIT`` the map shows footprints as an image of counts, so a pan redraws
one image instead of stroking a million vertices; zoomed in on a few scenes that image is a
few blocky cells. When the view stops moving, the footprints inside it are outlined on top, as
long as they are few enough to stroke within a frame (P4 measures 10,000 at ~14 ms).

While pages arrive the outlines are looked at again after every redraw of the image, so which
rows meet the view is kept per page and only new pages are tested while the view stays put:
testing every box again meant gathering all the pages' boxes into one array each time, 13 ms
at 100,000 results and ~150 ms at a million on the GUI thread (P2-stall).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPainterPath

from stacdesk.core.results.footprint_index import rings_where
from stacdesk.core.results.store import ResultBatch
from stacdesk.ui.map.static_path import StaticPathItem, finite_path, hairline

DETAIL_LIMIT = 10_000  # footprints in view outlined over the image; more: the image alone
SETTLE_MS = 150  # the view unchanged this long counts as resting

Pages = Sequence[tuple[int, ResultBatch]]


def rows_in_view(boxes: np.ndarray, view: tuple[float, float, float, float]) -> np.ndarray:
    """Which boxes (west, south, east, north; NaN when unknown) meet ``view``; a box crossing
    180° (west > east) meets it on either side."""
    west, south, east, north = view
    meets_lat = (boxes[:, 1] <= north) & (boxes[:, 3] >= south)
    crossing = boxes[:, 0] > boxes[:, 2]
    plain = (boxes[:, 0] <= east) & (boxes[:, 2] >= west)
    either_side = (boxes[:, 0] <= east) | (boxes[:, 2] >= west)
    return meets_lat & np.where(crossing, either_side, plain)


class FootprintDetail:
    """One outline item over the coverage image; ``schedule`` after the view or the footprints
    change, ``hide`` when the outlines are drawn in full again."""

    def __init__(
        self,
        plot: pg.PlotItem,
        color: QColor,
        z: float,
        footprints: Callable[[], tuple[Pages, np.ndarray | None]],
    ) -> None:
        self._plot = plot
        self._footprints = footprints  # the pages and the filter's mask (or None)
        self._view: tuple[float, float, float, float] | None = None
        self._first: ResultBatch | None = None  # the first page tested: a new search restarts
        self._in_view: list[np.ndarray] = []  # per page tested, its rows that meet the view
        self._in_view_count = 0  # how many of them
        self.item = StaticPathItem(hairline(color))
        self.item.setZValue(z)
        plot.addItem(self.item, ignoreBounds=True)
        self._timer = QTimer(singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self.draw)
        self.active = False

    def schedule(self) -> None:
        """Outline what is in view once the view has rested (a pan in progress draws nothing)."""
        self.active = True
        self._timer.start()

    def hide(self) -> None:
        self.active = False
        self._timer.stop()
        if not self.item.path().isEmpty():
            self.item.setPath(QPainterPath())

    def draw(self) -> None:
        """Outline the footprints in view now, or none when there are too many of them."""
        if not self.active:
            return
        pages, visible = self._footprints()
        (x0, x1), (y0, y1) = self._plot.vb.viewRange()
        in_view = self._rows_in_view(pages, (x0, y0, x1, y1))
        if visible is None and self._in_view_count > DETAIL_LIMIT:  # without gathering them
            self.item.setPath(QPainterPath())
            return
        rows = np.concatenate(in_view) if in_view else np.zeros(0, dtype=bool)
        if visible is not None:
            shown = min(len(rows), len(visible))
            rows[shown:] = False
            rows[:shown] &= visible[:shown]
        if int(np.count_nonzero(rows)) > DETAIL_LIMIT:
            self.item.setPath(QPainterPath())
            return
        self.item.setPath(finite_path(*rings_where(pages, rows)))

    def _rows_in_view(
        self, pages: Pages, view: tuple[float, float, float, float]
    ) -> list[np.ndarray]:
        """Each page's rows that meet ``view``; pages tested before for the same view and
        search are not tested again."""
        first = pages[0][1] if pages else None
        if view != self._view or first is not self._first or len(self._in_view) > len(pages):
            self._view, self._first, self._in_view, self._in_view_count = view, first, [], 0
        for _, batch in pages[len(self._in_view) :]:
            meeting = rows_in_view(batch.bboxes, view)
            self._in_view.append(meeting)
            self._in_view_count += int(np.count_nonzero(meeting))
        return self._in_view
