import math

import pytest

from stacdesk.core.common.datetimes import format_interval, parse_datetime, parse_interval


def test_parse_datetime_reads_z_offsets_and_naive_as_utc() -> None:
    assert parse_datetime("1970-01-01T00:01:00Z") == 60.0
    assert parse_datetime("1970-01-01T01:00:00+01:00") == 0.0
    assert parse_datetime("1970-01-01T00:00:10") == 10.0


@pytest.mark.parametrize("value", [None, "", "yesterday", 17, "2024-13-01T00:00:00Z"])
def test_parse_datetime_gives_nan_for_unreadable(value: object) -> None:
    assert math.isnan(parse_datetime(value))


def test_parse_interval_open_ends() -> None:
    start, end = parse_interval("2024-01-01T00:00:00Z/..")
    assert start == parse_datetime("2024-01-01T00:00:00Z") and end == math.inf
    start, end = parse_interval("/2024-01-01T00:00:00Z")
    assert start == -math.inf


@pytest.mark.parametrize("text", ["../..", "a/b", "2024-02-01T00:00:00Z/2024-01-01T00:00:00Z", "x"])
def test_parse_interval_rejects_bad_input(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def test_format_interval() -> None:
    from datetime import UTC, datetime

    assert format_interval(None, None) is None
    assert format_interval(datetime(2024, 3, 1, tzinfo=UTC), None) == "2024-03-01T00:00:00Z/.."
