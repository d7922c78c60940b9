"""The map by keyboard: arrow keys pan a tenth of the view, + and - zoom about its centre.

An event filter on the plot widget, so the map answers keys while it has the focus (Tab reaches
it) and the window's shortcuts keep theirs elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from stacdesk.ui.map.map_viewbox import MapViewBox

PAN_STEP = 0.1  # of the view's width or height
ZOOM_STEP = 0.8  # the view's size after one "+"
PANS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, 1),
    Qt.Key.Key_Down: (0, -1),
}
ZOOMS = {Qt.Key.Key_Plus: ZOOM_STEP, Qt.Key.Key_Equal: ZOOM_STEP, Qt.Key.Key_Minus: 1 / ZOOM_STEP}


class MapKeys(QObject):
    def __init__(self, viewbox: MapViewBox, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.viewbox = viewbox

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        if key not in PANS and key not in ZOOMS:
            return False
        if kind == QEvent.Type.KeyPress:
            self._act(key)
        event.accept()
        return True

    def _act(self, key: Qt.Key) -> None:
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        if key in PANS:
            dx, dy = PANS[key]
            shift_x, shift_y = dx * PAN_STEP * (x1 - x0), dy * PAN_STEP * (y1 - y0)
            self.viewbox.setRange(
                xRange=(x0 + shift_x, x1 + shift_x), yRange=(y0 + shift_y, y1 + shift_y), padding=0
            )
        else:
            self.viewbox.scaleBy((ZOOMS[key], ZOOMS[key]))
