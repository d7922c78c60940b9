"""The window fits the laptop screens analysts have: 1280×720 and 1366×768.

Each case runs ``screen_probe`` in a child process on the offscreen platform with a config file
giving it a screen of that size (a screen is fixed when the QApplication starts; this session's
own has Qt's default). Rectangles are [x, y, width, height].
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QSize, Qt

from stacdesk.ui.screen_fit import fit_rect, grown_to_minimum
from tests.conftest import REPO

SCREENS = [(1280, 720), (1366, 768)]
SMALLEST_SUPPORTED = (1024, 600)


def run_probe(home: Path, screen: tuple[int, int], *args: str) -> dict[str, Any]:
    """The probe's JSON from a child process whose only screen is ``screen``."""
    width, height = screen
    config = home.parent / f"screen-{width}x{height}.json"
    config.write_text(
        json.dumps(
            {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}]}
        )
    )
    env = {key: value for key, value in os.environ.items() if not key.lower().endswith("_proxy")}
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        STACDESK_HOME=str(home),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",  # never the developer's keyring
        # The queued sample download goes to example.invalid; a closed port in case it resolves.
        HTTP_PROXY="http://127.0.0.1:9",
        HTTPS_PROXY="http://127.0.0.1:9",
        ALL_PROXY="http://127.0.0.1:9",
        NO_PROXY="",
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_probe", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def contains(outer: list[int], inner: list[int]) -> bool:
    ox, oy, ow, oh = outer
    x, y, w, h = inner
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def overlaps(a: list[int], b: list[int]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def layout_problems(layout: dict[str, Any]) -> list[str]:
    """Everything wrong with one recorded layout; empty when it fits."""
    problems = []
    if not contains(layout["available"], layout["frame"]):
        problems.append(f"frame {layout['frame']} outside the screen {layout['available']}")
    parts = {**layout["parts"], "status bar": layout["status_bar"]}
    for name, part in parts.items():
        if part[2] <= 0 or part[3] <= 0 or not contains(layout["window"], part):
            problems.append(f"{name} {part} not inside the window {layout['window']}")
    for (one, a), (other, b) in combinations(parts.items(), 2):
        if overlaps(a, b):
            problems.append(f"{one} {a} overlaps {other} {b}")
    return problems


@pytest.fixture(scope="module", params=SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def probed(request, tmp_path_factory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("screen") / "home"
    result = run_probe(home, request.param)
    assert result["screen"] == [0, 0, *request.param]  # the offscreen platform took the config
    return result


def test_the_window_opens_inside_the_screen(probed) -> None:
    assert contains(probed["frame_only"]["available"], probed["frame_only"]["frame"])
    opened = probed["opened"]
    assert layout_problems(opened) == []
    assert opened["status_bar_visible"]
    assert {"search", "results", "item", "plots", "map"} <= set(opened["parts"])


def test_the_minimum_size_fits_the_smallest_supported_screen(probed) -> None:
    width, height = probed["opened"]["minimum"]
    assert width <= SMALLEST_SUPPORTED[0] and height <= SMALLEST_SUPPORTED[1]


def test_no_panel_overlaps_another_from_the_minimum_size_up(probed) -> None:
    sizes = probed["sizes"]
    assert sizes[0]["window"][2:] == sizes[0]["minimum"]
    assert sizes[1]["window"][2:] == list(SMALLEST_SUPPORTED)
    assert sizes[-1]["window"][2] > sizes[0]["window"][2]  # the sizes really differ
    for layout in sizes:
        assert layout_problems(layout) == [], layout["window"]


def test_a_queued_download_shows_its_panel_without_leaving_the_screen(probed) -> None:
    assert "downloads" not in probed["downloads_hidden"]["parts"]
    queued = probed["download_queued"]
    assert "downloads" in queued["parts"]
    assert layout_problems(queued) == []


def test_a_panel_that_widens_the_window_keeps_it_on_the_screen(probed) -> None:
    hidden, shown = probed["side_by_side_hidden"], probed["side_by_side_shown"]
    assert layout_problems(hidden) == []
    assert hidden["frame"][0] + hidden["frame"][2] == hidden["available"][2]  # at the right edge
    assert shown["window"][2] > hidden["window"][2]  # Downloads beside the plots: wider
    assert {"plots", "downloads"} <= set(shown["parts"])
    assert layout_problems(shown) == []


def test_a_geometry_saved_on_a_bigger_screen_is_clamped(tmp_path) -> None:
    home = tmp_path / "home"
    saved = run_probe(home, (2560, 1440), "--resize", "2540x1400")["saved"]
    assert saved["geometry"][2:] == [2540, 1400]
    restored = run_probe(home, (1366, 768))
    assert contains(restored["frame_only"]["available"], restored["frame_only"]["frame"])
    assert layout_problems(restored["opened"]) == []


def test_long_text_never_widens_the_window(qtbot, window) -> None:
    """An item id is one unbreakable word and a server's error can be a paragraph: the item
    title and the status line cut them (the tooltip has the id) instead of growing the window."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_item_panel import select_first

    item = select_first(qtbot, window, "sentinel-1-grd")
    window.status_text.setText("Search failed: " + "unreachable-host-" * 60)
    window.layout().activate()
    QApplication.processEvents()
    assert len(item["id"]) > 60
    assert item["id"] in window.item_panel.title.toolTip()
    assert window.minimumWidth() <= SMALLEST_SUPPORTED[0]
    assert window.minimumHeight() <= SMALLEST_SUPPORTED[1]


def test_controls_that_do_not_fit_a_narrow_downloads_panel_stay_reachable(qtbot, window) -> None:
    """The six queue controls need 536 px in a row; narrower, the rest are in the » menu."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QToolButton

    from stacdesk.ui.toolbar_overflow import OVERFLOW_BUTTON

    panel = window.downloads_panel
    window.download_actions.show_panel()
    window.resize(window.minimumSize())
    QApplication.processEvents()
    assert panel.width() < panel.controls.sizeHint().width()
    more = panel.controls.findChild(QToolButton, OVERFLOW_BUTTON)
    assert more is not None and more.isVisible()
    assert more.accessibleName() == more.toolTip() == "More download controls"
    map_more = window.map_panel.toolbar.findChild(QToolButton, OVERFLOW_BUTTON)
    assert map_more.isVisible() and map_more.accessibleName() == "More map tools"
    hidden = {button.text() for button in panel.buttons.values() if not button.isVisible()}
    assert 0 < len(hidden) < len(panel.buttons)
    listed: list[str] = []

    def read_and_close_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is not None:
            listed.extend(action.text() for action in menu.actions())
            menu.close()

    QTimer.singleShot(0, read_and_close_menu)  # runs in the menu's own event loop
    more.click()  # opens the menu Qt fills with what the row has no room for, until closed
    assert hidden <= set(listed)


def test_map_tools_that_do_not_fit_are_all_shown_by_the_overflow_button(qtbot, window) -> None:
    """At the minimum size the map's bar has no room for the quicklook switch, the preview's
    band and order boxes or the place search; its » expands the bar to show each of them
    (a plain » menu would list only actions, leaving those widgets unreachable)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QToolButton

    from stacdesk.ui.toolbar_overflow import OVERFLOW_BUTTON

    bar = window.map_panel.toolbar
    window.resize(window.minimumSize())
    QApplication.processEvents()
    place = window.map_panel.place_search
    widgets = [bar.quicklook_check, bar.preview_bands, bar.preview_order, place]
    assert not all(widget.isVisible() for widget in widgets)
    QTimer.singleShot(0, lambda: (menu := QApplication.activePopupWidget()) and menu.close())
    bar.findChild(QToolButton, OVERFLOW_BUTTON).click()  # a » menu would wait here until closed
    qtbot.waitUntil(lambda: all(widget.isVisible() for widget in widgets))
    for widget in widgets:  # inside the expanded bar, not clipped by its edges
        top_left = widget.mapTo(bar, widget.rect().topLeft())
        assert bar.rect().contains(QRect(top_left, widget.size()))


def test_reset_layout_puts_plots_and_downloads_back_in_one_tabbed_area(window) -> None:
    plots, downloads = window.docks["plots"], window.docks["downloads"]
    window.removeDockWidget(downloads)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, downloads)
    downloads.show()
    assert window.tabifiedDockWidgets(plots) == []
    window.reset_layout()
    assert window.tabifiedDockWidgets(plots) == [downloads]


def test_a_window_is_fitted_inside_the_area_and_shrunk_only_where_larger() -> None:
    area = QRect(0, 0, 1366, 768)
    assert fit_rect(QRect(300, 200, 2560, 1440), area) == area
    assert fit_rect(QRect(900, 500, 800, 600), area) == QRect(566, 168, 800, 600)
    assert fit_rect(QRect(-50, -10, 800, 600), area) == QRect(0, 0, 800, 600)
    assert fit_rect(QRect(10, 20, 800, 600), area) == QRect(10, 20, 800, 600)
    screen_two = QRect(1366, 0, 1280, 720)  # a second screen to the right
    assert fit_rect(QRect(0, 0, 1400, 860), screen_two) == screen_two


def test_only_a_growth_onto_the_minimum_size_counts_as_caused_by_it() -> None:
    minimum = QSize(894, 405)
    assert grown_to_minimum(QSize(800, 600), QSize(894, 600), minimum)
    assert grown_to_minimum(QSize(1000, 300), QSize(1000, 405), minimum)
    assert not grown_to_minimum(QSize(894, 600), QSize(1200, 600), minimum)  # the user's resize
    assert not grown_to_minimum(QSize(1200, 600), QSize(894, 600), minimum)  # shrinking
    assert not grown_to_minimum(QSize(), QSize(894, 405), minimum)  # first shown


def test_the_result_filters_wrap_in_a_narrow_dock_and_none_is_cut_off(qtbot, window) -> None:
    """The filter bar needed one 508 px row; at the window's minimum the results dock is about
    half that, and the criteria take more rows instead of being clipped or drawn over the list."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    window.resize(window.minimumSize())
    QApplication.processEvents()
    panel, bar = window.results_panel, window.results_panel.filter_bar
    assert panel.width() < 300
    controls = [
        bar.text,
        bar.sort,
        bar.descending,
        bar.from_check,
        bar.from_date,
        bar.to_check,
        bar.to_date,
        bar.cloud_check,
        bar.cloud,
        bar.clear_button,
    ]
    rows = {control.mapTo(panel, QPoint(0, 0)).y() for control in controls}
    assert len(rows) > 2  # wrapped
    list_top = panel.list_view.mapTo(panel, QPoint(0, 0)).y()
    for control in controls:
        rect = QRect(control.mapTo(bar, QPoint(0, 0)), control.size())
        assert control.isVisible() and bar.rect().contains(rect), control
        assert control.mapTo(panel, QPoint(0, 0)).y() + control.height() <= list_top, control
