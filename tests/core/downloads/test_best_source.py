"""Downloads of a product found in several catalogs (issue #19): the best source first, the
next one after a refusal or after bytes that fail the check another source states. Two real
file servers on two ports stand for two catalogs' hosts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stacdesk.core.downloads.engine import DownloadEngine
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.source_choice import HostSpeeds, SourceChoice
from stacdesk.core.downloads.store import JobStore
from stacdesk.core.products.merged_item import merged_item
from stacdesk.core.products.product_merge import SourceRef
from tests.core.downloads.conftest import asset, make_item, run, settings, settle
from tests.servers.flaky_files import Fault, FlakyFileServer, make_bytes

DATA = make_bytes(300_000)


@pytest.fixture
def mirror() -> Iterator[FlakyFileServer]:
    with FlakyFileServer() as flaky:
        yield flaky


def product(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """The window's item for a product held by two catalogs (what a download is handed)."""
    return merged_item(
        [
            (SourceRef("first", "a", "s2"), make_item("a", {"B04": first})),
            (SourceRef("second", "b", "s2"), make_item("b", {"B04": second})),
        ]
    )


def download(
    tmp_path: Path, item: dict[str, Any], choice: SourceChoice | None = None
) -> DownloadJob:
    async def scenario() -> DownloadJob:
        store = JobStore(tmp_path / "data" / "downloads.sqlite3")
        engine = DownloadEngine(store, settings(tmp_path / "downloads"), choice=choice)
        engine.start()
        job = engine.add_asset(item, "B04")
        assert job is not None
        await settle(engine, [job])
        await engine.close()
        return job

    return run(scenario)


def test_a_refused_source_falls_back_to_the_next(
    tmp_path: Path, server: FlakyFileServer, mirror: FlakyFileServer
) -> None:
    refused = server.put("/T33_B04.jp2", DATA)
    server.fault("/T33_B04.jp2", Fault("status", status=403))
    item = product(asset(refused), asset(mirror.put("/T33_B04.jp2", DATA), DATA))
    job = download(tmp_path, item)
    assert job.state is JobState.DONE, job.error
    assert job.source.startswith(mirror.url) and "HTTP 403" in job.note
    assert Path(job.dest).read_bytes() == DATA


def test_bytes_failing_the_checksum_another_source_states_fall_back_to_that_source(
    tmp_path: Path, server: FlakyFileServer, mirror: FlakyFileServer
) -> None:
    corrupt = bytes(b ^ 0xFF for b in DATA[:10]) + DATA[10:]  # same size, other bytes
    wrong = server.put("/T33_B04.jp2", corrupt)
    # the first catalog states no checksum; the second's is what both copies are checked by
    item = product(asset(wrong), asset(mirror.put("/T33_B04.jp2", DATA), DATA))
    job = download(tmp_path, item)
    assert job.state is JobState.DONE, job.error
    assert "downloading from the next source" in job.note and wrong in job.note
    assert Path(job.dest).read_bytes() == DATA
    assert len(server.gets("/T33_B04.jp2")) == 1 and len(mirror.gets("/T33_B04.jp2")) == 1


def test_a_source_needing_a_login_the_user_lacks_is_tried_last(
    tmp_path: Path, server: FlakyFileServer, mirror: FlakyFileServer
) -> None:
    login = server.put("/T33_B04.jp2", DATA)
    item = product(asset(login, DATA), asset(mirror.put("/T33_B04.jp2", DATA), DATA))
    choice = SourceChoice(lacks_credentials=lambda href: href.startswith(server.url))
    job = download(tmp_path, item, choice)
    assert job.state is JobState.DONE, job.error
    assert job.source.startswith(mirror.url) and not server.gets("/T33_B04.jp2")


def test_the_host_measured_faster_is_preferred_and_a_finished_transfer_is_measured(
    tmp_path: Path, server: FlakyFileServer, mirror: FlakyFileServer
) -> None:
    speeds = HostSpeeds()
    speeds.record(server.url + "/earlier.bin", 10_000_000, 10.0)  # 1 MB/s
    speeds.record(mirror.url + "/earlier.bin", 10_000_000, 1.0)  # 10 MB/s
    first = server.put("/T33_B04.jp2", DATA)
    item = product(asset(first, DATA), asset(mirror.put("/T33_B04.jp2", DATA), DATA))
    before = speeds.of(mirror.url)
    job = download(tmp_path, item, SourceChoice(speeds))
    assert job.state is JobState.DONE, job.error
    assert job.source.startswith(mirror.url) and not server.gets("/T33_B04.jp2")
    assert speeds.of(mirror.url) != before  # this transfer joined the host's average
