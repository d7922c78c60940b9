"""Shared pieces of the download engine tests: a misbehaving file server, an engine factory
with quick retries, and a way to run a scenario on a fresh asyncio loop."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

from stacdesk.core.downloads.checksum import multihash_hex
from stacdesk.core.downloads.engine import DownloadEngine, EngineSettings
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.store import JobStore
from tests.servers.flaky_files import FlakyFileServer


@pytest.fixture
def server() -> Iterator[FlakyFileServer]:
    with FlakyFileServer() as flaky:
        yield flaky


def sha256_multihash(data: bytes) -> str:
    return multihash_hex("sha2-256", hashlib.sha256(data).digest())


def make_item(
    item_id: str, assets: dict[str, dict[str, Any]], collection: str = "test-collection"
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "stac_version": "1.0.0",
        "id": item_id,
        "collection": collection,
        "geometry": {"type": "Point", "coordinates": [14.4, 50.1]},
        "bbox": [14.4, 50.1, 14.4, 50.1],
        "properties": {"datetime": "2024-05-01T10:00:00Z"},
        "links": [{"rel": "self", "href": f"http://127.0.0.1:9/items/{item_id}"}],
        "assets": assets,
    }


def asset(href: str, data: bytes | None = None, checksum: bool = True, **extra: Any) -> dict:
    out: dict[str, Any] = {"href": href, "type": "image/tiff", "roles": ["data"], **extra}
    if data is not None:
        out["file:size"] = len(data)
        if checksum:
            out["file:checksum"] = sha256_multihash(data)
    return out


def settings(folder: Path, **changes: Any) -> EngineSettings:
    base: dict[str, Any] = {
        "folder": folder,
        "backoff_base": 0.01,
        "backoff_cap": 0.05,
        "idle_timeout": 5.0,
        "connect_timeout": 5.0,
        "progress_interval": 0.02,
    }
    base.update(changes)
    return EngineSettings(**base)


def new_engine(tmp_path: Path, **changes: Any) -> DownloadEngine:
    """An engine over the store in ``tmp_path/data`` (a second call reopens the same queue)."""
    passed = ("credentials", "renew_credentials", "opener", "local_roots")
    extra = {k: changes.pop(k) for k in passed if k in changes}
    store = JobStore(tmp_path / "data" / "downloads.sqlite3")
    return DownloadEngine(store, settings(tmp_path / "downloads", **changes), **extra)


def run(scenario: Callable[[], Coroutine[Any, Any, Any]], timeout: float = 60) -> Any:
    """Run an async scenario on a new loop, failing (not hanging) after ``timeout``."""

    async def bounded() -> Any:
        return await asyncio.wait_for(scenario(), timeout)

    return asyncio.run(bounded())


async def wait_for(predicate: Callable[[], bool], timeout: float = 30) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)


async def settle(engine: DownloadEngine, jobs: list[DownloadJob], timeout: float = 30) -> None:
    """Wait until every job is finished (done / failed / cancelled)."""
    await wait_for(lambda: all(engine.jobs[j.id].state.finished for j in jobs), timeout)


def download_settled(tmp_path: Path, items: list[dict], **changes: Any) -> list[DownloadJob]:
    """Queue ``items`` on a new engine (``new_engine``'s ``changes``), wait until every job is
    finished, close the engine; the jobs as they ended."""

    async def scenario() -> list[DownloadJob]:
        engine = new_engine(tmp_path, **changes)
        engine.start()
        jobs = engine.add_items(items)
        await settle(engine, jobs)
        await engine.close()
        return jobs

    return run(scenario)


def states(jobs: list[DownloadJob]) -> list[JobState]:
    return [j.state for j in jobs]
