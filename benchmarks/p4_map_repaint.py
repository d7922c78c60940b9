"""P4: the frames a pan or zoom of the map paints with 10,000 footprints, beside the empty map.

Each step is one user move (a pan, or every fourth a zoom) timed from the move until the frame
it causes has been painted: Qt's paint events on the map's viewport are counted, and the clock
stops once a new one has been handled. Nothing is painted outside the timed part.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from pathlib import Path

import orjson
from PySide6.QtCore import QEvent, QObject

from benchmarks.catalogs import COLLECTION, copied_sentinel2, sentinel2_catalog
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


def _pages(items: Path, count: int) -> list[tuple[ResultBatch, list[bytes]]]:
    """The first ``count`` items as pages of 500, parsed once (each page with its JSON, which the
    store takes over when the page is appended)."""
    pages, lines = [], []
    with items.open("rb") as handle:
        for line in handle:
            if len(lines) + 500 * len(pages) >= count:
                break
            lines.append(orjson.loads(line))
            if len(lines) == 500:
                batch = ResultBatch.from_features(lines)
                pages.append((batch, list(batch.blobs)))
                lines = []
    if lines:
        batch = ResultBatch.from_features(lines)
        pages.append((batch, list(batch.blobs)))
    return pages


def run(repeats: int, count: int = 10_000, sizes: tuple[int, ...] = ()) -> list[Figure]:
    """P4 at ``count`` footprints, and at each of ``sizes`` (P4-<size>: the ``count`` catalog
    repeated with new ids, so footprints lie over each other as often as needed)."""
    g = gui()
    window = g.window
    store = window.workspace.search.store
    figures = []
    for size in (count, *sizes):
        if size == count:
            items = sentinel2_catalog(count).items_path(COLLECTION)
        else:
            items = copied_sentinel2(size, base_count=count) / COLLECTION / "items.ndjson"
        pages = _pages(items, size)
        ours, empty = [], []
        for _ in range(repeats):
            store.clear()
            empty.append(statistics.median(_move_frames(window)))
            for batch, blobs in pages:
                store.append(dataclasses.replace(batch, blobs=list(blobs)))
            ours.append(statistics.median(_move_frames(window)))
        store.clear()
        figures.append(
            Figure(
                "P4" if size == count else f"P4-{size}",
                f"map frame painted per pan or zoom, {size:,} footprints",
                "ms",
                ours,
                empty,
                "empty map",
                target=16,
                on="value",
            )
        )
    return figures
