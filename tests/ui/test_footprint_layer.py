"""Footprints stream into a small 'recent' path; the large 'settled' one is redrawn rarely."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from stacdesk.core.results.store import ResultBatch
from stacdesk.ui.map.layers import FootprintLayer


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


def _drawn(layer: FootprintLayer) -> int:
    return layer.settled.path().elementCount() + layer.recent.path().elementCount()


def test_pages_go_to_recent_and_settle_a_few_times_without_losing_any(qapp) -> None:
    alone = FootprintLayer(pg.PlotItem())
    alone.add_batch(0, _page(0, 500))
    per_page = alone.recent.path().elementCount()  # path elements of one page drawn alone
    assert per_page >= 500 * 4
    layer = FootprintLayer(pg.PlotItem())
    settled_versions, previous = 0, 0
    for page in range(100):
        layer.add_batch(page * 500, _page(page * 500, 500))
        assert _drawn(layer) == (page + 1) * per_page  # every vertex of every page, once
        count = layer.settled.path().elementCount()
        settled_versions += count != previous
        previous = count
    assert layer.curve_count == 100
    assert 0 < settled_versions <= 12  # the large path is redrawn rarely, not once per page

    visible = np.zeros(100 * 500, dtype=bool)
    visible[:1000] = True
    layer.apply_filter(visible)
    assert layer.settled.path().elementCount() == 2 * per_page
    assert layer.recent.path().isEmpty()
    layer.clear()
    assert _drawn(layer) == 0
