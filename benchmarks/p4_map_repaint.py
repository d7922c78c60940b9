"""P4: the frames a pan or zoom of the map paints with 10,000 footprints, beside the empty map.

Each step is one user move (a pan, or every fourth a zoom) timed from the move until the frame
it causes has been painted: Qt's paint events on the map's viewport are counted, and the clock
stops once a new one has been handled. Nothing is painted outside the timed part.
"""

from __future__ import annotations

import statistics
import time

import orjson
from PySide6.QtCore import QEvent, QObject

from benchmarks.catalogs import sentinel2_catalog
from benchmarks.figures import Figure
from benchmarks.gui import gui
from stacdesk.core.results.store import ResultBatch

MOVES = 60
FRAME_WAIT_S = 5.0  # a move that paints nothing within this is an error, not a fast frame


class PaintCounter(QObject):
    """Counts the paint events a widget has handled."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _move_frames(window: object) -> list[float]:
    app = gui().app
    view = window.map_panel.viewbox  # type: ignore[attr-defined]
    viewport = window.map_panel.plot_widget.viewport()  # type: ignore[attr-defined]
    counter = PaintCounter(viewport)
    view.setRange(xRange=(-40, 60), yRange=(-10, 60), padding=0)
    app.processEvents()  # type: ignore[attr-defined]
    times = []
    try:
        for step in range(MOVES):
            painted = counter.count
            start = time.perf_counter()
            if step % 4 == 3:
                view.scaleBy(s=(0.8, 0.8) if (step // 8) % 2 == 0 else (1.25, 1.25))
            else:
                view.translateBy(x=1.5 if (step // 15) % 2 == 0 else -1.5)
            while counter.count == painted:  # the next frame: range applied, items drawn
                app.processEvents()  # type: ignore[attr-defined]
                if time.perf_counter() - start > FRAME_WAIT_S:
                    raise RuntimeError("a pan or zoom of the map painted no frame")
            times.append((time.perf_counter() - start) * 1000)
    finally:
        viewport.removeEventFilter(counter)
        counter.deleteLater()
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
        empty.append(statistics.median(_move_frames(window)))
        for start in range(0, len(features), 500):
            store.append(ResultBatch.from_features(features[start : start + 500]))
        ours.append(statistics.median(_move_frames(window)))
    store.clear()
    return [
        Figure(
            "P4",
            f"map frame painted per pan or zoom, {count:,} footprints",
            "ms",
            ours,
            empty,
            "empty map",
            target=16,
            on="value",
        )
    ]
