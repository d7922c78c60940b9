import math
from datetime import UTC, datetime

from stacdesk.core.results.time_ticks import time_ticks


def at(*parts: int) -> float:
    return datetime(*parts, tzinfo=UTC).timestamp()


def test_a_month_on_a_narrow_axis_names_days_and_the_year() -> None:
    ticks = time_ticks(at(2025, 5, 30), at(2025, 6, 30), 160)
    assert [label for _, label in ticks] == ["1 Jun 2025", "15 Jun"]
    assert ticks[0][0] == at(2025, 6, 1)
    wide = [label for _, label in time_ticks(at(2025, 5, 30), at(2025, 6, 30), 800)]
    assert wide == ["1 Jun 2025", "8 Jun", "15 Jun", "22 Jun"]


def test_longer_ranges_step_by_months_then_years_and_nothing_is_dated_when_empty() -> None:
    months = [label for _, label in time_ticks(at(2023, 1, 1), at(2023, 12, 31), 400)]
    assert months == ["Jan 2023", "Apr", "Jul", "Oct"]
    years = [label for _, label in time_ticks(at(2023, 1, 1), at(2025, 6, 30), 200)]
    assert years == ["2024"]
    hours = [label for _, label in time_ticks(at(2025, 6, 29), at(2025, 6, 29, 12), 300)]
    assert hours == ["29 Jun", "06:00", "12:00"]
    assert time_ticks(0.0, 1.0, 300) == []  # an empty plot: no "00.500"
    assert time_ticks(math.nan, 1e9, 300) == [] and time_ticks(0, 1e15, 300) == []
