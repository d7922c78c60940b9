"""The current result's data preview on the map: an RGBA image placed on its lon/lat bounds,
above the quicklook and below the footprints. Only draws what it is handed; reading happens in
the core's preview service, off the GUI thread."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QLocale, QRectF

from stacdesk.ui.core_text import arg
from stacdesk.ui.locale_format import degrees

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
        if point is None:
            return None
        values = "  ".join(
            f"{name} {self._value(v)}" for name, v in zip(point.names, point.values, strict=False)
        )
        template = QCoreApplication.translate("PreviewLayer", "%1   at lon %2 lat %3")
        return arg(template, values, *degrees(point.lon, point.lat, width=0))

    @staticmethod
    def _value(value: float) -> str:
        """Integers as integers (digital numbers), others to four significant digits, in the
        locale's writing."""
        if not math.isfinite(value):
            return QCoreApplication.translate("PreviewLayer", "no data")
        locale = QLocale()
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # "10000", as a DN
        if value == round(value) and abs(value) < 1e9:
            return locale.toString(int(value))
        return locale.toString(float(value), "g", 4)
