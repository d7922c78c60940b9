"""P6-small: many small files, the shape of bulk jobs of thumbnails and metadata sidecars.

10,000 × 256 KiB at concurrency 8, the engine beside ``curl --parallel --parallel-max 8`` (its
URLs and outputs from a config file), from P6's loopback file server, taking turns (which goes
first alternates) with the page cache flushed before each. Here the bytes are few and the
per-file work dominates: for the engine the queue (SQLite), the layout (a folder per item), the
.part file and its rename, and the item's catalog JSON; for curl one output file. Throughput is
bytes over wall time from "start" to the last file complete; the engine's completion is counted
from its events (no polling of 10,000 jobs on the loop it measures).

The served files are hard links to one file: no disk space, and the server reads page cache.

``P6-small-tmpfs`` runs the same beside curl with both writing to a folder in /dev/shm (when the
machine has one): there the file system's per-file cost is memory's, so what remains of the gap
is the engine's own (the disk figure adds the host file system's cost of the engine's three
inodes per file against curl's one).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure
from benchmarks.file_server import ServerProcess, make_file
from benchmarks.p6_p7_downloads import MIB, _clear, _item, _mib_per_s
from stacdesk.core.downloads.engine import DownloadEngine, EngineSettings
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.store import JobStore

KIB = 1 << 10
SHM = Path("/dev/shm")


async def _engine_download(work: Path, items: list[dict[str, Any]], concurrency: int) -> float:
    """Seconds from queueing to every file complete and verified."""
    settings = EngineSettings(
        folder=work / "engine", max_concurrent=concurrency, per_host=concurrency
    )
    engine = DownloadEngine(JobStore(work / "queue.sqlite3"), settings)
    finished: set[int] = set()
    all_done = asyncio.Event()

    def changed(job: DownloadJob) -> None:
        if job.state.finished:
            finished.add(job.id)
            if len(finished) == len(items):
                all_done.set()

    engine.job_changed.connect(changed)
    engine.start()
    try:
        started = time.perf_counter()
        jobs = engine.add_items(items)
        await all_done.wait()
        elapsed = time.perf_counter() - started
    finally:
        await engine.close()
    failed = [job.error for job in jobs if job.state is not JobState.DONE]
    if failed:
        raise RuntimeError(f"the engine failed {len(failed)} files: {failed[:3]}")
    if any(os.path.getsize(job.dest) != job.expected_size for job in jobs):
        raise RuntimeError("the engine wrote a file of the wrong size")
    return elapsed


def _curl(work: Path, urls: list[str], size: int, parallel: int) -> float:
    out = work / "curl"
    out.mkdir(parents=True, exist_ok=True)
    config = work / "curl.config"
    config.write_text(
        "".join(f'url = "{url}"\noutput = "{out}/{n}.bin"\n' for n, url in enumerate(urls)),
        encoding="utf-8",
    )
    command = ["curl", "-s", "--fail", "--no-progress-meter", "--parallel"]
    command += ["--parallel-max", str(parallel)]
    started = time.perf_counter()
    subprocess.run([*command, "-K", str(config)], check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    if any(os.path.getsize(out / f"{n}.bin") != size for n in range(len(urls))):
        raise RuntimeError("curl wrote a file of the wrong size")
    return elapsed


def _side_by_side(
    repeats: int,
    root: Path,
    urls: list[str],
    items: list[dict[str, Any]],
    size: int,
    concurrency: int,
) -> tuple[list[float], list[float]]:
    """(engine, curl) MiB/s, taking turns, writing below ``root``."""
    ours, curls = [], []
    total = len(urls) * size
    for attempt in range(repeats):
        order = ("engine", "curl") if attempt % 2 == 0 else ("curl", "engine")
        for who in order:
            work = root / f"work-{who}"
            work.mkdir(exist_ok=True)
            os.sync()
            if who == "engine":
                elapsed = asyncio.run(_engine_download(work, items, concurrency))
                ours.append(_mib_per_s(total, elapsed))
            else:
                curls.append(_mib_per_s(total, _curl(work, urls, size, concurrency)))
            _clear(work)
    return ours, curls


def _figure(
    name: str, place: str, ours: list[float], curls: list[float], size: int, sizes: tuple[int, int]
) -> Figure:
    count, concurrency = sizes
    curl_speed = sorted(curls)[len(curls) // 2]
    return Figure(
        name,
        f"{count:,} × {size / KIB:,.0f} KiB at concurrency {concurrency} (engine{place})",
        "MiB/s",
        ours,
        curls,
        f"curl --parallel --parallel-max {concurrency}",
        target=0.9 if not place else None,  # tmpfs: what the engine costs, no target of its own
        goal="min",
        notes=(
            f"curl on this machine: {curl_speed:,.0f} MiB/s, "
            f"{curl_speed * MIB / size:,.0f} files/s. The engine's figure includes its "
            "queue, layout and item JSON per file."
        ),
    )


def run(
    repeats: int,
    count: int = 10_000,
    size: int = 256 * KIB,
    concurrency: int = 8,
    tmpfs: bool = True,
) -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="stacdesk-p6-small-") as name:
        tmp = Path(name)
        served = tmp / "served"
        make_file(served / "one.bin", size)
        (served / "s").mkdir()
        for n in range(count):
            os.link(served / "one.bin", served / "s" / f"{n:05d}.bin")
        with ServerProcess(served) as server:
            urls = [f"{server.url}/s/{n:05d}.bin" for n in range(count)]
            items = [_item(f"item-{n:05d}", {"data": (url, size)}) for n, url in enumerate(urls)]
            ours, curls = _side_by_side(repeats, tmp, urls, items, size, concurrency)
            figures.append(_figure("P6-small", "", ours, curls, size, (count, concurrency)))
            if tmpfs and SHM.is_dir() and os.access(SHM, os.W_OK):
                shm = Path(tempfile.mkdtemp(prefix="stacdesk-p6-small-", dir=SHM))
                try:
                    ours, curls = _side_by_side(repeats, shm, urls, items, size, concurrency)
                finally:
                    shutil.rmtree(shm, ignore_errors=True)
                place = ", tmpfs"
                figures.append(
                    _figure("P6-small-tmpfs", place, ours, curls, size, (count, concurrency))
                )
    return figures
