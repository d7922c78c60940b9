"""One query against several catalogs at once, streamed into one row per product.

Each source pages on its own (its own pager, method rules, credentials and limits); a page is
merged as it arrives: an item of a product already listed adds a source to that row, any other
starts a row. One source failing, slow or refused never stops the others: each keeps its own
state, count and error, and can be retried alone. ``stop`` keeps every source's place (its
pager, next link and page on the wire), so paging resumes where it stopped. The product keys are
computed in the workers that fetch the pages, so the loop thread only looks them up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import orjson

from stacdesk.core.catalogs.catalog import Catalog, Page, PageSource
from stacdesk.core.common.errors import CatalogError, describe_error
from stacdesk.core.common.events import Event
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, SEMICOLON_JOINED, Message, joined
from stacdesk.core.common.page_work import PAGE_WORK
from stacdesk.core.products.merged_item import merged_item
from stacdesk.core.products.product_identity import ProductKey, product_key
from stacdesk.core.products.product_merge import ProductMerger, SourceRef
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.results.store import ResultBatch, ResultStore, json_of_blob, subset
from stacdesk.core.search.paging import Pager
from stacdesk.core.search.session import SearchState

PRODUCTS = QT_TRANSLATE_NOOP("Search", "%Ln products", "%Ln product", 1)
FROM_CATALOGS = QT_TRANSLATE_NOOP(
    "Search",
    "%1 from %Ln catalogs (%2 in more than one)",
    "%1 from %Ln catalog (%2 in more than one)",
    1,
)
FROM_CATALOGS_MORE = QT_TRANSLATE_NOOP(
    "Search",
    "%1 from %Ln catalogs (%2 in more than one, more available)",
    "%1 from %Ln catalog (%2 in more than one, more available)",
    1,
)
FROM_CATALOGS_STOPPED = QT_TRANSLATE_NOOP(
    "Search",
    "%1 from %Ln catalogs (%2 in more than one, stopped)",
    "%1 from %Ln catalog (%2 in more than one, stopped)",
    1,
)
NOT_OPENED = QT_TRANSLATE_NOOP("Search", "could not be opened")
SOURCE_SAID = QT_TRANSLATE_NOOP("Search", "%1: %2")  # a catalog's name, what it said
CHANGED_MEANWHILE = QT_TRANSLATE_NOOP("Search", "The results changed meanwhile (a new search?).")


class KeyedPages:
    """A source's pages, with each page's product keys computed in the worker that fetched it."""

    def __init__(self, inner: PageSource) -> None:
        self.inner = inner
        self.method = inner.method
        self.keys: dict[int, dict[str, ProductKey | None]] = {}  # id(page) → item id → key

    def next_page(self) -> Page | None:
        page = self.inner.next_page()
        self.method = self.inner.method
        if page is not None:
            with PAGE_WORK:
                self.keys[id(page)] = {
                    str(f["id"]): product_key(f)
                    for f in page.features
                    if isinstance(f, dict) and isinstance(f.get("id"), str | int)
                }
        return page

    def close(self) -> None:
        self.inner.close()


@dataclass
class SourceSearch:
    """One catalog's part of the search, with what its status line shows."""

    name: str
    catalog: Catalog | None  # None: it could not be opened (``error`` says why)
    query: SearchQuery
    pages: KeyedPages | None = None
    pager: Pager | None = None
    state: SearchState = SearchState.IDLE
    received: int = 0  # items this source returned (merged or not)
    number_matched: int | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    task: asyncio.Task[None] | None = None

    @property
    def has_more(self) -> bool:
        """Another page exists: more available, a failed page to ask again, or stopped."""
        return (
            self.state in (SearchState.MORE, SearchState.FAILED, SearchState.IDLE)
            and self.pager is not None
            and not self.pager.exhausted
        )


