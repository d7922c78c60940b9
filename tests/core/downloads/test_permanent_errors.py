"""Errors that can't heal fail at once, with the reason; only transient ones are retried — a bulk
job over a catalog whose data host does not exist ends in moments, not half an hour."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacdesk.core.common.placeholder_hosts import PLACEHOLDER_HOST
from stacdesk.core.downloads.jobs import JobState
from tests.core.downloads.conftest import (
    asset,
    download_settled,
    make_item,
)
from tests.reliability.ledger import bytes_lost, record
from tests.servers.flaky_files import Fault, FlakyFileServer, make_bytes


def test_unknown_hosts_and_refusals_fail_after_one_request(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(5000)
    hrefs = {"dns": "http://stacdesk-no-such-host.invalid/data.tif"}
    for status in (401, 403, 404):
        hrefs[str(status)] = server.put(f"/{status}.tif", data)
        server.fault(f"/{status}.tif", Fault("status", status=status))  # the next GET would work
    hrefs["redirect"] = server.put("/moved.tif", data)
    server.fault("/moved.tif", Fault("redirect", location=hrefs["dns"]))
    hrefs["busy"] = server.put("/busy.tif", data)
    server.fault("/busy.tif", Fault("status", status=503))  # transient: retried, then fine
    items = [make_item(name, {"data": asset(href, data)}) for name, href in hrefs.items()]

    jobs = {job.item_id: job for job in download_settled(tmp_path, items, max_attempts=6)}
    assert jobs["busy"].state is JobState.DONE and jobs["busy"].attempts == 1
    assert len(server.gets("/busy.tif")) == 2
    failed = {name: job for name, job in jobs.items() if name != "busy"}
    assert {job.state for job in failed.values()} == {JobState.FAILED}
    assert {name: job.attempts for name, job in failed.items()} == dict.fromkeys(failed, 0)
    for status in (401, 403, 404):
        assert len(server.gets(f"/{status}.tif")) == 1
        assert f"HTTP {status}" in jobs[str(status)].error
    assert len(server.gets("/moved.tif")) == 1
    for name in ("dns", "redirect"):
        assert jobs[name].error == PLACEHOLDER_HOST("stacdesk-no-such-host.invalid")
    at_once = [n for n, job in failed.items() if job.state is JobState.FAILED and job.attempts == 0]
    healed = int(jobs["busy"].state is JobState.DONE and jobs["busy"].attempts == 1)
    lost = bytes_lost(Path(jobs["busy"].dest), data)
    record(request, tried=len(jobs), survived=len(at_once) + healed, lost=lost)
