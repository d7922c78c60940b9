"""How many results cover each cell of a grid: the map's picture of footprints too many to outline.

Why: a million outlines are six million vertices; building and stroking that path takes seconds,
and at the scale where a million results show they merge into one blot anyway. Counting the
results' bounding boxes per cell is linear and vectorised (each box adds +1/-1 at its four corners
of a difference grid, two cumulative sums give the counts): tens of milliseconds for a million.
"""

from __future__ import annotations

import numpy as np

Extent = tuple[float, float, float, float]  # west, south, east, north
GRID_SIDE = 512  # cells along the longer side of the extent


def _split_antimeridian(bboxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Finite boxes only, with the row each came from; one crossing 180° (west > east) becomes
    its two halves."""
    boxes = np.asarray(bboxes, dtype=np.float64).reshape(-1, 4)
    finite = np.isfinite(boxes[:, 0]) & np.isfinite(boxes[:, 1])
    finite &= np.isfinite(boxes[:, 2]) & np.isfinite(boxes[:, 3])
    rows = np.flatnonzero(finite)
    boxes = boxes[rows]
    crossing = boxes[:, 0] > boxes[:, 2]
    if not crossing.any():
        return boxes, rows
    east_half = boxes[crossing].copy()
    west_half = boxes[crossing].copy()
    east_half[:, 2] = 180.0
    west_half[:, 0] = -180.0
    halves = np.concatenate([rows[~crossing], rows[crossing], rows[crossing]])
    return np.concatenate([boxes[~crossing], east_half, west_half]), halves


def boxes_extent(bboxes: np.ndarray) -> Extent | None:
    """West, south, east, north around the finite boxes; None when there are none."""
    boxes, _ = _split_antimeridian(bboxes)
    if not len(boxes):
        return None
    west, south = float(boxes[:, 0].min()), float(boxes[:, 1].min())
    east, north = float(boxes[:, 2].max()), float(boxes[:, 3].max())
    if east - west < 1e-9:
        west, east = west - 0.5, east + 0.5
    if north - south < 1e-9:
        south, north = south - 0.5, north + 0.5
    return west, south, east, north


class BoxCells:
    """Every row's bounding box as the corners of its cells on a grid over all the boxes, worked
    out once (when pages stop arriving); the counts for any subset of rows are then two
    ``bincount`` and two cumulative sums."""

    def __init__(self, bboxes: np.ndarray, side: int = GRID_SIDE) -> None:
        self.size = len(bboxes)
        self.extent = boxes_extent(bboxes)
        self._all: np.ndarray | None = None  # the counts of every row, once asked
        self.width = self.height = 1
        boxes, self.rows = _split_antimeridian(bboxes)
        # no missing box and none split at 180°: the boxes are the rows, in order
        self._one_per_row = len(self.rows) == self.size and bool(
            (self.rows == np.arange(self.size)).all()
        )
        if self.extent is None:
            self.adds = self.takes = (np.empty(0, np.int32), np.empty(0, np.int32))
            return
        west, south, east, north = self.extent
        scale = side / max(east - west, north - south)
        self.width = max(1, round((east - west) * scale))
        self.height = max(1, round((north - south) * scale))
        self.adds, self.takes = _corners(boxes, self.extent, self.width, self.height, np.int32)

    def counts(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Boxes covering each cell (``height`` rows from the south); ``rows`` is a boolean mask
        over the rows or their numbers (all rows when None). The counts of all rows are kept;
        a subset of more than half the rows is all of them less the others."""
        if self._all is None:
            self._all = self._counted()
        if rows is None:
            return self._all
        rows = np.asarray(rows)
        if rows.dtype == bool and len(rows) == self.size:
            chosen = rows
        else:
            chosen = np.zeros(self.size, dtype=bool)
            chosen[np.flatnonzero(rows[: self.size]) if rows.dtype == bool else rows] = True
        shown = int(np.count_nonzero(chosen))
        if shown == self.size:
            return self._all
        keep = chosen if self._one_per_row else chosen[self.rows]
        if shown * 2 <= self.size:
            return self._counted(keep)
        return self._all - self._counted(~keep)

    def _counted(self, keep: np.ndarray | None = None) -> np.ndarray:
        """The grid of the boxes where ``keep`` is True (all when None)."""
        size = (self.height + 1) * (self.width + 1)
        grid = np.zeros(size, dtype=np.int64)
        # gathered by row numbers: a boolean selection of a million rows is several times slower
        picked = None if keep is None else np.flatnonzero(keep)
        for corners, sign in ((self.adds, 1), (self.takes, -1)):
            for column in corners:  # 1-d, contiguous: gather and count fast
                chosen = column if picked is None else np.take(column, picked)
                grid += sign * np.bincount(chosen, minlength=size)
        counts = grid.reshape(self.height + 1, self.width + 1).cumsum(axis=0).cumsum(axis=1)
        return counts[: self.height, : self.width].astype(np.int32)


def _corners(
    boxes: np.ndarray, extent: Extent, width: int, height: int, dtype: type
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Each box's cells on the grid as the flat indices where its +1 and -1 corners go (a
    summed-area table: cumulative sums of those corners count the boxes over every cell)."""
    west, south, east, north = extent
    sx, sy = width / (east - west), height / (north - south)
    x0 = np.clip(np.floor((boxes[:, 0] - west) * sx), 0, width - 1).astype(dtype)
    y0 = np.clip(np.floor((boxes[:, 1] - south) * sy), 0, height - 1).astype(dtype)
    x1 = np.clip(np.ceil((boxes[:, 2] - west) * sx), x0 + 1, width).astype(dtype)
    y1 = np.clip(np.ceil((boxes[:, 3] - south) * sy), y0 + 1, height).astype(dtype)
    stride = width + 1
    return (y0 * stride + x0, y1 * stride + x1), (y0 * stride + x1, y1 * stride + x0)


def coverage_grid(bboxes: np.ndarray, extent: Extent, width: int, height: int) -> np.ndarray:
    """Counts per cell (``height`` rows from the south, ``width`` columns from the west) of the
    boxes covering it; a box covers at least the cell its south-west corner falls in."""
    boxes, _ = _split_antimeridian(bboxes)
    grid = np.zeros((height + 1) * (width + 1), dtype=np.int64)
    if len(boxes):
        adds, takes = (
            np.concatenate(pair) for pair in _corners(boxes, extent, width, height, np.int64)
        )
        grid += np.bincount(adds, minlength=len(grid)) - np.bincount(takes, minlength=len(grid))
    counts = grid.reshape(height + 1, width + 1).cumsum(axis=0).cumsum(axis=1)
    return counts[:height, :width].astype(np.int32)
