"""The other catalogs searched together with the open one: chosen, opened once, listed once.

Opening a catalog and listing its collections costs round trips; a multi-catalog search repeats
with a new area or date, so each catalog is opened once (in a worker: the keyring may block) and
kept until the choice changes. A catalog that cannot be opened becomes a failed source of the
search with the reason, never a failed search.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import Executor

from stacdesk.core.catalogs.catalog import Catalog, CollectionInfo
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.opening import open_catalog
from stacdesk.core.common.errors import describe_error
from stacdesk.core.common.events import Event
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.source_queries import query_for, reference_collections
from stacdesk.core.workspace.collection_overrides import CollectionOverrides

Search = tuple[str, Catalog | None, SearchQuery]


class OtherCatalogs:
    def __init__(
        self,
        book: ConnectionBook,
        executor: Executor | None = None,
        overrides: CollectionOverrides | None = None,
    ) -> None:
        self.book = book
        self._executor = executor
        self.overrides = overrides or CollectionOverrides(None)
        self.chosen: list[Connection] = []
        self.changed: Event[[]] = Event()
        self._opened: dict[str, tuple[Catalog, list[CollectionInfo] | None]] = {}

    def choose(self, connections: list[Connection]) -> None:
        """Search these too from now on (the open catalog's own connection is left out by the
        caller); catalogs no longer chosen are forgotten."""
        self.chosen = list(connections)
        names = {c.name for c in self.chosen}
        self._opened = {n: v for n, v in self._opened.items() if n in names}
        self.changed.emit()

    def forget(self, name: str) -> None:
        """Open this one again next time (after it failed to open)."""
        self._opened.pop(name, None)

    async def _open(self, connection: Connection) -> tuple[Catalog, list[CollectionInfo] | None]:
        if connection.name in self._opened:
            return self._opened[connection.name]
        loop = asyncio.get_running_loop()
        opener = functools.partial(open_catalog, connection, self.book.secrets)
        catalog = await loop.run_in_executor(self._executor, opener)
        try:
            listing: list[CollectionInfo] | None = await loop.run_in_executor(
                self._executor, catalog.collections
            )
        except Exception:  # no /collections: its ids are sent as they are
            listing = None
        self._opened[connection.name] = (catalog, listing)
        return catalog, listing

    def names_besides(self, name: str) -> list[str]:
        """The chosen catalogs' names other than the open one's."""
        return [c.name for c in self.chosen if c.name != name]

    async def _open_chosen(
        self, open_name: str
    ) -> list[tuple[str, tuple[Catalog, list[CollectionInfo] | None] | str]]:
        """Every chosen catalog but the open one, opened concurrently: its catalog and
        collections, or why it did not open."""
        chosen = [c for c in self.chosen if c.name in self.names_besides(open_name)]
        outcomes = await asyncio.gather(*(self._open(c) for c in chosen), return_exceptions=True)
        opened: list[tuple[str, tuple[Catalog, list[CollectionInfo] | None] | str]] = []
        for connection, outcome in zip(chosen, outcomes, strict=True):
            if isinstance(outcome, asyncio.CancelledError):
                raise outcome
            if isinstance(outcome, BaseException):
                opened.append((connection.name, describe_error(outcome, connection.url)))
            else:
                opened.append((connection.name, outcome))
        return opened

    async def listings(
        self, primary: tuple[str, list[CollectionInfo]]
    ) -> dict[str, list[CollectionInfo] | str | None]:
        """Every chosen catalog's collections (None: it cannot list them; a string: why it
        did not open), the open one's first: what the matching dialog offers."""
        found: dict[str, list[CollectionInfo] | str | None] = {primary[0]: primary[1]}
        for name, outcome in await self._open_chosen(primary[0]):
            found[name] = outcome if isinstance(outcome, str) else outcome[1]
        return found

    async def searches(
        self,
        primary: tuple[str, Catalog, list[CollectionInfo]],
        query: SearchQuery,
    ) -> tuple[list[Search], dict[str, str], list[str]]:
        """The open catalog's search and every chosen one's (opened concurrently), the errors
        of those that did not open, and the notes of the collection mapping."""
        listings: dict[str, list[CollectionInfo] | None] = {primary[0]: primary[2]}
        catalogs: dict[str, Catalog | None] = {primary[0]: primary[1]}
        errors: dict[str, str] = {}
        for name, outcome in await self._open_chosen(primary[0]):
            if isinstance(outcome, str):
                catalogs[name], errors[name] = None, outcome
            else:
                catalogs[name], listings[name] = outcome
        reference = reference_collections(list(listings.values()))
        searches: list[Search] = []
        notes: list[str] = []
        for name, catalog in catalogs.items():
            if catalog is None:
                searches.append((name, None, query))
                continue
            mapped = query_for(query, listings.get(name), reference, self.overrides.of(name))
            notes += [f"{name}: {note}" for note in mapped.notes]
            if mapped.query is not None:
                searches.append((name, catalog, mapped.query))
        return searches, errors, notes
