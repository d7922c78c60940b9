"""Asking before a search pages more results than anyone meant: ``stacdesk search --ask-above``.

Why apart from ``search``: the one-catalog and the several-catalog searches ask the same way. The
count is the server's numberMatched, else ``core.search.match_count``'s estimate from the first
page; a terminal is asked, anything else is refused without ``--all`` (exit status 1, nothing
written), so a script never pages a million results by accident.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stacdesk.cli.shared import RunError


def confirm_size(args: argparse.Namespace, query: Any, catalog: Any, first: Any) -> None:
    """Ask before paging more than ``--ask-above`` results; refuse (RunError, nothing written)
    when nobody can answer. ``first``: the search's first page (None: nothing to judge)."""
    from stacdesk.core.search.match_count import item_times, match_count, needs_asking

    if first is None or args.all or args.ask_above <= 0:
        return
    count = match_count(
        query,
        item_times(first.features),
        first.number_matched,
        first.number_matched_estimated,
        more=len(first.features) >= query.limit,
        collections=_searched_collections(catalog, query) if first.number_matched is None else (),
    )
    if not needs_asking(count, query.max_items, args.ask_above):
        return
    assert count is not None
    refuse_or_ask(args, f"The search matches {count.describe()}")


def _searched_collections(catalog: Any, query: Any) -> list[Any]:
    """The searched collections' extents (they close an open date range for the estimate)."""
    try:
        listed = list(catalog.collections())
    except Exception:  # no /collections: the estimate needs a closed date range then
        return []
    return [c for c in listed if not query.collections or c.id in query.collections]


def refuse_or_ask(args: argparse.Namespace, what: str) -> None:
    """``what`` ("The search matches about …") asked on a terminal; refused elsewhere."""
    if sys.stdin.isatty() and sys.stderr.isatty():
        sys.stderr.write(f"{what}. Page them all? [y/N] ")
        sys.stderr.flush()
        if sys.stdin.readline().strip().lower() in ("y", "yes"):
            return
        raise RunError("not paged: answered no (narrow the search, or give --max-items N)")
    raise RunError(
        f"{what}, more than --ask-above {args.ask_above:,}: nothing written. Add --all to page "
        "them all, or narrow the search (--max-items N, --datetime, --bbox)."
    )


def confirm_several(args: argparse.Namespace, query: Any, stream: Any) -> None:
    """``confirm_size`` for several catalogs: the sum of their counts (each the server's, or
    its first page's estimate; a catalog with neither counts its first page)."""
    from stacdesk.core.search.match_count import MatchCount, match_count, needs_asking

    if args.all or args.ask_above <= 0:
        return
    total, exact, hows = 0, True, []
    for source in stream.sources:
        if source.first is None:
            continue
        page, _keys, times = source.first
        count = match_count(
            query,
            times,
            page.number_matched,
            page.number_matched_estimated,
            more=len(times) >= query.limit,
        ) or MatchCount(len(times), False, "its first page only")
        total += count.count
        exact = exact and count.exact
        hows.append(f"{source.name}: {count.how}")
    joined = MatchCount(total, exact, "; ".join(hows))
    if needs_asking(joined, query.max_items, args.ask_above):
        refuse_or_ask(
            args, f"The search of {len(stream.sources)} catalogs matches {joined.describe()}"
        )
