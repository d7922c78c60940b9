"""Calendar ticks for a time axis: the finest calendar step (hours, days, months, years) whose
labels fit the axis' width, each label naming what the step needs.

Why: pyqtgraph's date axis picks its step from a fixed density and drops labels that collide, so a
month of results on a narrow plot read only "2025" or nothing at all, and an empty plot read
"00.500" (half a second after 1970).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

HOUR = 3600.0
DAY = 86400.0
LABEL_PIXELS = 80  # room for "29 Jun 2025" and a gap
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STEPS = (
    ("hour", 1),
    ("hour", 3),
    ("hour", 6),
    ("hour", 12),
    ("day", 1),
    ("day", 2),
    ("day", 7),
    ("day", 14),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 20),
    ("year", 50),
    ("year", 100),
)
_FIRST_YEAR, _LAST_YEAR = 1, 9998


def _moment(seconds: float) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)


def _seconds(moment: datetime) -> float:
    return (moment - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()


def _candidates(kind: str, n: int, lo: datetime, hi: datetime) -> list[datetime]:
    """Step ``n`` ``kind``s from a calendar-aligned start at or before ``lo`` to ``hi``."""
    out: list[datetime] = []
    if kind == "hour":
        moment = lo.replace(minute=0, second=0, microsecond=0, hour=lo.hour - lo.hour % n)
        while moment <= hi:
            out.append(moment)
            moment += timedelta(hours=n)
    elif kind == "day":  # days 1, 1+n, 1+2n… of each month: the same days every month
        moment = lo.replace(hour=0, minute=0, second=0, microsecond=0, day=1)
        while moment <= hi:
            if (moment.day - 1) % n == 0 and (n == 1 or moment.day + n <= 32):
                out.append(moment)
            moment += timedelta(days=1)
    elif kind == "month":
        index = lo.year * 12 + lo.month - 1
        index -= index % n
        while True:
            year, month = divmod(index, 12)
            if year > _LAST_YEAR:
                break
            moment = datetime(year, month + 1, 1, tzinfo=UTC)
            if moment > hi:
                break
            out.append(moment)
            index += n
    else:
        year = max(lo.year - lo.year % n, _FIRST_YEAR)
        while year <= min(hi.year, _LAST_YEAR):
            out.append(datetime(year, 1, 1, tzinfo=UTC))
            year += n
    return out


def _label(kind: str, moment: datetime, first: bool) -> str:
    month = _MONTHS[moment.month - 1]
    if kind == "year":
        return str(moment.year)
    if kind == "month":
        return f"{month} {moment.year}" if first or moment.month == 1 else month
    day = f"{moment.day} {month}"
    if kind == "day":
        return f"{day} {moment.year}" if first or (moment.month, moment.day) == (1, 1) else day
    if first or (moment.hour, moment.minute) == (0, 0):
        return f"{day} {moment:%H:%M}" if moment.hour else day
    return f"{moment:%H:%M}"


def time_ticks(lo: float, hi: float, pixels: float) -> list[tuple[float, str]]:
    """Tick positions (epoch seconds) in ``lo..hi`` with their labels, as many as fit ``pixels``.

    Less than an hour wide (an empty plot's default range) gets no ticks: there is nothing to
    date.
    """
    if not (hi - lo >= HOUR) or lo < -62e9 or hi > 253e9:  # NaN, tiny, or beyond years 1..9999
        return []
    room = max(int(pixels // LABEL_PIXELS), 2)
    start, end = _moment(lo), _moment(hi)
    for kind, n in STEPS:
        approx = {"hour": HOUR, "day": DAY, "month": 30 * DAY, "year": 365 * DAY}[kind] * n
        if (hi - lo) / approx > room + 1:
            continue  # far too many: skip without listing them
        inside = [m for m in _candidates(kind, n, start, end) if lo <= _seconds(m) <= hi]
        if 1 <= len(inside) <= room:
            return [(_seconds(m), _label(kind, m, i == 0)) for i, m in enumerate(inside)]
    return [(lo, _label("day", start, True))]
