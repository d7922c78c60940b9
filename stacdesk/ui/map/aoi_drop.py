"""Files and text dropped on the map become the area of interest.

A drop filter on the map's viewport, because a QGraphicsView hands drops to its scene's items,
and none of those take files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal

from stacdesk.ui.drop_filter import DropFilter, local_files


def _file_or_text(mime: QMimeData) -> Path | str | None:
    """The first dropped file, else the dropped text (GeoJSON or WKT), else None."""
    files = local_files(mime)
    if files:
        return files[0]
    return mime.text() if mime.hasText() else None


class AoiDropFilter(DropFilter):
    """``file_dropped(Path)`` for a dropped file, ``text_dropped(str)`` for dropped text."""

    file_dropped = Signal(object)
    text_dropped = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_file_or_text, self._emit, parent)

    def _emit(self, found: Path | str) -> None:
        if isinstance(found, Path):
            self.file_dropped.emit(found)
        else:
            self.text_dropped.emit(found)
