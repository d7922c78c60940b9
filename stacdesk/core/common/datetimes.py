"""RFC 3339 instants and intervals as epoch seconds, the one time form the core computes with.

The one RFC 3339 reader of the project (item dates, search intervals, token expiry times): plain
floats and the standard library only, so the credentials code can use it without numpy.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

OPEN_ENDS = ("", "..")


def parse_datetime(value: Any) -> float:
    """Seconds since the epoch (UTC) of an RFC 3339 string; NaN when missing or unreadable."""
    if not isinstance(value, str) or not value:
        return math.nan
    try:
        parsed = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return math.nan
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def parse_interval(text: str) -> tuple[float, float]:
    """``"a/b"`` (either end may be open: ``..`` or empty) or a single instant, as (start, end).

    Raises ValueError for text that is neither, so bad input is reported, not ignored.
    """
    parts = text.split("/")
    if len(parts) == 1:
        instant = _bound(parts[0], -math.inf)
        if not math.isfinite(instant):
            raise ValueError(f"not a date-time: {text!r}")
        return instant, instant
    if len(parts) != 2 or all(p.strip() in OPEN_ENDS for p in parts):
        raise ValueError(f"not a date-time interval: {text!r}")
    start, end = _bound(parts[0], -math.inf), _bound(parts[1], math.inf)
    if start > end:
        raise ValueError(f"the interval ends before it starts: {text!r}")
    return start, end


def _bound(text: str, open_value: float) -> float:
    text = text.strip()
    if text in OPEN_ENDS:
        return open_value
    value = parse_datetime(text)
    if math.isnan(value):
        raise ValueError(f"not a date-time: {text!r}")
    return value


def format_interval(start: datetime | None, end: datetime | None) -> str | None:
    """The STAC API form of a range picked in the UI; None when both ends are open."""
    if start is None and end is None:
        return None

    def fmt(value: datetime | None) -> str:
        if value is None:
            return ".."
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    return f"{fmt(start)}/{fmt(end)}"
