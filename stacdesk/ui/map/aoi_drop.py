"""Files and text dropped on the map become the area of interest.

An event filter on the map's viewport, because a QGraphicsView hands drops to its scene's items,
and none of those take files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent


def _local_files(event: QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class AoiDropFilter(QObject):
    """``file_dropped(Path)`` for a dropped file, ``text_dropped(str)`` for dropped text."""

    file_dropped = Signal(object)
    text_dropped = Signal(str)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if _local_files(event) or event.mimeData().hasText():
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            files = _local_files(event)
            if files:
                event.acceptProposedAction()
                self.file_dropped.emit(files[0])
                return True
            if event.mimeData().hasText():
                event.acceptProposedAction()
                self.text_dropped.emit(event.mimeData().text())
                return True
        return False
