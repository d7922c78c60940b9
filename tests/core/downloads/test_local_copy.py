"""Files of a local catalog are copied through the engine (progress, .part, resume, verify, the
download folder's catalog); local files are never read for an item that is not from a local
catalog, nor from outside that catalog's folder."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from stacdesk.core.downloads import store as store_module
from stacdesk.core.downloads.engine import DownloadEngine
from stacdesk.core.downloads.fetching import open_file
from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.downloads.local_fetch import source_validator
from stacdesk.core.downloads.store import JobStore
from tests.core.downloads.conftest import asset, make_item, new_engine, run, settle
from tests.reliability.ledger import bytes_lost, record
from tests.servers.flaky_files import make_bytes

SIZE = 3 * 1024 * 1024 + 17


def local_item(item_id: str, assets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An item as a local catalog holds it: its self link is a file beside it."""
    item = make_item(item_id, assets)
    item["links"] = [{"rel": "self", "href": f"./{item_id}.json"}]
    return item


def catalog_with(tmp_path: Path, data: bytes) -> tuple[Path, Path]:
    folder = tmp_path / "catalog"
    (folder / "data").mkdir(parents=True)
    source = folder / "data" / "scene.tif"
    source.write_bytes(data)
    return folder, source


class Recorder:
    """Opens .part files like the engine does and remembers how each was written."""

    def __init__(self) -> None:
        self.modes: list[str] = []
        self.written = 0
        self.pieces = 0

    def __call__(self, path: Path, mode: str) -> BinaryIO:
        self.modes.append(mode)
        real = open_file(path, mode)
        recorder = self

        class Counting:
            def __getattr__(self, name: str) -> Any:
                return getattr(real, name)

            def write(self, piece: Any) -> int | None:
                recorder.pieces += 1
                count = real.write(piece)
                recorder.written += count or 0
                return count

        return Counting()  # type: ignore[return-value]


def download(engine: DownloadEngine, item: dict[str, Any], key: str = "data") -> Any:
    async def scenario():
        engine.start()
        job = engine.add_asset(item, key)
        assert job is not None
        await settle(engine, [job])
        await engine.close()
        return job

    return run(scenario)


