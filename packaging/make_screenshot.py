"""The README's screenshot: stacdesk after a real search on the bundled sample catalog.

    STACDESK_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1800x1000x24" \
        uv run python packaging/make_screenshot.py packaging/screenshot.png
"""

import sys

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication

import stacdesk.app as appmod
from stacdesk.core.geometry import Aoi

out = sys.argv[1]
app = QApplication(sys.argv[:1])


def window():
    return next(w for w in app.topLevelWidgets() if w.isVisible() and w.windowTitle() == "stacdesk")


def step1():
    w = window()
    w.resize(1500, 900)
    w.search_panel.collections.set_checked({"sentinel-2-l2a", "landsat-c2-l2"})
    w.search_panel.from_date.setDate(QDate(2024, 4, 1))
    w.search_panel.to_date.setDate(QDate(2024, 9, 30))
    w.workspace.set_aoi(Aoi.from_bbox(8.0, 45.0, 22.0, 53.0))
    w.map_panel.viewbox.setRange(xRange=(-5, 35), yRange=(38, 60))
    w.run_search()
    QTimer.singleShot(2500, step2)


def step2():
    w = window()
    w.results_panel.list_view.setCurrentIndex(w.results_panel.model.index(2))
    QTimer.singleShot(1500, step3)


def step3():
    window().grab().save(out)
    print("saved", out)
    app.closeAllWindows()


QTimer.singleShot(2500, step1)
sys.exit(appmod.main(["--sample"]))
