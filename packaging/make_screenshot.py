"""The README's screenshots: stacdesk on a 1366×768 screen with the bundled sample catalog.

- ``screenshot.png``: after a search, a scene selected and three of its bands downloaded (the
  Downloads tab shown);
- ``--mosaic`` (``screenshot-mosaic.png``): "Preview data" on four selected Sentinel-2 scenes
  over Czechia (the sample's real cloud-optimised files), drawn as one mosaic, least cloudy on
  top, clipped to the search area drawn over them;
- ``--dark`` (``screenshot-dark.png``): the first one in the dark colour scheme;
- run with ``LANG=cs_CZ.UTF-8 LC_ALL=cs_CZ.UTF-8`` (``screenshot-cs.png``): the first one in Czech.

    STACDESK_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1366x768x24" \\
        uv run python packaging/make_screenshot.py packaging/screenshot.png
    STACDESK_HOME=$(mktemp -d) xvfb-run -a -s "-screen 0 1366x768x24" \\
        uv run python packaging/make_screenshot.py --mosaic packaging/screenshot-mosaic.png

The whole screen is saved (the window fills it), so what does not fit is seen not to fit.
"""

import sys

import shapely
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

import stacdesk.app as appmod
from stacdesk.core.geo.geometry import Aoi

SCENE = "S2C_MSIL2A_20250623T101033_N0511_R022_T33UUR_20250623T121354"  # has real band files
BANDS = ("B04", "B08", "SCL")
MOSAIC_CURRENT = "S2C_MSIL2A_20250521T100029_N0511_R122_T33UVR_20250521T131720"
# A district-like search area inside the four scenes (Central Bohemia to Vysočina)
MOSAIC_AREA = [(14.1, 50.22), (14.9, 50.25), (15.9, 50.2), (16.0, 49.75), (15.03, 49.66),
               (14.95, 49.05), (14.2, 49.0), (14.05, 49.6), (13.95, 49.95)]  # fmt: skip

mosaic = "--mosaic" in sys.argv
dark = "--dark" in sys.argv


def window():
    return next(w for w in app.topLevelWidgets() if w.isVisible() and w.windowTitle() == "stacdesk")


def search():
    w = window()
    if w.workspace.catalog is None:  # the sample is still opening
        QTimer.singleShot(500, search)
        return
    if dark:
        from stacdesk.ui.color_scheme import watcher

        watcher().choose("dark")
    if mosaic:
        w.search_panel.collections.set_checked({"sentinel-2-l2a"})
        w.search_panel.from_date.setDate(QDate(2024, 9, 1))
        w.search_panel.to_date.setDate(QDate(2025, 6, 30))
        w.workspace.set_aoi(Aoi("polygon", shapely.Polygon(MOSAIC_AREA)))
    else:
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
    if mosaic:
        preview_mosaic()
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
    QTimer.singleShot(3000, lambda: shoot("downloads"))


def preview_mosaic() -> None:
    """Select the results whose visual asset is a file of the sample, and preview them."""
    w = window()
    store = w.workspace.search.store
    rows = tuple(
        row
        for row in range(len(store))
        if "/sample-catalog/data/" in str(store.item(row)["assets"].get("visual", {}).get("href"))
    )
    ids = list(store.ids)
    current = ids.index(MOSAIC_CURRENT) if MOSAIC_CURRENT in ids else rows[0]
    w.workspace.select_rows(rows, current)
    for dock in ("plots", "downloads"):  # the map takes their height
        w.docks[dock].hide()
    app.processEvents()
    w.map_panel.zoom_to(shapely.Polygon(MOSAIC_AREA).bounds, padding=0.08)
    toolbar = w.map_panel.toolbar
    toolbar.quicklook_check.setChecked(False)  # the data, not the provider's picture
    toolbar.preview_order.setCurrentIndex(2)  # least cloudy on top
    toolbar.preview_clip_action.trigger()
    toolbar.preview_action.trigger()
    QTimer.singleShot(1000, wait_for_preview)


def wait_for_preview(tries: int = 60) -> None:
    panel = window().map_panel
    if not (panel.preview.visible and "mosaic" in panel.message.text()) and tries:
        QTimer.singleShot(500, lambda: wait_for_preview(tries - 1))
        return
    QTimer.singleShot(1500, lambda: shoot(None))


def shoot(dock: str | None) -> None:
    if dock is not None:
        window().docks[dock].raise_()
    app.processEvents()
    screen = app.primaryScreen()
    screen.grabWindow(0).save(out)
    print("saved", out, screen.size().toTuple())
    app.closeAllWindows()


if __name__ == "__main__":  # previews read in a spawned process, which imports this module again
    out = next(arg for arg in sys.argv[1:] if not arg.startswith("--"))
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(2500, search)
    sys.exit(appmod.main(["--sample"]))
