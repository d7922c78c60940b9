"""Finishing files off the event loop (the engine's recorder thread): the loop neither writes the
queue nor renames files while downloads run, and a file is reported done only once it is at its
final name and the queue on disk says done."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

from stacdesk.core.downloads.engine import DownloadEngine
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.store import JobStore
from tests.core.downloads.conftest import asset, make_item, run, settings, settle, wait_for
from tests.servers.flaky_files import FlakyFileServer, make_bytes

COUNT = 24


class WatchedStore(JobStore):
    """A store that remembers which threads wrote job rows."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.writers: set[str] = set()

    def update(self, job: DownloadJob) -> None:
        self.writers.add(threading.current_thread().name)
        super().update(job)

    def set_progress(self, job_id: int, bytes_done: int) -> None:
        self.writers.add(threading.current_thread().name)
        super().set_progress(job_id, bytes_done)


def row_state(db: Path, job_id: int) -> str:
    """The state on disk, read as another process would (not through the engine's store)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT state FROM jobs WHERE id = ?", (job_id,)).fetchone()[0]


def test_done_is_reported_only_once_renamed_and_recorded_and_the_loop_writes_nothing(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    files = {f"/f{n}.bin": make_bytes(20_000 + n, seed=n) for n in range(COUNT)}
    items = [
        make_item(f"item-{n}", {"data": asset(server.put(path, data), data, checksum=n % 2 == 0)})
        for n, (path, data) in enumerate(files.items())
    ]
    db = tmp_path / "data" / "downloads.sqlite3"
    seen_done: list[tuple[bool, bool, str]] = []

    async def scenario() -> tuple[list[DownloadJob], set[str]]:
        store = WatchedStore(db)
        limits = settings(tmp_path / "downloads", max_concurrent=8, per_host=8)
        engine = DownloadEngine(store, limits)

        def changed(job: DownloadJob) -> None:
            if job.state is JobState.DONE:
                dest = Path(job.dest)
                seen_done.append((dest.is_file(), job.part_path.exists(), row_state(db, job.id)))

        engine.job_changed.connect(changed)
        engine.start()
        jobs = engine.add_items(items)
        await settle(engine, jobs)
        await engine.close()
        return jobs, store.writers

    jobs, writers = run(scenario)
    assert [j.state for j in jobs] == [JobState.DONE] * COUNT
    for job, data in zip(jobs, files.values(), strict=True):
        assert Path(job.dest).read_bytes() == data
    assert len(seen_done) == COUNT
    assert seen_done == [(True, False, "done")] * COUNT
    assert threading.main_thread().name not in writers  # the loop only queued the writes


class SlowDiskStore(JobStore):
    """A store whose writes of done rows wait for ``release``: a recorder held up by its disk."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.release = threading.Event()

    def update(self, job: DownloadJob) -> None:
        if job.state is JobState.DONE:
            self.release.wait(60)
        super().update(job)


def test_a_file_being_finished_lends_its_slot_to_one_more_transfer_at_most(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    """Its bytes are in, so the next file needn't wait for the recorder; but the files waiting
    for the recorder stay as few as the limit, whatever the recorder's backlog."""
    files = {f"/g{n}.bin": make_bytes(10_000 + n, seed=n) for n in range(4)}
    items = [
        make_item(f"item-{n}", {"data": asset(server.put(path, data), data)})
        for n, (path, data) in enumerate(files.items())
    ]

    def gets() -> int:
        return len([hit for hit in server.hits if hit.method == "GET"])

    async def scenario() -> tuple[list[DownloadJob], int, list[JobState]]:
        store = SlowDiskStore(tmp_path / "data" / "downloads.sqlite3")
        engine = DownloadEngine(store, settings(tmp_path / "downloads", max_concurrent=1))
        engine.start()
        jobs = engine.add_items(items)
        await wait_for(lambda: gets() == 2)  # the second began while the first is finished
        await asyncio.sleep(0.3)  # room for a wrong third request
        held = (gets(), [job.state for job in jobs])
        store.release.set()
        await settle(engine, jobs)
        await engine.close()
        return jobs, *held

    jobs, held_gets, held_states = run(scenario)
    assert held_gets == 2
    assert held_states == [JobState.RUNNING] * 2 + [JobState.QUEUED] * 2
    assert [job.state for job in jobs] == [JobState.DONE] * 4
    for job, data in zip(jobs, files.values(), strict=True):
        assert Path(job.dest).read_bytes() == data
