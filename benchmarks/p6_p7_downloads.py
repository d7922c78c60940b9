"""P6 and P7: the download engine against curl, and what a killed download costs.

P6a: one large file (1 GiB), the stacdesk engine beside ``curl -s -o``. P6b: 16 × 64 MiB at
concurrency 4, beside ``curl --parallel --parallel-max 4``. Both from the same loopback server
(``file_server``: sendfile, in its own process, several times faster than either client), the
engine and curl taking turns (which goes first alternates) with the page cache flushed before
each, so one's write-back doesn't slow the other. Throughput is bytes over wall time from
"start" to the last file complete and verified (by size; the engine also renames it into place).

P6-gui: the same 1 GiB file downloaded by the running window (the engine on the app's qasync
loop, the downloads panel showing progress), with the GUI-thread stall probe of P2; the baseline
is the idle window's worst stall over as long.

P7: ``stacdesk download`` (the CLI over the same engine) is SIGKILLed once half of a 1 GiB file is
on disk, then run again; the figure is what reached the client beyond the file's size over both
runs (the server counts the body bytes the client's TCP stack acknowledged), so it counts
whatever the kill lost: bytes received but not yet written, and bytes in the client's socket
receive queue. The resumed file is compared with the source byte for byte.
"""

from __future__ import annotations

import asyncio
import filecmp
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from benchmarks.figures import Figure
from benchmarks.file_server import ServerProcess, make_file
from stacdesk.core.downloads.engine import DownloadEngine, EngineSettings
from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.downloads.store import JobStore

MIB = 1 << 20
REPO = Path(__file__).resolve().parents[1]

SINGLE_COST = (
    "libcurl (pycurl) moves the bytes as curl does; Python runs once per 128 KiB read to write "
    "it. A miss is a run where another process took a core from us and not from curl."
)
PARALLEL_COST = "each download has its thread and libcurl loop; the writes share the GIL."
P7_COUNTER = (
    "The server counts the body bytes the client's TCP stack acknowledged (TCP_INFO "
    "bytes_acked, read after the reset), so what still sat in its own send queue is not "
    "charged. Each download's thread writes every read (128 KiB at most) before the next, as "
    "curl does, so a kill loses that read and the client's socket receive queue (the "
    "kernel's), which at loopback stays full at the window the kernel tuned to the reading "
    "speed."
)


def _item(item_id: str, hrefs: dict[str, tuple[str, int]]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "stac_version": "1.0.0",
        "id": item_id,
        "collection": "bench",
        "geometry": {"type": "Point", "coordinates": [14.4, 50.1]},
        "bbox": [14.4, 50.1, 14.4, 50.1],
        "properties": {"datetime": "2024-05-01T10:00:00Z"},
        "links": [],
        "assets": {
            key: {"href": href, "type": "image/tiff", "roles": ["data"], "file:size": size}
            for key, (href, size) in hrefs.items()
        },
    }


def _mib_per_s(nbytes: int, seconds: float) -> float:
    return nbytes / MIB / seconds


async def _engine_download(
    work: Path, items: list[dict[str, Any]], concurrency: int
) -> tuple[float, list[Path]]:
    """Seconds from queueing to every file complete and verified, and the files."""
    settings = EngineSettings(
        folder=work / "engine", max_concurrent=concurrency, per_host=concurrency
    )
    engine = DownloadEngine(JobStore(work / "queue.sqlite3"), settings)
    engine.start()
    try:
        started = time.perf_counter()
        jobs = engine.add_items(items)
        while not all(job.state.finished for job in jobs):
            await asyncio.sleep(0.002)
        elapsed = time.perf_counter() - started
    finally:
        await engine.close()
    failed = [job.error for job in jobs if job.state is not JobState.DONE]
    if failed:
        raise RuntimeError(f"the engine failed: {failed[:3]}")
    return elapsed, [Path(job.dest) for job in jobs]


def _curl(work: Path, urls: list[str], parallel: int) -> tuple[float, list[Path]]:
    outputs = [work / "curl" / f"{n}.bin" for n in range(len(urls))]
    outputs[0].parent.mkdir(parents=True, exist_ok=True)
    command = ["curl", "-s", "--fail", "--no-progress-meter"]
    if parallel > 1:
        command += ["--parallel", "--parallel-max", str(parallel)]
    for url, out in zip(urls, outputs, strict=True):
        command += ["-o", str(out), url]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, outputs


def _clear(work: Path) -> None:
    for path in sorted(work.rglob("*"), reverse=True):
        if path.is_file():
            path.unlink()
        elif path.is_dir():
            path.rmdir()


