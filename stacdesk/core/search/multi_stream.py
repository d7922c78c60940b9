"""Several catalogs searched as one, streamed: each product written once it has settled.

Why apart from ``multi_session``: the window keeps every product (a list to scroll, copies to
show); the CLI writing a million products to a file must not. Here every source pages in a
worker thread, its items are merged into products as pages come, and a product leaves memory as
soon as no source can still bring a copy of it.

When is a product settled? When every source is asked for date order (``date_sorted`` asks
those that declare sorting for newest first; the default order of a server is not trusted: some
answer in file order), a source that has passed a date sends nothing newer later. A product
dated T is written once every source (its own included: a catalog may list it twice) has
delivered something older than T by more than twice the product's matching tolerance, or has
ended (or failed). A source running ahead of the slowest one waits, so the products open at
once span little more than that window. Under any other sort order nothing can settle early:
every product is held and written at the end (the order is what it is; the merge is still
right). A source that breaks its date order (an item newer than it had passed) turns the rest
of the search into that hold-everything mode and a note says so: a product written before may
then be written again with the copy found late.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from stacdesk.core.catalogs.catalog import Page, PageSource
from stacdesk.core.common.errors import describe_error
from stacdesk.core.common.seen_ids import SeenIds
from stacdesk.core.products.merged_item import merged_item
from stacdesk.core.products.product_identity import ProductKey, product_key
from stacdesk.core.products.product_merge import SourceRef
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.match_count import item_times

Json = dict[str, Any]
Fetched = tuple[Page, list[ProductKey | None], list[float]]
#: how far (seconds) a source may run ahead of the slowest, and how far back it may step before
#: it counts as out of date order: twice the widest matching window (Landsat's day)
REACH = 2 * 86_400.0


def _keyed(source: PageSource) -> Fetched | None:
    """Runs in a worker: the next page with its items' product keys and times."""
    page = source.next_page()
    if page is None:
        return None
    return page, [product_key(f) for f in page.features], item_times(page.features)


@dataclass
class StreamSource:
    """One catalog's part: its pages, where it has got to, and what its status line says."""

    name: str
    pages: PageSource
    frontier: float = math.inf  # the oldest time delivered, in the sort's direction
    done: bool = False
    error: str | None = None
    received: int = 0
    number_matched: int | None = None
    notes: list[str] = field(default_factory=list)
    first: Fetched | None = None  # the first page, fetched by ``start`` and kept
    future: Future[Fetched | None] | None = None


@dataclass
class _Open:
    key: ProductKey | None
    time: float  # in the sort's direction (newer is larger)
    copies: list[tuple[SourceRef, Json]]


