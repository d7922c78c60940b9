"""When and where the chosen collections have data: the search's default dates, and why a search
that found nothing found nothing, when the collections' extents can tell.

Why: dates that default to "the last 30 days of today" find nothing in a catalog that ended
years ago, and an empty list alone does not say that the dates or the area were the cause.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import shapely
from shapely.geometry import box, shape

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.common.datetimes import parse_datetime, parse_interval
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message
from stacdesk.core.query.search_query import SearchQuery

DEFAULT_DAYS = 30

DATES_OUTSIDE = QT_TRANSLATE_NOOP(
    "EmptySearch", "The dates are outside the collections' time range (%1 – %2)."
)
AREA_OUTSIDE = QT_TRANSLATE_NOOP(
    "EmptySearch", "The search area is outside the collections' spatial extent."
)
ONGOING = QT_TRANSLATE_NOOP("EmptySearch", "ongoing")


def _day(text: str | None) -> date | None:
    """The UTC calendar day of an RFC 3339 instant; None when open or unreadable."""
    seconds = parse_datetime(text)
    if math.isnan(seconds):
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def temporal_extent(collections: Sequence[CollectionInfo]) -> tuple[date | None, date | None]:
    """The union of the collections' temporal extents as days; None where any of them is open."""
    if not collections:
        return None, None
    starts = [_day(c.temporal[0]) for c in collections]
    ends = [_day(c.temporal[1]) for c in collections]
    start = None if any(s is None for s in starts) else min(s for s in starts if s)
    end = None if any(e is None for e in ends) else max(e for e in ends if e)
    return start, end


def default_dates(
    start: date | None, end: date | None, today: date, days: int = DEFAULT_DAYS
) -> tuple[date, date]:
    """The last ``days`` days of the extent (of today when it is ongoing); the whole extent when
    it is shorter. Never a single day by accident, never a range where there is no data."""
    last = end if end is not None and end < today else today
    first = last - timedelta(days=days)
    if start is not None and first < start:
        first = start
    if first > last:  # an extent that starts in the future
        first, last = start or last, (start or last) + timedelta(days=days)
    return first, last


@dataclass(frozen=True)
class EmptyReason:
    """Why a search found nothing: ``kind`` is "dates" or "area"; ``text`` says it in words
    (a ``Message``: the window shows it in its language)."""

    kind: str
    text: Message


def _interval_overlaps(lo: float, hi: float, info: CollectionInfo) -> bool:
    start, end = (parse_datetime(t) for t in info.temporal)
    start = -math.inf if math.isnan(start) else start
    end = math.inf if math.isnan(end) else end
    return lo <= end and hi >= start


def _collection_area(info: CollectionInfo) -> shapely.Geometry | None:
    if info.bbox is None:
        return None
    west, south, east, north = info.bbox
    if west > east:  # across the antimeridian
        return shapely.union(box(west, south, 180.0, north), box(-180.0, south, east, north))
    return box(west, south, east, north)


def _query_area(query: SearchQuery) -> shapely.Geometry | None:
    if query.bbox is not None:
        return _collection_area(CollectionInfo("", "", bbox=query.bbox))
    if query.intersects is not None:
        try:
            return shape(query.intersects)
        except Exception:  # a malformed geometry the server judged; nothing to say here
            return None
    return None


def _span(collections: Sequence[CollectionInfo]) -> tuple[str, str | Message]:
    """The first and last day of the collections' data ("…" and "ongoing" when open)."""
    start, end = temporal_extent(collections)
    return (start.isoformat() if start else "…", end.isoformat() if end else ONGOING())


def empty_reasons(query: SearchQuery, collections: Sequence[CollectionInfo]) -> list[EmptyReason]:
    """What of ``query`` lies outside every one of ``collections``' extents (those it searched).

    Unknown or open extents count as "may have data": only a certain reason is given.
    """
    if not collections:
        return []
    reasons = []
    if query.datetime:
        try:
            lo, hi = parse_interval(query.datetime)
        except ValueError:
            lo, hi = -math.inf, math.inf
        if not any(_interval_overlaps(lo, hi, c) for c in collections):
            reasons.append(EmptyReason("dates", DATES_OUTSIDE(*_span(collections))))
    area = _query_area(query)
    if area is not None:
        areas = [_collection_area(c) for c in collections]
        if all(a is not None and not shapely.intersects(a, area) for a in areas):
            reasons.append(EmptyReason("area", AREA_OUTSIDE()))
    return reasons
