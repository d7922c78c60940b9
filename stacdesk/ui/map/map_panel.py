"""The map dock: tools to draw the area of interest, the basemap, footprints and the selection."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from stacdesk.core.basemap import load_basemap
from stacdesk.core.geometry import Aoi
from stacdesk.core.results import ResultBatch
from stacdesk.core.workspace import Workspace
from stacdesk.resources import resource_path
from stacdesk.ui.map.basemap_layer import WATER, BasemapLayer
from stacdesk.ui.map.layers import AoiLayer, FootprintLayer
from stacdesk.ui.map.map_viewbox import DrawMode, MapViewBox

WORLD = (-180.0, 180.0, -90.0, 90.0)


class MapPanel(QWidget):
    """Subscribes to the workspace: AOI, results and selection are drawn as they change."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.viewbox = MapViewBox()
        self.plot_widget = pg.PlotWidget(viewBox=self.viewbox, background=WATER)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("bottom", "longitude (°)")
        self.plot.setLabel("left", "latitude (°)")
        self.viewbox.setLimits(xMin=-540, xMax=540, yMin=-100, yMax=100, minXRange=0.01)
        self.basemap = BasemapLayer(
            self.plot, load_basemap(resource_path("basemap", "basemap.npz"))
        )
        self.footprints = FootprintLayer(self.plot)
        self.aoi_layer = AoiLayer(self.plot)
        self.coordinates = QLabel(" ")
        self.toolbar = self._make_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.coordinates)
        self.zoom_world()

        self.viewbox.bbox_drawn.connect(self._on_bbox_drawn)
        self.viewbox.point_clicked.connect(self._on_point_clicked)
        self.viewbox.mouse_moved.connect(self._on_mouse_moved)
        self.viewbox.sigRangeChanged.connect(self._on_range_changed)
        store = workspace.search.store
        store.appended.connect(self._on_results_appended)
        store.cleared.connect(self.footprints.clear)
        workspace.aoi_changed.connect(self._on_aoi_changed)
        workspace.selection_changed.connect(self._on_selection_changed)

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("Map tools")
        group = QActionGroup(self)
        self.mode_actions: dict[DrawMode, QAction] = {}
        for mode, text, key, tip in (
            (DrawMode.PAN, "Pan", "P", "Pan and zoom the map (P)"),
            (DrawMode.BBOX, "Box", "B", "Drag a bounding box as the search area (B)"),
            (DrawMode.POINT, "Point", "T", "Click a point as the search area (T)"),
        ):
            action = QAction(text, self, checkable=True, toolTip=tip)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, m=mode: self.set_mode(m))
            group.addAction(action)
            bar.addAction(action)
            self.mode_actions[mode] = action
        self.mode_actions[DrawMode.PAN].setChecked(True)
        bar.addSeparator()
        clear = bar.addAction("Clear area")
        clear.setToolTip("Remove the search area (Shift+Del)")
        clear.setShortcut(QKeySequence("Shift+Del"))
        clear.triggered.connect(lambda: self.workspace.set_aoi(None))
        world = bar.addAction("World")
        world.setToolTip("Show the whole world (Home)")
        world.setShortcut(QKeySequence("Home"))
        world.triggered.connect(self.zoom_world)
        results = bar.addAction("Zoom to results")
        results.triggered.connect(self.zoom_to_results)
        return bar

    def set_mode(self, mode: DrawMode) -> None:
        self.viewbox.set_mode(mode)
        self.mode_actions[mode].setChecked(True)

    @Slot()
    def zoom_world(self) -> None:
        self.viewbox.setRange(xRange=WORLD[:2], yRange=WORLD[2:], padding=0.02)

    @Slot()
    def zoom_to_results(self) -> None:
        bboxes = self.workspace.search.store.bboxes
        finite = bboxes[~pg.np.isnan(bboxes).any(axis=1)] if len(bboxes) else bboxes
        if not len(finite):
            return
        self.viewbox.setRange(
            xRange=(finite[:, 0].min(), finite[:, 2].max()),
            yRange=(finite[:, 1].min(), finite[:, 3].max()),
            padding=0.05,
        )

    @Slot(float, float, float, float)
    def _on_bbox_drawn(self, west: float, south: float, east: float, north: float) -> None:
        try:
            self.workspace.set_aoi(Aoi.from_bbox(west, south, east, north))
        except ValueError as exc:
            self.coordinates.setText(f"Box not used: {exc}")

    @Slot(float, float)
    def _on_point_clicked(self, lon: float, lat: float) -> None:
        try:
            self.workspace.set_aoi(Aoi.from_point(lon, lat))
        except ValueError as exc:
            self.coordinates.setText(f"Point not used: {exc}")

    @Slot(float, float)
    def _on_mouse_moved(self, lon: float, lat: float) -> None:
        self.coordinates.setText(f"  lon {lon:9.4f}   lat {lat:8.4f}")

    def _on_range_changed(self, *_: object) -> None:
        width_px = max(1, self.viewbox.width())
        span = self.viewbox.viewRange()[0]
        self.basemap.update_for_resolution((span[1] - span[0]) / width_px)

    def _on_results_appended(self, _start: int, _end: int, batch: ResultBatch) -> None:
        self.footprints.add_batch(batch)

    def _on_aoi_changed(self) -> None:
        self.aoi_layer.show(self.workspace.aoi)

    def _on_selection_changed(self) -> None:
        row = self.workspace.selected_row
        store = self.workspace.search.store
        self.footprints.select(store.footprint(row) if row is not None else None)