def _side_by_side(
    repeats: int, server: ServerProcess, names: list[str], size: int, concurrency: int, tmp: Path
) -> tuple[list[float], list[float]]:
    """(engine MiB/s, curl MiB/s) samples for downloading ``names`` from ``server``."""
    urls = [f"{server.url}/{name}" for name in names]
    items = [_item(f"item-{n}", {"data": (url, size)}) for n, url in enumerate(urls)]
    total = size * len(names)
    ours, curls = [], []
    for attempt in range(repeats):
        order = ("engine", "curl") if attempt % 2 == 0 else ("curl", "engine")
        for who in order:
            work = tmp / f"work-{who}"
            work.mkdir(exist_ok=True)
            os.sync()  # the other client's write-back must not run during this one
            if who == "engine":
                elapsed, files = asyncio.run(_engine_download(work, items, concurrency))
                ours.append(_mib_per_s(total, elapsed))
            else:
                elapsed, files = _curl(work, urls, concurrency)
                curls.append(_mib_per_s(total, elapsed))
            if any(f.stat().st_size != size for f in files):
                raise RuntimeError(f"{who} wrote a file of the wrong size")
            _clear(work)
    return ours, curls


def _in_window(server: ServerProcess, name: str, size: int, repeats: int, tmp: Path) -> Figure:
    """P6-gui: worst GUI-thread stalls while the running window downloads ``name``, beside the
    idle window's over as long; the window's throughput goes in the notes."""
    from benchmarks.gui import StallProbe, gui

    g = gui()
    engine = g.window.downloads_engine  # type: ignore[attr-defined]
    url = f"{server.url}/{name}"

    async def download(n: int) -> tuple[float, float]:
        with StallProbe() as probe:
            started = time.perf_counter()
            job = engine.add_asset(_item(f"gui-{n}", {"data": (url, size)}), "data", tmp / "gui")
            while not job.state.finished:
                await asyncio.sleep(0.01)
            elapsed = time.perf_counter() - started
        if job.state is not JobState.DONE:
            raise RuntimeError(f"the window's download failed: {job.error}")
        Path(job.dest).unlink()
        return probe.worst_stall_ms, elapsed

    async def idle(seconds: float) -> float:
        with StallProbe() as probe:
            await asyncio.sleep(seconds)
        return probe.worst_stall_ms

    stalls, idle_stalls, speeds = [], [], []
    for n in range(repeats):
        os.sync()
        stall, elapsed = g.loop.run_until_complete(download(n))
        stalls.append(stall)
        speeds.append(_mib_per_s(size, elapsed))
        idle_stalls.append(g.loop.run_until_complete(idle(elapsed)))
    speed = statistics.median(speeds)
    return Figure(
        "P6-gui",
        f"worst GUI-thread stall while the window downloads {size / MIB:,.0f} MiB",
        "ms",
        stalls,
        idle_stalls,
        "the idle window over as long",
        target=50.0,
        on="value",
        notes=f"The window downloaded at {speed:,.0f} MiB/s (median); the probe is P2's.",
    )


def _part_file(dest: Path) -> Path | None:
    return next(iter(dest.rglob("*.part")), None)


def _cli(items: Path, dest: Path) -> list[str]:
    return [sys.executable, "-m", "stacdesk", "download", str(items), "--dest", str(dest)]


def _kill_half_way(
    command: list[str], env: dict[str, str], on_disk: Callable[[], Path | None], size: int
) -> float:
    """Start ``command``, SIGKILL it once ``on_disk()`` holds half of ``size``; the fraction
    on disk then."""
    child = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            partial = on_disk()
            if partial is not None and partial.stat().st_size >= size // 2:
                break
            if child.poll() is not None:
                raise RuntimeError("the download ended before it could be killed half way")
            if time.monotonic() > deadline:
                raise RuntimeError("the download did not reach half way in time")
            time.sleep(0.001)
        child.send_signal(signal.SIGKILL)  # no clean-up of any kind
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
    return partial.stat().st_size / size


def _settled_count(server: ServerProcess, name: str, at_least: int) -> int:
    """The server's byte count for ``name`` once the killed transfer is counted too (a paced
    server only notices the dead client after its current pause)."""
    deadline = time.monotonic() + 30
    previous = -1
    while True:
        count = server.sent(name)
        if (count >= at_least and count == previous) or time.monotonic() > deadline:
            return count
        previous = count
        time.sleep(0.1)


