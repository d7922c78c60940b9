"""The benchmarks at tiny sizes, so they never rot. No thresholds: speed lives in benchmarks/."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.__main__ import BENCHMARKS

REPO = Path(__file__).resolve().parents[1]


NEEDS_CURL = ("P6", "P6-SMALL", "P6-OBSTORE")  # the download engine (and obstore) beside curl


@pytest.mark.slow
def test_every_benchmark_runs_at_tiny_size(tmp_path: Path) -> None:
    """Every benchmark; without curl, all but its curl baselines, then a skip that says so."""
    have_curl = shutil.which("curl") is not None
    names = [n for n in BENCHMARKS if have_curl or n not in NEEDS_CURL]
    names.remove("P9-LOCAL")  # P9 again, without its pgstac half: same ids
    out = tmp_path / "figures.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STACDESK_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "benchmarks", "--quick", "--repeats", "1", "--json", str(out)]
    result = subprocess.run(
        [*command, "--only", ",".join(names)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    ids = {f["id"].split("-")[0] for f in figures} | {f["id"].upper() for f in figures}
    assert set(names) <= ids | {"P2"}
    for figure in figures:
        assert figure["samples"] and all(math.isfinite(v) for v in figure["samples"]), figure
    assert "| P1 |" in result.stdout
    if not have_curl:
        pytest.skip(f"curl is not installed: {', '.join(NEEDS_CURL)} not run (the others passed)")
