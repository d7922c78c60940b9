"""The search on screen as code: a pystac-client snippet, a curl command, a stacdesk command line.

Analysts move from clicking to scripting; the snippet must reproduce the *exact* search the window
ran, so it is built from the same ``SearchQuery.search_kwargs()`` the pager hands pystac-client,
with the method the search really used (after any POST → GET fallback). Header values are never
copied (they are usually secrets): a placeholder stands in their place.
"""

from __future__ import annotations

import pprint
import shlex
from typing import TYPE_CHECKING, Any

import orjson

from stacdesk.core.query.search_query import DEFAULT_PAGE_SIZE, SearchQuery

if TYPE_CHECKING:
    from pystac_client.item_search import ItemSearch

SECRET_PLACEHOLDER = "<value>"


def _python_value(value: Any, indent: int) -> str:
    text = pprint.pformat(_plain(value), width=96 - indent, sort_dicts=False)
    return text.replace("\n", "\n" + " " * indent)


def _plain(value: Any) -> Any:
    """Tuples as lists, so the snippet shows the JSON-like literals people expect."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _redacted(headers: dict[str, str] | None) -> dict[str, str]:
    return {name: SECRET_PLACEHOLDER for name in headers or {}}


def python_snippet(
    api_url: str, query: SearchQuery, method: str, headers: dict[str, str] | None = None
) -> str:
    """A runnable pystac-client script that sends the same search with the same method."""
    method = method.upper()
    kwargs = {"method": method, **query.search_kwargs()}
    lines = [
        "# The stacdesk search as a script: pip install pystac-client",
        "from pystac_client import Client",
        "",
    ]
    if headers:
        lines.append(f"headers = {_python_value(_redacted(headers), 10)}  # fill in the values")
        lines.append(f"client = Client.open({api_url!r}, headers=headers)")
    else:
        lines.append(f"client = Client.open({api_url!r})")
    lines.append("search = client.search(")
    for name, value in kwargs.items():
        lines.append(f"    {name}={_python_value(value, 4 + len(name) + 1)},")
    lines += [
        ")",
        "items = list(search.items_as_dicts())",
        'print(f"{len(items)} items")',
        "for item in items:",
        '    print(item["id"])',
        "",
    ]
    return "\n".join(lines)


def local_python_snippet(path: str, query: SearchQuery) -> str:
    """For a catalog on disk: the same in-process search through stacdesk's own core."""
    return "\n".join(
        [
            "# The stacdesk search of a local catalog as a script",
            "from stacdesk.core.catalogs.local_catalog import LocalCatalog",
            "from stacdesk.core.query.search_query import SearchQuery",
            "",
            f"catalog = LocalCatalog.open({path!r})",
            f"query = {query!r}",
            "items = [catalog.item(int(row)) for row in catalog.matching_rows(query)]",
            'print(f"{len(items)} items")',
            "",
        ]
    )


def _item_search(search_url: str, query: SearchQuery, method: str) -> ItemSearch:
    from pystac_client.item_search import ItemSearch  # on use: ~0.15 s at start-up otherwise

    kwargs = query.search_kwargs()
    kwargs.pop("max_items", None)  # a client-side cap: not part of the request
    return ItemSearch(search_url, method=method.upper(), **kwargs)


def request_parameters(search_url: str, query: SearchQuery, method: str) -> dict[str, Any]:
    """What the first search request carries: GET query parameters or the POST body."""
    return _item_search(search_url, query, method).get_parameters()


def get_url(search_url: str, query: SearchQuery) -> str:
    """The first page's GET URL, encoded as pystac-client encodes it."""
    return str(_item_search(search_url, query, "GET").url_with_parameters())


def post_body(search_url: str, query: SearchQuery) -> bytes:
    """The first page's POST body (CQL2 text converted to JSON, as pystac-client does)."""
    return orjson.dumps(request_parameters(search_url, query, "POST"))


def curl_command(
    search_url: str, query: SearchQuery, method: str, headers: dict[str, str] | None = None
) -> str:
    """A curl command for the first page: the GET URL, or a POST with the JSON body."""
    parts = ["curl", "-sS"]
    for name, value in _redacted(headers).items():
        parts += ["-H", f"{name}: {value}"]
    if method.upper() == "POST":
        parts += [
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "--data-raw",
            post_body(search_url, query).decode("utf-8"),
            search_url,
        ]
    else:
        parts.append(get_url(search_url, query))
    return shlex.join(parts)


def cli_command(source: str, query: SearchQuery, method: str | None = None) -> str:
    """The same search as a ``stacdesk search`` command line."""
    parts = ["stacdesk", "search", source]
    if query.collections:
        parts += ["--collections", ",".join(query.collections)]
    if query.bbox is not None:
        parts.append("--bbox=" + ",".join(f"{v:g}" for v in query.bbox))
    if query.intersects is not None:
        parts += ["--intersects", orjson.dumps(query.intersects).decode()]
    if query.datetime:
        parts += ["--datetime", query.datetime]
    if query.filter is not None:
        text = (
            query.filter if isinstance(query.filter, str) else orjson.dumps(query.filter).decode()
        )
        parts += ["--filter", text]
    if query.sortby:
        parts.append("--sortby=" + ",".join(query.sortby))
    if query.ids:
        parts += ["--ids", ",".join(query.ids)]
    if query.limit != DEFAULT_PAGE_SIZE:
        parts += ["--limit", str(query.limit)]
    if query.max_items is not None:
        parts += ["--max-items", str(query.max_items)]
    if method and method.upper() in ("GET", "POST"):
        parts += ["--method", method.upper()]
    return shlex.join(parts)