def _kill_and_restart(
    server: ServerProcess, name: str, size: int, source: Path, tmp: Path, who: str
) -> tuple[float, float]:
    """One P7 run of the engine (the CLI) or of ``curl -C -``: (bytes fetched again, fraction
    on disk when killed)."""
    dest = tmp / f"p7-{who}"
    url = f"{server.url}/{name}"
    paths = [str(REPO), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    if who == "curl":
        dest.mkdir()
        target = dest / name
        command = ["curl", "-s", "--fail", "-C", "-", "-o", str(target), url]

        def on_disk() -> Path | None:
            return target if target.exists() else None
    else:
        items = tmp / "p7.ndjson"
        items.write_bytes(orjson.dumps(_item("big", {"data": (url, size)})))
        command = _cli(items, dest)

        def on_disk() -> Path | None:
            return _part_file(dest)

    before = server.sent(name)
    os.sync()
    killed_at = _kill_half_way(command, env, on_disk, size)
    rerun = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if rerun.returncode != 0:
        raise RuntimeError(f"the restarted download failed: {rerun.stderr[-2000:]}")
    done = next(p for p in dest.rglob(name) if p.is_file())
    if not filecmp.cmp(done, source, shallow=False):
        raise RuntimeError(f"the file {who} resumed differs from the source")
    refetched = _settled_count(server, name, before + size) - before - size
    _clear(dest)
    dest.rmdir()
    return float(refetched), killed_at


def run(
    repeats: int,
    big: int = 1024 * MIB,
    parts: int = 16,
    part_size: int = 64 * MIB,
    concurrency: int = 4,
    pace: float = 0.0,
) -> list[Figure]:
    if shutil.which("curl") is None:  # the baseline of both figures
        raise SystemExit("P6/P7 compare the download engine with curl, which is not installed")
    with tempfile.TemporaryDirectory(prefix="stacdesk-p6-") as name:
        tmp = Path(name)
        served = tmp / "served"
        make_file(served / "big.bin", big)
        for n in range(parts):
            make_file(served / f"part-{n}.bin", part_size)
        with ServerProcess(served) as server:
            one_ours, one_curl = _side_by_side(repeats, server, ["big.bin"], big, 1, tmp)
            names = [f"part-{n}.bin" for n in range(parts)]
            many_ours, many_curl = _side_by_side(
                repeats, server, names, part_size, concurrency, tmp
            )
            in_window = _in_window(server, "big.bin", big, repeats, tmp)
        # P7 against a server of its own: the quick run paces it so a tiny file can be killed
        # half way; the full run does not.
        with ServerProcess(served, pace) as server:
            runs = [
                _kill_and_restart(server, "big.bin", big, served / "big.bin", tmp, who)
                for _ in range(repeats)
                for who in ("engine", "curl")
            ]
    refetched = [r for r, _ in runs[::2]]
    curl_refetched = [r for r, _ in runs[1::2]]
    killed = ", ".join(f"{k:.0%}" for _, k in runs[::2])
    parallel = Figure(
        "P6-parallel",
        f"{parts} × {part_size / MIB:,.0f} MiB at concurrency {concurrency} (engine)",
        "MiB/s",
        many_ours,
        many_curl,
        f"curl --parallel --parallel-max {concurrency}",
        target=1.0,
        goal="min",
    )
    if parallel.met is False:
        parallel.notes = PARALLEL_COST
    single = Figure(
        "P6",
        f"one {big / MIB:,.0f} MiB download (engine)",
        "MiB/s",
        one_ours,
        one_curl,
        "curl -s -o",
        target=1.0,
        goal="min",
    )
    if single.met is False:
        single.notes = SINGLE_COST
    curl_here = (
        f"curl on this machine: {single.baseline:,.0f} MiB/s, "
        f"{parallel.baseline:,.0f} MiB/s with --parallel-max {concurrency}."
    )
    in_window.notes = f"{in_window.notes} {curl_here}"
    big_text = f"{big / MIB:,.0f} MiB"
    return [
        single,
        parallel,
        in_window,
        Figure(
            "P7",
            f"bytes fetched again after SIGKILL at ~50 % of {big_text} and a restart",
            "MiB",
            [r / MIB for r in refetched],
            [r / MIB for r in curl_refetched],
            "curl -C - killed and resumed the same way",
            target=1.0,
            on="value",
            notes=(
                f"`stacdesk download` killed with {killed} of the file on disk. {curl_here} "
                f"{P7_COUNTER}"
            ),
        ),
    ]
