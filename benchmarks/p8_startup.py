"""P8: cold start to the first painted window — source start and frozen build — beside a bare
PySide6 window. Each start is a new process timed from just before it is spawned.

The window paints its frame (saved geometry, title, status bar) before the slow imports, then
builds its panels; so beside the first paint each start also reports when the window was
complete (all panels built and painted), the "-ready" figures, which have no target."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure

REPO = Path(__file__).resolve().parents[1]


def _start(command: list[str]) -> tuple[float, float]:
    """Seconds from spawning ``command`` to its first paint, and to its complete window (the
    bare window marks itself complete once it painted)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["STACDESK_HOME"] = tempfile.mkdtemp(prefix="stacdesk-p8-")
    spawned = time.time()
    out = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"{command} failed: {out.stderr[-2000:]}")
    line = next(x for x in out.stdout.splitlines() if "stacdesk_startup" in x)
    report = json.loads(line)["stacdesk_startup"]
    return report["first_paint_epoch"] - spawned, report["ready_epoch"] - spawned


def _frozen_build() -> dict:
    """The frozen build of the current sources, built (or reused) by packaging/build.py."""
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import build  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return build.build(force=False, archive=False, appdir=False)


def run(repeats: int, frozen: bool = True) -> list[Figure]:
    bare_cmd = [sys.executable, "-m", "benchmarks.bare_window"]
    source_cmd = [sys.executable, "-m", "stacdesk", "--measure-startup"]
    _start(bare_cmd)  # warm the OS file cache once; cold means a new process, not a cold disk
    bare, source = [], []
    for _ in range(repeats):
        bare.append(_start(bare_cmd)[0])
        source.append(_start(source_cmd))
    figures = [
        Figure(
            "P8",
            "cold start to first painted window (source)",
            "s",
            [painted for painted, _ in source],
            bare,
            "bare PySide6 window",
            target=2.0,
        ),
        Figure(
            "P8-ready",
            "cold start to the complete window, all panels painted (source)",
            "s",
            [ready for _, ready in source],
            bare,
            "bare PySide6 window",
        ),
    ]
    if frozen:
        record = _frozen_build()
        frozen_times = [_start([record["executable"], "--measure-startup"]) for _ in range(repeats)]
        figures += [
            Figure(
                "P8-frozen",
                "cold start to first painted window (frozen build)",
                "s",
                [painted for painted, _ in frozen_times],
                bare,
                "bare PySide6 window",
                target=2.0,
                notes=f"frozen one-folder build: {record['size_bytes'] / 2**20:.0f} MiB "
                f"unpacked, {record['files']:,} files",
            ),
            Figure(
                "P8-frozen-ready",
                "cold start to the complete window, all panels painted (frozen build)",
                "s",
                [ready for _, ready in frozen_times],
                bare,
                "bare PySide6 window",
            ),
        ]
    return figures
