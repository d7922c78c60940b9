"""``stacdesk search A B C``: one query against several catalogs, one line per product.

Every source is searched at once; a product found in several catalogs becomes one item that names
its sources and keeps their hrefs as alternates. Products are written as they settle, not
collected first (``core.search.multi_stream`` says when a product found later in another catalog
can no longer join one: once every source has paged past its date window; under a sort order
other than by date every product waits for the end).
Collection ids are matched per catalog (``sentinel-2-l2a`` here, ``S2_MSI_L2A`` there) and each
mapping is reported. A source that cannot be opened or fails while paging is reported and the
others go on; the exit status is 1 when any source failed (the items of the others are written).
"""

from __future__ import annotations

import argparse
import itertools
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


def _in_date_order(catalog: Any, query: Any) -> Any:
    """Newest first, asked of every catalog that declares sorting (local ones sort), so the
    products settle as the pages come (see ``core.search.multi_stream``)."""
    from stacdesk.core.search.multi_stream import date_sorted

    capabilities = getattr(catalog, "capabilities", None)
    if capabilities is not None:
        return date_sorted(query, bool(capabilities.sort))
    return date_sorted(query, getattr(catalog, "search_method", "") == "local")


def run_several(
    args: argparse.Namespace,
    query: Any,
    fmt: str,
    choice: Any,
    headers: dict[str, str],
    method: str | None,
) -> int:
    from stacdesk.cli.search_size import confirm_several
    from stacdesk.core.common import plural
    from stacdesk.core.common.json_bytes import json_bytes
    from stacdesk.core.export.writers import IncompleteExport, export_items, export_stream
    from stacdesk.core.search.multi_stream import MergedStream

    failed: list[str] = []
    searches = _queries(_open_all(args.sources, headers, method, failed), query)
    searches = [(name, catalog, _in_date_order(catalog, q)) for name, catalog, q in searches]
    stream = MergedStream([(name, catalog.search(q), q) for name, catalog, q in searches])
    stream.start()  # every source's first page: the counts are known before anything is written
    try:
        confirm_several(args, query, stream)
    except RunError:
        stream.close()
        raise
    products = stream.products()
    items = itertools.islice(products, args.max_items) if args.max_items else products
    notes: list[str] = []
    try:
        if fmt == "ndjson" and not args.output:
            for item in items:  # as each product settles
                sys.stdout.buffer.write(json_bytes(item) + b"\n")
            sys.stdout.buffer.flush()
        elif args.output:
            notes += export_items(items, Path(args.output), fmt, choice).notes
        else:
            export_stream(items, sys.stdout.buffer, fmt, choice)
            sys.stdout.buffer.flush()
    except IncompleteExport as exc:  # not raised by the stream; kept for the writers' contract
        raise RunError(str(exc)) from None
    finally:
        products.close()  # the sources' pagers and threads end even when --max-items cut it
    for source in stream.sources:
        for note in source.notes:
            say(f"note: {source.name}: {note}")
        if source.error is not None:
            failed.append(f"{source.name}: {source.error}")
            continue
        matched = "unknown" if source.number_matched is None else f"{source.number_matched:,}"
        used = getattr(source.pages, "method", "")
        say(f"{source.name}: {matched} matched, {source.received:,} returned ({used})")
    for note in notes + stream.notes:
        say(f"note: {note}")
    written = f", written to {args.output}" if args.output else ""
    say(
        f"{plural.count(stream.written, 'product')} from "
        f"{plural.count(len(searches), 'catalog')} ({stream.shared:,} found in more than one)"
        f"{written}"
    )
    if failed:
        raise RunError("; ".join(failed))
    return EXIT_OK
