"""The window follows a dark or light colour scheme: the widgets' palette, the map's water,
land and axes and the plots re-coloured when the scheme changes (issue #22)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.ui.color_scheme import DARK, LIGHT, watcher
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.search.collection_picker import CollectionPicker


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


def lightest(widget, x: int, y: int, width: int, height: int) -> int:
    """The lightest pixel of a rectangle of ``widget`` as drawn now."""
    image = widget.grab().toImage()
    return max(
        QColor(image.pixel(i, j)).lightness()
        for i in range(x, min(x + width, image.width()))
        for j in range(y, min(y + height, image.height()))
    )


def test_unticked_boxes_stay_visible_in_the_dark_scheme(qtbot, window: MainWindow) -> None:
    """Fusion outlined an unticked box in the dark window's own colour: the collection list's
    boxes, "From" and "Cloud cover at most" vanished (issue #22)."""
    picker = CollectionPicker()
    qtbot.addWidget(picker)
    picker.set_collections([CollectionInfo("s2", "Sentinel-2"), CollectionInfo("s1", "S-1")])
    picker.resize(300, 200)
    box = QCheckBox("From")
    qtbot.addWidget(box)
    scheme = watcher()
    try:
        scheme.choose("dark")
        picker.show()
        box.show()
        qtbot.waitExposed(picker)
        base = QApplication.palette().color(QPalette.ColorRole.Base).lightness()
        role = QPalette.ColorRole.Base
        qtbot.waitUntil(
            lambda: max(w.palette().color(role).lightness() for w in (picker, box)) == base
        )
        row = picker.view.visualRect(picker.proxy.index(0, 0))
        viewport = picker.view.viewport()
        indicator = lightest(viewport, row.x(), row.y(), row.height(), row.height())
        assert indicator - base >= 60, (indicator, base)  # an outline one can see
        assert lightest(box, 0, 0, box.height(), box.height()) - base >= 60
    finally:
        scheme.choose("system")
