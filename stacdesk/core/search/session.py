"""One search from its first page to its last, feeding the result store.

The window, the CLI and the tests drive searches through this object; it knows asyncio, not Qt.
A new search cancels the running one, and pages of an old search never reach the store. Stopping
is not cancelling: ``stop`` keeps what is loaded and the pager's place (its next link or token,
and a page already on the wire), so ``fetch_more`` or ``load_to_end`` go on from there and no page
is asked twice.
"""

from __future__ import annotations

import asyncio
import enum
from concurrent.futures import Executor

from stacdesk.core.catalogs.catalog import Catalog
from stacdesk.core.common.errors import describe_error
from stacdesk.core.common.events import Event
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.results.store import ResultStore, compressed_blobs
from stacdesk.core.search.paging import Pager

RESULTS = QT_TRANSLATE_NOOP("Search", "%Ln results", "%Ln result", 1)
LOADED_OF = QT_TRANSLATE_NOOP("Search", "%1 of %Ln results", "%1 of %Ln result", 1)
LOADED_OF_ABOUT = QT_TRANSLATE_NOOP(
    "Search", "%1 of about %Ln results", "%1 of about %Ln result", 1
)
LOADED_OF_STOPPED = QT_TRANSLATE_NOOP(
    "Search", "%1 of %Ln results, stopped", "%1 of %Ln result, stopped", 1
)
LOADED_OF_ABOUT_STOPPED = QT_TRANSLATE_NOOP(
    "Search", "%1 of about %Ln results, stopped", "%1 of about %Ln result, stopped", 1
)
LOADED_STOPPED = QT_TRANSLATE_NOOP("Search", "%Ln loaded, stopped", "%Ln loaded, stopped", 1)
LOADED_MORE = QT_TRANSLATE_NOOP(
    "Search", "%Ln loaded, more available", "%Ln loaded, more available", 1
)


class SearchState(enum.Enum):
    IDLE = "idle"
    LOADING = "loading"
    MORE = "more available"
    DONE = "complete"
    FAILED = "failed"


