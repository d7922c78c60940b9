"""P8: cold start to the first painted window — source start and frozen build — beside a bare
PySide6 window. Each start is a new process timed from just before it is spawned."""

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


def _start(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["STACDESK_HOME"] = tempfile.mkdtemp(prefix="stacdesk-p8-")
    spawned = time.time()
    out = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"{command} failed: {out.stderr[-2000:]}")
    line = next(x for x in out.stdout.splitlines() if "stacdesk_startup" in x)
    return json.loads(line)["stacdesk_startup"]["first_paint_epoch"] - spawned


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
        bare.append(_start(bare_cmd))
        source.append(_start(source_cmd))
    figures = [
        Figure(
            "P8",
            "cold start to first painted window (source)",
            "s",
            source,
            bare,
            "bare PySide6 window",
            target=2.0,
        )
    ]
    if frozen:
        record = _frozen_build()
        frozen_times = [_start([record["executable"], "--measure-startup"]) for _ in range(repeats)]
        figures.append(
            Figure(
                "P8-frozen",
                "cold start to first painted window (frozen build)",
                "s",
                frozen_times,
                bare,
                "bare PySide6 window",
                target=2.0,
                notes=f"frozen one-folder build: {record['size_bytes'] / 2**20:.0f} MiB "
                f"unpacked, {record['files']:,} files",
            )
        )
    return figures
