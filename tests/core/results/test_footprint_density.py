"""Counting the results that cover each cell of the map's grid, for footprints too many to draw."""

from __future__ import annotations

import numpy as np

from stacdesk.core.results.footprint_density import BoxCells, boxes_extent, coverage_grid


def test_counts_match_covering_each_cell_box_by_box() -> None:
    rng = np.random.default_rng(4)
    west, south = rng.uniform(-20, 20, 300), rng.uniform(30, 60, 300)
    boxes = np.column_stack([west, south, west + rng.uniform(0, 5, 300), south + 2])
    boxes[7] = np.nan  # no bbox: not counted
    extent = boxes_extent(boxes)
    assert extent is not None
    width, height = 40, 30
    grid = coverage_grid(boxes, extent, width, height)
    expected = np.zeros((height, width), np.int32)
    x0, y0, x1, y1 = extent
    sx, sy = width / (x1 - x0), height / (y1 - y0)
    for w, s, e, n in boxes[np.isfinite(boxes).all(axis=1)]:
        i0, j0 = min(int((w - x0) * sx), width - 1), min(int((s - y0) * sy), height - 1)
        i1 = min(max(int(np.ceil((e - x0) * sx)), i0 + 1), width)
        j1 = min(max(int(np.ceil((n - y0) * sy)), j0 + 1), height)
        expected[j0:j1, i0:i1] += 1
    assert grid.tolist() == expected.tolist()
    assert grid.sum() > 0 and grid.min() >= 0


def test_boxes_across_the_antimeridian_count_on_both_sides_and_nothing_is_empty() -> None:
    boxes = np.array([[170.0, 0.0, -170.0, 10.0]])
    extent = boxes_extent(boxes)
    assert extent == (-180.0, 0.0, 180.0, 10.0)
    grid = coverage_grid(boxes, extent, 36, 1)
    assert grid[0, 0] == 1 and grid[0, -1] == 1 and grid[0, 18] == 0
    assert boxes_extent(np.full((2, 4), np.nan)) is None
    assert coverage_grid(np.empty((0, 4)), (0.0, 0.0, 1.0, 1.0), 4, 4).sum() == 0


def test_box_cells_count_any_subset_as_the_grid_of_those_boxes() -> None:
    rng = np.random.default_rng(8)
    west, south = rng.uniform(-30, 30, 500), rng.uniform(-10, 50, 500)
    boxes = np.column_stack([west, south, west + rng.uniform(0, 3, 500), south + 1.5])
    boxes[3] = [175.0, 0.0, -175.0, 5.0]  # across 180°: both halves count for row 3
    boxes[9] = np.nan
    cells = BoxCells(boxes, side=64)
    assert cells.extent is not None
    mask = rng.random(500) < 0.3
    mask[3] = True
    expected = coverage_grid(boxes[mask], cells.extent, cells.width, cells.height)
    assert cells.counts(mask).tolist() == expected.tolist()
    assert cells.counts(np.flatnonzero(mask)).tolist() == expected.tolist()
    most = ~mask  # more than half: counted as all rows less the others
    expected = coverage_grid(boxes[most], cells.extent, cells.width, cells.height)
    assert cells.counts(most).tolist() == expected.tolist()
    assert cells.counts(np.ones(500, bool)) is cells.counts()
    assert (
        cells.counts().sum() == coverage_grid(boxes, cells.extent, cells.width, cells.height).sum()
    )
    assert BoxCells(np.full((3, 4), np.nan)).counts().sum() == 0


def test_box_cells_of_plain_boxes_count_subsets_and_their_complements() -> None:
    rng = np.random.default_rng(11)
    west, south = rng.uniform(0, 40, 400), rng.uniform(0, 20, 400)
    boxes = np.column_stack([west, south, west + 1, south + 1])  # every row one box, in order
    cells = BoxCells(boxes, side=50)
    assert cells.extent is not None
    for share in (0.2, 0.8):
        mask = rng.random(400) < share
        expected = coverage_grid(boxes[mask], cells.extent, cells.width, cells.height)
        assert cells.counts(mask).tolist() == expected.tolist()
