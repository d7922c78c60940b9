"""What the open catalog lets the user search with: its capabilities, the queryables of the chosen
collections, and server-side free-text collection search.

Why a separate object: the search panel needs these to enable, disable and fill its controls, and
loading them is asynchronous (HTTP in workers). Keeping them out of the Workspace keeps it about
the window's shared state, and lets tests drive the same loading without widgets.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Sequence
from concurrent.futures import Executor
from typing import Any

from stacdesk.core.catalogs.catalog import Catalog
from stacdesk.core.common.errors import describe_error
from stacdesk.core.common.events import Event
from stacdesk.core.query.capabilities import Capabilities, capabilities_of
from stacdesk.core.query.queryables import (
    CLOUD_COVER,
    QUERYABLES_FAILED,
    Queryable,
    QueryablesResult,
)


def _spawn(coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None] | None:
    """A task on the current loop; None once the loop is gone (a timer firing at shutdown)."""
    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:
        coroutine.close()
        return None
    return loop.create_task(coroutine)


class SearchOptions:
    """Per open catalog; ``changed()`` fires when capabilities, queryables or matches change."""

    def __init__(self, executor: Executor | None = None) -> None:
        self._executor = executor
        self.catalog: Catalog | None = None
        self.capabilities: Capabilities | None = None
        self.queryables = QueryablesResult()
        self.queryables_for: tuple[str, ...] | None = None
        self.queryables_loading = False
        self.collection_matches: list[str] | None = None  # None: no server-side text search
        self.collection_search_error: str | None = None
        self._queryables_task: asyncio.Task[None] | None = None
        self._find_task: asyncio.Task[None] | None = None
        self.changed: Event[[]] = Event()

    def set_catalog(self, catalog: Catalog | None) -> None:
        self.cancel()
        self.catalog = catalog
        self.capabilities = capabilities_of(catalog) if catalog is not None else None
        self.queryables, self.queryables_for = QueryablesResult(), None
        self.collection_matches, self.collection_search_error = None, None
        self.changed.emit()

    # -- queryables
    def load_queryables(self, collections: Sequence[str]) -> asyncio.Task[None] | None:
        """Fetch the merged queryables of ``collections`` (a newer request cancels this one)."""
        wanted = tuple(collections)
        if self.catalog is None or wanted == self.queryables_for:
            return self._queryables_task
        if self._queryables_task is not None and not self._queryables_task.done():
            self._queryables_task.cancel()
        self.queryables_for, self.queryables_loading = wanted, True
        self.changed.emit()
        self._queryables_task = _spawn(self._load(self.catalog, wanted))
        if self._queryables_task is None:
            self.queryables_loading = False
        return self._queryables_task

    async def _load(self, catalog: Catalog, wanted: tuple[str, ...]) -> None:
        fetch = getattr(catalog, "queryables", None)
        caps = capabilities_of(catalog)
        result = QueryablesResult()
        if not (caps.filter or caps.query):
            pass  # nothing could use them: no request, no message (the controls say why)
        elif fetch is None:
            pass  # a local catalog: any property can be filtered, there is no list of them
        else:
            loop = asyncio.get_running_loop()
            try:
                result = await loop.run_in_executor(self._executor, fetch, list(wanted))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # shown next to the filter form; search still works
                result.problems.append(QUERYABLES_FAILED(describe_error(exc)))
        if catalog is self.catalog and wanted == self.queryables_for:
            self.queryables, self.queryables_loading = result, False
            self.changed.emit()

    @property
    def cloud_cover(self) -> Queryable | None:
        return self.queryables.get(CLOUD_COVER)

    def cloud_cover_via(self) -> str | None:
        """``"filter"``, ``"query"`` or None: how a cloud-cover limit can be sent now."""
        if self.capabilities is None or self.queryables_loading:
            return None
        if self.capabilities.source == "local":
            return "filter"  # evaluated in-process on every item's properties
        return self.capabilities.cloud_cover_via(
            self.cloud_cover is not None, self.queryables.known
        )

    # -- free-text collection search
    def find_collections(self, text: str) -> asyncio.Task[None] | None:
        """Ask the server which collections match ``text``; None when it cannot (filter locally)."""
        if self._find_task is not None and not self._find_task.done():
            self._find_task.cancel()
        caps = self.capabilities
        if self.catalog is None or caps is None or not caps.free_text or not text.strip():
            if self.collection_matches is not None or self.collection_search_error:
                self.collection_matches, self.collection_search_error = None, None
                self.changed.emit()
            return None
        self._find_task = _spawn(self._find(self.catalog, text.strip()))
        return self._find_task

    async def _find(self, catalog: Catalog, text: str) -> None:
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(self._executor, catalog.find_collections, text)  # type: ignore[attr-defined]
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # fall back to local filtering, and say so
            if catalog is self.catalog:
                self.collection_matches = None
                self.collection_search_error = (
                    f"{describe_error(exc)} Filtering the list locally instead."
                )
                self.changed.emit()
            return
        if catalog is self.catalog:
            self.collection_matches, self.collection_search_error = found, None
            self.changed.emit()

    def cancel(self) -> None:
        for task in (self._queryables_task, self._find_task):
            if task is not None and not task.done():
                task.cancel()
        self.queryables_loading = False
