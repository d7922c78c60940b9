"""pyqtgraph imported without copying all of PySide6 (``ui/pyqtgraph_import.py``).

The shortcut depends on how pyqtgraph builds its Qt namespace: its ``Qt/QtCore``, ``Qt/QtGui`` and
``Qt/QtWidgets`` packages are empty and only its copy fills them. A pyqtgraph release that puts
something there would lose it silently, so that is checked here, as is the import itself in a
fresh process (this one imported pyqtgraph long ago).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyqtgraph

from tests.conftest import REPO

PROBE = """
import json, sys
from PySide6 import QtCore, QtWidgets
from stacdesk.ui.pyqtgraph_import import import_pyqtgraph
import_pyqtgraph()
import pyqtgraph as pg
app = QtWidgets.QApplication([])
plot = pg.PlotWidget()
plot.plot([1.0, 2.0, 3.0], [3.0, 1.0, 2.0])
plot.show()
app.processEvents()
print(json.dumps({
    "same_class": pg.QtCore.QPointF is QtCore.QPointF and pg.QtWidgets.QWidget is QtWidgets.QWidget,
    "version": pg.Qt.QtCore.__version__ == QtCore.__version__,
    "names_listed_again": "QTimer" in dir(QtCore) and "QTimer" in dir(pg.QtCore),
    "unused_class_not_made": "QCborStreamReader" not in vars(QtCore),
    "kept_after_first_read": vars(pg.QtCore).get("QPointF") is QtCore.QPointF,
    "painted": not plot.grab().isNull(),
}))
"""


def test_pyqtgraphs_qt_packages_are_empty_and_filled_only_by_its_copy() -> None:
    qt_dir = Path(pyqtgraph.Qt.__file__).parent
    for name in ("QtCore", "QtGui", "QtWidgets"):
        assert (qt_dir / name / "__init__.py").read_text().strip() == "", name
        assert not [p for p in (qt_dir / name).glob("*.py") if p.name != "__init__.py"], name


def test_pyqtgraph_imported_lightly_gets_pysides_own_classes_and_draws() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == dict.fromkeys(result, True)
    assert set(result) == {
        "same_class",
        "version",
        "names_listed_again",
        "unused_class_not_made",
        "kept_after_first_read",
        "painted",
    }
