"""``stacdesk search A B C``: one query against several catalogs, one line per product.

Every source is searched at once by the window's multi-catalog session; a product found in
several catalogs becomes one item that names its sources and keeps their hrefs as alternates.
Collection ids are matched per catalog (``sentinel-2-l2a`` here, ``S2_MSI_L2A`` there) and each
mapping is reported. A source that cannot be opened or fails while paging is reported and the
others go on; the exit status is 1 when any source failed (the items of the others are written).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from stacdesk.cli.shared import EXIT_OK, RunError, UsageError, say


def _open_all(
    sources: list[str], headers: dict[str, str], method: str | None, failed: list[str]
) -> list[tuple]:
    """The sources that open; why the others did not goes to ``failed``."""
    from stacdesk.cli.sources import open_source

    opened = []
    for source in sources:
        try:
            opened.append((source, open_source(source, headers, method)))
        except UsageError:
            raise
        except Exception as exc:  # one catalog down never stops the others
            failed.append(f"{source}: cannot open: {exc}")
            say(failed[-1])
    if not opened:
        raise RunError("none of the sources could be opened")
    return opened


def _listed(catalog: Any) -> list[Any] | None:
    try:
        return list(catalog.collections())
    except Exception:  # no /collections: the server decides what the ids mean
        return None


def _queries(opened: list[tuple], query: Any) -> list[tuple[str, Any, Any]]:
    """Each source's query, its collection ids mapped to what that catalog calls them."""
    from stacdesk.cli.sources import unknown_collections
    from stacdesk.config import app_paths
    from stacdesk.core.search.source_queries import query_for, reference_collections
    from stacdesk.core.workspace.collection_overrides import CollectionOverrides

    overrides = CollectionOverrides.beside(app_paths().connections_file)  # the window's choices

    listed = {name: _listed(catalog) for name, catalog in opened} if query.collections else {}
    reference = reference_collections(list(listed.values()))
    if query.collections and all(infos is not None for infos in listed.values()):
        problem = unknown_collections(query.collections, list(reference))
        if problem:
            raise UsageError(problem.replace("in this catalog", "in any of the catalogs"))
    searches = []
    for name, catalog in opened:
        mapped = query_for(query, listed.get(name), reference, overrides.of(name))
        for note in mapped.notes:
            say(f"note: {name}: {note}")
        if mapped.query is not None:
            searches.append((name, catalog, mapped.query))
    if not searches:
        raise UsageError("no catalog holds the collections asked for")
    return searches


def run_several(
    args: argparse.Namespace,
    query: Any,
    fmt: str,
    choice: Any,
    headers: dict[str, str],
    method: str | None,
) -> int:
    from stacdesk.core.common import plural
    from stacdesk.core.common.json_bytes import json_bytes
    from stacdesk.core.export.writers import export_bytes, export_items
    from stacdesk.core.search.multi_session import MultiSearchSession
    from stacdesk.core.search.session import SearchState

    failed: list[str] = []
    searches = _queries(_open_all(args.sources, headers, method, failed), query)

    async def search() -> MultiSearchSession:
        session = MultiSearchSession()
        await session.start(searches)
        await session.load_all()
        return session

    session = asyncio.run(search())
    items = list(session.merged_items())
    if args.max_items:
        items = items[: args.max_items]
    notes: list[str] = []
    if fmt == "ndjson" and not args.output:
        sys.stdout.buffer.write(b"".join(json_bytes(item) + b"\n" for item in items))
        sys.stdout.buffer.flush()
    elif args.output:
        notes += export_items(items, Path(args.output), fmt, choice).notes
    else:
        sys.stdout.buffer.write(export_bytes(items, fmt, choice))
        sys.stdout.buffer.flush()
    for source in session.sources:
        for note in source.notes:
            say(f"note: {source.name}: {note}")
        if source.state is SearchState.FAILED:
            failed.append(f"{source.name}: {source.error}")
            continue
        matched = "unknown" if source.number_matched is None else f"{source.number_matched:,}"
        used = source.pages.method if source.pages else ""
        say(f"{source.name}: {matched} matched, {source.received:,} returned ({used})")
    for note in notes:
        say(f"note: {note}")
    shared = len(session.shared_rows)
    written = f", written to {args.output}" if args.output else ""
    say(
        f"{plural.count(len(items), 'product')} from {plural.count(len(searches), 'catalog')}"
        f" ({shared:,} found in more than one){written}"
    )
    if failed:
        raise RunError("; ".join(failed))
    return EXIT_OK
