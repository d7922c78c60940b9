"""The pages of one STAC API search: fetched in order, each once, checked on arrival.

Why apart from ``api_catalog``: opening a catalog (landing page, conformance, collections) and
walking one search's pages change for different reasons; the pages need only what the protocol
``SearchedApi`` names, so this module does not import the catalog that makes them. The first page
is checked against what was asked (``result_checks``); an anonymous POST the server refuses falls
back to GET; a refused credential becomes a sentence about the connection's settings.
"""

from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlsplit

import orjson
from pystac.link import Link
from pystac_client import Client
from pystac_client.exceptions import APIError
from pystac_client.stac_api_io import StacApiIO

from stacdesk.core.auth import AuthError, ConnectionAuth
from stacdesk.core.catalogs import problems as say
from stacdesk.core.catalogs.catalog import Page
from stacdesk.core.catalogs.page_json import PageJsonError, decode_items
from stacdesk.core.common.errors import CatalogError, http_status
from stacdesk.core.common.json_fields import list_field
from stacdesk.core.common.message import Message
from stacdesk.core.common.page_work import PAGE_WORK
from stacdesk.core.query.capabilities import Capabilities
from stacdesk.core.query.result_checks import check_page
from stacdesk.core.query.search_query import SearchQuery

FALLBACK_STATUSES = frozenset({401, 403, 405})
REFUSED_STATUSES = frozenset({401, 403})
#: a filter every item passes: an empty answer to it means the server cannot filter at all
ALWAYS_TRUE_FILTER = {"op": "not", "args": [{"op": "isNull", "args": [{"property": "id"}]}]}
#: non-standard marks some servers put on a ``numberMatched`` that is only an estimate
ESTIMATE_FLAGS = ("numberMatchedEstimated", "numberMatched_estimated", "estimatedNumberMatched")


