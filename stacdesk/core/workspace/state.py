"""What the window works on: the open catalog, its collections, the area of interest, the search
and the selected result. Widgets subscribe to its events; it never touches a widget.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from stacdesk.core.catalogs.catalog import Catalog, CollectionInfo
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.local_catalog import catalog_folder
from stacdesk.core.catalogs.opening import open_catalog
from stacdesk.core.common.errors import describe_error
from stacdesk.core.common.events import Event
from stacdesk.core.geo.geometry import Aoi
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.results.row_filter import ResultFilter
from stacdesk.core.search.multi_session import MultiSearchSession
from stacdesk.core.search.options import SearchOptions
from stacdesk.core.search.session import SearchSession
from stacdesk.core.workspace.collection_overrides import CollectionOverrides
from stacdesk.core.workspace.other_catalogs import OtherCatalogs
from stacdesk.core.workspace.sources_auth import SourcesAuth

if TYPE_CHECKING:
    from stacdesk.core.auth.secrets import SecretStore


class Workspace:
    """The state shared by the panels, with async operations that report through events."""

    def __init__(self, book: ConnectionBook, executor: Executor | None = None) -> None:
        self.book = book
        self._executor = executor
        # one catalog's search, or the open one's with the others chosen: they share the store
        # and the ``changed`` event, so the panels follow whichever ran last (``search``)
        self.single = SearchSession(executor=executor)
        self.several = MultiSearchSession(self.single.store, executor, self.single.changed)
        self._active: SearchSession | MultiSearchSession = self.single
        self.others = OtherCatalogs(book, executor, CollectionOverrides.beside(book.path))
        # capabilities, queryables and collection search of the open catalog (search panel)
        self.options = SearchOptions(executor)
        # The local filter (list text box, date/cloud fields, plot ranges): list, map and plots
        # show only rows where ``visible_rows[row]`` is True; ``visible_changed`` fires when the
        # criteria change (rows appended later are tested on arrival, see ResultFilter).
        self.result_filter = ResultFilter(self.search.store)
        self.visible_changed: Event[[]] = self.result_filter.changed
        self.connection: Connection | None = None
        self.catalog: Catalog | None = None
        self.collections: list[CollectionInfo] = []
        self.aoi: Aoi | None = None
        self.selected_row: int | None = None  # the current result: details panel, map highlight
        # every selected result (list, map, covering set), in selection order, current first
        self.selected_array: np.ndarray = np.empty(0, np.int64)
        self._selected_tuple: tuple[int, ...] | None = ()
        self.hovered_row: int | None = None
        self.coverage: np.ndarray | None = None  # per result: fraction of the AOI covered, or None
        self.opening = False
        self._stopped_to_end = False  # the stopped search was loading every page
        self._up_to: int | None = None  # … up to this many results (load_all)
        self.open_error: str | None = None
        self._open_task: asyncio.Task[None] | None = None
        self._reading: asyncio.Future[tuple[Catalog, list[CollectionInfo]]] | None = None
        self._ahead: tuple[Connection, Future[tuple[Catalog, list[CollectionInfo]]]] | None = None
        self._several_task: asyncio.Future[None] | None = None  # opening the others, then paging
        self._folders_of: tuple[tuple[object, ...], tuple[Path, ...]] = ((), ())  # local_folders
        self.catalog_changed: Event[[]] = Event()
        self.aoi_changed: Event[[]] = Event()
        self.selection_changed: Event[[]] = Event()
        self.hover_changed: Event[[]] = Event()
        self.coverage_changed: Event[[]] = Event()
        self.search.store.cleared.connect(self._on_store_cleared)

    def read_ahead(self, connection: Connection, executor: Executor) -> None:
        """Start reading ``connection``'s catalog now, before the panels exist: the next
        ``open`` of it takes what was read (at start-up a local catalog is then open before the
        panels first paint, so they paint once with it)."""
        reader = functools.partial(_read_catalog, connection, self.book.secrets)
        self._ahead = (connection, executor.submit(reader))

    def open(self, connection: Connection) -> asyncio.Future[None]:
        """Open a connection's catalog and list its collections; a newer open cancels this one."""
        if self._open_task is not None and not self._open_task.done():
            self._open_task.cancel()
        if self._reading is not None:
            self._reading.cancel()
        self.search.cancel()
        self.connection, self.catalog, self.collections = connection, None, []
        self.opening, self.open_error = True, None
        self.options.set_catalog(None)
        self.catalog_changed.emit()
        loop = asyncio.get_event_loop()
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[0] is connection and ahead[1].done():
            self._reading = None
            self._opened(connection, ahead[1])  # read while the panels were built
            done: asyncio.Future[None] = loop.create_future()
            done.set_result(None)
            return done
        if ahead is not None and ahead[0] is connection:  # still being read: wait for it
            self._reading = asyncio.wrap_future(ahead[1], loop=loop)
        else:
            if ahead is not None:
                ahead[1].cancel()
            # The worker starts now, not when the loop next runs the task: at start-up the
            # catalog is read while the window paints its panels for the first time.
            reader = functools.partial(_read_catalog, connection, self.book.secrets)
            self._reading = loop.run_in_executor(self._executor, reader)
        self._open_task = asyncio.ensure_future(self._open(connection, self._reading))
        return self._open_task

    async def _open(
        self,
        connection: Connection,
        reading: asyncio.Future[tuple[Catalog, list[CollectionInfo]]],
    ) -> None:
        try:
            await reading
        except asyncio.CancelledError:
            raise
        except Exception:  # taken from ``reading`` by ``_opened``
            pass
        self._opened(connection, reading)

    def _opened(
        self,
        connection: Connection,
        reading: asyncio.Future[tuple[Catalog, list[CollectionInfo]]]
        | Future[tuple[Catalog, list[CollectionInfo]]],
    ) -> None:
        """Take a finished read: the catalog and its collections, or the error to show."""
        try:
            catalog, collections = reading.result()
        except Exception as exc:  # shown in the window; the app keeps working
            if self.connection is connection:
                self.opening, self.open_error = False, describe_error(exc, connection.url)
                self.catalog_changed.emit()
            return
        if self.connection is connection:
            self.catalog = catalog
            self.collections = sorted(collections, key=lambda c: c.title.lower())
            self.opening = False
            self.options.set_catalog(catalog)
            self.catalog_changed.emit()

    @property
    def search(self) -> SearchSession | MultiSearchSession:
        """The search the panels show: the last one started."""
        return self._active

    @property
    def visible_rows(self) -> np.ndarray:
        """Boolean mask over the store's rows: True where the local filter shows the result."""
        return self.result_filter.mask

    def set_aoi(self, aoi: Aoi | None) -> None:
        self.aoi = aoi
        self.aoi_changed.emit()

    def select(self, row: int | None) -> None:
        """Make ``row`` the current and only selected result (None clears the selection)."""
        self.select_rows(() if row is None else (row,), row)

    @property
    def selected_rows(self) -> tuple[int, ...]:
        """``selected_array`` as a tuple (made once per selection: a select-all of a million
        results is handed round as the array)."""
        if self._selected_tuple is None:
            self._selected_tuple = tuple(self.selected_array.tolist())
        return self._selected_tuple

    def select_rows(self, rows: Sequence[int] | np.ndarray, current: int | None = None) -> None:
        """Select several results; ``current`` (default: the first) is the one shown in detail.
        A repeated row counts once, where it first came."""
        array = np.asarray(rows, dtype=np.int64).reshape(-1)
        if len(array) > 1 and not (array[1:] > array[:-1]).all():  # not sorted: may repeat
            _, first = np.unique(array, return_index=True)
            if len(first) < len(array):
                array = array[np.sort(first)]
        current = current if current is not None else (int(array[0]) if len(array) else None)
        if current != self.selected_row or not np.array_equal(array, self.selected_array):
            self.selected_array, self._selected_tuple = array, None
            self.selected_row = current
            self.selection_changed.emit()

    def hover(self, row: int | None) -> None:
        if row != self.hovered_row:
            self.hovered_row = row
            self.hover_changed.emit()

    def set_coverage(self, coverage: np.ndarray | None) -> None:
        self.coverage = coverage
        self.coverage_changed.emit()

    @property
    def auth(self) -> object | None:
        """The open connection's ``ConnectionAuth`` (headers per host, asset signing), if any;
        while several catalogs are searched, every one's, each for its own hosts."""
        if self._active is self.several and len(self.several.sources) > 1:
            return SourcesAuth([getattr(s.catalog, "auth", None) for s in self.several.sources])
        return getattr(self.catalog, "auth", None)

    def run_search(
        self, query: SearchQuery, notes: Sequence[str] = ()
    ) -> asyncio.Task[None] | None:
        """Search the open catalog within the AOI; None when no catalog is open.

        ``notes`` say what of the user's input could not be sent (shown with the results).
        """
        if self.catalog is None:
            return None
        if self.aoi is not None and query.bbox is None and query.intersects is None:
            query = query.with_changes(**self.aoi.query_fields())
        self._stop_opening_others()  # a search started before gives way to this one
        if self.others.chosen and self.connection is not None:
            self.single.cancel()
            self._active = self.several
            name = self.connection.name
            self.several.opening([name, *self.others.names_besides(name)], query)
            self._several_task = asyncio.ensure_future(self._search_several(query, list(notes)))
            return self._several_task
        self.several.cancel()
        self._active = self.single
        task = self.single.start(self.catalog, query)
        if notes:
            self.single.notes[:0] = [n for n in notes if n not in self.single.notes]
            self.single.changed.emit()
        return task

    async def _search_several(self, query: SearchQuery, notes: list[str]) -> None:
        assert self.connection is not None and self.catalog is not None
        primary = (self.connection.name, self.catalog, self.collections)
        searches, errors, mapping = await self.others.searches(primary, query)
        if self._active is not self.several:
            return  # a single-catalog search started meanwhile
        started = self.several.start(searches, errors)
        self.several.input_notes[:0] = notes + mapping
        self.several.changed.emit()
        await started

    def item(self, row: int) -> dict[str, Any]:
        """The result in ``row`` as downloads, exports and the details show it: a product of
        several catalogs is one item with every source's hrefs (``merged_item``)."""
        return next(self.items([row]))

    def items(self, rows: Iterable[int]) -> Iterator[dict[str, Any]]:
        """``item`` for many rows, one at a time (also from a worker thread)."""
        if self._active is self.several:
            return self.several.merged_items(rows)
        return self.single.store.items(rows)

    def local_folders(self) -> tuple[Path, ...]:
        """The folders of the local catalogs searched now (the open one, and every other one
        of a multi-catalog search): only their files may be read as thumbnails or copied as
        downloads, as a local catalog's word about its own folder is the user's."""
        catalogs = [self.catalog]
        if self._active is self.several:
            catalogs += [source.catalog for source in self.several.sources]
        # asked on every page and selection (GUI thread): the disk is read once per set of
        # catalogs, not on every call
        known, found = self._folders_of  # the catalogs themselves are kept: no id is reused
        if len(known) != len(catalogs) or any(
            a is not b for a, b in zip(known, catalogs, strict=True)
        ):
            folders = (catalog_folder(catalog) for catalog in catalogs)
            found = tuple(dict.fromkeys(f for f in folders if f is not None))
            self._folders_of = tuple(catalogs), found
        return found

    def _stop_opening_others(self) -> None:
        if self._several_task is not None and not self._several_task.done():
            self._several_task.cancel()

    def cancel_search(self) -> None:
        """Stop the running search, of one catalog or several: what is loaded stays, and so
        does its place, so "Resume" goes on from the next page (``resume_search``)."""
        self._stop_opening_others()
        self._stopped_to_end = self.search.loading_to_end
        self.search.stop()

    def resume_search(self) -> asyncio.Future[None] | None:
        """Go on paging a stopped search from where it stopped, to its end if it was loading
        everything, else one page; None when there is nothing more to load."""
        if not self.search.can_fetch_more:
            return None
        if self._stopped_to_end:
            return self.search.load_to_end(self._up_to)
        return self.search.fetch_more()

    def load_all(self, up_to: int | None = None) -> asyncio.Future[None]:
        """Page the search to its end, or until ``up_to`` results are listed; Stop pauses it
        and ``resume_search`` goes on to the same end. The window asks first when the count is
        large (``core.search.match_count``)."""
        self._up_to = up_to
        return self.search.load_to_end(up_to)

    def retry_source(self, name: str) -> asyncio.Future[None] | None:
        """Ask one source of a multi-catalog search again; one that did not open is opened
        again by searching anew."""
        source = next((s for s in self.several.sources if s.name == name), None)
        if source is None:
            return None
        if source.catalog is None and self.several.query is not None:
            self.others.forget(name)
            return self.run_search(self.several.query)
        return self.several.retry(name)

    def _on_store_cleared(self) -> None:
        self.select(None)
        self.hover(None)
        self.set_coverage(None)

    def close(self) -> None:
        """Cancel everything that runs (the window is closing)."""
        if self._open_task is not None:
            self._open_task.cancel()
        if self._reading is not None:
            self._reading.cancel()
        if self._ahead is not None:
            self._ahead[1].cancel()
        self._stop_opening_others()
        self.options.cancel()
        self.single.cancel()
        self.several.cancel()


def _read_catalog(
    connection: Connection, secrets: SecretStore
) -> tuple[Catalog, list[CollectionInfo]]:
    """Runs in a worker: the catalog (credentials come from the keyring, which may block) and its
    collections, handed back to the loop at once."""
    catalog = open_catalog(connection, secrets)
    return catalog, catalog.collections()
