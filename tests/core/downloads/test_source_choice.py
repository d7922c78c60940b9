"""The order a file's hrefs are tried in when several catalogs serve it (pure rules)."""

from __future__ import annotations

from stacdesk.core.downloads.source_choice import MIN_MEASURED_BYTES, HostSpeeds, SourceChoice

A, B, C = "https://a.example/f.jp2", "https://b.example/f.jp2", "s3://bucket-c/f.jp2"


def test_without_measurements_or_logins_the_catalogs_order_stands() -> None:
    assert SourceChoice().order([A, B, C]) == [A, B, C]


def test_sources_lacking_a_login_go_last_but_stay() -> None:
    choice = SourceChoice(lacks_credentials=lambda href: href in (A, B))
    assert choice.order([A, B, C]) == [C, A, B]


def test_faster_hosts_first_and_an_unmeasured_one_ranks_as_a_typical_one() -> None:
    speeds = HostSpeeds()
    speeds.record(A, 10_000_000, 10.0)  # 1 MB/s
    speeds.record(B, 10_000_000, 1.0)  # 10 MB/s
    assert SourceChoice(speeds).order([A, B]) == [B, A]
    # C unmeasured counts as the median of the measured hosts: ahead of the slow one
    assert SourceChoice(speeds).order([A, C, B]) == [B, C, A]


def test_small_files_and_zero_durations_do_not_count_as_speed() -> None:
    speeds = HostSpeeds()
    speeds.record(A, MIN_MEASURED_BYTES - 1, 0.001)
    speeds.record(B, 10_000_000, 0.0)
    assert speeds.of(A) is None and speeds.of(B) is None


def test_a_hosts_speed_is_a_moving_average() -> None:
    speeds = HostSpeeds()
    speeds.record(A, 1_000_000, 1.0)
    speeds.record(A, 2_000_000, 1.0)
    assert 1_000_000 < (speeds.of(A) or 0) < 2_000_000
