"""Tab goes through the panels in the order a search is made (issue #22): the search panel,
the results, the map, the item's details; and the focused widget is drawn with a focus frame,
in the light and the dark scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton, QWidget

from stacdesk.core.geo.geometry import Aoi
from stacdesk.ui.main_window import MainWindow
from tests.ui.test_search_dates import EUROPE, open_sample, search


def panel_of(window: MainWindow, widget: QWidget | None) -> str | None:
    panels = {
        "search": window.search_panel,
        "results": window.results_panel,
        "map": window.map_panel,
        "item": window.item_panel,
        "plots": window.plots_panel,
        "downloads": window.downloads_panel,
    }
    if widget is None:
        return None
    return next((name for name, panel in panels.items() if panel.isAncestorOf(widget)), None)


def test_tab_goes_search_results_map_details(qtbot, window: MainWindow) -> None:
    open_sample(qtbot, window)
    window.workspace.set_aoi(Aoi.from_bbox(*EUROPE))
    search(qtbot, window)  # the search panel has made its collections' widgets since the start
    window.workspace.select(0)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    first = window.tab_order.order()[0]
    assert panel_of(window, first) == "search"
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    visited = []
    for _ in range(len(window.tab_order.order())):  # once round, back to the start
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(panel_of(window, QApplication.focusWidget()))
    firsts = [name for i, name in enumerate(visited) if i == 0 or visited[i - 1] != name]
    assert firsts[:4] == ["search", "results", "map", "item"], firsts
    assert set(firsts[4:-1]) <= {"plots", "downloads"} and firsts[-1] == "search", firsts
    assert QApplication.focusWidget() is first
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)  # Shift+Tab: back to the end
    assert panel_of(window, QApplication.focusWidget()) == firsts[-2]


def drawn(widget: QWidget, focused: bool) -> QImage:
    """``widget``'s button drawn by the window's style, with or without the focus."""
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    focus = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
    option.state &= ~focus
    if focused:  # reached by the keyboard: Fusion draws its focus frame only then
        option.state |= focus
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    widget.style().drawControl(QStyle.ControlElement.CE_PushButton, option, painter, widget)
    painter.end()
    return image


def test_the_focus_is_drawn_in_both_schemes(qtbot, window: MainWindow) -> None:
    """The style draws the focused button otherwise than the others, in either scheme."""
    from stacdesk.ui.color_scheme import watcher

    button = window.search_panel.search_button
    try:
        for scheme in ("light", "dark"):
            watcher().choose(scheme)
            assert drawn(button, True) != drawn(button, False), f"no focus frame ({scheme})"
    finally:
        watcher().choose("system")


def test_the_focused_map_is_framed_in_both_schemes(qtbot, window: MainWindow) -> None:
    """The map (a graphics view, which the style draws no focus for) has a frame in the
    scheme's highlight colour while it has the focus."""
    from PySide6.QtGui import QGuiApplication, QPalette

    from stacdesk.ui.color_scheme import watcher

    view = window.map_panel.plot_widget
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    try:
        for scheme in ("light", "dark"):
            watcher().choose(scheme)
            highlight = QGuiApplication.palette().color(QPalette.ColorRole.Highlight).name()
            window.results_panel.list_view.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(window.results_panel.list_view.hasFocus)
            assert view.grab().toImage().pixelColor(0, 0).name() != highlight
            view.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(view.hasFocus)
            assert view.grab().toImage().pixelColor(0, 0).name() == highlight, scheme
    finally:
        watcher().choose("system")
