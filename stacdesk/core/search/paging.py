"""Async paging over a blocking PageSource: the network and parsing run in worker threads.

A page is requested from the source exactly once: the source only moves forward, and a failed page
is asked again. Fetching and column building are two stages of a pipeline: as soon as a page has
arrived, the worker that fetched it tells the loop to send the request for the following page and
turns the page into columns itself, so the server's time and ours overlap, and the page reaches
the loop in one hand-off (a second trip through the loop to start the columns cost the first page
a wake-up of the GUI thread). The pipeline runs one page ahead of what the list has asked for
(prefetch), never more.

Pages waiting as plain dicts are the largest transient load on the garbage collector (tens of
thousands of containers each), so they become columns at once and ``pages_in_flight`` lets the
GUI thread's collector wait for them to die instead of walking them.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections import deque
from concurrent.futures import Executor

from stacdesk.core.catalogs.catalog import Page, PageSource
from stacdesk.core.common.page_work import PAGE_WORK
from stacdesk.core.results.footprint_index import batch_geometries
from stacdesk.core.results.store import ResultBatch, compressed_blobs

Fetched = tuple[Page, ResultBatch]
Built = tuple[Page, ResultBatch | Exception]  # a page whose columns failed keeps its error

_busy_pagers: weakref.WeakSet[Pager] = weakref.WeakSet()


def pages_in_flight() -> int:
    """Pages requested or being built into columns right now, across the pagers of live loops
    (a loop that ended with a request out, as ``asyncio.run`` may, leaves nothing behind)."""
    return sum(p.in_flight for p in list(_busy_pagers) if p.loop_alive())


def _columns(page: Page, compress: bool) -> ResultBatch:
    """Runs in a worker: the page's features as columns and footprint geometries, so the GUI
    thread only appends. The JSON is compressed outside ``PAGE_WORK`` (it releases the GIL)."""
    with PAGE_WORK:
        batch = ResultBatch.from_features(page.features, compress=False, raws=page.raw_features)
        batch.geometries = batch_geometries(batch)
        page.features = []  # the dicts are garbage now; don't keep them for the collector to walk
        page.raw_features = None
    if compress:
        batch.blobs = compressed_blobs(batch.blobs)
        batch.compressed = True
    return batch


def _consume_exception(future: asyncio.Future[Fetched | None]) -> None:
    """A dropped page's failure is nobody's business: don't warn about it at exit."""
    if not future.cancelled():
        future.exception()


class Pager:
    """``await pager.next()`` gives the next parsed page, or None at the end."""

    def __init__(
        self, source: PageSource, executor: Executor | None = None, prefetch: bool = True
    ) -> None:
        self.source = source
        self._executor = executor
        self._ahead_allowed = 1 if prefetch else 0
        self._results: deque[asyncio.Future[Fetched | None]] = deque()
        self._fetching = False
        self._failed = False  # a failed request waits for next() to report it before a retry
        self._source_done = False
        self._waiting = False  # next() is waiting for a page: one more may be under way
        self._requested = 0
        self._first_built = False  # the first page's columns were asked for
        self._lock = asyncio.Lock()
        self.exhausted = False
        self.pages_fetched = 0
        self.in_flight = 0
        self._loop: asyncio.AbstractEventLoop | None = None

    def loop_alive(self) -> bool:
        return self._loop is not None and not self._loop.is_closed()

    def _begin(self) -> None:
        self.in_flight += 1
        _busy_pagers.add(self)

    def _end(self) -> None:
        self.in_flight -= 1
        if not self.in_flight:
            _busy_pagers.discard(self)

    def _fill(self, at_least: int = 0) -> None:
        """Start the next request if none is out and the pipeline is not far enough ahead."""
        if self._fetching or self._failed or self._source_done or self.exhausted:
            return
        wanted = self.pages_fetched + self._ahead_allowed + (1 if self._waiting else 0)
        wanted = max(wanted, at_least)
        if self._requested >= wanted:
            return
        loop = self._loop = asyncio.get_running_loop()
        result: asyncio.Future[Fetched | None] = loop.create_future()
        result.add_done_callback(_consume_exception)
        self._results.append(result)
        self._requested += 1
        self._fetching = True
        self._begin()
        # The first page is shown before its JSON is compressed (the session has it done after).
        compress = self._first_built
        raw = loop.run_in_executor(self._executor, self._fetch, loop, compress)
        raw.add_done_callback(lambda done: self._arrived(done, result))

    def _fetch(self, loop: asyncio.AbstractEventLoop, compress: bool) -> Built | None:
        """Runs in a worker: the next page, and its columns once the loop was told to send the
        following request."""
        page = self.source.next_page()
        if page is None or self.exhausted:  # closed meanwhile: its columns would be dropped
            return None
        with contextlib.suppress(RuntimeError):  # the loop closed: nobody waits for this page
            loop.call_soon_threadsafe(self._page_arrived)
        try:
            return page, _columns(page, compress)
        except Exception as exc:  # the source has advanced: this page is lost, reported as such
            return page, exc

    def _page_arrived(self) -> None:
        """On the loop: the request out has its answer; the next one may go (prefetch)."""
        self._fetching = False
        self._first_built = True
        self._fill()

    def _arrived(
        self, raw: asyncio.Future[Built | None], result: asyncio.Future[Fetched | None]
    ) -> None:
        self._end()
        error = None if raw.cancelled() else raw.exception()
        built = None if raw.cancelled() or error is not None else raw.result()
        if built is None:  # no page came: no request went out meanwhile
            self._fetching = False
        if self.exhausted or result.done():  # closed meanwhile
            return
        if raw.cancelled():
            result.cancel()
        elif error is not None:
            self._failed = True
            result.set_exception(error)  # the source has not advanced; next() asks again
        elif built is None:
            self._source_done = True
            result.set_result(None)
        elif isinstance(built[1], Exception):
            result.set_exception(built[1])
        else:
            result.set_result((built[0], built[1]))

    def send_first(self) -> None:
        """Put the first request on the wire now, from the caller's step of the loop.

        Why: ``next()`` runs as a task, one loop iteration later, after the window has handled
        what starting a search changed (the list and map emptied and repainted: 10-15 ms); the
        server's round trip should not wait for that. Does nothing outside a running loop or
        once a request is out, so ``next()`` then finds the same request in flight.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        self._fill(at_least=1)

    async def next(self) -> Fetched | None:
        async with self._lock:
            if self.exhausted:
                return None
            self._waiting = True
            self._fill()
            result = self._results[0]
            try:
                fetched = await asyncio.shield(result)  # if we are cancelled, the next call gets it
            except asyncio.CancelledError:
                if result.cancelled():  # closed meanwhile
                    return None
                raise
            except Exception:
                self._results.popleft()
                self._requested -= 1
                self._failed = False
                raise
            finally:
                self._waiting = False
            self._results.popleft()
            if fetched is None:
                self.exhausted = True
                return None
            self.pages_fetched += 1
            self._fill()
            return fetched

    def close(self) -> None:
        """Stop: nothing more is fetched; a page in flight finishes in its thread and is dropped."""
        self.exhausted = True
        while self._results:
            self._results.popleft().cancel()
        self.source.close()
