"""Restart safety: the queue lives in SQLite and the .part file on disk, so a new engine — after
a clean close or after the process was killed — fetches only what was missing (asserted on the
bytes the server sent)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.downloads.store import JobStore
from tests.core.downloads.conftest import asset, make_item, new_engine, run, settle, wait_for
from tests.reliability.ledger import bytes_lost, record
from tests.servers.flaky_files import Fault, FlakyFileServer, make_bytes

SIZE = 400_000
HALF = 150_000
REPO = Path(__file__).resolve().parents[3]


def part_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def test_new_engine_resumes_after_a_clean_close(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(SIZE)
    href = server.put("/big.bin", data)
    server.fault("/big.bin", Fault("stall", at=HALF))
    item = make_item("item", {"data": asset(href, data)})

    async def first_session() -> int:
        engine = new_engine(tmp_path)
        engine.start()
        job = engine.add_asset(item, "data")
        await wait_for(lambda: server.bytes_sent("/big.bin") == HALF)
        await wait_for(lambda: part_size(job.part_path) == HALF)
        await engine.close()  # the window closes mid-download
        return job.id

    job_id = run(first_session)
    store = JobStore(tmp_path / "data" / "downloads.sqlite3")
    assert store.get(job_id).state is JobState.QUEUED
    store.close()

    async def second_session():
        engine = new_engine(tmp_path)
        job = engine.jobs[job_id]
        engine.start()
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(second_session)
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    gets = server.gets("/big.bin")
    assert [g.range for g in gets] == [None, f"bytes={HALF}-"]
    assert server.bytes_sent("/big.bin") == SIZE  # not one byte fetched twice


CHILD = """
import asyncio, sys
from pathlib import Path
from tests.core.downloads.conftest import asset, make_item, new_engine

async def main():
    engine = new_engine(Path(sys.argv[1]))
    engine.start()
    engine.add_asset(make_item("item", {"data": asset(sys.argv[2])}), "data")
    await asyncio.sleep(3600)

asyncio.run(main())
"""


def test_killed_process_is_resumed_by_the_next_one(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    href = server.put("/big.bin", data)
    server.fault("/big.bin", Fault("stall", at=HALF))
    part = tmp_path / "downloads" / "test-collection" / "item" / "big.bin.part"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path), href],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        deadline = time.monotonic() + 30
        # Every piece is written as it arrives, so all that was sent reaches the file.
        while part_size(part) < HALF or server.bytes_sent("/big.bin") < HALF:
            assert child.poll() is None, "the child process ended early"
            assert time.monotonic() < deadline, "the child did not start downloading"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)  # no clean-up of any kind
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    kept = part_size(part)

    async def next_start():
        engine = new_engine(tmp_path)
        assert engine.store.recovered == 1  # it was left "running"
        (job,) = engine.jobs.values()
        assert job.state is JobState.QUEUED
        engine.start()
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(next_start)
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    gets = server.gets("/big.bin")
    assert [g.range for g in gets] == [None, f"bytes={kept}-"]
    assert kept == HALF
    assert server.bytes_sent("/big.bin") == SIZE  # nothing fetched twice
    resumed = [g.range for g in gets][1:] == [f"bytes={kept}-"] and job.state is JobState.DONE
    lost = bytes_lost(Path(job.dest), data) + (server.bytes_sent("/big.bin") - SIZE)  # refetched
    record(request, tried=1, survived=int(resumed), lost=lost)


CHILD_WITH_SMALL_FILES = """
import asyncio, sys
from pathlib import Path
from stacdesk.core.downloads import item_catalogs
from tests.core.downloads.conftest import asset, make_item, new_engine

item_catalogs.FLUSH_EVERY = 3600  # the links stay in memory, as for the last second of a run

async def main():
    engine = new_engine(Path(sys.argv[1]), max_concurrent=4, per_host=4)
    engine.start()
    hrefs = sys.argv[2:]
    items = [make_item(f"item-{n}", {"data": asset(href)}) for n, href in enumerate(hrefs)]
    engine.add_items(items)  # the first (stalled) keeps the queue from emptying
    await asyncio.sleep(3600)

asyncio.run(main())
"""


def done_rows(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        try:
            return conn.execute("SELECT count(*) FROM jobs WHERE state = 'done'").fetchone()[0]
        except sqlite3.OperationalError:  # the table is not there yet
            return 0


def linked_files(root: Path) -> set[Path]:
    """Every asset file the download folder's catalog reaches from its root catalog.json."""
    files: set[Path] = set()
    catalog = json.loads((root / "catalog.json").read_text())
    for child in (link for link in catalog["links"] if link["rel"] == "child"):
        col_path = (root / child["href"]).resolve()
        collection = json.loads(col_path.read_text())
        for link in (link for link in collection["links"] if link["rel"] == "item"):
            item_path = (col_path.parent / link["href"]).resolve()
            item = json.loads(item_path.read_text())
            for value in item["assets"].values():
                if "://" not in value["href"]:
                    files.add((item_path.parent / value["href"]).resolve())
    return files


def test_catalog_links_a_killed_process_had_not_written_are_repaired_on_start(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    big = server.put("/big.bin", data)
    server.fault("/big.bin", Fault("stall", at=HALF))
    small = {f"/small-{n}.bin": make_bytes(5_000 + n, seed=n) for n in range(6)}
    hrefs = [big, *(server.put(path, body) for path, body in small.items())]
    db = tmp_path / "data" / "downloads.sqlite3"
    downloads = tmp_path / "downloads"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_WITH_SMALL_FILES, str(tmp_path), *hrefs],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        deadline = time.monotonic() + 30
        while done_rows(db) < len(small) or server.bytes_sent("/big.bin") < HALF:
            assert child.poll() is None, "the child process ended early"
            assert time.monotonic() < deadline, "the child did not finish the small files"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)  # the links were still in memory
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert not (downloads / "catalog.json").exists()  # lost with the process

    async def next_start():
        engine = new_engine(tmp_path)
        engine.start()
        jobs = list(engine.jobs.values())
        await settle(engine, jobs)
        await engine.close()
        return jobs

    jobs = run(next_start)
    assert [job.state for job in jobs] == [JobState.DONE] * len(hrefs), [j.error for j in jobs]
    assert linked_files(downloads.resolve()) == {Path(job.dest).resolve() for job in jobs}

    def catalog_files() -> dict[Path, bytes]:
        return {path: path.read_bytes() for path in downloads.rglob("*.json")}

    before = catalog_files()

    async def idle_start():
        engine = new_engine(tmp_path)
        engine.start()
        await engine.close()

    run(idle_start)
    assert catalog_files() == before  # mending again changes nothing
