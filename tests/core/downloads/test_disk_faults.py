"""Disk full and permission problems fail the row with a clear message; other downloads go on
and nothing half-written takes a final name.

Disk full is produced two ways: a real 128 KiB tmpfs (needs root and mount rights: CI runs as
root; skipped elsewhere) and, everywhere, a file wrapper whose writes raise ENOSPC — injected
through the engine's ``opener`` (the one call that opens .part files).
"""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from stacdesk.core.downloads.fetching import open_file
from stacdesk.core.downloads.jobs import JobState
from tests.core.downloads.conftest import asset, make_item, new_engine, run, settle
from tests.reliability.ledger import bytes_lost, record
from tests.servers.flaky_files import FlakyFileServer, make_bytes

SIZE = 400_000


def mounted_tmpfs(path: Path, options: str) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"can't mount a tmpfs here ({result.stderr.strip() or 'not root'})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    yield from mounted_tmpfs(tmp_path / "tiny", "size=128k")


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    yield from mounted_tmpfs(tmp_path / "ro", "size=128k,ro")


def two_downloads(tmp_path: Path, server: FlakyFileServer, folder: Path, **engine_kw: object):
    """One download into ``folder`` (the faulty place), one into the normal download folder."""
    big = make_bytes(SIZE)
    small = make_bytes(5000, seed=1)
    items = [
        make_item("big", {"data": asset(server.put("/big.bin", big), big)}),
        make_item("small", {"data": asset(server.put("/small.bin", small), small)}),
    ]

    async def scenario():
        engine = new_engine(tmp_path, max_concurrent=1, **engine_kw)
        engine.start()
        faulty = engine.add_asset(items[0], "data", folder=folder)
        fine = engine.add_asset(items[1], "data")
        await settle(engine, [faulty, fine])
        await engine.close()
        return faulty, fine

    faulty, fine = run(scenario)
    assert fine.state is JobState.DONE and Path(fine.dest).read_bytes() == small
    assert faulty.state is JobState.FAILED
    assert not Path(faulty.dest).exists()
    return faulty


def the_other_download_lost(tmp_path: Path) -> int:
    """Bytes the download beside the faulty one lost (it must end whole)."""
    (small,) = list((tmp_path / "downloads").rglob("small.bin")) or [tmp_path / "missing"]
    return bytes_lost(small, make_bytes(5000, seed=1))


def test_real_disk_full(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer, tiny_disk: Path
) -> None:
    job = two_downloads(tmp_path, server, tiny_disk)
    assert job.error.startswith("Disk full while writing big.bin")
    assert len(server.gets("/big.bin")) == 1  # not retried: retrying can't free space
    clear = job.error.startswith("Disk full while writing") and not Path(job.dest).exists()
    record(request, tried=1, survived=int(clear), lost=the_other_download_lost(tmp_path))


def test_read_only_disk(tmp_path: Path, server: FlakyFileServer, read_only_disk: Path) -> None:
    job = two_downloads(tmp_path, server, read_only_disk)
    assert "No permission to write" in job.error


class FullAfter:
    """A file that accepts ``room`` bytes, then fails like a full disk."""

    def __init__(self, file: BinaryIO, room: int) -> None:
        self._file, self._room = file, room

    def write(self, data: memoryview) -> int:
        if self._room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        accepted = min(len(data), self._room)
        self._room -= accepted
        return self._file.write(data[:accepted])

    def __getattr__(self, name: str):
        return getattr(self._file, name)


def test_disk_full_from_a_write_that_fails(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer
) -> None:
    faulty_folder = tmp_path / "faulty"

    def opener(path: Path, mode: str) -> BinaryIO:
        file = open_file(path, mode)
        return FullAfter(file, 100_000) if path.is_relative_to(faulty_folder) else file  # type: ignore[return-value]

    job = two_downloads(tmp_path, server, faulty_folder, opener=opener)
    assert job.error.startswith("Disk full while writing big.bin")
    assert job.part_path.stat().st_size == 100_000  # what fit is kept for a retry
    clear = job.error.startswith("Disk full while writing") and not Path(job.dest).exists()
    kept_lost = bytes_lost(job.part_path, make_bytes(SIZE)[:100_000])
    lost = kept_lost + the_other_download_lost(tmp_path)
    record(request, tried=1, survived=int(clear), lost=lost)


def test_permission_denied_on_open(tmp_path: Path, server: FlakyFileServer) -> None:
    faulty_folder = tmp_path / "locked"

    def opener(path: Path, mode: str) -> BinaryIO:
        if path.is_relative_to(faulty_folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return open_file(path, mode)

    job = two_downloads(tmp_path, server, faulty_folder, opener=opener)
    assert job.error == f"No permission to write big.bin.part in {Path(job.dest).parent}"
