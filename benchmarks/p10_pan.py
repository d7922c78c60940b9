"""P10-pan: panning a mosaic of 10 scenes with "Preview data" on, in the real window: once the
selection's mosaic is drawn, each pan step waits for the preview of the new view (read in
workers, cancelled when the view moves on), and the worst GUI-thread stall over the pan is the
figure (P2's 10 ms probe). Selecting the 10 results (the item panel, the list) is not counted.

The scenes are COGs on the loopback file server, 5 × 2 side by side in EPSG:4326, all selected;
each round serves them at new URLs, so no preview comes from the disk cache.
"""

from __future__ import annotations

import asyncio
from typing import Any

from affine import Affine

from benchmarks.figures import Figure
from benchmarks.gui import StallProbe, gui
from stacdesk.core.results.store import ResultBatch
from tests.core.previews.tiffs import make_tiff, pattern
from tests.servers.flaky_files import FlakyFileServer

SCENES = (5, 2)  # columns, rows
DEGREES = 0.5  # per scene side
STEPS = 8  # pan steps per round
TIF = "image/tiff; application=geotiff; profile=cloud-optimized"


def _feature(name: str, url: str, west: float, north: float) -> dict[str, Any]:
    east, south = west + DEGREES, north - DEGREES
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {
        "type": "Feature",
        "stac_version": "1.0.0",
        "id": name,
        "collection": "bench",
        "bbox": [west, south, east, north],
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {"datetime": "2024-05-01T10:00:00Z"},
        "assets": {"data": {"href": url, "type": TIF, "roles": ["data"]}},
    }


def _pan(features: list[dict[str, Any]]) -> float:
    g = gui()
    window: Any = g.window
    panel = window.map_panel
    workspace = window.workspace

    async def run() -> float:
        shown = asyncio.Event()
        panel.preview_drape.shown.connect(shown.set)
        try:
            workspace.search.store.clear()
            workspace.search.store.append(ResultBatch.from_features(features))
            columns, rows = SCENES
            panel.zoom_to((10.0, 50.0 - rows * DEGREES, 10.0 + DEGREES, 50.0), padding=0)
            if not panel.toolbar.preview_action.isChecked():
                panel.toolbar.preview_action.setChecked(True)
            workspace.select_rows(tuple(range(len(features))), 0)
            await asyncio.wait_for(shown.wait(), 60)  # the mosaic is on the map: now pan it
            with StallProbe() as probe:
                for _ in range(STEPS):
                    shown.clear()
                    panel.viewbox.translateBy(x=(columns - 1) * DEGREES / STEPS)
                    await asyncio.wait_for(shown.wait(), 60)
            return probe.worst_stall_ms
        finally:
            panel.preview_drape.shown.disconnect(shown.set)
            panel.toolbar.preview_action.setChecked(False)
            workspace.select_rows(())

    return g.loop.run_until_complete(run())


def run(repeats: int, side: int = 2048) -> list[Figure]:
    columns, rows = SCENES
    scenes = []
    for index in range(columns * rows):
        west, north = 10.0 + (index % columns) * DEGREES, 50.0 - (index // columns) * DEGREES
        transform = Affine(DEGREES / side, 0, west, 0, -DEGREES / side, north)
        scenes.append(
            (west, north, make_tiff(pattern(1, side, seed=index), "EPSG:4326", transform))
        )
    stalls = []
    with FlakyFileServer() as files:
        for turn in range(repeats):
            features = [
                _feature(f"scene-{i}", files.put(f"/{turn}/scene-{i}.tif", tiff.data), west, north)
                for i, (west, north, tiff) in enumerate(scenes)
            ]
            stalls.append(_pan(features))
    return [
        Figure(
            "P10-pan",
            f"worst GUI stall panning a {columns * rows}-scene preview mosaic ({side} px COGs)",
            "ms",
            stalls,
            target=50,
            on="value",
        )
    ]
