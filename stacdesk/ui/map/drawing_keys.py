"""Keys while drawing on the map: Esc cancels (or leaves a drawing mode), Backspace/Delete remove
the last corner, Enter closes a polygon.

An event filter on the plot widget that takes these keys as shortcut overrides too: otherwise the
window's shortcuts (Esc stops loading, Delete…) would take them first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.ui.core_text import shown
from stacdesk.ui.map.map_viewbox import DrawMode, MapViewBox

DRAWING_KEYS = (
    Qt.Key.Key_Escape,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
)


CORNERS = QT_TRANSLATE_NOOP(
    "DrawingKeys",
    "%Ln corners; double-click or Enter closes.",
    "%Ln corner; double-click or Enter closes.",
    1,
)


class DrawingKeys(QObject):
    """Acts on ``viewbox``; ``set_mode`` goes back to panning, ``say`` reports under the map."""

    def __init__(
        self,
        viewbox: MapViewBox,
        set_mode: Callable[[DrawMode], None],
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.viewbox = viewbox
        self.set_mode = set_mode
        self.say = say

    def say_how(self) -> None:
        """The polygon mode's keys, said as it starts."""
        self.say(
            self.tr("Click the corners; double-click or Enter closes the polygon, Esc cancels.")
        )

    def say_corners(self) -> None:
        """How many corners the polygon being drawn has so far."""
        count = len(self.viewbox.vertices)
        if count:
            self.say(shown(CORNERS(n=count)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if self._handles_key(event.key()):
                if kind == QEvent.Type.KeyPress:
                    self._on_key(event.key())
                event.accept()
                return True
        return False

    def _handles_key(self, key: int) -> bool:
        if self.viewbox.drawing:
            return key in DRAWING_KEYS
        return key == Qt.Key.Key_Escape and self.viewbox.mode is not DrawMode.PAN

    def _on_key(self, key: int) -> None:
        if key == Qt.Key.Key_Escape:
            if self.viewbox.drawing:
                self.viewbox.cancel_drawing()
                self.say(self.tr("Drawing cancelled."))
            else:
                self.set_mode(DrawMode.PAN)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.viewbox.remove_last_vertex()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.viewbox.finish_polygon():
            self.say(self.tr("A polygon needs at least 3 corners."))
