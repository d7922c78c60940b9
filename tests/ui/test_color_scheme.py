"""The window follows a dark or light colour scheme: the widgets' palette, the map's water,
land and axes and the plots re-coloured when the scheme changes (issue #22)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from stacdesk.ui.color_scheme import DARK, LIGHT, watcher
from stacdesk.ui.main_window import MainWindow


def background(widget) -> tuple[int, int, int]:
    return widget.backgroundBrush().color().getRgb()[:3]


def test_switching_to_dark_and_back_recolours_map_plots_and_widgets(
    qtbot, window: MainWindow
) -> None:
    scheme = watcher()
    map_widget = window.map_panel.plot_widget
    timeline = window.plots_panel.timeline
    assert background(map_widget) == LIGHT.water.getRgb()[:3]
    try:
        scheme.choose("dark")
        assert scheme.colors is DARK
        assert background(map_widget) == DARK.water.getRgb()[:3]
        assert background(timeline) == DARK.plot_background.getRgb()[:3]
        axis = timeline.getPlotItem().getAxis("bottom")
        assert axis.textPen().color().getRgb()[:3] == DARK.plot_foreground.getRgb()[:3]
        land = window.map_panel.basemap._land.brush().color()
        assert land.getRgb()[:3] == DARK.land.getRgb()[:3]
        window_color = QApplication.palette().color(QPalette.ColorRole.Window)
        assert window_color.lightness() < 128  # the widgets went dark too
    finally:
        scheme.choose("system")
    assert scheme.colors is LIGHT
    assert background(map_widget) == LIGHT.water.getRgb()[:3]
    assert background(timeline) == LIGHT.plot_background.getRgb()[:3]
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() >= 128


def test_the_colour_choice_in_settings_applies_and_is_remembered(qtbot, window: MainWindow) -> None:
    window.settings_opener.open()
    dialog = window.settings_opener.dialog
    assert dialog is not None
    try:
        dialog.scheme.setCurrentIndex(dialog.scheme.findData("dark"))
        dialog.accept()
        assert watcher().colors is DARK
        assert window.settings.value("appearance/colors") == "dark"
    finally:
        watcher().choose("system")
