"""One event filter for file and text drops, shared by the map (area of interest) and the window
(local catalogs).

An event filter rather than ``dropEvent`` overrides because the targets are views that hand drops
to their own items (a QGraphicsView, scroll areas' viewports), and because two filters on one
viewport must be able to decline a drop to each other: the one installed last runs first, takes
what it recognises and lets the rest through.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDropEvent


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drop carries (web links are not files)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropFilter(QObject):
    """Takes a drop when ``recognise(mime)`` returns something other than None, and hands that to
    ``drop``; other drops go on to the watched widget (or the next filter)."""

    def __init__(
        self,
        recognise: Callable[[QMimeData], Any | None],
        drop: Callable[[Any], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.recognise = recognise
        self.drop = drop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent)  # drag enter and move events are drop events too
        found = self.recognise(event.mimeData())
        if found is None:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self.drop(found)
        return True
