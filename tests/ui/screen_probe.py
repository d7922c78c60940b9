"""Open the real window on whatever screen Qt gives this process and print its geometry as JSON.

``test_screen_fit`` runs this in a child process on the offscreen platform with a config file
that sets the screen (``offscreen:configfile=…``): a screen's size is fixed when the
QApplication starts, and the test session's own application has the default offscreen screen.

The probe starts the window as the app does (the frame first, then ``populate``), searches the
sample catalog, then records the layout as opened, at several sizes from the minimum up, and
after a queued download has shown a hidden Downloads panel (tabbed, and beside the plots in a
window at the screen's right edge). ``--resize WxH`` instead resizes
the window to that size and closes it, which saves that geometry for the next start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

SETTLE_S = 0.3  # enough event-loop turns for the layout and a window resize to land


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def in_window(window: QWidget, widget: QWidget) -> list[int]:
    """The widget's rectangle in the window's coordinates."""
    return rect(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))


def layout(window: Any) -> dict[str, Any]:
    """What a test needs to judge the layout: frame, screen, and every visible part's rectangle
    (a panel behind another's tab counts as shown but is not on screen: it is left out)."""
    parts = {
        name: in_window(window, dock)
        for name, dock in window.docks.items()
        if dock.isVisible() and not dock.isFloating() and not dock.visibleRegion().isEmpty()
    }
    parts["map"] = in_window(window, window.centralWidget())
    return {
        "frame": rect(window.frameGeometry()),
        "geometry": rect(window.geometry()),
        "available": rect(window.screen().availableGeometry()),
        "window": [0, 0, window.width(), window.height()],
        "minimum": [window.minimumWidth(), window.minimumHeight()],
        "parts": parts,
        "status_bar": in_window(window, window.statusBar()),
        "status_bar_visible": window.statusBar().isVisible(),
    }


async def settle() -> None:
    await asyncio.sleep(SETTLE_S)


async def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.05)


async def probe(window: Any, resize: tuple[int, int] | None) -> dict[str, Any]:
    from stacdesk.core.query.search_query import SearchQuery

    ws = window.workspace
    await settle()
    if resize is not None:
        window.setGeometry(0, 0, *resize)
        await settle()
        saved = layout(window)
        window.close()
        return {"saved": saved}
    window.search_panel.open_sample()
    await wait_until(lambda: ws.catalog is not None, "the sample catalog to open")
    ws.run_search(SearchQuery(limit=50))
    await wait_until(lambda: len(ws.search.store) > 0, "the search's first page")
    ws.select(0)
    await settle()
    result: dict[str, Any] = {"screen": rect(window.screen().geometry()), "opened": layout(window)}

    available = window.screen().availableGeometry()
    smallest = window.minimumSize()
    sizes = [
        (smallest.width(), smallest.height()),
        (1024, 600),  # the smallest screen supported
        (
            (smallest.width() + available.width()) // 2,
            (smallest.height() + available.height()) // 2,
        ),
        (available.width() - 20, available.height() - 40),
    ]
    result["sizes"] = []
    for width, height in sizes:
        window.resize(width, height)
        await settle()
        result["sizes"].append(layout(window))

    window.resize(window.minimumSize())
    window.docks["downloads"].hide()
    await settle()
    result["downloads_hidden"] = layout(window)
    window.download_actions.download_asset(0, "vv")  # a sample asset: queued, shows the panel
    await settle()
    result["download_queued"] = layout(window)

    # Plots and downloads dragged apart: showing Downloads now widens the window; a window at
    # the screen's right edge must come back in rather than grow past it.
    downloads = window.docks["downloads"]
    window.removeDockWidget(downloads)  # out of the tabs, then beside the plots
    window.addDockWidget(
        Qt.DockWidgetArea.BottomDockWidgetArea, downloads, Qt.Orientation.Horizontal
    )
    downloads.show()
    await settle()
    downloads.hide()
    await settle()  # the minimum size without it
    window.resize(window.minimumSize())
    await settle()
    frame = window.frameGeometry()
    window.move(window.pos() + QPoint(available.right() - frame.right(), 0))
    await settle()
    result["side_by_side_hidden"] = layout(window)
    window.download_actions.show_panel()  # what a queued download does
    await settle()
    result["side_by_side_shown"] = layout(window)
    window.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resize", help="WxH: resize to this, close (saving it) and exit")
    args = parser.parse_args()
    resize = tuple(int(v) for v in args.resize.split("x")) if args.resize else None

    import qasync

    from stacdesk.config import app_paths
    from stacdesk.core.catalogs.connections import ConnectionBook
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.resources import resource_path
    from stacdesk.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    paths = app_paths()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    window = MainWindow(None, settings)
    window.show()
    app.processEvents()
    frame_only = layout_of_frame(window)
    book = ConnectionBook(paths.connections_file, resource_path("sample-catalog"))
    window.populate(Workspace(book))
    with loop:
        result = loop.run_until_complete(probe(window, resize))  # type: ignore[arg-type]
    result["frame_only"] = frame_only
    print(json.dumps(result))
    return 0


def layout_of_frame(window: Any) -> dict[str, Any]:
    """The frame before ``populate``: no docks yet."""
    return {
        "frame": rect(window.frameGeometry()),
        "available": rect(window.screen().availableGeometry()),
    }


if __name__ == "__main__":
    sys.exit(main())
