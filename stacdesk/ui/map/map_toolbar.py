"""The map's toolbar: drawing modes, zoom, covering set, the quicklook drape, the data preview
and place search.

The toolbar only holds the controls; the map panel connects them to what they do, so the panel's
wiring reads in one place and the toolbar can be laid out without touching the map's logic.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QSlider, QToolBar, QWidget

from stacdesk.ui.map.map_viewbox import DrawMode
from stacdesk.ui.toolbar_overflow import name_overflow_button

MODES = (
    (
        DrawMode.PAN,
        QT_TRANSLATE_NOOP("MapToolbar", "Pan"),
        "P",
        QT_TRANSLATE_NOOP("MapToolbar", "Pan and zoom; click a footprint to select it (P)"),
    ),
    (
        DrawMode.BBOX,
        QT_TRANSLATE_NOOP("MapToolbar", "Box"),
        "B",
        QT_TRANSLATE_NOOP("MapToolbar", "Drag a bounding box as the search area (B)"),
    ),
    (
        DrawMode.POINT,
        QT_TRANSLATE_NOOP("MapToolbar", "Point"),
        "T",
        QT_TRANSLATE_NOOP("MapToolbar", "Click a point as the search area (T)"),
    ),
    (
        DrawMode.POLYGON,
        QT_TRANSLATE_NOOP("MapToolbar", "Polygon"),
        "G",
        QT_TRANSLATE_NOOP(
            "MapToolbar",
            "Click the corners of a polygon; double-click or Enter closes it, Backspace "
            "removes the last corner, Esc cancels (G)",
        ),
    ),
)


class MapToolbar(QToolBar):
    """``mode_actions`` (one checked at a time), the zoom and area actions, and the drape's
    checkbox and opacity slider; ``place_search`` is placed last (a narrow map moves the tail
    into the overflow menu)."""

    def __init__(self, place_search: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("MapToolbar", "Map tools"), parent)
        group = QActionGroup(self)
        self.mode_actions: dict[DrawMode, QAction] = {}
        for mode, text, key, tip in MODES:
            action = QAction(self.tr(text), self, checkable=True, toolTip=self.tr(tip))
            action.setShortcut(QKeySequence(key))
            group.addAction(action)
            self.addAction(action)
            self.mode_actions[mode] = action
        self.mode_actions[DrawMode.PAN].setChecked(True)
        self.addSeparator()
        self.clear_action = self.addAction(self.tr("Clear area"))
        self.clear_action.setToolTip(self.tr("Remove the search area (Shift+Del)"))
        self.clear_action.setShortcut(QKeySequence("Shift+Del"))
        self.world_action = self.addAction(self.tr("World"))
        self.world_action.setToolTip(self.tr("Show the whole world (Home)"))
        self.world_action.setShortcut(QKeySequence("Home"))
        self.zoom_results_action = self.addAction(self.tr("Zoom to results"))
        self.zoom_selection_action = self.addAction(self.tr("Zoom to selection"))
        self.addSeparator()
        self.cover_action = self.addAction(self.tr("Covering set"))
        self.cover_action.setToolTip(
            self.tr(
                "Select the fewest results that together cover the search area, preferring recent "
                "and low-cloud scenes"
            )
        )
        self.addSeparator()
        self.quicklook_check = QCheckBox(self.tr("Quicklook"))
        self.quicklook_check.setChecked(True)
        self.quicklook_check.setToolTip(
            self.tr("Drape the selected result's quicklook on its footprint")
        )
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(80)
        self.opacity_slider.setFixedWidth(80)  # also when the bar is expanded by its ››
        self.opacity_slider.setToolTip(self.tr("Quicklook opacity"))
        self.addWidget(self.quicklook_check)
        self.addWidget(self.opacity_slider)
        self.addSeparator()
        self._add_preview_controls()
        self.addSeparator()
        self.addWidget(place_search)
        name_overflow_button(
            self, self.tr("More map tools")
        )  # a narrow map keeps the rest in its menu

    def _add_preview_controls(self) -> None:
        """The data preview: on/off (V), which bands, its opacity, which result is on top,
        clipping to the search area, and reading a whole file."""
        self.preview_action = QAction(self.tr("Preview data"), self, checkable=True)
        self.preview_action.setShortcut(QKeySequence("V"))
        self.preview_action.setToolTip(
            self.tr(
                "Show the selected result's real pixels (cloud-optimised GeoTIFFs) for the view (V)"
            )
        )
        self.addAction(self.preview_action)
        self.preview_bands = QComboBox()
        self.preview_bands.setToolTip(self.tr("Which bands the preview draws"))
        self.preview_bands.setMinimumContentsLength(14)
        self.preview_bands.setEnabled(False)
        self.addWidget(self.preview_bands)
        self.preview_opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.preview_opacity_slider.setRange(0, 100)
        self.preview_opacity_slider.setValue(100)
        self.preview_opacity_slider.setFixedWidth(80)
        self.preview_opacity_slider.setToolTip(self.tr("Preview opacity"))
        self.addWidget(self.preview_opacity_slider)
        self.preview_order = QComboBox()  # the items of stacking.ORDERS, in that order
        self.preview_order.addItems(
            [self.tr("Selected on top"), self.tr("Newest on top"), self.tr("Least cloudy on top")]
        )
        self.preview_order.setToolTip(self.tr("Which result a preview of several is drawn on top"))
        self.addWidget(self.preview_order)
        self.preview_clip_action = QAction(self.tr("Clip to area"), self, checkable=True)
        self.preview_clip_action.setToolTip(self.tr("Draw the preview only inside the search area"))
        self.addAction(self.preview_clip_action)
        self.whole_file_action = self.addAction(self.tr("Read whole file"))
        self.whole_file_action.setToolTip(
            self.tr(
                "Preview a file that is not cloud-optimised by reading all of it (the message says "
                "how much)"
            )
        )
        self.whole_file_action.setEnabled(False)
