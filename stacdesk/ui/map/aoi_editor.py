"""The area of interest on the map, editable by dragging handles (pyqtgraph ROI objects).

Boxes get corner and side handles, simple polygons a handle per vertex (click an edge to add one),
points a draggable target. Shapes the handles can't edit faithfully (multi-polygons, holes, boxes
across the antimeridian, very long outlines) are drawn as an outline; the AOI field edits those.
Handles only show in pan mode, so drawing a new shape over the old one never grabs a handle.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shapely
from PySide6.QtCore import QObject, QTimer, Signal

from stacdesk.core.common.message import said_by
from stacdesk.core.geo.aoi_parse import AoiError, ParsedAoi, area_from_geometry
from stacdesk.core.geo.geometry import Aoi
from stacdesk.ui.core_text import arg
from stacdesk.ui.map.layers import AOI_PEN
from stacdesk.ui.plain_plot import PlainPlotItem

#: Polygons with more vertices are shown as an outline: a handle per vertex would be unusable.
MAX_HANDLES = 200
HANDLE_PEN = pg.mkPen(220, 60, 20, width=1)


def editable(aoi: Aoi) -> bool:
    if aoi.kind == "point":
        return True
    if aoi.bbox is not None:
        return aoi.bbox[0] < aoi.bbox[2]
    geometry = aoi.geometry
    return (
        isinstance(geometry, shapely.Polygon)
        and not geometry.interiors
        and len(geometry.exterior.coords) - 1 <= MAX_HANDLES
    )


class AoiEditor(QObject):
    """Draws ``show(aoi)``; emits ``edited(ParsedAoi)`` after a handle drag, or ``edit_failed``."""

    edited = Signal(object)
    edit_failed = Signal(str)

    def __init__(self, plot: PlainPlotItem) -> None:
        super().__init__()
        self._plot = plot
        self._outline = pg.PlotCurveItem(pen=AOI_PEN, connect="finite")
        self._marker = pg.ScatterPlotItem(size=12, brush=pg.mkBrush(220, 60, 20), pen=None)
        for item in (self._outline, self._marker):
            item.setZValue(60)
            plot.addItem(item, ignoreBounds=True)
        self.roi: pg.ROI | pg.TargetItem | None = None
        self._aoi: Aoi | None = None
        self._editable = True

    @property
    def aoi(self) -> Aoi | None:
        return self._aoi

    def show(self, aoi: Aoi | None) -> None:
        self._aoi = aoi
        self._rebuild()

    def set_editable(self, editable_: bool) -> None:
        if editable_ != self._editable:
            self._editable = editable_
            self._rebuild()

    def discard(self) -> None:
        """Take the handles off the ROI, then the ROI off the map, while both are in the scene.

        ROIs and their handles reference each other; left to Python's cycle collector after Qt
        has deleted (or stopped owning) them, a handle's wrapper crashes the interpreter. Taking
        them apart in this order frees each one deterministically.
        """
        roi, self.roi = self.roi, None
        if roi is None:
            return
        roi.blockSignals(True)  # removing handles reports region changes: not user edits
        if isinstance(roi, pg.PolyLineROI):
            roi.clearPoints()
        elif isinstance(roi, pg.ROI):
            for handle in roi.getHandles():
                roi.removeHandle(handle)
        self._plot.removeItem(roi)

    def _rebuild(self) -> None:
        self.discard()
        self._outline.setData([], [])
        self._marker.setData([], [])
        aoi = self._aoi
        if aoi is None:
            return
        if self._editable and editable(aoi):
            self.roi = self._make_roi(aoi)
            self.roi.setZValue(60)
            self._plot.addItem(self.roi, ignoreBounds=True)
        elif aoi.kind == "point":
            self._marker.setData([aoi.geometry.x], [aoi.geometry.y])
        else:
            self._draw_outline(aoi)

    def _draw_outline(self, aoi: Aoi) -> None:
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        for polygon in getattr(aoi.geometry, "geoms", [aoi.geometry]):
            for ring in (polygon.exterior, *polygon.interiors):
                coords = np.asarray(ring.coords)
                xs += [coords[:, 0], np.array([np.nan])]
                ys += [coords[:, 1], np.array([np.nan])]
        self._outline.setData(np.concatenate(xs), np.concatenate(ys), connect="finite")

    def _make_roi(self, aoi: Aoi) -> pg.ROI | pg.TargetItem:
        if aoi.kind == "point":
            target = pg.TargetItem(
                (aoi.geometry.x, aoi.geometry.y),
                size=14,
                pen=pg.mkPen(220, 60, 20, width=2),
                brush=pg.mkBrush(220, 60, 20, 90),
                movable=True,
            )
            target.sigPositionChangeFinished.connect(self._on_point_moved)
            return target
        if aoi.bbox is not None:
            west, south, east, north = aoi.bbox
            roi = pg.ROI(
                (west, south),
                (east - west, north - south),
                pen=AOI_PEN,
                handlePen=HANDLE_PEN,
                movable=False,
                rotatable=False,
                removable=False,
            )
            for corner in ((0, 0), (1, 0), (1, 1), (0, 1)):
                roi.addScaleHandle(corner, (1 - corner[0], 1 - corner[1]))
            for side, center in (((0.5, 0), (0.5, 1)), ((0.5, 1), (0.5, 0))):
                roi.addScaleHandle(side, center)
            for side, center in (((0, 0.5), (1, 0.5)), ((1, 0.5), (0, 0.5))):
                roi.addScaleHandle(side, center)
            roi.sigRegionChangeFinished.connect(self._on_box_edited)
            return roi
        coords = np.asarray(aoi.geometry.exterior.coords)[:-1]
        roi = pg.PolyLineROI(
            [tuple(p) for p in coords],
            closed=True,
            pen=AOI_PEN,
            handlePen=HANDLE_PEN,
            movable=False,
            rotatable=False,
            removable=False,
        )
        roi.sigRegionChangeFinished.connect(self._on_polygon_edited)
        return roi

    def handle_positions(self) -> list[tuple[float, float]]:
        """Where the ROI's handles are, in lon/lat (for tests and for the polygon's vertices)."""
        roi = self.roi
        if not isinstance(roi, pg.ROI):
            return []
        points = []
        for handle in roi.getHandles():
            mapped = roi.mapToParent(handle.pos())  # handles are children of the ROI
            points.append((mapped.x(), mapped.y()))
        return points

    def _on_box_edited(self, roi: pg.ROI) -> None:
        pos, size = roi.pos(), roi.size()
        xs = sorted((pos.x(), pos.x() + size.x()))
        ys = sorted((pos.y(), pos.y() + size.y()))
        try:
            aoi = Aoi.from_bbox(xs[0], ys[0], xs[1], ys[1])
        except ValueError as exc:
            self.edit_failed.emit(arg(self.tr("Box not changed: %1."), said_by(exc)))
            QTimer.singleShot(0, self._rebuild)
            return
        self._emit(ParsedAoi(aoi))

    def _on_polygon_edited(self, _roi: pg.ROI) -> None:
        vertices = self.handle_positions()
        try:
            parsed = area_from_geometry(shapely.Polygon(vertices), allow_point=False)
        except (AoiError, ValueError) as exc:
            self.edit_failed.emit(arg(self.tr("Polygon not changed: %1"), said_by(exc)))
            QTimer.singleShot(0, self._rebuild)
            return
        self._emit(parsed)

    def _on_point_moved(self, target: pg.TargetItem) -> None:
        pos = target.pos()
        try:
            aoi = Aoi.from_point(pos.x(), pos.y())
        except ValueError as exc:
            self.edit_failed.emit(arg(self.tr("Point not moved: %1."), said_by(exc)))
            QTimer.singleShot(0, self._rebuild)
            return
        self._emit(ParsedAoi(aoi))

    def _emit(self, parsed: ParsedAoi) -> None:
        # Rebuilding mid-signal would delete the item that is emitting: remember the AOI (so the
        # workspace's echo is recognised and ignored) and redraw it once the drag has ended.
        self._aoi = parsed.aoi
        self.edited.emit(parsed)
        QTimer.singleShot(0, self._rebuild)