def test_a_local_catalogs_file_is_copied_verified_and_catalogued(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    data = make_bytes(SIZE)
    folder, source = catalog_with(tmp_path, data)
    item = local_item("L1", {"data": asset(str(source), data)})
    recorder = Recorder()
    engine = new_engine(tmp_path, opener=recorder, local_roots=lambda: [folder])
    progress: list[int] = []
    engine.job_changed.connect(lambda job: progress.append(job.bytes_done))

    job = download(engine, item)

    assert job.state is JobState.DONE, job.error
    dest = tmp_path / "downloads" / "test-collection" / "L1" / "scene.tif"
    assert dest.read_bytes() == data and source.read_bytes() == data  # copied, not moved
    assert not dest.with_name("scene.tif.part").exists()
    assert recorder.modes == ["wb"] and recorder.written == SIZE and recorder.pieces > 1
    assert job.bytes_done == job.total_size == SIZE and progress[-1] == SIZE
    written = json.loads((dest.parent / "L1.json").read_text())
    assert written["assets"]["data"]["href"] == "scene.tif"
    catalog = json.loads((tmp_path / "downloads" / "catalog.json").read_text())
    assert catalog["type"] == "Catalog"
    copied = job.state is JobState.DONE and source.read_bytes() == data
    record(request, tried=1, survived=int(copied), lost=bytes_lost(dest, data))


def test_relative_hrefs_resolve_in_the_catalog_folder(tmp_path: Path) -> None:
    data = b"relative" * 100
    folder, _ = catalog_with(tmp_path, data)
    item = local_item("L2", {"data": asset("data/scene.tif", data)})
    job = download(new_engine(tmp_path, local_roots=lambda: [folder]), item)
    assert job.state is JobState.DONE, job.error


def test_a_part_file_is_resumed_when_the_source_is_unchanged(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    data = make_bytes(SIZE)
    folder, source = catalog_with(tmp_path, data)
    item = local_item("L3", {"data": asset(source.as_uri(), data)})
    recorder = Recorder()
    engine = new_engine(tmp_path, opener=recorder, local_roots=lambda: [folder])

    async def scenario():
        job = engine.add_asset(item, "data")
        assert job is not None
        job.part_path.parent.mkdir(parents=True, exist_ok=True)
        job.part_path.write_bytes(data[:1_000_000])  # what a killed copy left
        job.validator = source_validator(source)
        engine.start()
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert job.state is JobState.DONE, job.error
    assert recorder.modes == ["r+b"] and recorder.written == SIZE - 1_000_000
    assert Path(job.dest).read_bytes() == data
    resumed = job.state is JobState.DONE and recorder.modes == ["r+b"]
    record(request, tried=1, survived=int(resumed), lost=bytes_lost(Path(job.dest), data))


def test_a_part_file_of_a_changed_source_restarts_from_zero(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    data = make_bytes(SIZE)
    folder, source = catalog_with(tmp_path, data)
    item = local_item("L4", {"data": asset(str(source), data)})
    recorder = Recorder()
    engine = new_engine(tmp_path, opener=recorder, local_roots=lambda: [folder])

    async def scenario():
        job = engine.add_asset(item, "data")
        assert job is not None
        job.part_path.parent.mkdir(parents=True, exist_ok=True)
        job.part_path.write_bytes(b"\0" * 1000)
        job.validator = "local:1:1"  # the source it came from is not the one there now
        engine.start()
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert job.state is JobState.DONE, job.error
    assert "changed" in job.note and recorder.written == SIZE
    assert Path(job.dest).read_bytes() == data
    restarted = job.state is JobState.DONE and "changed" in job.note and recorder.written == SIZE
    record(request, tried=1, survived=int(restarted), lost=bytes_lost(Path(job.dest), data))


def test_a_local_file_with_the_wrong_checksum_fails_at_once(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    data = make_bytes(4096)
    folder, source = catalog_with(tmp_path, make_bytes(4096, seed=3))
    item = local_item("L5", {"data": asset(str(source), data)})
    job = download(new_engine(tmp_path, local_roots=lambda: [folder]), item)
    assert job.state is JobState.FAILED and "Checksum mismatch" in job.error
    assert job.attempts == 0
    assert not Path(job.dest).exists() and not job.part_path.exists()
    left = [p for p in (Path(job.dest), job.part_path) if p.exists()]  # a wrong file kept
    at_once = job.state is JobState.FAILED and job.attempts == 0
    record(request, tried=1, survived=int(at_once and not left), lost=len(left))


def test_local_files_are_refused_without_a_local_catalog_or_outside_its_folder(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    data = b"secret" * 10
    folder, source = catalog_with(tmp_path, data)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(data)
    (folder / "link.txt").symlink_to(secret)
    remote = make_item("R", {"data": asset(source.as_uri(), data)})  # self: an http URL
    cases = {
        "no local catalog": (local_item("A", {"data": asset(str(source), data)}), []),
        "item from a server": (remote, [folder]),
        "above the folder": (local_item("B", {"data": asset(str(secret), data)}), [folder]),
        "dot-dot": (local_item("C", {"data": asset("../secret.txt", data)}), [folder]),
        "symlink out": (local_item("D", {"data": asset(str(folder / "link.txt"), data)}), [folder]),
    }
    refused = copied = 0
    for name, (item, roots) in cases.items():
        where = tmp_path / name
        job = download(new_engine(where, local_roots=lambda roots=roots: roots), item)
        assert job.state is JobState.FAILED, name
        assert job.error.startswith("Local file hrefs are not downloaded"), (name, job.error)
        assert not [p for p in (where / "downloads").rglob("*") if p.suffix != ".json"], name
        refused += int(job.state is JobState.FAILED)
        copied += len([p for p in (where / "downloads").rglob("*") if p.suffix != ".json"])
    record(request, tried=len(cases), survived=refused, lost=copied)


def test_a_refused_asset_added_again_from_its_local_catalog_is_copied(tmp_path: Path) -> None:
    """A row that failed before (no local catalog known) heals when queued from the catalog."""
    data = b"thumbnail" * 50
    folder, source = catalog_with(tmp_path, data)
    item = local_item("L6", {"thumbnail": asset(str(source), data)})
    roots: list[Path] = []
    engine = new_engine(tmp_path, local_roots=lambda: roots)

    async def scenario():
        engine.start()
        job = engine.add_asset(item, "thumbnail")
        await settle(engine, [job])
        assert job.state is JobState.FAILED and "Local file hrefs" in job.error
        roots.append(folder)
        again = engine.add_asset(item, "thumbnail")
        assert again is job
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data


def test_a_queue_from_before_local_copies_opens_and_keeps_its_jobs(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    version_1 = store_module._SCHEMA.replace(", local_root TEXT NOT NULL DEFAULT ''", "")
    assert "local_root" not in version_1
    db = sqlite3.connect(path)
    db.executescript(version_1)
    db.execute(
        "INSERT INTO jobs (item_id, collection, asset_key, href, dest, root, state, created) "
        "VALUES ('i', 'c', 'a', 'https://h/x', '/d/x', '/d', 'queued', 0)"
    )
    db.commit()
    db.close()
    store = JobStore(path)
    (job,) = store.all()
    assert job.item_id == "i" and job.local_root == ""
    job.local_root = "/catalog"
    store.update(job)
    assert store.all()[0].local_root == "/catalog"
    store.close()
