"""Start-up never pays for GDAL: importing the window's modules (the map panel with its preview
controls) loads neither rasterio nor the reading side of the previews."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

CHECK = """
import sys
import stacdesk.app, stacdesk.ui.main_window, stacdesk.ui.map.map_panel
loaded = [m for m in ("rasterio", "stacdesk.core.previews.reader", "obstore") if m in sys.modules]
print(",".join(loaded))
"""


def test_window_modules_do_not_import_rasterio() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
