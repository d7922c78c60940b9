"""P9: peak RSS of ``stacdesk search SOURCE --format F -o FILE`` streaming N results, for
stac-geoparquet, ndjson and CSV, from the pgstac server and from a local stac-geoparquet file.

Each export is a fresh CLI process; its peak RSS is the kernel's high-water mark for that
process (``VmHWM``, read by the process as it ends), so no sampling can miss a spike. A figure
is the worst (largest) peak over sources and formats in one round; its baseline is the same
commands stopped after one page (what the process costs before any streaming). ``P9-growth``
compares the largest N with the smallest, for the source that grows most (flat memory means
that ratio stays near 1; a source stopped at ``KILL_MIB`` has no growth to show).

The pgstac database is loaded once with the largest N (pypgstac's bulk loader) and the smaller
sizes stop early with ``--max-items``; each local file holds exactly N items. A process that
grows past ``KILL_MIB`` is stopped (so a source that is not streamed cannot take the machine
down): the figure then records the limit and the note says so.

Cost: pgstac served ~250 Sentinel-2 items/s to one client on a busy 2-core machine, so one
export of a million takes about an hour and the full run many hours; the million-item catalog
is ~13 GiB of ndjson (plus its Parquet files and the database). Try it smaller first:
``run(1, count=30_000, sizes=(10_000,), base_count=300)``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.catalogs import COLLECTION, copied_sentinel2, geoparquet_of, ndjson_catalog
from benchmarks.figures import Figure

REPO = Path(__file__).resolve().parents[1]
FORMATS = {"geoparquet": ".parquet", "ndjson": ".ndjson", "csv": ".csv"}
TARGET_MIB = 500.0
PGSTAC_LEFT_OUT = (
    "left out by `--only P9-LOCAL` (at pgstac's ~250 items/s here, one export of 1,000,000 takes "
    "about an hour, the whole series many hours)"
)
GROWTH_TARGET = 1.10  # the largest N may hold at most 10 % more than the smallest
KILL_MIB = 3 * TARGET_MIB
PEAK_FILE_ENV = "STACDESK_P9_PEAK_FILE"
LOAD_SECONDS_PER_ITEM = 0.005  # pgstac's loader on these machines, with room to spare


def _peak_mib(command: list[str], home: Path) -> tuple[float, bool, str]:
    """Run ``command`` (stacdesk's arguments) in a child; its peak RSS in MiB, whether it was
    stopped at ``KILL_MIB``, and the last line it wrote to stderr."""
    import psutil

    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        env = {**os.environ, "STACDESK_HOME": str(home), PEAK_FILE_ENV: str(peak_file)}
        child = [sys.executable, "-m", "benchmarks.p9_export_stream", *command]
        proc = subprocess.Popen(child, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err)
        watched, killed, seen = psutil.Process(proc.pid), False, 0
        while proc.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                seen = max(seen, watched.memory_info().rss)
                if not killed and seen > KILL_MIB * 2**20:
                    proc.kill()
                    killed = True
            time.sleep(0.05)
        err.seek(0)
        lines = [x for x in err.read().decode("utf-8", "replace").splitlines() if x.strip()]
        peak = int(peak_file.read_text()) * 1024 if peak_file.exists() else seen
    last = lines[-1] if lines else ""
    if proc.returncode != 0 and not killed:
        raise RuntimeError(f"stacdesk {' '.join(command)} failed ({proc.returncode}): {last}")
    return peak / 2**20, killed, last


def _child(argv: list[str]) -> int:
    """``stacdesk ARGV`` in this process, then its own high-water RSS (``VmHWM``, KiB) written
    where the parent asked. Read here, not from ``wait4``: on Linux a child's ``ru_maxrss``
    includes the RSS of the parent it was forked from."""
    from stacdesk.app import main

    code = main(argv)
    status = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
    hwm = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    Path(os.environ[PEAK_FILE_ENV]).write_text(hwm, encoding="ascii")
    return code


def _export(source: str, fmt: str, out_dir: Path, limit: int, max_items: int | None) -> list[str]:
    command = ["search", source, "--collections", COLLECTION]
    command += ["--limit", str(limit), "--format", fmt, "-o", str(out_dir / f"out{FORMATS[fmt]}")]
    command += ["--all"]  # a million results are meant: never asked about
    return command + (["--max-items", str(max_items)] if max_items else [])


def _round(
    sources: dict[str, tuple[str, int | None]],
    expected: int,
    limit: int,
    work: Path,
    notes: dict[str, float],
) -> tuple[dict[str, float], list[str], set[str]]:
    """Every source × format once (each export of ``expected`` items): the worst peak per
    source, what went wrong, and the sources stopped at ``KILL_MIB``; per-export peaks go to
    ``notes``."""
    worst: dict[str, float] = {}
    problems: list[str] = []
    stopped: set[str] = set()
    for label, (source, max_items) in sources.items():
        for fmt in FORMATS:
            with tempfile.TemporaryDirectory(dir=work) as out_dir:
                command = _export(source, fmt, Path(out_dir), limit, max_items)
                peak, killed, last = _peak_mib(command, work / "home")
            if killed:
                problems.append(f"{label} → {fmt} stopped above {KILL_MIB:.0f} MiB")
                stopped.add(label)
            elif f"{expected:,} returned" not in last:
                problems.append(f"{label} → {fmt}: {last}")
            notes[f"{label} → {fmt}"] = max(notes.get(f"{label} → {fmt}", 0.0), peak)
            worst[label] = max(worst.get(label, 0.0), peak)
    return worst, problems, stopped


def _growth(
    by_source: dict[str, dict[int, list[float]]], stopped: set[str], large: int, small: int
) -> Figure | None:
    """``P9-growth`` for the source that grows most between ``small`` and ``large`` results; a
    source stopped at ``KILL_MIB`` has no growth to measure (its P9 figures already fail)."""
    ratios = {
        label: statistics.median(a / b for a, b in zip(peaks[large], peaks[small], strict=True))
        for label, peaks in by_source.items()
        if label not in stopped
    }
    if not ratios:
        print("  P9-growth: every source was stopped; no growth measured", file=sys.stderr)
        return None
    label = max(ratios, key=lambda k: ratios[k])
    others = [f"{k} {v:.2f}×" for k, v in ratios.items() if k != label]
    skipped = [f"{k} not measured (stopped above {KILL_MIB:.0f} MiB)" for k in sorted(stopped)]
    return Figure(
        "P9-growth",
        f"peak RSS streaming {large:,} results against {small:,} (the source growing most: "
        f"{label})",
        "MiB",
        by_source[label][large],
        by_source[label][small],
        f"peak RSS at {small:,}",
        target=GROWTH_TARGET,
        notes="; ".join(others + skipped),
    )


def run(
    repeats: int,
    count: int = 1_000_000,
    sizes: tuple[int, ...] = (100_000, 300_000),
    base_count: int = 100_000,
    limit: int = 1000,
    max_repeats: int = 3,
    pgstac: bool = True,
) -> list[Figure]:
    from tests.servers.pg_cluster import missing_reason
    from tests.servers.pgstac import running_pgstac

    repeats = max(1, min(repeats, max_repeats))  # a million-item export takes minutes
    all_sizes = sorted({*sizes, count})
    folder = copied_sentinel2(count, base_count)
    files = {n: geoparquet_of(folder, n) for n in all_sizes}
    no_pg = missing_reason() if pgstac else PGSTAC_LEFT_OUT
    work = Path(tempfile.mkdtemp(prefix="stacdesk-p9-"))
    figures: list[Figure] = []
    by_source: dict[str, dict[int, list[float]]] = {}
    stopped: set[str] = set()
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, work, True)
        pg_url = None
        if no_pg:
            print(f"  P9: pgstac not run: {no_pg}", file=sys.stderr)
        else:  # context off: counting a million rows on every page would time pgstac, not us
            load_timeout = max(600.0, count * LOAD_SECONDS_PER_ITEM)
            catalog = ndjson_catalog(folder)
            server = running_pgstac(catalog, context=False, load_timeout=load_timeout)
            pg_url = stack.enter_context(server).url
        for n in all_sizes:
            sources = {"local stac-geoparquet": (str(files[n]), None)}
            if pg_url:
                sources["pgstac"] = (pg_url, n)
            one_page = {k: (v[0], limit) for k, v in sources.items()}
            peaks: list[float] = []
            fixed: list[float] = []
            notes: dict[str, float] = {}
            problems: list[str] = []
            for _ in range(repeats):
                fixed.append(max(_round(one_page, limit, limit, work, {})[0].values()))
                worst, failed, killed = _round(sources, n, limit, work, notes)
                peaks.append(max(worst.values()))
                for label, peak in worst.items():
                    by_source.setdefault(label, {}).setdefault(n, []).append(peak)
                stopped |= killed
                problems += [p for p in failed if p not in problems]
            text = "; ".join(f"{k} {v:.0f} MiB" for k, v in notes.items())
            extra = [*problems, *([f"pgstac not run: {no_pg}"] if no_pg else [])]
            figures.append(
                Figure(
                    "P9" if n == count else f"P9-{n}",
                    f"peak RSS of the CLI streaming {n:,} results to a file (worst of "
                    f"{', '.join(FORMATS)} × {', '.join(sources)})",
                    "MiB",
                    peaks,
                    fixed,
                    "the same exports stopped after one page",
                    target=TARGET_MIB,
                    on="value",
                    notes="; ".join([f"worst peak per export: {text}", *extra]),
                )
            )
    if count != all_sizes[0] and (growth := _growth(by_source, stopped, count, all_sizes[0])):
        figures.append(growth)
    return figures


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1:]))