class MultiSearchSession:
    """The running multi-catalog search; ``changed()`` fires on every state or count change.

    ``store`` holds one row per product (the first copy's item); ``copies[row]`` every source's
    copy of it, compressed as the store keeps items. It answers what the window asks of a
    single-catalog ``SearchSession`` (state, summary, error, notes, paging), so the window can
    share the store and the ``changed`` event between the two and show whichever ran last.
    """

    def __init__(
        self,
        store: ResultStore | None = None,
        executor: Executor | None = None,
        changed: Event[[]] | None = None,
    ) -> None:
        self.store = store if store is not None else ResultStore()  # an empty store is falsy
        self.changed: Event[[]] = changed if changed is not None else Event()
        self._executor = executor
        self.sources: list[SourceSearch] = []
        self.merger = ProductMerger()
        self.copies: list[list[tuple[SourceRef, bytes]]] = []
        self.shared_rows: set[int] = set()  # products found in more than one catalog
        self.catalog: Catalog | None = None  # the first source's: what saved searches record
        self.query: SearchQuery | None = None
        self.input_notes: list[str] = []  # what of the user's input could not be sent
        self.method: str | None = None
        self.number_matched_estimated = True  # a sum over catalogs counts shared products twice
        self._to_end: asyncio.Future[None] | None = None  # load_to_end

    def opening(self, names: list[str], query: SearchQuery) -> None:
        """Empty the list and show every source loading while the other catalogs are opened,
        so a search that waits on a slow catalog shows it from the first moment."""
        self._reset([SourceSearch(n, None, query, state=SearchState.LOADING) for n in names])
        self.changed.emit()

    def _reset(self, sources: list[SourceSearch]) -> None:
        self.cancel()
        self.store.clear()
        self.merger, self.copies, self.shared_rows = ProductMerger(), [], set()
        self.input_notes = []
        self.sources = sources
        self.catalog = sources[0].catalog if sources else None
        self.query = sources[0].query if sources else None

    def start(
        self,
        searches: list[tuple[str, Catalog | None, SearchQuery]],
        errors: dict[str, str] | None = None,
    ) -> asyncio.Future[None]:
        """Cancel what runs, empty the store and fetch every source's first page. A source
        whose catalog is None could not be opened: ``errors[name]`` says why."""
        self._reset([SourceSearch(name, catalog, query) for name, catalog, query in searches])
        for source in self.sources:
            if source.catalog is None:
                source.state = SearchState.FAILED
                source.error = (errors or {}).get(source.name) or NOT_OPENED()
                continue
            source.pages = KeyedPages(source.catalog.search(source.query))
            source.pager = Pager(source.pages, self._executor)
        return self.fetch_more()

    @property
    def error(self) -> str | None:
        failed = [
            SOURCE_SAID(s.name, s.error) for s in self.sources if s.state is SearchState.FAILED
        ]
        return joined(failed, SEMICOLON_JOINED) or None

    @property
    def notes(self) -> list[str]:
        return self.input_notes + [SOURCE_SAID(s.name, n) for s in self.sources for n in s.notes]

    @property
    def number_matched(self) -> int | None:
        counts = [s.number_matched for s in self.sources if s.catalog is not None]
        return sum(c for c in counts if c is not None) if counts and None not in counts else None

    @property
    def state(self) -> SearchState:
        states = {s.state for s in self.sources}
        # stopped (IDLE) before complete: a search with one source stopped is not complete
        for state in (SearchState.LOADING, SearchState.MORE, SearchState.FAILED, SearchState.IDLE):
            if state in states:
                return state
        return SearchState.DONE if states else SearchState.IDLE

    @property
    def can_fetch_more(self) -> bool:
        return any(s.has_more for s in self.sources)

    def fetch_more(self) -> asyncio.Future[None]:
        """The next page of every source that has more (failed ones are asked again)."""
        return asyncio.gather(*(self._next(s) for s in self.sources if s.state != SearchState.DONE))

    def retry(self, name: str) -> asyncio.Future[None]:
        """Ask one source again (its failed page, or its next one)."""
        return asyncio.gather(*(self._next(s) for s in self.sources if s.name == name))

    def _next(self, source: SourceSearch, going_on: bool = False) -> asyncio.Task[None]:
        if source.task is None or source.task.done():
            source.task = asyncio.ensure_future(self._load_page(source, source.pager, going_on))
        return source.task

    async def _load_page(self, source: SourceSearch, pager: Pager | None, going_on: bool) -> None:
        """One page of the source. ``going_on``: the caller asks the next page at once, so the
        source stays loading in between (one ``changed`` a page instead of two: each one
        re-lays out the status lines on the GUI thread, three catalogs' worth)."""
        if pager is None or pager.exhausted or source.catalog is None:
            return
        if source.state is not SearchState.LOADING:
            self._set(source, SearchState.LOADING)
        try:
            fetched = await pager.next()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # this source's failure; the others go on
            if pager is source.pager:
                source.error = describe_error(exc, source.catalog.url)  # type: ignore[union-attr]
                self._set(source, SearchState.FAILED)
            return
        if pager is not source.pager:
            return  # a newer search started meanwhile
        source.error = None
        if fetched is not None:
            page, batch = fetched
            if page.number_matched is not None:
                source.number_matched = page.number_matched
            source.notes += [n for n in page.problems + batch.problems if n not in source.notes]
            keys = source.pages.keys.pop(id(page), {}) if source.pages else {}
            before, source.received = source.received, source.received + len(batch)
            self._merge(source.name, batch, keys)
            if before < (source.number_matched or 0) <= source.received and not pager.exhausted:
                # the count is reached: ask once more so the source says "complete", not "more"
                return await self._load_page(source, pager, going_on)
        more = SearchState.LOADING if going_on else SearchState.MORE
        self._set(source, SearchState.DONE if pager.exhausted else more)

    def _merge(self, name: str, batch: ResultBatch, keys: dict[str, ProductKey | None]) -> None:
        """New products become rows (ids another source already used get the source's name);
        copies of listed products join their rows."""
        fresh: list[int] = []
        used: set[str] = set()
        for i, item_id in enumerate(batch.ids):
            ref = SourceRef(name, item_id, batch.collections[i])
            placement = self.merger.place(ref, keys.get(item_id))
            if placement.new_row:
                fresh.append(i)
                self.copies.append([(ref, batch.blobs[i])])
                if self.store.row_of(item_id) is not None or item_id in used:
                    batch.ids[i] = f"{item_id} ({name})"
                used.add(batch.ids[i])
            elif placement.new_source:
                self.copies[placement.row].append((ref, batch.blobs[i]))
                if name != self.copies[placement.row][0][0].source:
                    self.shared_rows.add(placement.row)
        if fresh:
            self.store.append(subset(batch, fresh) if len(fresh) != len(batch) else batch)

    async def load_all(self, up_to: int | None = None) -> None:
        """Page every source to its end, or until ``up_to`` rows are listed (CLI, tests,
        benchmarks, the window's "Load all"); a failed source stays failed, a stopped one
        resumes. Each source pages on its own: a slow one does not hold the others back a page
        at a time, and their pages reach the GUI thread spread out rather than together."""
        await asyncio.gather(*(self._page_on(s, up_to) for s in self.sources))

    async def _page_on(self, source: SourceSearch, up_to: int | None) -> None:
        while _going(source) and (up_to is None or len(self.store) < up_to):
            await self._next(source, going_on=True)
        if source.state is SearchState.LOADING and (source.task is None or source.task.done()):
            self._set(source, SearchState.MORE)  # stopped at ``up_to`` while going on

    @property
    def stopped(self) -> bool:
        """Stopped by the user with more to load in some source (``fetch_more`` resumes)."""
        return any(s.state is SearchState.IDLE and s.has_more for s in self.sources)

    @property
    def loading_to_end(self) -> bool:
        return self._to_end is not None and not self._to_end.done()

    def load_to_end(self, up_to: int | None = None) -> asyncio.Future[None]:
        """Page every source to its end (or to ``up_to`` rows) in a task ``stop`` ends; while
        one runs, that one."""
        if self._to_end is None or self._to_end.done():
            self._to_end = asyncio.ensure_future(self.load_all(up_to))
            self.changed.emit()
        return self._to_end

    def stop(self) -> None:
        """Stop paging every source, keeping what is loaded and each source's place."""
        if self._to_end is not None and not self._to_end.done():
            self._to_end.cancel()
        self._to_end = None
        for source in self.sources:
            if source.task is not None and not source.task.done():
                source.task.cancel()
            source.task = None
            if source.state in (SearchState.LOADING, SearchState.MORE):
                source.state = SearchState.IDLE
        self.changed.emit()

    def cancel(self) -> None:
        """Stop for good (a new search, the window closing): every pager is closed."""
        self.stop()
        for source in self.sources:
            if source.pager is not None:
                source.pager.close()
        self.changed.emit()

    def _set(self, source: SourceSearch, state: SearchState) -> None:
        source.state = state
        self.changed.emit()

    def product_copies(self, row: int) -> list[tuple[SourceRef, dict[str, Any]]]:
        """Every source's item of the product in ``row``, the row's own first."""
        return [(ref, orjson.loads(json_of_blob(blob))) for ref, blob in self.copies[row]]

    def merged_items(self, rows: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
        """One item per product (every row, or ``rows``), with every source's hrefs: what
        exports and downloads are handed. Also from a worker thread."""
        for row in range(len(self.copies)) if rows is None else rows:
            try:
                copies = self.product_copies(row)
            except IndexError:
                raise CatalogError(CHANGED_MEANWHILE()) from None
            yield merged_item(copies)

    def summary(self) -> Message:
        """ "1,234 products from 3 catalogs (56 in more than one)" for the status line."""
        rows = PRODUCTS(n=len(self.store))
        if self.stopped:
            said = FROM_CATALOGS_STOPPED
        elif self.can_fetch_more and self.state is not SearchState.FAILED:
            said = FROM_CATALOGS_MORE
        else:
            said = FROM_CATALOGS
        return said(rows, len(self.shared_rows), n=len(self.sources))


def _going(source: SourceSearch) -> bool:
    """Whether ``load_all`` still pages this source: loading, or more to load and not failed."""
    return source.state is SearchState.LOADING or (
        source.has_more and source.state is not SearchState.FAILED
    )
