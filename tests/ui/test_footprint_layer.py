"""Footprints stream into a small 'recent' path; the large 'settled' one is redrawn rarely."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from stacdesk.core.results.store import ResultBatch
from stacdesk.ui.map.layers import OUTLINE_LIMIT, SELECTION_OUTLINE_LIMIT, FootprintLayer


def _page(first: int, count: int) -> ResultBatch:
    features = [
        {
            "type": "Feature",
            "id": f"i{n}",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[n % 170, 0], [n % 170 + 1, 0], [n % 170 + 1, 1], [n % 170, 0]]],
            },
            "properties": {},
        }
        for n in range(first, first + count)
    ]
    return ResultBatch.from_features(features)


def _settled(layer: FootprintLayer) -> int:
    return sum(item.path().elementCount() for item in layer.settled)


def _drawn(layer: FootprintLayer) -> int:
    return _settled(layer) + layer.recent.path().elementCount()


PAGES = OUTLINE_LIMIT // 500  # all outlined: one more page would show the coverage image


def test_pages_go_to_recent_and_settle_a_few_times_without_losing_any(qapp) -> None:
    alone = FootprintLayer(pg.PlotItem())
    alone.add_batch(0, _page(0, 500))
    per_page = alone.recent.path().elementCount()  # path elements of one page drawn alone
    assert per_page >= 500 * 4
    layer = FootprintLayer(pg.PlotItem())
    settled_versions, previous = 0, 0
    for page in range(PAGES):
        layer.add_batch(page * 500, _page(page * 500, 500))
        assert _drawn(layer) == (page + 1) * per_page  # every vertex of every page, once
        count = _settled(layer)
        settled_versions += count != previous
        previous = count
    assert layer.curve_count == PAGES
    assert 0 < settled_versions <= 12  # the large path is redrawn rarely, not once per page

    visible = np.zeros(PAGES * 500, dtype=bool)
    visible[:1000] = True
    layer.apply_filter(visible)
    assert _settled(layer) == 2 * per_page
    assert layer.recent.path().isEmpty()
    layer.clear()
    assert _drawn(layer) == 0


def _squares(first: int, count: int) -> ResultBatch:
    """Unit squares as drawn rings and bboxes, built as columns (no parsing: many rows)."""
    west = ((np.arange(first, first + count) % 170) - 85).astype(np.float64)
    south = (np.arange(first, first + count) % 60 - 30).astype(np.float64)
    corners_x = np.column_stack([west, west + 1, west + 1, west, west, np.full(count, np.nan)])
    corners_y = np.column_stack([south, south, south + 1, south + 1, south, np.full(count, np.nan)])
    return ResultBatch(
        ids=[f"s{n}" for n in range(first, first + count)],
        collections=["c"] * count,
        platforms=[""] * count,
        thumbnails=[None] * count,
        datetimes=np.zeros(count),
        cloud_cover=np.zeros(count, np.float32),
        bboxes=np.column_stack([west, south, west + 1, south + 1]),
        ring_x=corners_x.ravel().astype(np.float32),
        ring_y=corners_y.ravel().astype(np.float32),
        ring_offsets=np.arange(count + 1, dtype=np.int64) * 6,
        blobs=[b"{}"] * count,
    )


def test_too_many_to_outline_show_as_a_coverage_image_and_few_as_outlines_again(qapp) -> None:
    layer = FootprintLayer(pg.PlotItem())
    count = OUTLINE_LIMIT + 5_000
    layer.add_batch(0, _squares(0, OUTLINE_LIMIT))
    assert _drawn(layer) > 0 and not layer.as_image  # up to the limit: outlined
    layer.add_batch(OUTLINE_LIMIT, _squares(OUTLINE_LIMIT, 5_000))
    assert layer.as_image and _drawn(layer) == 0  # past it: the image, also while paging
    layer.apply_filter(np.ones(count, dtype=bool))
    assert layer.as_image and _drawn(layer) == 0
    assert layer.coverage.item.image is not None and layer.coverage.item.image[..., 3].any()
    layer.add_batch(count, _squares(count, 10))  # a page while the image shows: not outlined
    assert layer.as_image and _drawn(layer) == 0
    few = np.zeros(count + 10, dtype=bool)
    few[:100] = True
    layer.apply_filter(few)
    assert not layer.as_image and _drawn(layer) > 0

    layer.show_selection(None, None, many=np.arange(SELECTION_OUTLINE_LIMIT + 1))
    assert layer.selection_coverage.item.isVisible()
    layer.show_selection(None, None)
    assert not layer.selection_coverage.item.isVisible()
    layer.clear()
    assert not layer.as_image and _drawn(layer) == 0


def test_settled_paths_stay_bounded_so_a_merge_redraws_little(qapp) -> None:
    layer = FootprintLayer(pg.PlotItem())
    layer.CHUNK_VERTICES = 30_000  # 35,000 footprints (< OUTLINE_LIMIT: outlined), 6 vertices
    redrawn: list[int] = []
    for page in range(100):
        before = [item.path().elementCount() for item in layer.settled]
        layer.add_batch(page * 350, _page(page * 350, 350))
        after = [item.path().elementCount() for item in layer.settled]
        redrawn += [n for n, old in zip(after, before + [0] * len(after), strict=False) if n != old]
    assert _drawn(layer) == 100 * 350 * 5  # every footprint drawn once (5 path elements each)
    assert len(layer.settled) > 1
    assert max(redrawn) <= 30_000  # no merge redraws more than one chunk's worth
    visible = np.ones(100 * 350, dtype=bool)
    visible[::2] = False
    layer.apply_filter(visible)
    assert _settled(layer) == 50 * 350 * 5
    assert all(item.path().elementCount() <= 30_000 for item in layer.settled)
    layer.apply_filter(None)
    assert _settled(layer) == 100 * 350 * 5


def _per_square() -> int:
    """Path elements of one square drawn alone."""
    alone = FootprintLayer(pg.PlotItem())
    alone.add_batch(0, _squares(0, 1))
    return alone.recent.path().elementCount()


def test_a_page_filtered_below_the_limit_stays_outlined(qapp) -> None:
    layer = FootprintLayer(pg.PlotItem())
    visible = np.zeros(OUTLINE_LIMIT + 5_000, dtype=bool)
    visible[::2] = True  # half of them shown: under the limit
    layer.add_batch(0, _squares(0, OUTLINE_LIMIT + 5_000), visible)
    assert not layer.as_image and _drawn(layer) == (OUTLINE_LIMIT + 5_000) // 2 * _per_square()


def test_zoomed_in_on_the_image_the_footprints_in_view_are_outlined(qtbot) -> None:
    """The coverage image is a few cells over a small view; once the view rests, the
    footprints in it are outlined on top, and none when too many are in view."""
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    layer = FootprintLayer(plot)
    count = OUTLINE_LIMIT + 5_000
    layer.add_batch(0, _squares(0, count))
    assert layer.as_image
    view = plot.getViewBox()
    view.setRange(xRange=(-85, 85), yRange=(-30, 31), padding=0)
    qtbot.waitUntil(lambda: not layer.detail._timer.isActive())
    assert layer.detail.item.path().isEmpty()  # all 45,000 in view: the image alone

    view.setRange(xRange=(-84.5, -83.5), yRange=(-29.5, -28.5), padding=0)  # around one square
    qtbot.waitUntil(lambda: not layer.detail.item.path().isEmpty())
    outlined = layer.detail.item.path().elementCount()
    # the squares meeting the view: west -85..-84 (edge), -84..-83 and their south -30..-28
    west = (np.arange(count) % 170) - 85
    south = np.arange(count) % 60 - 30
    meeting = (west <= -83.5) & (west + 1 >= -84.5) & (south <= -28.5) & (south + 1 >= -29.5)
    assert outlined == int(np.count_nonzero(meeting)) * _per_square()

    # pages arriving while the view rests: their footprints in view are outlined as well (the
    # pages tested before are not tested again, and none is left out or outlined twice)
    layer.add_batch(count, _squares(count, 10_200))
    count += 10_200
    west = (np.arange(count) % 170) - 85
    south = np.arange(count) % 60 - 30
    meeting = (west <= -83.5) & (west + 1 >= -84.5) & (south <= -28.5) & (south + 1 >= -29.5)
    qtbot.waitUntil(
        lambda: (
            layer.detail.item.path().elementCount()
            == int(np.count_nonzero(meeting)) * _per_square()
        )
    )
    assert int(np.count_nonzero(meeting)) * _per_square() > outlined

    few = np.zeros(count, dtype=bool)
    few[:100] = True
    layer.apply_filter(few)  # outlined in full again: no detail over it
    assert not layer.as_image and layer.detail.item.path().isEmpty()
