"""Async paging over a blocking PageSource: the network and parsing run in worker threads.

One page is kept in flight ahead of what the list has asked for (prefetch), and a page is requested
from the source exactly once: the source only moves forward, and a failed page is asked again.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor

from stacdesk.core.catalog import Page, PageSource
from stacdesk.core.results import ResultBatch

Fetched = tuple[Page, ResultBatch]


def _fetch(source: PageSource) -> Fetched | None:
    """Runs in a worker: fetch and parse a page into columns, so the GUI thread only appends."""
    page = source.next_page()
    if page is None:
        return None
    return page, ResultBatch.from_features(page.features)


def _consume_exception(future: asyncio.Future[Fetched | None]) -> None:
    if not future.cancelled():
        future.exception()


class Pager:
    """``await pager.next()`` gives the next parsed page, or None at the end."""

    def __init__(
        self, source: PageSource, executor: Executor | None = None, prefetch: bool = True
    ) -> None:
        self.source = source
        self._executor = executor
        self._prefetch = prefetch
        self._ahead: asyncio.Future[Fetched | None] | None = None
        self._lock = asyncio.Lock()
        self.exhausted = False
        self.pages_fetched = 0

    def _start_fetch(self) -> asyncio.Future[Fetched | None]:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, _fetch, self.source)
        future.add_done_callback(_consume_exception)  # a dropped prefetch must not warn at exit
        return future

    async def next(self) -> Fetched | None:
        async with self._lock:
            if self.exhausted:
                return None
            future, self._ahead = self._ahead or self._start_fetch(), None
            result = await future  # on failure the source has not advanced: next() retries it
            if result is None:
                self.exhausted = True
                return None
            self.pages_fetched += 1
            if self._prefetch:
                self._ahead = self._start_fetch()
            return result

    def close(self) -> None:
        """Stop: nothing more is fetched; a page in flight finishes in its thread and is dropped."""
        self.exhausted = True
        if self._ahead is not None:
            self._ahead.cancel()
            self._ahead = None
        self.source.close()