class SearchSession:
    """Owns the running search. ``changed()`` fires on every state, count or message change."""

    def __init__(self, store: ResultStore | None = None, executor: Executor | None = None) -> None:
        self.store = store if store is not None else ResultStore()  # an empty store is falsy
        self.changed: Event[[]] = Event()
        self._executor = executor
        self._pager: Pager | None = None
        self._task: asyncio.Task[None] | None = None
        self._to_end: asyncio.Task[None] | None = None  # load_to_end: paging to the last page
        self._compressing: asyncio.Future[list[bytes]] | None = None  # see _compress_later
        self.catalog: Catalog | None = None
        self.query: SearchQuery | None = None
        self.state = SearchState.IDLE
        self.number_matched: int | None = None
        self.number_matched_estimated = False  # the server marked its count as an estimate
        self.error: str | None = None
        self.notes: list[str] = []

    @property
    def method(self) -> str | None:
        return self._pager.source.method if self._pager else None

    @property
    def can_fetch_more(self) -> bool:
        """Another page exists: more available, a failed page to ask again, or stopped."""
        pager = self._pager
        return (
            self.state in (SearchState.MORE, SearchState.FAILED, SearchState.IDLE)
            and pager is not None
            and not pager.exhausted
        )

    @property
    def stopped(self) -> bool:
        """Stopped by the user with more to load (``fetch_more`` resumes)."""
        return self.state is SearchState.IDLE and self.can_fetch_more

    @property
    def loading_to_end(self) -> bool:
        return self._to_end is not None and not self._to_end.done()

    def start(self, catalog: Catalog, query: SearchQuery) -> asyncio.Task[None]:
        """Cancel whatever runs, empty the store and fetch the first page.

        The first request goes out before anything else: cancelling the old search and emptying
        the store run the window's handlers (the list, map and plots emptied: 1-20 ms), and the
        server's round trip need not wait for them."""
        pager = Pager(catalog.search(query), self._executor)
        pager.send_first()
        self.cancel()
        self.store.clear()
        self.catalog, self.query = catalog, query
        self.number_matched, self.error, self.notes = None, None, []
        self.number_matched_estimated = False
        self._pager = pager
        return self.fetch_more()

    def fetch_more(self) -> asyncio.Task[None]:
        """Load the next page (or retry a failed one); while one is loading, return that one."""
        if self._task is not None and not self._task.done():
            return self._task
        self._task = asyncio.ensure_future(self._load_next_page(self._pager))
        return self._task

    async def _load_next_page(self, pager: Pager | None) -> None:
        if pager is None or pager.exhausted:
            return
        self._set_state(SearchState.LOADING)
        try:
            fetched = await pager.next()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every failure becomes a message; results so far are kept
            if pager is self._pager:
                self.error = describe_error(exc, self.catalog.url if self.catalog else "")
                self._set_state(SearchState.FAILED)
            return
        if pager is not self._pager:
            return  # a newer search started meanwhile
        self.error = None
        if fetched is not None:
            page, batch = fetched
            if page.number_matched is not None:
                self.number_matched = page.number_matched
                self.number_matched_estimated = page.number_matched_estimated
            for note in page.problems + batch.problems:
                if note not in self.notes:
                    self.notes.append(note)
            start = len(self.store)
            self.store.append(batch)
            if not batch.compressed and len(self.store) > start:
                self._compress_later(start, len(self.store))
        self._set_state(SearchState.DONE if pager.exhausted else SearchState.MORE)

    def _compress_later(self, start: int, end: int) -> None:
        """Compress rows the pager delivered plain (the first page: shown first, see paging).

        A worker compresses a copy of the rows' JSON; the store takes it back only if it still
        holds the same search (``generation``), so a new search's rows are never overwritten.
        """
        store, generation = self.store, self.store.generation

        def put_back(done: asyncio.Future[list[bytes]]) -> None:
            if not done.cancelled() and done.exception() is None:
                store.compress_rows(start, done.result(), generation)

        blobs = store.stored_blobs(start, end)
        loop = asyncio.get_running_loop()
        self._compressing = loop.run_in_executor(self._executor, compressed_blobs, blobs)
        self._compressing.add_done_callback(put_back)

    async def load_all(self, up_to: int | None = None) -> None:
        """Page to the end, or until ``up_to`` rows are loaded (CLI, tests, benchmarks, the
        window's "Load all"); stops at the first failure. The store is then compact: the first
        page's JSON is compressed too."""
        while True:
            await self.fetch_more()
            if self.state is not SearchState.MORE:
                break
            if up_to is not None and len(self.store) >= up_to:
                break
        if self._compressing is not None:  # a failed compression leaves the JSON plain, still read
            await asyncio.wait([self._compressing])

    def load_to_end(self, up_to: int | None = None) -> asyncio.Task[None]:
        """Page to the end (or to ``up_to`` rows) in a task of the session's own, so ``stop``
        (or a new search) ends it; while one runs, return that one."""
        if self._to_end is None or self._to_end.done():
            self._to_end = asyncio.ensure_future(self.load_all(up_to))
            self.changed.emit()  # "loading all" shows at once
        return self._to_end

    def stop(self) -> None:
        """Stop paging and keep the place: the rows loaded, the pager with its next link and
        whatever page it has on the wire (delivered by the next ``fetch_more``, not asked
        again)."""
        for task in (self._to_end, self._task):
            if task is not None and not task.done():
                task.cancel()
        self._task = self._to_end = None
        if self.state in (SearchState.LOADING, SearchState.MORE):
            self._set_state(SearchState.IDLE)

    def cancel(self) -> None:
        """Stop for good (a new search, the window closing): the pager is closed."""
        self.stop()
        if self._pager is not None:
            self._pager.close()
        if self.state is SearchState.IDLE:
            self.changed.emit()  # no more to load: the window hides "Resume"

    def _set_state(self, state: SearchState) -> None:
        self.state = state
        self.changed.emit()

    def summary(self) -> Message:
        """ "1,234 of about 5,678 results" style count for the status line."""
        loaded = len(self.store)
        if self.number_matched is not None:
            if self.stopped:
                of = LOADED_OF_ABOUT_STOPPED if self.number_matched_estimated else LOADED_OF_STOPPED
            else:
                of = LOADED_OF_ABOUT if self.number_matched_estimated else LOADED_OF
            return of(loaded, n=self.number_matched)
        if self.stopped:
            return LOADED_STOPPED(n=loaded)
        if self.state is SearchState.MORE:
            return LOADED_MORE(n=loaded)
        return RESULTS(n=loaded)


def search_to_end(catalog: Catalog, query: SearchQuery) -> SearchSession:
    """Run a search to its last page on a loop of its own (tests, scripts); blocks."""

    async def run() -> SearchSession:
        session = SearchSession()
        await session.start(catalog, query)
        await session.load_all()
        return session

    return asyncio.run(run())
