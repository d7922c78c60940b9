"""What ``stacdesk search`` / ``collections`` read from: a URL, a local path or a saved
connection, and the collection ids a search names, checked against what the catalog lists.

Why the check: a server answers an unknown collection id with zero results, which reads as "there
is nothing"; a typo is bad input (exit status 2) and the message names the ids it resembles.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stacdesk.cli.shared import UsageError

MAX_LISTED = 10  # an unknown id with no close match: the catalog's ids are named up to this many


def looks_like_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def open_source(source: str, headers: dict[str, str], method: str | None = None) -> Any:
    """A Catalog for a URL, an existing local path, or a saved connection's name."""
    from stacdesk.core.catalogs.api_catalog import ApiCatalog
    from stacdesk.core.catalogs.local_catalog import LocalCatalog

    anonymous = not any(h.lower() in ("authorization", "cookie") for h in headers)
    if looks_like_url(source):
        return ApiCatalog.open(source, headers=headers or None, anonymous=anonymous, method=method)
    path = Path(source).expanduser()
    if path.exists():
        return LocalCatalog.open(path)
    connection = connection_book().find(source)
    if connection is None:
        raise UsageError(
            f"unknown source {source!r}: not a STAC API URL (http…), an existing file or "
            "folder, or a saved connection name (see the window's catalog list)"
        )
    if connection.kind == "local":
        return LocalCatalog.open(Path(connection.url), connection.name)
    if headers:  # the user's headers replace the connection's own authentication
        return ApiCatalog.open(connection.url, headers=headers, anonymous=anonymous, method=method)
    from stacdesk.core.catalogs.opening import open_catalog

    catalog = open_catalog(connection)  # with the credentials the window would use
    if method is not None:
        catalog.search_method, catalog.method_forced = method, True
    return catalog


def connection_book() -> Any:
    from stacdesk.config import app_paths
    from stacdesk.core.catalogs.connections import ConnectionBook

    try:
        from stacdesk.resources import resource_path

        sample: Path | None = resource_path("sample-catalog")
    except FileNotFoundError:
        sample = None
    return ConnectionBook(app_paths().connections_file, sample)


def unknown_collections(requested: Sequence[str], known: Sequence[str]) -> str | None:
    """Why ``requested`` names collections not in ``known``, with the close matches; or None."""
    missing = [c for c in requested if c not in set(known)]
    if not missing or not known:
        return None
    by_lower = {k.lower(): k for k in known}
    parts = []
    for cid in missing:
        close = difflib.get_close_matches(cid.lower(), list(by_lower), n=3, cutoff=0.6)
        hint = " or ".join(repr(by_lower[c]) for c in close)
        parts.append(f"{cid!r}" + (f" (did you mean {hint}?)" if hint else ""))
    what = "collection" if len(missing) == 1 else "collections"
    text = f"--collections: no {what} {', '.join(parts)} in this catalog"
    if any("did you mean" in p for p in parts):
        return text
    if len(known) <= MAX_LISTED:
        return f"{text}; it has {', '.join(sorted(known))}"
    return f"{text}; `stacdesk collections SOURCE` lists its {len(known):,} collections"


def check_collections(catalog: Any, requested: Sequence[str]) -> None:
    """Raise UsageError for ids the catalog does not list; a catalog that cannot list its
    collections is left to answer the search itself."""

    if not requested:
        return
    try:
        known = [info.id for info in catalog.collections()]
    except Exception:  # no /collections (or it failed): the server decides what the ids mean
        return
    problem = unknown_collections(requested, known)
    if problem:
        raise UsageError(problem)
