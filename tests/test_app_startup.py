"""``stacdesk --measure-startup``: the complete window is timed once the start catalog is open."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_the_window_is_complete_only_once_the_sample_catalog_is_open(isolated_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STACDESK_HOME": str(isolated_home)}
    command = [sys.executable, "-m", "stacdesk", "--measure-startup", "--sample"]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])["stacdesk_startup"]
    assert report["ready_epoch"] > report["first_paint_epoch"] > 0
    # The sample was opened and became the last connection: the catalog, not only the frame.
    settings = (isolated_home / "config" / "settings.ini").read_text(encoding="utf-8")
    assert "Sample catalog" in settings
