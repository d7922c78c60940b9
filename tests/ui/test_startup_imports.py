"""What the complete window's start leaves unimported: each of these loads when first used.

Why: P8 times the start to a usable window, and each of these libraries costs 5-150 ms of it
(pystac-client, keyring and the OpenID libraries for credentials and code export; libcurl,
certifi, obstore and urllib.request for downloads; httpx and Pillow for thumbnails; pyarrow for
sorting and filtering loaded results). A module-level import added anywhere would bring one back
silently. The frame painted before the panels exist needs Qt only: pyqtgraph and numpy come after
it, or the first paint waits for them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

NOT_AT_START = (
    "pystac_client",
    "keyring",
    "authlib",
    "joserfc",
    "requests",
    "pycurl",
    "certifi",
    "httpx",
    "PIL",
    "obstore",
    "urllib.request",
    "email.utils",
    "pyarrow",
)
NOT_BEFORE_THE_FRAME = ("pyqtgraph", "numpy", "shapely")

PROBE = f"""
import atexit, json, sys
atexit.register(lambda: print(json.dumps([m for m in {NOT_AT_START!r} if m in sys.modules])))
from stacdesk.app import main
sys.exit(main(["--measure-startup", "--sample"]))
"""


def test_the_complete_window_starts_without_credential_search_export_or_download_libraries(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STACDESK_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert "stacdesk_startup" in lines[0]  # the window got as far as complete
    assert json.loads(lines[-1]) == []


def test_the_frame_painted_first_needs_neither_pyqtgraph_nor_numpy() -> None:
    probe = (
        "import json, sys\n"
        "import stacdesk.app, stacdesk.startup_checks, stacdesk.startup_timer\n"
        "import stacdesk.ui.app_icon, stacdesk.ui.main_window, stacdesk.ui.translation\n"
        f"print(json.dumps([m for m in {NOT_BEFORE_THE_FRAME!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
