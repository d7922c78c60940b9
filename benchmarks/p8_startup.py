"""P8: cold start to the complete window — source start and frozen build — beside a bare PySide6
window. Each start is a new process timed from just before it is spawned.

Complete means what a user can use: every panel built and painted and the start catalog (the
offline sample) open with its collections listed, ready to search. The window paints a frame
(title, saved geometry, status bar) before the slow imports; when that first paint happens is
reported beside it (``P8-first-paint``), without a target: a frame is not a usable window."""

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
    # An installed app starts from cached bytecode; a shell that forbids writing it would make
    # every start compile our ~150 modules again (~0.17 s), a cost no user pays twice.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
    source_cmd = [sys.executable, "-m", "stacdesk", "--measure-startup", "--sample"]
    # Warm the OS file cache and the bytecode cache once: cold means a new process, not a cold
    # disk or a first run after an upgrade.
    _start(bare_cmd)
    _start(source_cmd)
    bare, source = [], []
    for _ in range(repeats):
        bare.append(_start(bare_cmd)[0])
        source.append(_start(source_cmd))
    figures = _figures("", "source", source, bare)
    if frozen:
        record = _frozen_build()
        command = [record["executable"], "--measure-startup", "--sample"]
        frozen_times = [_start(command) for _ in range(repeats)]
        notes = (
            f"frozen one-folder build: {record['size_bytes'] / 2**20:.0f} MiB unpacked, "
            f"{record['files']:,} files"
        )
        figures += _figures("-frozen", "frozen build", frozen_times, bare, notes)
    return figures


def _figures(
    suffix: str, kind: str, starts: list[tuple[float, float]], bare: list[float], notes: str = ""
) -> list[Figure]:
    return [
        Figure(
            f"P8{suffix}",
            f"cold start to the complete window: panels painted, sample catalog ready ({kind})",
            "s",
            [ready for _, ready in starts],
            bare,
            "bare PySide6 window",
            target=3.0,
            notes=notes,
        ),
        Figure(
            f"P8{suffix}-first-paint",
            f"cold start to the first painted frame ({kind})",
            "s",
            [painted for painted, _ in starts],
            bare,
            "bare PySide6 window",
        ),
    ]
