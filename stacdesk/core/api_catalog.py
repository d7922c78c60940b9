"""A STAC API opened through pystac-client, with the defaults pystac-client lacks.

pystac-client has no timeout, retries only connection errors, always POSTs searches and has no way
back to GET. Here: a (connect, read) timeout, retries with backoff on 429/502/503/504 honouring
Retry-After, the search method taken from the landing page's ``search`` link, and a fall back to GET
when an anonymous POST is refused (CESNET answers POST /search with 401).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import orjson
from pystac.link import Link
from pystac_client import Client
from pystac_client.exceptions import APIError
from pystac_client.stac_api_io import StacApiIO
from urllib3 import Retry

from stacdesk.core.catalog import CollectionInfo, Page
from stacdesk.core.errors import CatalogError, describe_error, http_status
from stacdesk.core.query import SearchQuery

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 60.0
MAX_COLLECTION_PAGES = 200
FALLBACK_STATUSES = frozenset({401, 403, 405})


def make_stac_io(headers: dict[str, str] | None = None) -> StacApiIO:
    """A StacApiIO with a timeout and retries with exponential backoff on transient statuses."""
    retry = Retry(
        total=4,
        connect=3,
        read=2,
        backoff_factor=0.5,
        status_forcelist=(429, 502, 503, 504),
        allowed_methods=None,  # POST searches are idempotent: retry them too
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    return StacApiIO(
        headers=headers, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S), max_retries=retry
    )


def advertised_search_method(landing: dict[str, Any]) -> str:
    """POST when the landing page offers a POST ``search`` link, else GET (no method means GET)."""
    methods = {
        str(link.get("method") or "GET").upper()
        for link in landing.get("links", [])
        if isinstance(link, dict) and link.get("rel") == "search"
    }
    return "POST" if "POST" in methods else "GET"


class ApiCatalog:
    """A remote STAC API. ``open`` blocks on the landing page: call it in a worker thread."""

    def __init__(self, client: Client, url: str, anonymous: bool = True) -> None:
        self._client = client
        self.url = url
        self.title = client.title or client.id or url
        self.anonymous = anonymous
        landing = client.to_dict(transform_hrefs=False)
        self.search_method = advertised_search_method(landing)
        self.conforms_to: list[str] = list(landing.get("conformsTo") or [])

    @classmethod
    def open(
        cls, url: str, headers: dict[str, str] | None = None, anonymous: bool = True
    ) -> ApiCatalog:
        """Read the landing page; raise CatalogError with a readable message when that fails."""
        try:
            client = Client.open(url, stac_io=make_stac_io(headers))
        except Exception as exc:  # pystac-client raises many types; all end up in one message
            raise CatalogError(f"Cannot open the catalog: {describe_error(exc, url)}") from exc
        catalog = cls(client, url, anonymous)
        if not catalog.conforms_to and not client.get_links("search"):
            raise CatalogError(
                f"{url} answered, but it is not a STAC API (no search, no conformance)."
            )
        return catalog

    @property
    def stac_io(self) -> StacApiIO:
        return self._client._stac_io  # type: ignore[return-value]

    def collections(self) -> list[CollectionInfo]:
        """Every collection, following ``/collections`` next links to the end."""
        link = self._client.get_single_link("data")
        href = link.absolute_href if link else self.url.rstrip("/") + "/collections"
        found: list[CollectionInfo] = []
        try:
            pages = self.stac_io.get_pages(href, "GET")
            for number, page in enumerate(pages):
                found += [
                    CollectionInfo.from_dict(c)
                    for c in page.get("collections", [])
                    if isinstance(c, dict) and c.get("id")
                ]
                if number >= MAX_COLLECTION_PAGES:
                    break
        except Exception as exc:
            raise CatalogError(f"Cannot list collections: {describe_error(exc, href)}") from exc
        return found

    def search(self, query: SearchQuery) -> ApiPageSource:
        return ApiPageSource(self, query)


class ApiPageSource:
    """Pages of one search, fetched strictly in order, each exactly once.

    Next links are followed as the server wrote them (GET hrefs verbatim, POST bodies merged); a
    next link that repeats one already followed ends the search instead of looping forever.
    """

    def __init__(self, catalog: ApiCatalog, query: SearchQuery) -> None:
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
            search = self._catalog._client.search(method=self.method, **kwargs)
        except Exception as exc:  # invalid parameters found by pystac-client before any request
            raise CatalogError(f"Invalid search: {exc}") from exc
        self._parameters = search.get_parameters()
        self._search_url = search.url
        return self._search_url, self._request(self._search_url, self.method, self._parameters)

    def _request(self, url: str, method: str, parameters: dict[str, Any]) -> str:
        return self._catalog.stac_io.request(url, method=method, parameters=parameters)

    def next_page(self) -> Page | None:
        if self._done:
            return None
        if not self._started:
            try:
                url, text = self._first_request()
            except APIError as exc:
                if not (
                    self.method == "POST"
                    and self._catalog.anonymous
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
        page = self._parse(url, text)
        self._advance(page)
        return page

    def _parse(self, url: str, text: str) -> Page:
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise CatalogError(f"The server sent a page that is not valid JSON ({url}).") from exc
        if not isinstance(data, dict) or not isinstance(data.get("features"), list):
            raise CatalogError(f"The server's answer is not a STAC ItemCollection ({url}).")
        self._raw_page = data
        features = [f for f in data["features"] if isinstance(f, dict)]
        problems = []
        if len(features) != len(data["features"]):
            problems.append("Some results were not JSON objects and were skipped.")
        max_items = self._query.max_items
        if max_items is not None and self._returned + len(features) >= max_items:
            features = features[: max_items - self._returned]
            self._done = True
        self._returned += len(features)
        matched = data.get("numberMatched")
        if not isinstance(matched, int):
            context = data.get("context")
            matched = context.get("matched") if isinstance(context, dict) else None
        return Page(
            features=features,
            number_matched=matched if isinstance(matched, int) else None,
            url=url,
            problems=problems,
        )

    def _advance(self, page: Page) -> None:
        """Find the next link; a loop or a non-http(s) href ends the search, noted on the page."""
        if self._done or not page.features:
            self._done = True
            return
        link = next(
            (
                x
                for x in self._raw_page.get("links", [])
                if isinstance(x, dict) and x.get("rel") == "next" and isinstance(x.get("href"), str)
            ),
            None,
        )
        if link is None:
            self._done = True
            return
        self._done = True
        if urlsplit(link["href"]).scheme not in ("http", "https"):
            page.problems.append(f"The server's next link is not a web address: {link['href']!r}.")
            return
        key = orjson.dumps(
            [link["href"], link.get("body"), link.get("method")], option=orjson.OPT_SORT_KEYS
        )
        if key in self._seen:
            page.problems.append("The server's next link repeats a page already loaded; stopped.")
            return
        self._done = False
        self._seen.add(key)
        self._next = Link.from_dict(link)

    def close(self) -> None:
        self._done = True
