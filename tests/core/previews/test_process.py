"""Previews are decoded in a worker process: the window's process keeps its GIL while GDAL
warps, a job superseded by a newer request stops there, and a process that dies (a crash in
GDAL) costs that one preview a message, never the window or the previews after it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from stacdesk.core.previews.bands import Channel, Recipe
from stacdesk.core.previews.cache import PreviewCache
from stacdesk.core.previews.errors import PreviewError
from stacdesk.core.previews.reader import PreviewCancelled
from stacdesk.core.previews.service import PreviewService
from tests.core.previews.tiffs import Tiff
from tests.servers.flaky_files import Fault, FlakyFileServer

VIEW = (10.1, 49.7, 10.3, 49.9)
pytestmark = pytest.mark.timeout(180)


def _held_after_the_probe(files: FlakyFileServer, path: str) -> Fault:
    """The probe (this process) is answered; the first tile read (the worker's) is held."""
    probe, tiles = Fault("stall", at=4), Fault("stall")  # the probe asks for 4 bytes
    probe.release.set()
    files.fault(path, probe, tiles)
    return tiles


def _wait_for_gets(files: FlakyFileServer, path: str, count: int, read: Future[Any]) -> None:
    """Until ``count`` GETs of ``path`` arrived (the read must not have ended before)."""
    pause = threading.Event()
    while len(files.gets(path)) < count:
        assert not read.done(), read.exception()
        pause.wait(0.01)


def test_a_dead_reading_process_is_one_message_and_the_next_preview_works(
    lonlat: Tiff, files: FlakyFileServer, tmp_path: Path
) -> None:
    url = files.put("/crash.tif", lonlat.data)
    held = _held_after_the_probe(files, "/crash.tif")
    recipe = Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")
    before = {p.pid for p in multiprocessing.active_children()}
    service = PreviewService(cache=PreviewCache(tmp_path))
    try:
        doomed = service.request(recipe, VIEW, 300, 300)
        _wait_for_gets(files, "/crash.tif", 2, doomed)  # the worker is reading tiles
        workers = [p for p in multiprocessing.active_children() if p.pid not in before]
        assert workers and all(p.pid != os.getpid() for p in workers)
        for worker in workers:
            os.kill(worker.pid, signal.SIGKILL)  # as a segfault in GDAL would end it
        held.release.set()
        with pytest.raises(PreviewError, match="the reading process stopped unexpectedly"):
            doomed.result(timeout=60)
        again = service.request(recipe, (10.15, 49.7, 10.35, 49.9), 300, 300).result(timeout=60)
        lon, lat = lonlat.lonlat_of(150, 200)
        point = again.value_at(lon, lat)
        assert point is not None and point.values == (float(lonlat.array[0, 150, 200]),)
    finally:
        service.close()


def test_a_superseded_mosaic_stops_in_the_worker(
    lonlat: Tiff, files: FlakyFileServer, tmp_path: Path
) -> None:
    """The older mosaic is told to stop while the worker is inside it; the newer one is drawn."""
    from stacdesk.core.previews.access import Access

    url = files.put("/pan.tif", lonlat.data)
    held = _held_after_the_probe(files, "/pan.tif")
    recipe = Recipe("one", (Channel(url, 1, "v"),), colormap="viridis")
    service = PreviewService(cache=PreviewCache(tmp_path))
    try:
        older = service.request_mosaic([("pan", recipe, Access())], VIEW, 300, 300)
        _wait_for_gets(files, "/pan.tif", 2, older)
        newer = service.request_mosaic(
            [("pan", recipe, Access())], (10.15, 49.7, 10.35, 49.9), 300, 300
        )
        held.release.set()
        with pytest.raises(PreviewCancelled):
            older.result(timeout=60)
        preview, problems = newer.result(timeout=60)
        assert problems == [] and np.count_nonzero(preview.rgba[..., 3]) > 0
    finally:
        service.close()


def test_a_mosaic_names_a_refusal_after_the_probe(
    lonlat: Tiff, files: FlakyFileServer, tmp_path: Path
) -> None:
    """An item whose tiles are refused (403) after its probe passed is named with the refusal,
    asked again where the credentials are, not as a file GDAL cannot read; the other is drawn."""
    from stacdesk.core.previews.access import Access

    good = files.put("/good.tif", lonlat.data)
    refused = files.put("/refused.tif", lonlat.data)
    service = PreviewService(cache=PreviewCache(tmp_path))
    try:
        service.reader_for(Access()).source(refused)  # the probe passes
        files.fault("/refused.tif", *[Fault("status", 403) for _ in range(20)])
        stack = [
            ("refused", Recipe("one", (Channel(refused, 1, "v"),), colormap="viridis"), Access()),
            ("good", Recipe("one", (Channel(good, 1, "v"),), colormap="viridis"), Access()),
        ]
        preview, problems = service.request_mosaic(stack, VIEW, 300, 300).result(timeout=60)
        assert len(problems) == 1
        assert problems[0].startswith("refused: access refused (HTTP 403) to 127.0.0.1:")
        assert problems[0].endswith(" while reading the file's tiles")
        assert preview.label == "1 of 2 items" and np.count_nonzero(preview.rgba[..., 3]) > 0
        with pytest.raises(PreviewError, match=r"^refused: access refused \(HTTP 403\)"):
            service.request_mosaic(stack[:1], VIEW, 300, 300).result(timeout=60)
    finally:
        service.close()
