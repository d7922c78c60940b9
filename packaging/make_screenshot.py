"""The README's screenshot: stacdesk on a 1366×768 screen after a search on the bundled sample
catalog, a scene selected and three of its bands downloaded (the Downloads tab shown).

    STACDESK_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1366x768x24" \
        uv run python packaging/make_screenshot.py packaging/screenshot.png

The whole screen is saved (the window fills it), so what does not fit is seen not to fit.
"""

import sys

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

import stacdesk.app as appmod
from stacdesk.core.geo.geometry import Aoi

SCENE = "S2C_MSIL2A_20250623T101033_N0511_R022_T33UUR_20250623T121354"  # has real band files
BANDS = ("B04", "B08", "SCL")

out = sys.argv[1]
app = QApplication(sys.argv[:1])


def window():
    return next(w for w in app.topLevelWidgets() if w.isVisible() and w.windowTitle() == "stacdesk")


def search():
    w = window()
    if w.workspace.catalog is None:  # the sample is still opening
        QTimer.singleShot(500, search)
        return
    w.search_panel.collections.set_checked({"sentinel-2-l2a", "landsat-c2-l2"})
    w.search_panel.from_date.setDate(QDate(2025, 5, 1))
    w.search_panel.to_date.setDate(QDate(2025, 6, 30))
    w.workspace.set_aoi(Aoi.from_bbox(12.1, 48.6, 18.9, 51.1))
    w.map_panel.viewbox.setRange(xRange=(4, 27), yRange=(44, 56))
    w.run_search()
    QTimer.singleShot(3000, select)


def select():
    w = window()
    if w.workspace.search.state.value in ("idle", "loading"):
        QTimer.singleShot(500, select)
        return
    ids = list(w.workspace.search.store.ids)
    row = ids.index(SCENE) if SCENE in ids else 0
    w.results_panel.list_view.setCurrentIndex(w.results_panel.model.index(row))
    QTimer.singleShot(1500, download)


def download():
    item_panel = window().item_panel
    assets = item_panel.assets
    for row in range(assets.rowCount()):
        cell = assets.item(row, 0)
        if cell is not None and cell.text() in BANDS:
            cell.setCheckState(Qt.CheckState.Checked)
    item_panel.download_checked_button.click()
    QTimer.singleShot(3000, shoot)


def shoot():
    window().docks["downloads"].raise_()
    app.processEvents()
    screen = app.primaryScreen()
    screen.grabWindow(0).save(out)
    print("saved", out, screen.size().toTuple())
    app.closeAllWindows()


QTimer.singleShot(2500, search)
sys.exit(appmod.main(["--sample"]))
