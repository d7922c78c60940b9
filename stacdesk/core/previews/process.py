"""Previews read in a worker process rather than a thread of the window's process.

Why: GDAL's warp, the stretch and the mosaic's pasting are numpy and C work over megapixel
arrays, much of it holding the GIL; in a thread they take the GIL (and a core) from the window's
thread while it paints, and a pan stalls. In a process of its own, at a lower priority, they
take neither.

What stays in the window's process is what needs its objects: the probes (credentials, URL
signing, redirects answered one hop at a time) and the headers, asked for again at every read so
a refreshed token is the one sent. A job carries only plain data: each file's ``Source`` with
its GDAL options, headers included. A newer request moves a shared counter on; the job in the
process sees it at its next step (between files and items) and stops.

The process is started with ``spawn`` on every system (no fork of a process running Qt threads);
a frozen build needs ``multiprocessing.freeze_support()`` in its entry script.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from stacdesk.core.previews.access import Source
from stacdesk.core.previews.bands import Recipe
from stacdesk.core.previews.errors import PreviewError
from stacdesk.core.previews.mosaic import Mosaic, read_mosaic
from stacdesk.core.previews.preview import Bbox, Preview
from stacdesk.core.previews.reader import PreviewCancelled, Reader, explain

NICENESS = 10  # below the window: the scheduler gives the GUI the core when both want it
T = TypeVar("T")

_generation: Any = None  # in the worker process: the shared counter of requests
_reader: _Prepared | None = None  # in the worker process: stretches and footprints kept


class Unrecognised(PreviewError):
    """GDAL could not open a file the window's probe found fine: the window's process asks the
    server again, with its credentials, so a refusal is named (``Reader.explain_remote``)."""

    def __init__(self, href: str, text: str) -> None:
        self.href = href
        self.text = text
        super().__init__(str(explain(Exception(text))))

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.href, self.text)


class _Prepared(Reader):
    """Reads with sources prepared by the window's process (probed, headers in their GDAL
    options, or the probe's message); never probes, having no credentials to probe with."""

    def __init__(self) -> None:
        super().__init__()
        self._failed: dict[str, str] = {}

    def adopt(self, sources: Mapping[str, Source | str]) -> None:
        with self._lock:
            for href, source in sources.items():
                if isinstance(source, str):
                    self._failed[href] = source
                    continue
                self._failed.pop(href, None)
                known = self._sources.get(href)
                if known is not None and known.version != source.version:
                    self._forget(href)  # changed since: a new stretch and footprint
                self._sources[href] = source

    def source(self, href: str) -> Source:
        with self._lock:
            failed = self._failed.get(href)
            if failed is not None:
                raise PreviewError(failed)
            return self._sources[href]

    def explain_remote(self, source: Source, error: Exception) -> PreviewError:
        if source.url and "not recognized" in str(error):
            return Unrecognised(source.href, str(error))
        return explain(error)


def _start(generation: Any) -> None:
    """The worker process's initialiser: the shared counter, the reader's libraries (imported
    at the window's priority: at a lower one, on a busy machine, the first preview would wait
    seconds for them), then a lower priority."""
    global _generation
    _generation = generation
    import rasterio
    import rasterio.vrt
    import rasterio.warp  # noqa: F401

    with contextlib.suppress(OSError, AttributeError):  # os.nice: not on Windows
        os.nice(NICENESS)


def _prepared(sources: Mapping[str, Source | str]) -> _Prepared:
    global _reader
    if _reader is None:
        _reader = _Prepared()
    _reader.adopt(sources)
    return _reader


def _cancelled(mine: int) -> Callable[[], bool]:
    return lambda: _generation is not None and _generation.value != mine


def _warm() -> None:
    """Nothing: submitted at once so the process starts (and imports) while the user is still
    choosing what to see, not at the first preview."""


def _read_view(
    mine: int, sources: dict[str, Source], recipe: Recipe, view: Bbox, width: int, height: int
) -> Preview:
    reader = _prepared(sources)
    return reader.read_view(recipe, view, width, height, False, _cancelled(mine))


def _read_mosaic(
    mine: int,
    sources: dict[str, Source | str],
    items: list[tuple[str, Recipe]],
    view: Bbox,
    size: tuple[int, int],
    clip: Any,
) -> Mosaic:
    reader = _prepared(sources)
    parts = [(name, recipe, reader) for name, recipe in items]
    return read_mosaic(parts, view, size[0], size[1], _cancelled(mine), clip)


class ReadingProcess:
    """One worker process for previews; ``view`` and ``mosaic`` block until the process
    answers (call them from a worker thread). ``cancel`` stops the job in flight."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._generation = self._context.RawValue("q", 0)
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            1, mp_context=self._context, initializer=_start, initargs=(self._generation,)
        )
        pool.submit(_warm)  # the process starts now, not at the first preview
        return pool

    @property
    def generation(self) -> int:
        return int(self._generation.value)

    def cancel(self) -> None:
        """The job running now (if any) stops at its next step; call from one thread only."""
        self._generation.value += 1

    def view(
        self,
        mine: int,
        sources: dict[str, Source],
        recipe: Recipe,
        view: Bbox,
        width: int,
        height: int,
    ) -> Preview:
        return self._run(_read_view, mine, sources, recipe, view, width, height)

    def mosaic(
        self,
        mine: int,
        sources: dict[str, Source | str],
        items: Sequence[tuple[str, Recipe]],
        view: Bbox,
        size: tuple[int, int],
        clip: Any,
    ) -> Mosaic:
        """``read_mosaic`` in the process: failures as raised there, ``Unrecognised`` too."""
        return self._run(_read_mosaic, mine, sources, list(items), view, size, clip)

    def _run(self, job: Callable[..., T], mine: int, *args: Any) -> T:
        if mine != self.generation:
            raise PreviewCancelled
        try:
            return self._pool.submit(job, mine, *args).result()
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()  # the next preview gets a new process
            raise PreviewError("the reading process stopped unexpectedly") from None

    def close(self) -> None:
        self.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
