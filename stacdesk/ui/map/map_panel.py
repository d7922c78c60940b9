"""The map: basemap, drawing and editing the AOI, footprints with hover and selection shared with
the result list, the current result's quicklook, place search, AOI import and coverage."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path

import pyqtgraph as pg
import shapely
from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.catalogs.local_catalog import LocalCatalog
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
from stacdesk.ui.map.aoi_drop import AoiDropFilter
from stacdesk.ui.map.aoi_editor import AoiEditor
from stacdesk.ui.map.aoi_field import AoiField
from stacdesk.ui.map.basemap_layer import WATER, BasemapLayer
from stacdesk.ui.map.layers import FootprintLayer
from stacdesk.ui.map.map_viewbox import DrawMode, MapViewBox
from stacdesk.ui.map.place_search import PlaceSearch, place_label
from stacdesk.ui.map.quicklook_layer import QuicklookLayer
from stacdesk.ui.toolbar_overflow import name_overflow_button

WORLD = (-180.0, 180.0, -90.0, 90.0)
HIT_PIXELS = 4  # how far from a thin footprint a click or hover still picks it
CITY_HALF_SIZE = 0.25  # degrees of latitude shown either side of a city
AOI_FILE_FILTER = "Areas (*.geojson *.json *.wkt *.txt);;All files (*)"
DRAWING_KEYS = (
    Qt.Key.Key_Escape,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
)


class MapPanel(QWidget):
    """Subscribes to the workspace: AOI, results, hover and selection are drawn as they change."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.viewbox = MapViewBox()
        self.plot_widget = pg.PlotWidget(viewBox=self.viewbox, background=WATER)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", "longitude (°)")
        self.plot.setLabel("left", "latitude (°)")
        # Vertical room beyond the poles so the whole width still fits in a tall, narrow map.
        self.viewbox.setLimits(xMin=-540, xMax=540, yMin=-200, yMax=200, minXRange=0.01)
        self.basemap = BasemapLayer(
            self.plot, load_basemap(resource_path("basemap", "basemap.npz"))
        )
        self.footprints = FootprintLayer(self.plot)
        self.index = FootprintIndex()
        self.coverage = CoverageTracker(workspace, self.index)
        self.aoi_editor = AoiEditor(self.plot)
        self.quicklook = QuicklookLayer(self.plot)
        self.aoi_field = AoiField()
        self.place_search = PlaceSearch()
        self.message = QLabel(" ")
        self._quicklook_said = ""  # the drape's last message, cleared when it is done
        self.message.setWordWrap(True)
        self.coordinates = QLabel(" ")
        self.coordinates.setMinimumWidth(220)
        self.toolbar = self._make_toolbar()
        self.import_action = QAction("&Import area…", self)
        self.import_action.setToolTip("Read the search area from a GeoJSON or WKT file")
        self.import_action.triggered.connect(self.ask_for_aoi_file)
        self._quicklook_collection = ""  # for URL signing (Planetary Computer signs per collection)
        self._import_task: asyncio.Task[None] | None = None
        self._cover_task: asyncio.Task[None] | None = None

        bottom = QHBoxLayout()
        bottom.setContentsMargins(4, 0, 4, 0)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.coordinates)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.aoi_field)
        layout.addWidget(self.plot_widget, 1)
        layout.addLayout(bottom)
        self.zoom_world()

        self._drop_filter = AoiDropFilter(self)
        self.plot_widget.viewport().installEventFilter(self._drop_filter)
        self.plot_widget.installEventFilter(self)
        self._drop_filter.file_dropped.connect(self.import_aoi_file)
        self._drop_filter.text_dropped.connect(self._on_text_dropped)
        self.viewbox.bbox_drawn.connect(self._on_bbox_drawn)
        self.viewbox.point_clicked.connect(self._on_point_clicked)
        self.viewbox.polygon_drawn.connect(self._on_polygon_drawn)
        self.viewbox.map_clicked.connect(self._on_map_clicked)
        self.viewbox.mouse_moved.connect(self._on_mouse_moved)
        self.viewbox.mouse_left.connect(self._on_mouse_left)
        self.viewbox.drawing_changed.connect(self._on_drawing_changed)
        self.viewbox.sigRangeChanged.connect(self._on_range_changed)
        self.aoi_editor.edited.connect(self._apply_parsed)
        self.aoi_editor.edit_failed.connect(self.say)
        self.aoi_field.entered.connect(self._on_aoi_entered)
        self.aoi_field.failed.connect(self.say)
        self.place_search.place_chosen.connect(self.go_to_place)
        self.place_search.not_found.connect(lambda text: self.say(f"No place called “{text}”."))
        self.quicklook.status.connect(self._on_quicklook_status)
        self.coverage.changed.connect(self._on_coverage_error)
        store = workspace.search.store
        store.appended.connect(self._on_results_appended)  # before anyone asks the index
        store.cleared.connect(self._on_results_cleared)
        workspace.aoi_changed.connect(self._on_aoi_changed)
        workspace.selection_changed.connect(self._on_selection_changed)
        workspace.hover_changed.connect(self._on_hover_changed)
        workspace.visible_changed.connect(self._on_filter_changed)
        workspace.catalog_changed.connect(self._on_catalog_changed)

    # -- toolbar -------------------------------------------------------------------------------

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar("Map tools")
        group = QActionGroup(self)
        self.mode_actions: dict[DrawMode, QAction] = {}
        for mode, text, key, tip in (
            (DrawMode.PAN, "Pan", "P", "Pan and zoom; click a footprint to select it (P)"),
            (DrawMode.BBOX, "Box", "B", "Drag a bounding box as the search area (B)"),
            (DrawMode.POINT, "Point", "T", "Click a point as the search area (T)"),
            (
                DrawMode.POLYGON,
                "Polygon",
                "G",
                "Click the corners of a polygon; double-click or Enter closes it, Backspace "
                "removes the last corner, Esc cancels (G)",
            ),
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
        self.zoom_results_action = bar.addAction("Zoom to results")
        self.zoom_results_action.triggered.connect(self.zoom_to_results)
        self.zoom_selection_action = bar.addAction("Zoom to selection")
        self.zoom_selection_action.triggered.connect(self.zoom_to_selection)
        bar.addSeparator()
        self.cover_action = bar.addAction("Covering set")
        self.cover_action.setToolTip(
            "Select the fewest results that together cover the search area, preferring recent "
            "and low-cloud scenes"
        )
        self.cover_action.triggered.connect(self.select_covering_set)
        bar.addSeparator()
        self.quicklook_check = QCheckBox("Quicklook")
        self.quicklook_check.setChecked(True)
        self.quicklook_check.setToolTip("Drape the selected result's quicklook on its footprint")
        self.quicklook_check.toggled.connect(self._on_quicklook_toggled)
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(80)
        self.opacity_slider.setMaximumWidth(90)
        self.opacity_slider.setToolTip("Quicklook opacity")
        self.opacity_slider.valueChanged.connect(self._on_opacity_changed)
        bar.addWidget(self.quicklook_check)
        bar.addWidget(self.opacity_slider)
        bar.addSeparator()
        bar.addWidget(self.place_search)
        name_overflow_button(bar, "More map tools")  # a narrow map keeps the rest in its menu
        return bar

    def set_mode(self, mode: DrawMode) -> None:
        self.viewbox.set_mode(mode)
        self.mode_actions[mode].setChecked(True)
        self.aoi_editor.set_editable(mode is DrawMode.PAN)
        if mode is not DrawMode.PAN:
            self.workspace.hover(None)
        if mode is DrawMode.POLYGON:
            self.say("Click the corners; double-click or Enter closes the polygon, Esc cancels.")

    def say(self, text: str) -> None:
        """Show a message under the map (errors, repairs, coverage results)."""
        self.message.setText(text or " ")

    # -- keys while drawing -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if self._handles_key(event.key()):
                if kind == QEvent.Type.KeyPress:
                    self._on_drawing_key(event.key())
                event.accept()
                return True
        return False

    def _handles_key(self, key: int) -> bool:
        if self.viewbox.drawing:
            return key in DRAWING_KEYS
        return key == Qt.Key.Key_Escape and self.viewbox.mode is not DrawMode.PAN

    def _on_drawing_key(self, key: int) -> None:
        if key == Qt.Key.Key_Escape:
            if self.viewbox.drawing:
                self.viewbox.cancel_drawing()
                self.say("Drawing cancelled.")
            else:
                self.set_mode(DrawMode.PAN)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.viewbox.remove_last_vertex()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.viewbox.finish_polygon():
            self.say("A polygon needs at least 3 corners.")

    def _on_drawing_changed(self) -> None:
        count = len(self.viewbox.vertices)
        if count:
            self.say(f"{count} corner{'s' if count != 1 else ''}; double-click or Enter closes.")

    # -- zoom ----------------------------------------------------------------------------------

    @Slot()
    def zoom_world(self) -> None:
        self.viewbox.setRange(xRange=WORLD[:2], yRange=WORLD[2:], padding=0.02)

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
        rows = self.workspace.selected_rows
        if rows:
            self.zoom_to(self.index.bounds(rows))
        else:
            self.say("Nothing selected.")

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
        self.say(f"Showing {place_label(place)}.")

    # -- AOI -----------------------------------------------------------------------------------

    def _apply_parsed(self, parsed: ParsedAoi | None) -> None:
        self.workspace.set_aoi(None if parsed is None else parsed.aoi)
        self.say(parsed.message() if parsed is not None else "Area cleared.")

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
            self.say(f"Box not used: {exc}.")

    @Slot(float, float)
    def _on_point_clicked(self, lon: float, lat: float) -> None:
        try:
            self._apply_parsed(ParsedAoi(Aoi.from_point(lon, lat)))
        except ValueError as exc:
            self.say(f"Point not used: {exc}.")

    @Slot(object)
    def _on_polygon_drawn(self, vertices: list[tuple[float, float]]) -> None:
        # The map shows longitudes past ±180° and a margin beyond the poles: bring corners back
        # (a polygon drawn across 180° then gets split at the antimeridian).
        corners = [(wrap_lon(x), max(-90.0, min(90.0, y))) for x, y in vertices]
        try:
            self._apply_parsed(area_from_geometry(shapely.Polygon(corners), allow_point=False))
        except (AoiError, ValueError) as exc:
            self.say(f"Polygon not used: {exc}")

    def _on_aoi_changed(self) -> None:
        aoi = self.workspace.aoi
        if aoi is not self.aoi_editor.aoi:
            self.aoi_editor.show(aoi)
        self.aoi_field.show_aoi(aoi)

    @Slot()
    def ask_for_aoi_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a search area", "", AOI_FILE_FILTER)
        if path:
            self.import_aoi_file(Path(path))

    @Slot(object)
    def import_aoi_file(self, path: Path) -> asyncio.Task[None]:
        """Read the file in a worker; the AOI changes only if it holds a usable area."""
        if self._import_task is not None and not self._import_task.done():
            self._import_task.cancel()
        self.say(f"Reading {path.name}…")
        self._import_task = asyncio.ensure_future(self._import(path))
        return self._import_task

    async def _import(self, path: Path) -> None:
        loop = asyncio.get_running_loop()
        try:
            parsed = await loop.run_in_executor(None, read_aoi_file, path)
        except AoiError as exc:
            self.say(f"Area not imported: {exc}")
            return
        self._apply_parsed(parsed)
        self.say(" ".join([f"Imported the area from {path.name}.", *parsed.notes]))
        self.zoom_to(parsed.aoi.geometry.bounds, padding=0.2)

    @Slot(str)
    def _on_text_dropped(self, text: str) -> None:
        try:
            parsed = parse_aoi_text(text)
        except AoiError as exc:
            self.say(f"Area not changed: {exc}")
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

    def _hit(self, lon: float, lat: float) -> int | None:
        if not len(self.index):
            return None
        tolerance = HIT_PIXELS * self.viewbox.degrees_per_pixel()
        return self.index.hit(lon, lat, tolerance, self.workspace.visible_rows)

    @Slot(float, float)
    def _on_mouse_moved(self, lon: float, lat: float) -> None:
        self.coordinates.setText(f"  lon {lon:9.4f}   lat {lat:8.4f}")
        if self.viewbox.mode is DrawMode.PAN:
            self.workspace.hover(self._hit(lon, lat))

    @Slot()
    def _on_mouse_left(self) -> None:
        self.workspace.hover(None)

    @Slot(float, float, object)
    def _on_map_clicked(self, lon: float, lat: float, modifiers: object) -> None:
        row = self._hit(lon, lat)
        ws = self.workspace
        toggle = bool(modifiers & Qt.KeyboardModifier.ControlModifier)  # type: ignore[operator]
        if not toggle:
            ws.select(row)
            return
        if row is None:
            return
        if row in ws.selected_rows:
            rows = tuple(r for r in ws.selected_rows if r != row)
            current = ws.selected_row if ws.selected_row != row else (rows[0] if rows else None)
            ws.select_rows(rows, current)
        else:
            ws.select_rows((*ws.selected_rows, row), row)

    def _on_filter_changed(self) -> None:
        self.footprints.apply_filter(self.workspace.visible_rows)

    def _on_hover_changed(self) -> None:
        row = self.workspace.hovered_row
        self.footprints.show_hovered(self.index.rings([row]) if row is not None else None)

    def _on_selection_changed(self) -> None:
        ws = self.workspace
        current = ws.selected_row
        self.footprints.show_selection(
            self.index.rings(ws.selected_rows) if ws.selected_rows else None,
            self.index.rings([current]) if current is not None else None,
        )
        self._show_quicklook()

    # -- quicklook -----------------------------------------------------------------------------

    def _show_quicklook(self) -> None:
        row = self.workspace.selected_row
        store = self.workspace.search.store
        if row is None or row >= len(store):
            self.quicklook.show(None, None)
            return
        self._quicklook_collection = store.collections[row]
        self.quicklook.show(store.thumbnails[row], self.index.batch_rect(row))

    def _on_catalog_changed(self) -> None:
        """The drape follows the list's rules: local files only below a local catalog's folder;
        remote quicklooks with the connection's credentials (its hosts only) and signing."""
        service = self.quicklook.service
        catalog = self.workspace.catalog
        root = Path(catalog.url) if isinstance(catalog, LocalCatalog) else None
        service.set_local_root(root if root is not None and root.is_dir() else None)
        auth = getattr(self.workspace, "auth", None)
        service.set_headers_provider(getattr(auth, "headers_for", None))
        if auth is not None and getattr(auth, "signer", None) is not None:
            service.set_signer(lambda url: auth.sign_href(url, self._quicklook_collection))
        else:
            service.set_signer(None)

    @Slot(bool)
    def _on_quicklook_toggled(self, on: bool) -> None:
        self.quicklook.set_enabled(on)

    @Slot(int)
    def _on_opacity_changed(self, value: int) -> None:
        self.quicklook.set_opacity(value / 100.0)

    @Slot(str)
    def _on_quicklook_status(self, text: str) -> None:
        """The drape's news; its empty news clears only its own message, not another one's."""
        if text:
            self.say(text)
            self._quicklook_said = text
        elif self._quicklook_said and self.message.text() == self._quicklook_said:
            self.say("")

    # -- coverage ------------------------------------------------------------------------------

    @Slot()
    def select_covering_set(self) -> asyncio.Task[None] | None:
        if self.workspace.aoi is None:
            self.say("Draw or import a search area first.")
            return None
        if not len(self.index):
            self.say("No results to choose from.")
            return None
        if self._cover_task is not None and not self._cover_task.done():
            return self._cover_task
        self.say("Finding the fewest results that cover the area…")
        self._cover_task = asyncio.ensure_future(self._select_covering_set())
        return self._cover_task

    async def _select_covering_set(self) -> None:
        aoi, results = self.workspace.aoi, len(self.index)
        try:
            found = await self.coverage.covering_set(self.workspace.visible_rows)
        except Exception as exc:  # a geometry error must not take the window down
            self.say(f"Covering set not found: {exc}")
            return
        if found is None or self.workspace.aoi is not aoi or len(self.index) < results:
            return  # the area or the results changed meanwhile
        self.workspace.select_rows(found.rows)
        self.say(f"Covering set: {found.describe()}")

    def _on_coverage_error(self) -> None:
        if self.coverage.error:
            self.say(self.coverage.error)

    def _on_range_changed(self, *_: object) -> None:
        self.basemap.update_for_resolution(self.viewbox.degrees_per_pixel())

    def shutdown(self) -> None:
        """Cancel the map's background work (the window is closing)."""
        self.coverage.close()
        self.quicklook.close()
        self.aoi_editor.discard()
        for task in (self._import_task, self._cover_task):
            if task is not None and not task.done():
                task.cancel()
