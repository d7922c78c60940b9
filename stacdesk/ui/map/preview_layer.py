"""The current result's data preview on the map: an RGBA image placed on its lon/lat bounds,
above the quicklook and below the footprints. Only draws what it is handed; reading happens in
the core's preview service, off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

if TYPE_CHECKING:
    from stacdesk.core.previews.preview import Preview
    from stacdesk.ui.plain_plot import PlainPlotItem

Z_PREVIEW = 6.0  # above the quicklook drape (5), below the footprints (10)


class PreviewLayer:
    """``show(preview)`` / ``clear()``; ``preview`` is what is on the map now (or None)."""

    def __init__(self, plot: PlainPlotItem) -> None:
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(Z_PREVIEW)
        self.image.hide()
        plot.addItem(self.image, ignoreBounds=True)
        self.opacity = 1.0
        self.preview: Preview | None = None

    @property
    def visible(self) -> bool:
        return self.image.isVisible()

    def set_opacity(self, opacity: float) -> None:
        self.opacity = max(0.0, min(1.0, opacity))
        self.image.setOpacity(self.opacity)

    def show(self, preview: Preview) -> None:
        west, south, east, north = preview.bounds
        pixels = np.ascontiguousarray(preview.rgba[::-1])  # the map's y grows northwards
        self.image.setImage(pixels, autoLevels=False, levels=(0, 255))
        self.image.setRect(QRectF(west, south, east - west, north - south))
        self.image.setOpacity(self.opacity)
        self.image.show()
        self.preview = preview

    def clear(self) -> None:
        self.image.hide()
        self.preview = None

    def value_text(self, lon: float, lat: float) -> str | None:
        """The band values under the cursor, for the status bar (None off the preview)."""
        if self.preview is None or not self.visible:
            return None
        point = self.preview.value_at(lon, lat)
        return point.describe() if point is not None else None
