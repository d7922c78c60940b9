"""How many results a search will bring, said before paging them all.

Paging a million results takes minutes to hours and a lot of the server's time, so the window and
the CLI ask first when the count passes a threshold. The count is the server's ``numberMatched``
(an estimate when the server marks it so). A server that gives none gets an estimate from the
first page: results come newest first (the default order, or an explicit date sort), so the
first page's results span some stretch of time, and the search spans the whole asked interval
(its open ends closed by the searched collections' extents, an ongoing one by today); results
are assumed as dense over the whole interval as over that stretch. When that cannot be judged
(no dates, another sort order, an interval open on both sides) there is no count to show and
nobody is asked.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.common.datetimes import parse_datetime, parse_interval
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.multi_session import MultiSearchSession
from stacdesk.core.search.session import SearchSession

#: above this many results, paging them all is asked first (window: remembered per user)
DEFAULT_ASK_ABOVE = 1_000_000
DAY = 86_400.0


EXACT = QT_TRANSLATE_NOOP("MatchCount", "%Ln results (%1)", "%Ln result (%1)", 1)
ABOUT = QT_TRANSLATE_NOOP("MatchCount", "about %Ln results (%1)", "about %Ln result (%1)", 1)
SERVER_ESTIMATE = QT_TRANSLATE_NOOP("MatchCount", "the server's estimate")
SERVER_COUNT = QT_TRANSLATE_NOOP("MatchCount", "the server's count")
FIRST_PAGE = QT_TRANSLATE_NOOP("MatchCount", "all on the first page")
ESTIMATED = QT_TRANSLATE_NOOP(
    "MatchCount",
    "the server gives no count: estimated from the first page, whose %Ln results span %1 of "
    "the %2 searched",
    "the server gives no count: estimated from the first page, whose %Ln result spans %1 of "
    "the %2 searched",
    1,
)
DAYS = QT_TRANSLATE_NOOP("MatchCount", "%Ln days", "%Ln day", 1)
HOURS = QT_TRANSLATE_NOOP("MatchCount", "%Ln hours", "%Ln hour", 1)
MINUTES = QT_TRANSLATE_NOOP("MatchCount", "%Ln minutes", "%Ln minute", 1)


@dataclass(frozen=True)
class MatchCount:
    """A count of what a search matches and, in one phrase, where it comes from."""

    count: int
    exact: bool
    how: str

    def describe(self) -> Message:
        """ "about 2,400,000 results (estimated from …)"."""
        return (EXACT if self.exact else ABOUT)(self.how, n=self.count)


def item_times(features: Sequence[dict[str, Any]]) -> list[float]:
    """Each item's time (its datetime, else its start), NaN when it has none."""
    return [_item_time(f) for f in features]


def _item_time(feature: dict[str, Any]) -> float:
    props = feature.get("properties")
    if not isinstance(props, dict):
        return math.nan
    value = parse_datetime(props.get("datetime"))
    return value if not math.isnan(value) else parse_datetime(props.get("start_datetime"))


def _date_sorted(query: SearchQuery) -> bool:
    """Whether results come in date order: the default (newest first) or a date sort key."""
    if not query.sortby:
        return True
    first = query.sortby[0].lstrip("+-").strip().removeprefix("properties.")
    return first in ("datetime", "start_datetime", "end_datetime")


def _searched_span(query: SearchQuery, collections: Sequence[CollectionInfo]) -> float | None:
    """Seconds the search covers: its interval, open ends closed by the collections' extents."""
    start, end = parse_interval(query.datetime) if query.datetime else (-math.inf, math.inf)
    if collections:
        starts = [parse_datetime(c.temporal[0]) for c in collections]
        ends = [parse_datetime(c.temporal[1]) for c in collections]
        if not math.isfinite(start) and not any(math.isnan(s) for s in starts):
            start = min(starts)
        if not math.isfinite(end):
            end = time.time() if any(math.isnan(e) for e in ends) else max(ends)
    elif not math.isfinite(end):
        end = time.time()
    if not (math.isfinite(start) and math.isfinite(end)) or end <= start:
        return None
    return end - start


def match_count(
    query: SearchQuery,
    first_page: Sequence[float],
    number_matched: int | None,
    estimated: bool = False,
    more: bool = True,
    collections: Sequence[CollectionInfo] = (),
) -> MatchCount | None:
    """The count to show before paging on, from what the first page brought (its items' times,
    ``item_times``); None when unknown. ``more``: the first page has a next page.
    ``collections``: the searched ones (for the extents that close an open interval)."""
    if number_matched is not None:
        how = SERVER_ESTIMATE() if estimated else SERVER_COUNT()
        return MatchCount(number_matched, not estimated, how)
    if not more:
        return MatchCount(len(first_page), True, FIRST_PAGE())
    times = [t for t in first_page if not math.isnan(t)]
    if len(times) < 2 or not _date_sorted(query):
        return None
    page_span = max(times) - min(times)
    searched = _searched_span(query, collections)
    if searched is None or page_span <= 0:
        return None
    count = max(len(first_page), round(len(first_page) * searched / page_span))
    how = ESTIMATED(_duration(page_span), _duration(searched), n=len(first_page))
    return MatchCount(count, False, how)


def _duration(seconds: float) -> Message:
    if seconds >= 2 * DAY:
        return DAYS(n=round(seconds / DAY))
    if seconds >= 2 * 3600:
        return HOURS(n=round(seconds / 3600))
    return MINUTES(n=max(1, round(seconds / 60)))


def needs_asking(count: MatchCount | None, max_items: int | None, ask_above: int) -> bool:
    """Whether paging on should be asked first: the count (capped by ``max_items``) passes
    ``ask_above``; an unknown count is not asked about."""
    if count is None or ask_above <= 0:
        return False
    expected = count.count if max_items is None else min(count.count, max_items)
    return expected > ask_above


def session_count(
    session: SearchSession | MultiSearchSession, collections: Sequence[CollectionInfo] = ()
) -> MatchCount | None:
    """``match_count`` of a running search (``SearchSession`` or ``MultiSearchSession``) from
    what it loaded: the count the servers gave, else the first page's times (one catalog only:
    the pages of several interleave)."""
    query, store = session.query, session.store
    if query is None or not len(store):
        return None
    if session.number_matched is not None or isinstance(session, MultiSearchSession):
        if session.number_matched is None:
            return None
        return match_count(query, [], session.number_matched, session.number_matched_estimated)
    first = [float(t) for t in store.datetimes[: min(len(store), query.limit)]]
    return match_count(query, first, None, more=session.can_fetch_more, collections=collections)
