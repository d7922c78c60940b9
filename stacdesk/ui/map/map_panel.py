"""The map: basemap, drawing and editing the AOI, footprints with hover and selection shared with
the result list, the current result's quicklook, place search, AOI import and coverage."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path

import shapely
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from stacdesk.core.common.message import said_by
from stacdesk.core.geo.aoi_parse import (
    AoiError,
    ParsedAoi,
    area_from_geometry,
    parse_aoi_text,
    read_aoi_file,
)
from stacdesk.core.geo.basemap import load_basemap
from stacdesk.core.geo.gazetteer import Place
from stacdesk.core.geo.geometry import Aoi, wrap_lon
from stacdesk.core.results.footprint_index import FootprintIndex
from stacdesk.core.results.store import ResultBatch
from stacdesk.core.workspace.coverage_tracker import CoverageTracker
from stacdesk.core.workspace.state import Workspace
from stacdesk.resources import resource_path
from stacdesk.ui.accessible import named
from stacdesk.ui.color_scheme import Colors, colors, follow, paint_plot
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.locale_format import degrees
from stacdesk.ui.map.aoi_drop import AoiDropFilter
from stacdesk.ui.map.aoi_editor import AoiEditor
from stacdesk.ui.map.aoi_field import AoiField
from stacdesk.ui.map.basemap_layer import BasemapLayer
from stacdesk.ui.map.click_selection import click_select
from stacdesk.ui.map.covering_action import CoveringSetAction
from stacdesk.ui.map.drawing_keys import DrawingKeys
from stacdesk.ui.map.layers import SELECTION_OUTLINE_LIMIT, FootprintLayer
from stacdesk.ui.map.map_keys import MapKeys
from stacdesk.ui.map.map_toolbar import MapToolbar
from stacdesk.ui.map.map_viewbox import DrawMode, MapViewBox
from stacdesk.ui.map.message_line import MessageLine
from stacdesk.ui.map.place_search import PlaceSearch, place_label
from stacdesk.ui.map.preview_drape import PreviewDrape
from stacdesk.ui.map.preview_layer import PreviewLayer
from stacdesk.ui.map.quicklook_drape import QuicklookDrape
from stacdesk.ui.map.quicklook_layer import QuicklookLayer
from stacdesk.ui.plain_plot import PlainPlotWidget
from stacdesk.ui.toolbar_overflow import host_toolbar

WORLD = (-180.0, 180.0, -90.0, 90.0)
HIT_PIXELS = 4  # how far from a thin footprint a click or hover still picks it
CITY_HALF_SIZE = 0.25  # degrees of latitude shown either side of a city


class MapPanel(QWidget):
    """Subscribes to the workspace: AOI, results, hover and selection are drawn as they change."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.viewbox = MapViewBox()
        self.plot_widget = named(
            PlainPlotWidget(self.viewbox),
            self.tr("Map"),
            self.tr("Result footprints and the search area; arrow keys pan, + and - zoom"),
        )
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", self.tr("longitude (°)"))
        self.plot.setLabel("left", self.tr("latitude (°)"))
        # Vertical room beyond the poles so the whole width still fits in a tall, narrow map.
        self.viewbox.setLimits(xMin=-540, xMax=540, yMin=-200, yMax=200, minXRange=0.01)
        self.basemap = BasemapLayer(
            self.plot, load_basemap(resource_path("basemap", "basemap.npz")), colors()
        )
        follow(self.recolor)
        self.footprints = FootprintLayer(self.plot)
        self.index = FootprintIndex()
        self.coverage = CoverageTracker(workspace, self.index)
        self.aoi_editor = AoiEditor(self.plot)
        self.quicklook = QuicklookLayer(self.plot)
        self.aoi_field = AoiField()
        self.place_search = PlaceSearch()
        self.message = MessageLine()
        self.coordinates = QLabel(" ")
        self.coordinates.setMinimumWidth(220)
        self.toolbar = MapToolbar(self.place_search, self)
        self.drape = QuicklookDrape(
            workspace, self.quicklook, self.index, self.say, self.message.text, self
        )
        self.preview = PreviewLayer(self.plot)
        self.preview_drape = PreviewDrape(workspace, self.preview, self.viewbox, self.say, self)
        self.covering_set = CoveringSetAction(workspace, self.coverage, self.index, self.say, self)
        self.import_action = QAction(self.tr("&Import area…"), self)
        self.import_action.setToolTip(self.tr("Read the search area from a GeoJSON or WKT file"))
        self.import_action.triggered.connect(self.ask_for_aoi_file)
        self._import_task: asyncio.Task[None] | None = None

        bottom = QHBoxLayout()
        bottom.setContentsMargins(4, 0, 4, 0)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.coordinates)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.aoi_field)
        layout.addWidget(self.plot_widget, 1)
        layout.addLayout(bottom)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(host_toolbar(self.toolbar, body))  # ›› shows every tool, not just actions
        self.zoom_world()

        self._drop_filter = AoiDropFilter(self)
        self.plot_widget.viewport().installEventFilter(self._drop_filter)
        self._drawing_keys = DrawingKeys(self.viewbox, self.set_mode, self.say, self)
        self.plot_widget.installEventFilter(self._drawing_keys)
        self._map_keys = MapKeys(self.viewbox, self)
        self.plot_widget.installEventFilter(self._map_keys)
        self._drop_filter.file_dropped.connect(self.import_aoi_file)
        self._drop_filter.text_dropped.connect(self._on_text_dropped)
        self.viewbox.bbox_drawn.connect(self._on_bbox_drawn)
        self.viewbox.point_clicked.connect(self._on_point_clicked)
        self.viewbox.polygon_drawn.connect(self._on_polygon_drawn)
        self.viewbox.map_clicked.connect(self._on_map_clicked)
        self.viewbox.mouse_moved.connect(self._on_mouse_moved)
        self.viewbox.mouse_left.connect(self._on_mouse_left)
        self.viewbox.drawing_changed.connect(self._drawing_keys.say_corners)
        self.viewbox.sigRangeChanged.connect(self._on_range_changed)
        self.aoi_editor.edited.connect(self._apply_parsed)
        self.aoi_editor.edit_failed.connect(self.say)
        self.aoi_field.entered.connect(self._on_aoi_entered)
        self.aoi_field.failed.connect(self.say)
        self.place_search.place_chosen.connect(self.go_to_place)
        self.place_search.not_found.connect(
            lambda text: self.say(arg(self.tr("No place called “%1”."), text))
        )
        self._wire_toolbar(self.toolbar)
        store = workspace.search.store
        store.appended.connect(self._on_results_appended)  # before anyone asks the index
        store.cleared.connect(self._on_results_cleared)
        workspace.aoi_changed.connect(self._on_aoi_changed)
        workspace.selection_changed.connect(self._on_selection_changed)
        workspace.hover_changed.connect(self._on_hover_changed)
        workspace.visible_changed.connect(self._on_filter_changed)

    # -- toolbar -------------------------------------------------------------------------------

    def _wire_toolbar(self, bar: MapToolbar) -> None:
        for mode, action in bar.mode_actions.items():
            action.triggered.connect(lambda _=False, m=mode: self.set_mode(m))
        bar.clear_action.triggered.connect(lambda: self.workspace.set_aoi(None))
        drape = self.preview_drape
        bar.preview_action.toggled.connect(drape.set_enabled)
        bar.preview_action.toggled.connect(bar.preview_bands.setEnabled)
        bar.preview_opacity_slider.valueChanged.connect(drape.set_opacity_percent)
        bar.preview_bands.currentIndexChanged.connect(drape.choose_recipe)
        bar.preview_order.currentIndexChanged.connect(drape.set_order)
        bar.preview_clip_action.toggled.connect(drape.set_clip)
        bar.whole_file_action.triggered.connect(drape.read_whole_file)
        drape.whole_file_offered.connect(bar.whole_file_action.setEnabled)
        drape.recipes_changed.connect(self._on_preview_recipes)
        bar.world_action.triggered.connect(self.zoom_world)
        bar.zoom_results_action.triggered.connect(self.zoom_to_results)
        bar.zoom_selection_action.triggered.connect(self.zoom_to_selection)
        bar.cover_action.triggered.connect(self.select_covering_set)
        bar.quicklook_check.toggled.connect(self.drape.set_enabled)
        bar.opacity_slider.valueChanged.connect(self.drape.set_opacity_percent)

    def set_mode(self, mode: DrawMode) -> None:
        self.viewbox.set_mode(mode)
        self.toolbar.mode_actions[mode].setChecked(True)
        self.aoi_editor.set_editable(mode is DrawMode.PAN)
        if mode is not DrawMode.PAN:
            self.workspace.hover(None)
        if mode is DrawMode.POLYGON:
            self._drawing_keys.say_how()

    def say(self, text: str) -> None:
        """Show a message under the map (errors, repairs, coverage results)."""
        self.message.say(text)

    # -- keys while drawing -------------------------------------------------------------------

    # -- zoom ----------------------------------------------------------------------------------

    @Slot()
    def zoom_world(self) -> None:
        self.viewbox.setRange(xRange=WORLD[:2], yRange=WORLD[2:], padding=0.02)

    def recolor(self, scheme: Colors) -> None:
        """The desktop's colour scheme changed: water, land, lines and axes follow it."""
        paint_plot(self.plot_widget, scheme.water, scheme)
        self.basemap.recolor(scheme)

    def zoom_to(self, bounds: tuple[float, float, float, float] | None, padding: float = 0.05):
        if bounds is None:
            return
        west, south, east, north = bounds
        if east - west < 1e-6 and north - south < 1e-6:
            west, east, south, north = west - 0.1, east + 0.1, south - 0.1, north + 0.1
        self.viewbox.setRange(xRange=(west, east), yRange=(south, north), padding=padding)

    @Slot()
    def zoom_to_results(self) -> None:
        self.zoom_to(self.index.bounds())

    @Slot()
    def zoom_to_selection(self) -> None:
        rows = self.workspace.selected_array
        if len(rows):
            self.zoom_to(self.index.bounds(rows))
        else:
            self.say(self.tr("Nothing selected."))

    @Slot(object)
    def go_to_place(self, place: Place) -> None:
        if place.bbox is not None:
            self.zoom_to(place.bbox, padding=0.05)
        else:
            half_lon = CITY_HALF_SIZE / max(0.2, math.cos(math.radians(place.lat)))
            self.zoom_to(
                (
                    place.lon - half_lon,
                    place.lat - CITY_HALF_SIZE,
                    place.lon + half_lon,
                    place.lat + CITY_HALF_SIZE,
                ),
                padding=0,
            )
        self.say(arg(self.tr("Showing %1."), place_label(place)))

    # -- AOI -----------------------------------------------------------------------------------

    def _apply_parsed(self, parsed: ParsedAoi | None) -> None:
        self.workspace.set_aoi(None if parsed is None else parsed.aoi)
        said = " ".join(shown(n) for n in parsed.notes) if parsed else self.tr("Area cleared.")
        self.say(said)

    @Slot(object)
    def _on_aoi_entered(self, parsed: ParsedAoi | None) -> None:
        self._apply_parsed(parsed)
        if parsed is not None:
            self._show_aoi_if_off_screen(parsed.aoi)

    def _show_aoi_if_off_screen(self, aoi: Aoi) -> None:
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        west, south, east, north = aoi.geometry.bounds
        if not (x0 <= west and east <= x1 and y0 <= south and north <= y1):
            self.zoom_to((west, south, east, north), padding=0.2)

    @Slot(float, float, float, float)
    def _on_bbox_drawn(self, west: float, south: float, east: float, north: float) -> None:
        try:
            self._apply_parsed(ParsedAoi(Aoi.from_bbox(west, south, east, north)))
        except ValueError as exc:
            self.say(arg(self.tr("Box not used: %1."), said_by(exc)))

    @Slot(float, float)
    def _on_point_clicked(self, lon: float, lat: float) -> None:
        try:
            self._apply_parsed(ParsedAoi(Aoi.from_point(lon, lat)))
        except ValueError as exc:
            self.say(arg(self.tr("Point not used: %1."), said_by(exc)))

    @Slot(object)
    def _on_polygon_drawn(self, vertices: list[tuple[float, float]]) -> None:
        # The map shows longitudes past ±180° and a margin beyond the poles: bring corners back
        # (a polygon drawn across 180° then gets split at the antimeridian).
        corners = [(wrap_lon(x), max(-90.0, min(90.0, y))) for x, y in vertices]
        try:
            self._apply_parsed(area_from_geometry(shapely.Polygon(corners), allow_point=False))
        except (AoiError, ValueError) as exc:
            self.say(arg(self.tr("Polygon not used: %1"), said_by(exc)))

    def _on_aoi_changed(self) -> None:
        aoi = self.workspace.aoi
        if aoi is not self.aoi_editor.aoi:
            self.aoi_editor.show(aoi)
        self.aoi_field.show_aoi(aoi)

    @Slot()
    def ask_for_aoi_file(self) -> None:
        kinds = self.tr("Areas (*.geojson *.json *.wkt *.txt);;All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a search area"), "", kinds)
        if path:
            self.import_aoi_file(Path(path))

    @Slot(object)
    def import_aoi_file(self, path: Path) -> asyncio.Task[None]:
        """Read the file in a worker; the AOI changes only if it holds a usable area."""
        if self._import_task is not None and not self._import_task.done():
            self._import_task.cancel()
        self.say(arg(self.tr("Reading %1…"), path.name))
        self._import_task = asyncio.ensure_future(self._import(path))
        return self._import_task

    async def _import(self, path: Path) -> None:
        loop = asyncio.get_running_loop()
        try:
            parsed = await loop.run_in_executor(None, read_aoi_file, path)
        except AoiError as exc:
            self.say(arg(self.tr("Area not imported: %1"), said_by(exc)))
            return
        self._apply_parsed(parsed)
        imported = arg(self.tr("Imported the area from %1."), path.name)
        self.say(" ".join([imported, *(shown(note) for note in parsed.notes)]))
        self.zoom_to(parsed.aoi.geometry.bounds, padding=0.2)

    @Slot(str)
    def _on_text_dropped(self, text: str) -> None:
        try:
            parsed = parse_aoi_text(text)
        except AoiError as exc:
            self.say(arg(self.tr("Area not changed: %1"), said_by(exc)))
            return
        self._on_aoi_entered(parsed)

    # -- results, hover and selection ----------------------------------------------------------

    def _on_results_appended(self, start: int, _end: int, batch: ResultBatch) -> None:
        self.index.add_batch(start, batch)
        self.footprints.add_batch(start, batch, self.workspace.visible_rows)

    def _on_results_cleared(self) -> None:
        self.index.clear()
        self.footprints.clear()
        self.quicklook.clear()
        self.preview.clear()

    def _hit(self, lon: float, lat: float) -> int | None:
        if not len(self.index):
            return None
        tolerance = HIT_PIXELS * self.viewbox.degrees_per_pixel()
        return self.index.hit(lon, lat, tolerance, self.workspace.visible_rows)

    def _on_preview_recipes(self, labels: list[str]) -> None:
        combo = self.toolbar.preview_bands
        combo.blockSignals(True)  # the drape already reads the first; no second request
        combo.clear()
        combo.addItems(labels)
        combo.blockSignals(False)

    @Slot(float, float)
    def _on_mouse_moved(self, lon: float, lat: float) -> None:
        values = self.preview.value_text(lon, lat)
        readout = values or arg(self.tr("lon %1   lat %2"), *degrees(lon, lat))
        self.coordinates.setText(f"  {readout}")
        if self.viewbox.mode is DrawMode.PAN:
            self.workspace.hover(self._hit(lon, lat))

    @Slot()
    def _on_mouse_left(self) -> None:
        self.workspace.hover(None)

    @Slot(float, float, object)
    def _on_map_clicked(self, lon: float, lat: float, modifiers: object) -> None:
        toggle = bool(modifiers & Qt.KeyboardModifier.ControlModifier)  # type: ignore[operator]
        click_select(self.workspace, self._hit(lon, lat), toggle)

    def _on_filter_changed(self) -> None:
        self.footprints.apply_filter(self.workspace.visible_rows)

    def _on_hover_changed(self) -> None:
        row = self.workspace.hovered_row
        self.footprints.show_hovered(self.index.rings([row]) if row is not None else None)

    def _on_selection_changed(self) -> None:
        ws, rows = self.workspace, self.workspace.selected_array
        current, many = ws.selected_row, len(rows) > SELECTION_OUTLINE_LIMIT
        self.footprints.show_selection(
            self.index.rings(rows) if len(rows) and not many else None,
            self.index.rings([current]) if current is not None else None,
            rows if many else None,
        )
        self.drape.show_current()
        self.preview_drape.show_current()

    @Slot()
    def select_covering_set(self) -> asyncio.Task[None] | None:
        """Select the fewest results covering the area (see ``covering_action``)."""
        return self.covering_set.run()

    def _on_range_changed(self, *_: object) -> None:
        self.basemap.update_for_resolution(self.viewbox.degrees_per_pixel())

    def shutdown(self) -> None:
        """Cancel the map's background work (the window is closing)."""
        self.coverage.close()
        self.quicklook.close()
        self.preview_drape.close()
        self.aoi_editor.discard()
        self.covering_set.cancel()
        if self._import_task is not None and not self._import_task.done():
            self._import_task.cancel()
