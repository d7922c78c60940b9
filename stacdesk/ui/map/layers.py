"""Result footprints on the map: one path item for all of them, never one per result, plus three
small highlight items (selection, current result, hover) redrawn when those change. Above
``OUTLINE_LIMIT`` shown footprints (or ``SELECTION_OUTLINE_LIMIT`` selected ones) they are drawn as
a coverage image instead (``coverage_image``), with the footprints in view outlined over it once
the view rests (``footprint_detail``): a pan then redraws one image, not a million vertices."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPainterPath

from stacdesk.core.results.footprint_density import BoxCells
from stacdesk.core.results.store import ResultBatch
from stacdesk.ui.map.coverage_image import CoverageImage
from stacdesk.ui.map.footprint_detail import FootprintDetail, Pages
from stacdesk.ui.map.static_path import StaticPathItem, finite_path, hairline
from stacdesk.ui.plain_plot import PlainPlotItem

FOOTPRINT_COLOR = QColor(30, 110, 220, 170)
SELECTION_PEN = pg.mkPen(QColor(255, 170, 0), width=2, cosmetic=True)
CURRENT_PEN = pg.mkPen(QColor(255, 200, 0), width=3, cosmetic=True)
HOVER_PEN = pg.mkPen(QColor(0, 200, 255), width=2, cosmetic=True)
AOI_PEN = pg.mkPen(QColor(220, 60, 20), width=2, cosmetic=True)
SELECTION_COLOR = QColor(255, 170, 0)
OUTLINE_LIMIT = 40_000  # shown footprints outlined after a filter change; more: an image
SELECTION_OUTLINE_LIMIT = 20_000  # selected footprints outlined; more: an image
COVERAGE_REFRESH_MS = 300  # pages arriving while the coverage image shows: redraw this often
PREPARE_AFTER_MS = 1000  # no page for this long: work out the boxes' cells in a worker
_WORKER = ThreadPoolExecutor(1, thread_name_prefix="stacdesk-footprint-cells")

Rings = tuple[np.ndarray, np.ndarray]


def _highlight(plot: PlainPlotItem, pen: object, z: float) -> pg.PlotCurveItem:
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

    def __init__(self, plot: PlainPlotItem) -> None:
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
        self.coverage = CoverageImage(plot, FOOTPRINT_COLOR, 10)
        self.selection_coverage = CoverageImage(plot, SELECTION_COLOR, 47)
        self._visible: np.ndarray | None = None  # the filter's mask while the image shows
        self._cells: BoxCells | None = None  # every page's boxes on the image's grid
        self._working: Future[BoxCells] | None = None  # cells being worked out in the worker
        self._boxes: np.ndarray | None = None  # every page's boxes, once asked for
        self.detail = FootprintDetail(plot, FOOTPRINT_COLOR, 11, self._footprints)
        plot.vb.sigRangeChanged.connect(self._view_moved)
        self._refresh = QTimer(singleShot=True, interval=COVERAGE_REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_coverage)
        self._idle = QTimer(singleShot=True, interval=PREPARE_AFTER_MS)
        self._idle.timeout.connect(self._prepare_cells)

    @property
    def as_image(self) -> bool:
        """Whether the footprints show as a coverage image (too many to outline)."""
        return self.coverage.item.isVisible()

    @property
    def cells_ready(self) -> bool:
        """Whether every drawn row's box cells are worked out (see ``_prepare_cells``)."""
        return self._cells is not None and self._cells.size == self._rows()

    def _page_boxes(self) -> np.ndarray:
        if self._boxes is None or len(self._boxes) != self._rows():
            boxes = [batch.bboxes for _, batch in self._pages]
            self._boxes = np.concatenate(boxes) if boxes else np.empty((0, 4))
        return self._boxes

    def _footprints(self) -> tuple[Pages, np.ndarray | None]:
        return self._pages, self._visible

    def _view_moved(self, *_: object) -> None:
        if self.as_image:
            self.detail.schedule()

    def _prepare_cells(self) -> None:
        """Work out the cells of every box in a worker (numpy, mostly without the GIL), so
        neither pages arriving nor the first large filter or selection after a search does it
        on the GUI thread; one at a time."""
        pages = list(self._pages)
        stale = self._cells is None or self._cells.size != self._rows()
        if pages and stale and (self._working is None or self._working.done()):
            self._working = _WORKER.submit(_cells_of, [batch.bboxes for _, batch in pages])
            first = pages[0][1]
            self._working.add_done_callback(lambda done: self._keep_cells(done.result(), first))

    def _keep_cells(self, cells: BoxCells, first: ResultBatch) -> None:
        """(In the worker) keep them unless a new search started meanwhile; pages that arrived
        since are drawn by the next ones."""
        pages, kept = self._pages, self._cells
        if pages and pages[0][1] is first and (kept is None or kept.size < cells.size):
            self._cells = cells

    def _shown(self, visible: np.ndarray | None) -> int:
        """How many drawn rows the filter's mask shows."""
        rows = self._rows()
        return rows if visible is None else int(np.count_nonzero(visible[:rows]))

    def _rows(self) -> int:
        return self._pages[-1][0] + len(self._pages[-1][1]) if self._pages else 0

    def _all_cells(self) -> BoxCells:
        """Every drawn row's box on the grid (kept until a page arrives)."""
        cells = self._cells
        if cells is None or cells.size != self._rows():
            cells = self._cells = BoxCells(self._page_boxes())
        return cells

    def _draw_coverage(self, cells: BoxCells | None = None) -> None:
        """The image of ``cells`` (every drawn row's when None), the filter applied."""
        cells = self._all_cells() if cells is None else cells
        visible = self._visible
        self.coverage.show(cells, visible[: cells.size] if visible is not None else None)
        self.detail.schedule()

    def _refresh_coverage(self) -> None:
        """While pages arrive: draw the cells the worker has, and look again until it has them
        all (a million boxes take ~0.2 s to place: not on the GUI thread between two pages)."""
        if not self.as_image:
            return
        if not self.cells_ready:
            self._prepare_cells()
            self._refresh.start()
        if self._cells is not None:
            self._draw_coverage(self._cells)

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
        self._idle.start()
        if self.as_image:
            self._visible = visible
            if not self._refresh.isActive():
                self._refresh.start()
            return
        if self._shown(visible) > OUTLINE_LIMIT:
            self.apply_filter(visible)  # too many to outline: the image from now on
            return
        self._draw(*_visible_rings(start, batch, visible))

    def apply_filter(self, visible: np.ndarray | None) -> None:
        """Redraw with only the rows the local filter shows."""
        if self._shown(visible) > OUTLINE_LIMIT:
            self._erase()
            self._visible = visible
            self._draw_coverage()
            return
        self._visible = None
        self._refresh.stop()
        self.coverage.hide()
        self.detail.hide()
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
        self._refresh.stop()
        self._idle.stop()
        self._visible = self._cells = self._boxes = None
        self.coverage.hide()
        self.detail.hide()
        self.selection_coverage.hide()
        self._erase()
        self.show_selection(None, None)
        self.show_hovered(None)

    def show_selection(
        self, selected: Rings | None, current: Rings | None, many: np.ndarray | None = None
    ) -> None:
        """Outline the selected and current footprints; ``many`` (store rows, more than
        ``SELECTION_OUTLINE_LIMIT``) is drawn as a coverage image instead of ``selected``."""
        _set(self.selection, selected)
        _set(self.current, current)
        if many is None or not self._pages:
            self.selection_coverage.hide()
            return
        cells = self._all_cells()
        self.selection_coverage.show(cells, many[(many >= 0) & (many < cells.size)])

    def show_hovered(self, rings: Rings | None) -> None:
        _set(self.hovered, rings)

    @property
    def curve_count(self) -> int:
        """Pages drawn so far."""
        return len(self._pages)


def _cells_of(boxes: list[np.ndarray]) -> BoxCells:
    """The cells of every box, with the counts of them all (the image with no filter)."""
    cells = BoxCells(np.concatenate(boxes))
    cells.counts()
    return cells


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
