"""P4: median repaint of the map while panning with 10,000 footprints, beside the empty map."""

from __future__ import annotations

import statistics
import time

import orjson

from benchmarks.catalogs import sentinel2_catalog
from benchmarks.figures import Figure
from benchmarks.gui import gui
from stacdesk.core.results import ResultBatch

PANS = 60


def _pan_repaints(window: object) -> list[float]:
    view = window.map_panel.viewbox  # type: ignore[attr-defined]
    viewport = window.map_panel.plot_widget.viewport()  # type: ignore[attr-defined]
    view.setRange(xRange=(-40, 60), yRange=(-10, 60), padding=0)
    gui().app.processEvents()
    times = []
    for step in range(PANS):
        dx = 1.5 if (step // 15) % 2 == 0 else -1.5
        view.translateBy(x=dx)
        gui().app.processEvents()  # let pyqtgraph apply the new range, as a drag would
        start = time.perf_counter()
        viewport.repaint()
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(repeats: int, count: int = 10_000) -> list[Figure]:
    g = gui()
    window = g.window
    store = window.workspace.search.store
    catalog = sentinel2_catalog(count)
    with catalog.items_path("sentinel-2-l2a").open("rb") as handle:
        features = [orjson.loads(line) for line in handle][:count]
    ours, empty = [], []
    for _ in range(repeats):
        store.clear()
        empty.append(statistics.median(_pan_repaints(window)))
        for start in range(0, len(features), 500):
            store.append(ResultBatch.from_features(features[start : start + 500]))
        ours.append(statistics.median(_pan_repaints(window)))
    store.clear()
    return [
        Figure(
            "P4",
            f"map repaint while panning, {count:,} footprints",
            "ms",
            ours,
            empty,
            "empty map",
            target=16,
            on="value",
        )
    ]
