"""A STAC API opened through pystac-client, with the defaults pystac-client lacks.

pystac-client has no timeout, retries only connection errors, always POSTs searches and has no way
back to GET. Here: a (connect, read) timeout, retries with backoff on 429/502/503/504 honouring
Retry-After, the search method taken from the landing page's ``search`` link, and a fall back to GET
when an anonymous POST is refused (CESNET answers POST /search with 401).

A connection's credentials (``auth.ConnectionAuth``) ride on the requests session as a per-request
hook. The capabilities come from the landing page plus ``/conformance``. A search's pages are
``api_pages``' job: the first page of every search is checked against what was asked, because
some servers ignore a filter or a sort without saying so.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import orjson
import requests
from pystac_client import Client
from pystac_client.stac_api_io import StacApiIO
from pystac_client.warnings import DoesNotConformTo
from urllib3 import Retry

from stacdesk.core.auth import AuthError, ConnectionAuth
from stacdesk.core.catalogs.api_pages import ApiPageSource, auth_error_in, explain_refusal
from stacdesk.core.catalogs.api_transport import ApiAdapter, SessionPerThread
from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.catalogs.problems import NO_CONFORMANCE
from stacdesk.core.common.errors import CatalogError, describe_error
from stacdesk.core.query.capabilities import Capabilities, search_methods
from stacdesk.core.query.queryables import QueryablesResult, load_queryables
from stacdesk.core.query.search_query import SearchQuery

# We read the conformance ourselves and tell the user (notes, disabled controls) instead.
warnings.filterwarnings("ignore", category=DoesNotConformTo)

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 60.0
RETRY_BACKOFF_S = 0.5  # waits 0, 1, 2, 4 s between automatic retries (unless Retry-After says)
MAX_COLLECTION_PAGES = 200


def make_stac_io(
    headers: dict[str, str] | None = None,
    auth: ConnectionAuth | None = None,
    trusted_hosts: Sequence[str] = (),
    home: str = "",
) -> StacApiIO:
    """A StacApiIO with a timeout and retries with exponential backoff on transient statuses.

    With ``auth``, its session injects the connection's credentials for the connection's hosts
    only, on every request and redirect hop; ``headers`` go to ``home``'s host only (see
    ``api_transport``). Every answer must arrive within ``api_transport.ANSWER_DEADLINE_S``;
    TLS is verified except for ``trusted_hosts``.
    """
    retry = Retry(
        total=4,
        connect=3,
        read=2,
        other=0,  # e.g. a certificate that fails verification: retrying cannot help
        backoff_factor=RETRY_BACKOFF_S,
        status_forcelist=(429, 502, 503, 504),
        allowed_methods=None,  # POST searches are idempotent: retry them too
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    timeout = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)

    def new_session() -> requests.Session:
        session = auth.session() if auth is not None else requests.Session()
        for prefix in ("http://", "https://"):
            adapter = ApiAdapter(home, headers, trusted_hosts, timeout, max_retries=retry)
            session.mount(prefix, adapter)
        return session

    stac_io = StacApiIO(timeout=timeout, max_retries=retry)
    stac_io.session = SessionPerThread(new_session)  # type: ignore[assignment]
    return stac_io


def advertised_search_method(landing: dict[str, Any]) -> str:
    """POST when the landing page offers a POST ``search`` link, else GET (no method means GET)."""
    return "POST" if "POST" in search_methods(landing) else "GET"


def _resolve_own_root(client: Client, url: str) -> None:
    """Make the landing page its own root when its root link names it with or without a final
    slash. pystac does so only for an exact match; otherwise the first link it resolves (the
    search link, in every first search) fetches the landing page again: one more serial round
    trip before the first page (P1)."""
    link = client.get_root_link()
    if link is None or link.is_resolved():
        return
    href = link.get_absolute_href()
    if href is not None and href.rstrip("/") == url.rstrip("/"):
        client.set_root(client)


class ApiCatalog:
    """A remote STAC API. ``open`` blocks on the landing page: call it in a worker thread."""

    def __init__(
        self,
        client: Client,
        url: str,
        anonymous: bool = True,
        auth: ConnectionAuth | None = None,
    ) -> None:
        self._client = client
        self.url = url
        self.title = client.title or client.id or url
        self.anonymous = anonymous
        self.auth = auth
        landing = client.to_dict(transform_hrefs=False)
        self._landing = landing
        self.search_method = advertised_search_method(landing)
        self.method_forced = False  # True when the user chose GET or POST: no fallback then
        self.conforms_to: list[str] = list(landing.get("conformsTo") or [])
        self.capabilities = Capabilities.from_server(landing)
        self.problems: list[str] = []  # what the capability probe could not read

    @classmethod
    def open(
        cls,
        url: str,
        headers: dict[str, str] | None = None,
        anonymous: bool = True,
        method: str | None = None,
        auth: ConnectionAuth | None = None,
        trust_certificate: bool = False,
    ) -> ApiCatalog:
        """Read the landing page; raise CatalogError with a readable message when that fails.

        ``method`` ("GET" or "POST") overrides the advertised search method, without fallback.
        ``auth`` adds the connection's credentials (an authenticated connection never falls
        back from POST to GET: a refusal then means the credentials are wrong).
        ``trust_certificate``: the user trusts this server's certificate whatever it is
        (self-signed); TLS is still verified for every other host.
        """
        anonymous = anonymous and (auth is None or not auth.sends_credentials)
        trusted = (url,) if trust_certificate else ()
        try:
            stac_io = make_stac_io(headers, auth, trusted, url)
            # Client.open passes its own timeout (default None: none at all) to stac_io.update
            client = Client.open(url, stac_io=stac_io, timeout=stac_io.timeout)
        except Exception as exc:  # pystac-client raises many types; all end up in one message
            reason = explain_refusal(exc, auth)
            if isinstance(reason, AuthError):
                raise AuthError(f"Cannot open the catalog: {reason}") from None
            raise CatalogError(f"Cannot open the catalog: {describe_error(exc, url)}") from exc
        _resolve_own_root(client, url)
        catalog = cls(client, url, anonymous, auth)
        if not catalog.conforms_to and not client.get_links("search"):
            raise CatalogError(
                f"{url} answered, but it is not a STAC API (no search, no conformance)."
            )
        catalog.read_conformance()
        if method is not None:
            catalog.search_method, catalog.method_forced = method.upper(), True
        return catalog

    @property
    def search_href(self) -> str:
        """The ``/search`` endpoint the landing page links to (pystac-client's choice)."""
        link = self._client.get_search_link()
        return link.absolute_href if link else self.url.rstrip("/") + "/search"

    @property
    def stac_io(self) -> StacApiIO:
        return self._client._stac_io  # type: ignore[return-value]

    def read_conformance(self) -> None:
        """Merge ``/conformance`` into the landing page's classes (blocks; called by ``open``).

        A failing ``/conformance`` is noted, and the landing page's classes are used alone.
        """
        link = self._client.get_single_link("conformance")
        if link is None and self.conforms_to:
            return
        href = link.absolute_href if link else self.url.rstrip("/") + "/conformance"
        try:
            data = self.get_json(href)
            classes = data.get("conformsTo") if isinstance(data, dict) else None
            if not isinstance(classes, list):
                raise CatalogError("no conformsTo list")
        except Exception as exc:
            found = auth_error_in(exc)
            if found is not None:
                raise found from None
            self.problems.append(NO_CONFORMANCE(describe_error(exc, href)))
            return
        merged = list(dict.fromkeys([*self.conforms_to, *(str(c) for c in classes)]))
        self.conforms_to = merged
        self.capabilities = Capabilities.from_server(self._landing, merged)
        self._client.set_conforms_to(merged)

    def get_json(self, href: str) -> Any:
        """GET a JSON document through the catalog's session (credentials, retries, timeout)."""
        text = self.stac_io.read_text(href)
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise CatalogError(f"The server's answer is not valid JSON ({href}).") from exc

    def queryables(self, collections: Sequence[str] = ()) -> QueryablesResult:
        """The merged queryables of ``collections`` (the catalog's when none); blocks."""
        return load_queryables(
            self.get_json, self.url, list(collections), self.capabilities.queryables_href
        )

    def find_collections(self, text: str) -> list[str]:
        """Ids of the collections matching a free-text search on the server (``q``); blocks.

        Only for servers with collection-search#free-text; the caller filters locally otherwise.
        """
        if not self.capabilities.free_text:
            raise CatalogError("This server has no free-text collection search.")
        found = [
            str(c["id"]) for c in self._collection_objects({"q": text}, "Collection search failed")
        ]
        return list(dict.fromkeys(found))

    def collections(self) -> list[CollectionInfo]:
        """Every collection, following ``/collections`` next links to the end."""
        return [
            CollectionInfo.from_dict(c)
            for c in self._collection_objects({}, "Cannot list collections")
        ]

    def _collection_objects(self, params: dict[str, Any], failure: str) -> list[dict[str, Any]]:
        """Collection objects of ``/collections``, paged to the end (bounded); or CatalogError."""
        link = self._client.get_single_link("data")
        href = link.absolute_href if link else self.url.rstrip("/") + "/collections"
        found: list[dict[str, Any]] = []
        try:
            for number, page in enumerate(self.stac_io.get_pages(href, "GET", params or None)):
                found += [
                    c for c in page.get("collections", []) if isinstance(c, dict) and c.get("id")
                ]
                if number >= MAX_COLLECTION_PAGES:
                    break
        except Exception as exc:
            reason = explain_refusal(exc, self.auth)
            raise CatalogError(f"{failure}: {describe_error(reason, href)}") from exc
        return found

    @property
    def client(self) -> Client:
        """The pystac-client Client: builds each search's first request."""
        return self._client

    def search(self, query: SearchQuery) -> ApiPageSource:
        return ApiPageSource(self, query)
