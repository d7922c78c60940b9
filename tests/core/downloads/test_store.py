"""The SQLite queue: everything round-trips, and a killed process's running jobs come back
queued."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.store import JobStore


def job(**changes: object) -> DownloadJob:
    base = DownloadJob(
        item_id="S2B_1",
        collection="sentinel-2-l2a",
        asset_key="B04",
        href="https://h/B04.tif",
        dest="/d/sentinel-2-l2a/S2B_1/B04.tif",
        root="/d",
        alternates=("s3://bucket/B04.tif",),
        expected_size=123,
        checksum="1220" + "00" * 32,
        s3={"requester_pays": True, "region": "eu-central-1"},
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_jobs_round_trip_and_keep_order(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    store = JobStore(path)
    first = store.add(job())
    second = store.add(job(asset_key="B08", state=JobState.PAUSED))
    first.bytes_done, first.validator, first.note = 42, '"etag"', "Restarted from 0"
    store.update(first)
    store.close()

    again = JobStore(path)
    loaded = again.all()
    assert [j.id for j in loaded] == [first.id, second.id]
    assert loaded[0].bytes_done == 42 and loaded[0].validator == '"etag"'
    assert loaded[0].alternates == ("s3://bucket/B04.tif",)
    assert loaded[0].s3 == {"requester_pays": True, "region": "eu-central-1"}
    assert loaded[1].state is JobState.PAUSED
    assert again.get(second.id) == loaded[1]
    again.delete([first.id])
    assert [j.id for j in again.all()] == [second.id]


def test_running_jobs_are_queued_again_on_open(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    store = JobStore(path)
    running = store.add(job(state=JobState.RUNNING))
    done = store.add(job(asset_key="B08", state=JobState.DONE))
    # The process dies here: no close().
    again = JobStore(path)
    assert again.recovered == 1
    assert again.get(running.id).state is JobState.QUEUED
    assert again.get(done.id).state is JobState.DONE
    store.close()


def test_wal_journal_and_items(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    store = JobStore(path)
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    store.add(job())
    store.put_item("sentinel-2-l2a\x1fS2B_1", b'{"id": "S2B_1"}')
    store.put_item("other\x1fX", b"{}")
    store.put_item("sentinel-2-l2a\x1fS2B_1", b'{"id": "S2B_1", "v": 2}')
    assert store.item("sentinel-2-l2a\x1fS2B_1") == b'{"id": "S2B_1", "v": 2}'
    store.forget_unused_items()
    assert store.item("other\x1fX") is None
    assert store.item("sentinel-2-l2a\x1fS2B_1") is not None