class MergedStream:
    """``products()`` yields one merged item per product, each as soon as it has settled."""

    def __init__(self, searches: Sequence[tuple[str, PageSource, SearchQuery]]) -> None:
        """``searches``: each source's name, pages and the query they answer (its sort order
        decides whether products can settle before the end: see the module)."""
        self.sources = [StreamSource(name, pages) for name, pages, _ in searches]
        directions = {_direction(query) for _, _, query in searches}
        # +1 newest first, -1 oldest first, 0 another order (or the sources disagree)
        self.direction = directions.pop() if len(directions) == 1 else 0
        self.written = 0
        self.shared = 0  # products written with copies from more than one catalog
        self.notes: list[str] = []
        self._open: list[_Open | None] = []
        self._candidates: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        self._seen = SeenIds()
        self._pool = ThreadPoolExecutor(max(1, len(self.sources)), "stacdesk-several")
        self._started = False

    def start(self) -> None:
        """Fetch every source's first page (at once): their counts are known before writing."""
        if self._started:
            return
        self._started = True
        futures = {s.name: self._pool.submit(_keyed, s.pages) for s in self.sources}
        for source in self.sources:
            try:
                fetched = futures[source.name].result()
            except Exception as exc:  # this source failed; the others go on
                source.done, source.error = True, describe_error(exc)
                continue
            if fetched is None:
                source.done = True
            else:
                source.first = fetched
                source.number_matched = fetched[0].number_matched

    def products(self) -> Iterator[Json]:
        """Merged items as they settle, the rest at the end; the sources are closed after."""
        self.start()
        try:
            for source in self.sources:
                if source.first is not None:
                    first, source.first = source.first, None
                    self._take(source, first)
            yield from self._settled()
            while True:
                self._ask()
                busy = {s.future: s for s in self.sources if s.future is not None}
                if not busy:
                    break
                finished, _ = wait(busy, return_when=FIRST_COMPLETED)
                for future in finished:
                    self._arrived(busy[future], future)
                yield from self._settled()
            yield from self._settled(final=True)
        finally:
            self.close()

    def close(self) -> None:
        for source in self.sources:
            if source.future is not None:
                source.future.cancel()
            source.pages.close()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _ask(self) -> None:
        """Ask the next page of every source that is not too far ahead of the slowest."""
        going = [s for s in self.sources if not s.done]
        if not going:
            return
        slowest = max(s.frontier for s in going)
        for source in going:
            ahead = self.direction and source.frontier < slowest - REACH
            if source.future is None and not ahead:
                source.future = self._pool.submit(_keyed, source.pages)

    def _arrived(self, source: StreamSource, future: Future[Fetched | None]) -> None:
        source.future = None
        try:
            fetched = future.result()
        except Exception as exc:  # this source stops here; the others go on
            source.done, source.error = True, describe_error(exc)
            return
        if fetched is None:
            source.done = True
        else:
            self._take(source, fetched)

    def _take(self, source: StreamSource, fetched: Fetched) -> None:
        page, keys, times = fetched
        if page.number_matched is not None:
            source.number_matched = page.number_matched
        source.notes += [n for n in page.problems if n not in source.notes]
        ordered = [self.direction * t for t in times if not math.isnan(t)]
        if self.direction and ordered and max(ordered) > source.frontier + REACH:
            self.direction = 0  # out of date order: hold everything from here on
            self.notes.append(
                f"{source.name} did not answer in date order: the remaining products are "
                "written at the end, and one written before may appear twice."
            )
        if ordered:
            source.frontier = min(source.frontier, *ordered)
        fresh = self._seen.fresh(f"{source.name}\0{f.get('id')}" for f in page.features)
        for feature, key, time, new in zip(page.features, keys, times, fresh, strict=True):
            if new:
                source.received += 1
                self._place(source.name, feature, key, time)
        page.features = []

    def _place(self, name: str, item: Json, key: ProductKey | None, time: float) -> None:
        ref = SourceRef(name, str(item.get("id", "")), str(item.get("collection") or ""))
        row = self._match(key)
        if row is not None:
            self._open[row].copies.append((ref, item))  # type: ignore[union-attr]
            return
        when = self.direction * (key.time if key is not None else time)
        self._open.append(_Open(key, when if not math.isnan(when) else -math.inf, [(ref, item)]))
        if key is not None:
            self._candidates.setdefault((key.mission, key.fields), []).append(len(self._open) - 1)

    def _match(self, key: ProductKey | None) -> int | None:
        if key is None:
            return None
        for row in self._candidates.get((key.mission, key.fields), ()):
            known = self._open[row]
            if known is not None and known.key is not None and known.key.matches(key):
                return row
        return None

    def _settled(self, final: bool = False) -> Iterator[Json]:
        """Write (and forget) every product no source can still add a copy to."""
        if not final and not self.direction:
            return
        newest_open = max((s.frontier for s in self.sources if not s.done), default=-math.inf)
        for row, product in enumerate(self._open):
            if product is None:
                continue
            margin = 2 * (product.key.tolerance if product.key is not None else 0.0) + 1.0
            if final or product.key is None or newest_open < product.time - margin:
                self._open[row] = None
                self._forget(row, product)
                self.written += 1
                self.shared += int(len({ref.source for ref, _ in product.copies}) > 1)
                yield merged_item(product.copies)
        self._compact()

    def _forget(self, row: int, product: _Open) -> None:
        if product.key is not None:
            rows = self._candidates.get((product.key.mission, product.key.fields), [])
            if row in rows:
                rows.remove(row)
            if not rows:
                self._candidates.pop((product.key.mission, product.key.fields), None)

    def _compact(self) -> None:
        """Drop written rows from the front, renumbering the candidates (rows only shift)."""
        gone = 0
        while gone < len(self._open) and self._open[gone] is None:
            gone += 1
        if not gone:
            return
        del self._open[:gone]
        for rows in self._candidates.values():
            rows[:] = [r - gone for r in rows]


def date_sorted(query: SearchQuery, can_sort: bool) -> SearchQuery:
    """The query asking for newest first when it names no order and the catalog can sort."""
    if query.sortby or not can_sort:
        return query
    return query.with_changes(sortby=("-properties.datetime",))


def _direction(query: SearchQuery) -> int:
    """+1 when results come newest first, -1 oldest first, 0 in another or no stated order."""
    if not query.sortby:
        return 0
    first = query.sortby[0].strip()
    name = first.lstrip("+-").strip().removeprefix("properties.")
    if name not in ("datetime", "start_datetime"):
        return 0
    return 1 if first.startswith("-") else -1
