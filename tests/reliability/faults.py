"""Helpers the reliability tests share: aim a proxy hook at one request, run a search to its
first failure and then retry it, and walk a folder for what a run left behind."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stacdesk.core.catalogs.catalog import Catalog
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchSession, SearchState
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import AfterHook, BeforeHook, Response

EUROPE = (-30.0, 20.0, 60.0, 75.0)
S2 = ("sentinel-2-l2a",)
#: three pages of ten: the fault hits page two, so one page is "results so far"
QUERY = SearchQuery(collections=S2, bbox=EUROPE, limit=10, max_items=30)


def nth_before(n: int, hook: BeforeHook, path: str = "/search") -> BeforeHook:
    """``hook`` applied to the ``n``-th request on ``path`` only (1-based)."""
    lock, seen = threading.Lock(), [0]

    def aimed(request: RecordedRequest) -> Response | None:
        if request.path.rstrip("/") != path:
            return None
        with lock:
            seen[0] += 1
            hit = seen[0] == n
        return hook(request) if hit else None

    return aimed


def nth_after(n: int, hook: AfterHook, path: str = "/search") -> AfterHook:
    """``hook`` applied to the answer of the ``n``-th request on ``path`` only (1-based)."""
    lock, seen = threading.Lock(), [0]

    def aimed(request: RecordedRequest, response: Response) -> Response:
        if request.path.rstrip("/") != path:
            return response
        with lock:
            seen[0] += 1
            hit = seen[0] == n
        return hook(request, response) if hit else response

    return aimed


@dataclass
class Outcome:
    """A search run until it stopped, then retried to its end."""

    first_state: SearchState
    first_error: str | None
    kept: list[str]  # ids in the store when the search first stopped
    final: SearchSession


class Outage:
    """A before hook that answers with ``hook`` while ``on``, for requests after the first
    ``spare`` ones on ``path``: a server that goes down mid-search and comes back later."""

    def __init__(self, hook: BeforeHook, spare: int = 1, path: str = "/search") -> None:
        self.hook, self.spare, self.path = hook, spare, path
        self.on = True
        self._seen = 0
        self._lock = threading.Lock()

    def __call__(self, request: RecordedRequest) -> Response | None:
        if request.path.rstrip("/") != self.path:
            return None
        with self._lock:
            self._seen += 1
            down = self.on and self._seen > self.spare
        return self.hook(request) if down else None

    def end(self) -> None:
        self.on = False


def search_then_retry(
    catalog: Catalog,
    query: SearchQuery = QUERY,
    retries: int = 1,
    between: Callable[[], None] | None = None,
) -> Outcome:
    """Run ``query`` until it stops (done or failed), call ``between`` (the fault goes away),
    then ask for more ``retries`` times."""

    async def scenario() -> Outcome:
        session = SearchSession()
        await session.start(catalog, query)
        await session.load_all()
        state, error, kept = session.state, session.error, list(session.store.ids)
        if between is not None:
            between()
        for _ in range(retries):
            if session.state is SearchState.DONE:
                break
            await session.load_all()
        return Outcome(state, error, kept, session)

    return asyncio.run(asyncio.wait_for(scenario(), 120))


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