def auth_error_in(exc: BaseException) -> AuthError | None:
    """The AuthError behind a pystac-client APIError (it wraps whatever the session raised)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, AuthError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def explain_refusal(exc: BaseException, auth: ConnectionAuth | None) -> BaseException:
    """A clearer error for a login problem: the AuthError itself, or a refused credential."""
    found = auth_error_in(exc)
    if found is not None:
        return found
    if auth is not None and auth.sends_credentials and http_status(exc) in REFUSED_STATUSES:
        return AuthError(
            f"The server refused this connection's credentials (HTTP {http_status(exc)}): check "
            "the user name and password or token in the connection's settings."
        )
    return exc


def _estimated(data: dict[str, Any]) -> bool:
    """Whether the server marked its count as an estimate (no standard flag exists)."""
    if any(data.get(flag) is True for flag in ESTIMATE_FLAGS):
        return True
    context = data.get("context")
    if isinstance(context, dict) and (
        context.get("estimated") is True or context.get("matched_estimated") is True
    ):
        return True
    matched = data.get("numberMatched")
    return isinstance(matched, dict) and matched.get("relation") in ("gte", "estimate")


def _matched(data: dict[str, Any]) -> int | None:
    matched = data.get("numberMatched")
    if isinstance(matched, dict):  # {"value": N, "relation": "eq" | "gte"} (Elasticsearch style)
        matched = matched.get("value")
    if not isinstance(matched, int) or isinstance(matched, bool):
        context = data.get("context")
        matched = context.get("matched") if isinstance(context, dict) else None
    return matched if isinstance(matched, int) and not isinstance(matched, bool) else None


class SearchedApi(Protocol):
    """What a page source needs of its catalog (``api_catalog.ApiCatalog`` offers it)."""

    search_method: str
    method_forced: bool
    anonymous: bool
    auth: ConnectionAuth | None
    capabilities: Capabilities

    @property
    def client(self) -> Client: ...

    @property
    def stac_io(self) -> StacApiIO: ...


class ApiPageSource:
    """Pages of one search, fetched strictly in order, each exactly once.

    Next links are followed as the server wrote them (GET hrefs verbatim, POST bodies merged); a
    next link that repeats one already followed ends the search instead of looping forever.
    """

    def __init__(self, catalog: SearchedApi, query: SearchQuery) -> None:
        self._catalog = catalog
        self._query = query
        self.method = catalog.search_method
        self._next: Link | None = None
        self._started = False
        self._done = False
        self._seen: set[bytes] = set()
        self._returned = 0
        self._parameters: dict[str, Any] = {}
        self._search_url = ""

    def _first_request(self) -> tuple[str, str]:
        kwargs = self._query.search_kwargs()
        kwargs.pop("max_items", None)
        try:
            search = self._catalog.client.search(method=self.method, **kwargs)
        except Exception as exc:  # invalid parameters found by pystac-client before any request
            raise CatalogError(f"Invalid search: {exc}") from exc
        self._parameters = search.get_parameters()
        self._search_url = search.url
        return self._search_url, self._request(self._search_url, self.method, self._parameters)

    def _request(self, url: str, method: str, parameters: dict[str, Any]) -> str:
        return self._catalog.stac_io.request(url, method=method, parameters=parameters)

    def next_page(self) -> Page | None:
        try:
            return self._next_page()
        except APIError as exc:
            reason = explain_refusal(exc, self._catalog.auth)
            if reason is exc:
                raise
            raise reason from None

    def _next_page(self) -> Page | None:
        if self._done:
            return None
        first = not self._started
        if not self._started:
            try:
                url, text = self._first_request()
            except APIError as exc:
                if not (
                    self.method == "POST"
                    and self._catalog.anonymous
                    and not self._catalog.method_forced
                    and http_status(exc) in FALLBACK_STATUSES
                ):
                    raise
                self.method = "GET"
                url, text = self._first_request()
            self._started = True
        else:
            assert self._next is not None
            url = self._next.href
            text = self._catalog.stac_io.read_text(self._next, parameters=self._parameters)
        if self._done:  # closed while the answer came (a new search): nobody will read it
            return None
        page = self._parse(url, text)
        self._advance(page)
        if first:
            page.problems[:0] = self._first_page_notes(page)
        return page

    def _first_page_notes(self, page: Page) -> list[Message]:
        """What the server visibly ignored, judged from the first page (see result_checks)."""
        caps, query = self._catalog.capabilities, self._query
        notes: list[Message] = []
        undeclared = [
            label
            for asked, declared, label in (
                (query.filter is not None, caps.filter, say.CQL2_FILTERING()),
                (bool(query.sortby), caps.sort, say.SORTING()),
                (bool(query.query), caps.query, say.QUERY_EXTENSION()),
            )
            if asked and not declared
        ]
        if undeclared:
            listed = undeclared[-1]
            for label in reversed(undeclared[:-1]):
                listed = say.EITHER(label, listed)
            notes.append(say.UNDECLARED(listed))
        notes += check_page(query, page.features)
        if not page.features and query.filter is not None and self._filters_nothing():
            notes.append(say.FILTERS_NOTHING())
        return notes

    def _filters_nothing(self) -> bool:
        """True when the same search finds items unfiltered but none with an always-true filter."""
        try:
            plain = self._query.with_changes(filter=None, filter_lang=None, limit=1)
            if not self._probe(plain):
                return False
            return not self._probe(plain.with_changes(filter=ALWAYS_TRUE_FILTER))
        except Exception:  # the probe is a courtesy; its failure says nothing
            return False

    def _probe(self, query: SearchQuery) -> bool:
        kwargs = query.search_kwargs()
        kwargs.pop("max_items", None)
        search = self._catalog.client.search(method=self.method, **kwargs)
        text = self._request(search.url, self.method, search.get_parameters())
        data = orjson.loads(text)
        return bool(isinstance(data, dict) and data.get("features"))

    def _parse(self, url: str, text: str) -> Page:
        try:
            with PAGE_WORK:
                data, raws = decode_items(text)
        except PageJsonError as exc:
            raise CatalogError(f"The server sent a page that is not valid JSON ({url}).") from exc
        if not isinstance(data, dict) or not isinstance(data.get("features"), list):
            raise CatalogError(f"The server's answer is not a STAC ItemCollection ({url}).")
        self._raw_page = data
        kept = [n for n, f in enumerate(data["features"]) if isinstance(f, dict)]
        features = [data["features"][n] for n in kept]
        if raws is not None:
            raws = [raws[n] for n in kept]
        problems = []
        if len(features) != len(data["features"]):
            problems.append(say.NOT_OBJECTS())
        max_items = self._query.max_items
        if max_items is not None and self._returned + len(features) >= max_items:
            features = features[: max_items - self._returned]
            raws = raws[: len(features)] if raws is not None else None
            self._done = True
        self._returned += len(features)
        matched = _matched(data)
        return Page(
            features=features,
            number_matched=matched,
            number_matched_estimated=matched is not None and _estimated(data),
            url=url,
            problems=problems,
            raw_features=raws,
        )

    def _advance(self, page: Page) -> None:
        """Find the next link; a loop or a non-http(s) href ends the search, noted on the page."""
        if self._done or not page.features:
            self._done = True
            return
        link = next(
            (
                x
                for x in list_field(self._raw_page, "links")
                if isinstance(x, dict) and x.get("rel") == "next" and isinstance(x.get("href"), str)
            ),
            None,
        )
        if link is None:
            self._done = True
            return
        self._done = True
        if urlsplit(link["href"]).scheme not in ("http", "https"):
            page.problems.append(say.NEXT_NOT_WEB(repr(link["href"])))
            return
        key = orjson.dumps(
            [link["href"], link.get("body"), link.get("method")], option=orjson.OPT_SORT_KEYS
        )
        if key in self._seen:
            page.problems.append(say.NEXT_REPEATS())
            return
        self._done = False
        self._seen.add(key)
        self._next = Link.from_dict(link)

    def close(self) -> None:
        self._done = True
