"""Restart safety: the queue lives in SQLite and the .part file on disk, so a new engine — after
a clean close or after the process was killed — fetches only what was missing (asserted on the
bytes the server sent)."""

from __future__ import annotations

import os
import signal
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
