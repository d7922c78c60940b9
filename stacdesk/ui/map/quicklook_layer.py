"""The current result's quicklook draped on its bounding box, under the footprint outlines.

Items carry no georeferencing for their thumbnails, so the image is stretched over the item's bbox
(split in two when the bbox crosses the antimeridian). Pixels come from the shared thumbnail
service (its own instance at map size: 1024 px, its own memory and disk cache), so the drape gets
the same credentials, URL signing and local-file rules as the result list.
"""

from __future__ import annotations

import asyncio

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Signal

from stacdesk.core.thumbnails.service import ThumbnailService
from stacdesk.core.thumbnails.values import Thumbnail, ThumbnailSettings
from stacdesk.ui.core_text import arg
from stacdesk.ui.plain_plot import PlainPlotItem

#: Drape resolution, and a small cache: a handful of recent quicklooks at this size.
QUICKLOOK_SETTINGS = ThumbnailSettings(
    max_concurrent=2, max_side=1024, memory_limit_mb=48.0, disk_limit_mb=200.0
)
Z_DRAPE = 5.0  # above the basemap (< 0), below the footprints (10)

Bbox = tuple[float, float, float, float]


def _pixels(image: Thumbnail) -> np.ndarray:
    """Rows bottom-up (the map's y grows northwards), as ImageItem wants in row-major order."""
    rgba = np.frombuffer(image.rgba, dtype=np.uint8).reshape(image.height, image.width, 4)
    return np.ascontiguousarray(rgba[::-1])


class QuicklookLayer(QObject):
    """``show(href, bbox)`` fetches and drapes; ``status(text)`` reports loading and failures."""

    status = Signal(str)
    shown = Signal()

    def __init__(self, plot: PlainPlotItem, service: ThumbnailService | None = None) -> None:
        super().__init__()
        self._plot = plot
        self.service = service or ThumbnailService(QUICKLOOK_SETTINGS)
        self.images = [pg.ImageItem(axisOrder="row-major"), pg.ImageItem(axisOrder="row-major")]
        for image in self.images:
            image.setZValue(Z_DRAPE)
            image.hide()
            plot.addItem(image, ignoreBounds=True)
        self.opacity = 0.8
        self.enabled = True
        self._task: asyncio.Task[None] | None = None
        self._wanted: tuple[str, Bbox] | None = None
        self.href: str | None = None  # what is on the map now

    def set_opacity(self, opacity: float) -> None:
        self.opacity = max(0.0, min(1.0, opacity))
        for image in self.images:
            image.setOpacity(self.opacity)

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if not enabled:
            self._hide()
        elif self._wanted is not None:
            self.show(*self._wanted)

    @property
    def visible(self) -> bool:
        return any(image.isVisible() for image in self.images)

    def clear(self) -> None:
        self._wanted = None
        self._cancel()
        self._hide()

    def close(self) -> None:
        self.clear()
        self.service.close()

    def _hide(self) -> None:
        self.href = None
        for image in self.images:
            image.hide()

    def _cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def show(self, href: str | None, bbox: Bbox | None) -> None:
        """Drape ``href`` over ``bbox`` (None for either hides the drape)."""
        self._cancel()
        if href is None or bbox is None:
            self._wanted = None
            self._hide()
            return
        self._wanted = (href, bbox)
        if not self.enabled:
            return
        cached = self.service.cached(href)
        if cached is not None:
            self._show_result(cached, bbox)
            return
        self._hide()
        self.status.emit(self.tr("Loading the quicklook…"))
        self._task = asyncio.ensure_future(self._load(href, bbox))

    async def _load(self, href: str, bbox: Bbox) -> None:
        thumbnail = await self.service.load(href)
        if self._wanted == (href, bbox) and self.enabled:
            self._show_result(thumbnail, bbox)

    def _show_result(self, thumbnail: Thumbnail, bbox: Bbox) -> None:
        if thumbnail.ok:
            self._drape(thumbnail, bbox)
        else:
            self._hide()
            self.status.emit(arg(self.tr("No quicklook: %1."), thumbnail.error))

    def _drape(self, thumbnail: Thumbnail, bbox: Bbox) -> None:
        pixels = _pixels(thumbnail)
        west, south, east, north = bbox
        height = north - south
        if west <= east:
            parts = [(pixels, QRectF(west, south, east - west, height))]
        else:  # across the antimeridian: the columns west of 180° and those east of -180°
            span = (180.0 - west) + (east + 180.0)
            split = round(pixels.shape[1] * (180.0 - west) / span)
            split = min(max(split, 1), pixels.shape[1] - 1)
            parts = [
                (pixels[:, :split], QRectF(west, south, 180.0 - west, height)),
                (pixels[:, split:], QRectF(-180.0, south, east + 180.0, height)),
            ]
        for image in self.images:
            image.hide()
        for image, (data, rect) in zip(self.images, parts, strict=False):
            image.setImage(np.ascontiguousarray(data), autoLevels=False, levels=(0, 255))
            image.setRect(rect)
            image.setOpacity(self.opacity)
            image.show()
        self.href = thumbnail.url
        self.status.emit("")
        self.shown.emit()
