"""P6-obstore: obstore's HTTP store as the download loop, beside curl and the engine.

Issue 23 named two candidates for a byte loop out of Python: libcurl (pycurl, which the engine
now uses) and obstore's ``HTTPStore`` (Rust: reqwest on tokio). This measures the second on the
same shapes as P6, P6-parallel and P6-small, from the same loopback file server, with curl and
the engine taking turns beside it (the order rotates, the page cache flushed before each).

obstore is driven the way the engine would have to drive it: ``get_async`` per file at the
same concurrency, and each chunk of the body stream (128 KiB at least, the engine's largest
read) written to a ``.part``-less output file before the next is asked for, so a kill would
lose about as much as the engine's loop does. It is the transfer alone — no queue, layout,
checksum or item JSON — so against the engine's figure it is an upper bound of what obstore
would give; against curl it says whether its loop is fast enough to be the engine's.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import obstore
from obstore.store import HTTPStore

from benchmarks import p6_small_files
from benchmarks.figures import Figure
from benchmarks.file_server import ServerProcess, make_file
from benchmarks.p6_p7_downloads import MIB, _clear, _curl, _engine_download, _item, _mib_per_s

KIB = 1 << 10
CHUNK = 128 * KIB  # the engine writes each read of at most this before the next
CLIENTS = ("obstore", "curl", "engine")


async def _obstore_download(store: HTTPStore, names: list[str], out: Path, limit: int) -> float:
    """Seconds to fetch ``names`` at ``limit`` at a time, each written chunk by chunk."""
    out.mkdir(parents=True, exist_ok=True)
    gate = asyncio.Semaphore(limit)

    async def one(n: int, name: str) -> None:
        async with gate:
            answer = await obstore.get_async(store, name)
            with open(out / f"{n}.bin", "wb") as file:
                async for chunk in answer.stream(min_chunk_size=CHUNK):
                    file.write(chunk)

    started = time.perf_counter()
    await asyncio.gather(*(one(n, name) for n, name in enumerate(names)))
    return time.perf_counter() - started


def _three_ways(
    repeats: int,
    server: ServerProcess,
    names: list[str],
    size: int,
    concurrency: int,
    tmp: Path,
) -> dict[str, list[float]]:
    """MiB/s samples per client, the order rotating each round."""
    urls = [f"{server.url}/{name}" for name in names]
    items = [_item(f"item-{n}", {"data": (url, size)}) for n, url in enumerate(urls)]
    store = HTTPStore.from_url(
        server.url, client_options={"allow_http": True, "timeout": timedelta(hours=1)}
    )
    total = size * len(names)
    speeds: dict[str, list[float]] = {who: [] for who in CLIENTS}
    for attempt in range(repeats):
        turn = attempt % len(CLIENTS)
        for who in CLIENTS[turn:] + CLIENTS[:turn]:
            work = tmp / f"work-{who}"
            work.mkdir(exist_ok=True)
            os.sync()  # the other clients' write-back must not run during this one
            if who == "obstore":
                elapsed = asyncio.run(_obstore_download(store, names, work / "o", concurrency))
                files = [work / "o" / f"{n}.bin" for n in range(len(names))]
            elif who == "curl" and len(names) > 100:  # its URLs from a config file
                elapsed, files = p6_small_files._curl(work, urls, size, concurrency), []
            elif who == "curl":
                elapsed, files = _curl(work, urls, concurrency)
            elif len(names) > 100:  # many small files: P6-small's engine run, counted by events
                elapsed = asyncio.run(p6_small_files._engine_download(work, items, concurrency))
                files = []  # it checks the sizes itself
            else:
                elapsed, files = asyncio.run(_engine_download(work, items, concurrency))
            if any(f.stat().st_size != size for f in files):
                raise RuntimeError(f"{who} wrote a file of the wrong size")
            speeds[who].append(_mib_per_s(total, elapsed))
            _clear(work)
    return speeds


def _figure(name: str, shape: str, speeds: dict[str, list[float]], curl_name: str) -> Figure:
    curl = statistics.median(speeds["curl"])
    ours = statistics.median(speeds["engine"])
    obst = statistics.median(speeds["obstore"])
    return Figure(
        name,
        f"{shape} (obstore HTTPStore, transfer only)",
        "MiB/s",
        speeds["obstore"],
        speeds["curl"],
        curl_name,
        goal="min",
        notes=(
            f"Same run: curl {curl:,.0f} MiB/s, the engine {ours:,.0f} MiB/s "
            f"({ours / curl:.2f}× curl, runs {', '.join(f'{v:,.0f}' for v in speeds['engine'])}), "
            f"obstore {obst:,.0f} MiB/s ({obst / curl:.2f}×) with no queue, layout or item JSON."
        ),
    )


def run(
    repeats: int,
    big: int = 1024 * MIB,
    parts: int = 16,
    part_size: int = 64 * MIB,
    concurrency: int = 4,
    count: int = 10_000,
    small: int = 256 * KIB,
    small_concurrency: int = 8,
) -> list[Figure]:
    if shutil.which("curl") is None:
        raise SystemExit("P6-obstore compares obstore with curl, which is not installed")
    with tempfile.TemporaryDirectory(prefix="stacdesk-p6-obstore-") as name:
        tmp = Path(name)
        served = tmp / "served"
        make_file(served / "big.bin", big)
        for n in range(parts):
            make_file(served / f"part-{n}.bin", part_size)
        make_file(served / "one.bin", small)
        (served / "s").mkdir()
        for n in range(count):  # hard links: no disk space, the server reads page cache
            os.link(served / "one.bin", served / "s" / f"{n:05d}.bin")
        with ServerProcess(served) as server:
            single = _three_ways(repeats, server, ["big.bin"], big, 1, tmp)
            many = [f"part-{n}.bin" for n in range(parts)]
            parallel = _three_ways(repeats, server, many, part_size, concurrency, tmp)
            names = [f"s/{n:05d}.bin" for n in range(count)]
            smalls = _three_ways(repeats, server, names, small, small_concurrency, tmp)
    return [
        _figure("P6-obstore", f"one {big / MIB:,.0f} MiB download", single, "curl -s -o"),
        _figure(
            "P6-obstore-parallel",
            f"{parts} × {part_size / MIB:,.0f} MiB at concurrency {concurrency}",
            parallel,
            f"curl --parallel --parallel-max {concurrency}",
        ),
        _figure(
            "P6-obstore-small",
            f"{count:,} × {small / KIB:,.0f} KiB at concurrency {small_concurrency}",
            smalls,
            f"curl --parallel --parallel-max {small_concurrency}",
        ),
    ]
