"""Run the benchmarks: ``uv run python -m benchmarks [--only P2,P5] [--json FILE] [--quick]``.

Each benchmark starts its own loopback servers, runs several times beside its baseline, and the
table of medians (min–max) is printed and written to ``benchmarks/RESULTS.md``. ``--quick`` runs
tiny sizes (the smoke test in the test suite) and writes nothing unless asked.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, markdown_table
from benchmarks.machine import describe, stamp

HERE = Path(__file__).resolve().parent

# id -> (module, full-size arguments, quick arguments)
BENCHMARKS: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    "P1": (
        "benchmarks.p1_p2_paging",
        {"count": 10_000, "sizes": (1_000, 100_000)},
        {"count": 300, "limit": 100},
    ),
    "P3": (
        "benchmarks.p3_memory",
        {"count": 100_000, "sizes": (1_000, 10_000, 1_000_000), "window": (1_000_000,)},
        {"count": 300, "source_count": 300, "window": (300,)},
    ),
    "P4": (
        "benchmarks.p4_map_repaint",
        {"count": 10_000, "sizes": (100_000,)},
        {"count": 300},
    ),
    "P5": ("benchmarks.p5_thumbnails", {"count": 200}, {"count": 20}),
    "P6": (
        "benchmarks.p6_p7_downloads",
        {},
        {"big": 16 << 20, "parts": 4, "part_size": 2 << 20, "pace": 32 << 20},
    ),
    "P6-SMALL": (
        "benchmarks.p6_small_files",
        {},
        {"count": 200, "size": 16 << 10},
    ),
    "P6-OBSTORE": (
        "benchmarks.p6_obstore",
        {},
        {"big": 16 << 20, "parts": 4, "part_size": 2 << 20, "count": 200, "small": 16 << 10},
    ),
    "P8": ("benchmarks.p8_startup", {"frozen": True}, {"frozen": False}),
    "P9": (
        "benchmarks.p9_export_stream",
        {"count": 1_000_000, "sizes": (100_000, 300_000)},
        {"count": 600, "sizes": (200,), "base_count": 300, "limit": 100},
    ),
    "P9-LOCAL": (  # the same ids as P9, from the local stac-geoparquet file alone
        "benchmarks.p9_export_stream",
        {"count": 1_000_000, "sizes": (100_000, 300_000), "pgstac": False},
        {"count": 600, "sizes": (200,), "base_count": 300, "limit": 100, "pgstac": False},
    ),
    "P10": ("benchmarks.p10_previews", {"side": 10980}, {"side": 1024}),
    "P10-PAN": ("benchmarks.p10_pan", {"side": 2048}, {"side": 256}),
    "P11": ("benchmarks.p11_several_catalogs", {"count": 10_000}, {"count": 300, "limit": 100}),
    "P12": ("benchmarks.p12_million_interactive", {"count": 1_000_000}, {"count": 2_500}),
}
# P1 and P2 share a server and catalog; P6 and P7 files; P6S and P6O are short for P6-SMALL
# and P6-OBSTORE
ALIASES = {"P2": "P1", "P7": "P6", "P6S": "P6-SMALL", "P6O": "P6-OBSTORE"}

TARGETS_TEXT = (HERE / "TARGETS.md").read_text(encoding="utf-8")
ANALYSIS_TEXT = (HERE / "ANALYSIS.md").read_text(encoding="utf-8")  # why missed targets miss


def selected(only: str | None) -> list[str]:
    if not only:  # P9-LOCAL is P9 without its pgstac half: asked for by name only
        return [name for name in BENCHMARKS if name != "P9-LOCAL"]
    wanted = []
    for name in only.upper().split(","):
        name = ALIASES.get(name.strip(), name.strip())
        if name not in BENCHMARKS:
            raise SystemExit(f"unknown benchmark {name!r}; have {', '.join(BENCHMARKS)}")
        if name not in wanted:
            wanted.append(name)
    return wanted


def run(names: list[str], repeats: int, quick: bool) -> list[Figure]:
    figures: list[Figure] = []
    for name in names:
        module_name, full, small = BENCHMARKS[name]
        module = importlib.import_module(module_name)
        runner: Callable[..., list[Figure]] = module.run
        started = time.perf_counter()
        print(f"running {name} ({module_name}) …", file=sys.stderr, flush=True)
        measured = runner(repeats, **(small if quick else full))
        for figure in measured:
            figure.measured = stamp()
        figures += measured
        print(f"  {name} done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return figures


def merged_with_stored(figures: list[Figure], stored: Path) -> list[Figure]:
    """A run of some benchmarks (``--only``) replaces their figures and keeps the others'."""
    fresh = {f.id for f in figures}
    kept: list[Figure] = []
    if stored.exists():
        known = {f.name for f in fields(Figure)}
        for data in json.loads(stored.read_text(encoding="utf-8")):
            if data["id"] not in fresh:
                kept.append(Figure(**{k: v for k, v in data.items() if k in known}))
    merged = sorted([*kept, *figures], key=lambda f: (f.id.split("-")[0], f.id))
    stored.write_text(json.dumps([f.as_json() for f in merged], indent=2), encoding="utf-8")
    return merged


def write_results(figures: list[Figure], path: Path, repeats: int) -> None:
    notes = [f"- {f.id}: {f.notes}" for f in figures if f.notes]
    text = "\n".join(
        [
            "# stacdesk benchmark results",
            "",
            "Made by `uv run python -m benchmarks`; each figure is the median of "
            f"{repeats} runs, measured beside its baseline in the same run. A target is met "
            "only when every run meets it (the worst run is shown). Figures kept from an "
            "earlier run (`--only`) keep the date and machine they were measured on.",
            "",
            *describe(),
            "",
            "## Figures",
            "",
            markdown_table(figures),
            "",
            *(["## Notes", "", *notes, ""] if notes else []),
            ANALYSIS_TEXT,
            "## Targets",
            "",
            TARGETS_TEXT,
        ]
    )
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", help="comma-separated ids, e.g. P2,P5")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for the smoke test")
    parser.add_argument("--results", type=Path, help="where to write the results table")
    args = parser.parse_args(argv)
    try:
        figures = run(selected(args.only), args.repeats, args.quick)
    finally:
        from benchmarks.gui import close_gui

        close_gui()
    print(markdown_table(figures))
    results = args.results or (None if args.quick else HERE / "RESULTS.md")
    if results is not None:
        write_results(
            merged_with_stored(figures, results.with_suffix(".json")), results, args.repeats
        )
    if args.json:
        args.json.write_text(json.dumps([f.as_json() for f in figures], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
