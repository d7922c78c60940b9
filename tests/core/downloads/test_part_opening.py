"""The .part file is opened by a file thread while the request goes out: an answer without a
body (a refusal, a missing file, a redirect) leaves no .part file behind, and a body that
arrives before its file is open waits for it, paused, and lands whole."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import BinaryIO

from stacdesk.core.downloads.fetching import open_file
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from tests.core.downloads.conftest import (
    asset,
    download_settled,
    make_item,
    new_engine,
    run,
    settle,
)
from tests.servers.flaky_files import Fault, FlakyFileServer, make_bytes


def test_answers_without_a_body_leave_no_part_file(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(50_000)
    hrefs = {"gone": f"{server.url}/nothing-here.tif"}
    hrefs["refused"] = server.put("/refused.tif", data)
    server.fault("/refused.tif", Fault("status", status=403))
    hrefs["moved-away"] = server.put("/moved-away.tif", data)
    server.fault("/moved-away.tif", Fault("redirect", location=hrefs["gone"]))
    hrefs["moved"] = server.put("/moved.tif", data)
    target = server.put("/target.tif", data)
    server.fault("/moved.tif", Fault("redirect", location=target))
    items = [make_item(name, {"data": asset(href, data)}) for name, href in hrefs.items()]

    jobs = {job.item_id: job for job in download_settled(tmp_path, items)}
    assert jobs["moved"].state is JobState.DONE, jobs["moved"].error
    assert Path(jobs["moved"].dest).read_bytes() == data
    for name in ("gone", "refused", "moved-away"):
        assert jobs[name].state is JobState.FAILED, name
        assert not Path(jobs[name].dest).exists()
    assert not list((tmp_path / "downloads").rglob("*.part"))


def test_a_body_that_arrives_before_its_file_is_open_waits_and_lands_whole(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(700_000, seed=3)
    item = make_item("slow-disk", {"data": asset(server.put("/slow.bin", data), data)})
    answered = threading.Event()  # the server's answer reached the engine
    opened_after_answer: list[bool] = []

    def opener(path: Path, mode: str) -> BinaryIO:
        opened_after_answer.append(answered.wait(30))  # a disk slower than the network
        return open_file(path, mode)

    def changed(job: DownloadJob) -> None:
        if job.total_size is not None:
            answered.set()

    async def scenario() -> DownloadJob:
        engine = new_engine(tmp_path, opener=opener)
        engine.job_changed.connect(changed)
        engine.start()
        (job,) = engine.add_items([item])
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert opened_after_answer == [True]
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    assert len(server.gets("/slow.bin")) == 1  # waited for, not retried
