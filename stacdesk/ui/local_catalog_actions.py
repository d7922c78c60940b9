"""File → Open local catalog…, and catalog files dropped onto the window.

A local catalog becomes a saved connection (kind ``local``), so it appears in the catalog list and
is searched by the same panel as an API. Drops on the map go to the area-of-interest importer
unless the file is clearly STAC items (``looks_like_catalog``): this filter sits in front of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractScrollArea, QFileDialog

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.catalogs.local_formats import looks_like_catalog
from stacdesk.core.common import plural

if TYPE_CHECKING:
    from stacdesk.ui.main_window import MainWindow

FILE_FILTER = (
    "STAC items (*.parquet *.geoparquet *.ndjson *.jsonl *.ndjson.gz *.json *.geojson);;"
    "All files (*)"
)


def _dropped_catalog(event: QDropEvent) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if looks_like_catalog(path):
                return path
    return None


class LocalCatalogOpener(QObject):
    """Owns the open action and the drop handling; ``open_path`` is the one way in."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.open_action = QAction("Open &local catalog…", window)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip(
            "Open stac-geoparquet, ndjson, GeoJSON items or a catalog.json folder from disk"
        )
        self.open_action.triggered.connect(self.ask_for_path)
        self.dialog: QFileDialog | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        # The map's viewport takes file drops for the AOI; this filter, installed later, runs first.
        for area in window.findChildren(QAbstractScrollArea):
            if area.viewport().acceptDrops():
                area.viewport().installEventFilter(self)
        window.workspace.catalog_changed.connect(self._on_catalog_changed)

    def _on_catalog_changed(self) -> None:
        """What reading a local catalog skipped (bad lines, web links) goes to the status bar."""
        catalog = self.window.workspace.catalog
        problems = getattr(catalog, "problems", None) if isinstance(catalog, LocalCatalog) else None
        if problems:
            items = plural.count(len(catalog), "item")
            text = f"Opened {catalog.title} ({items}). " + " ".join(problems)
            self.window.statusBar().showMessage(text, 15000)

    @Slot()
    def ask_for_path(self) -> None:
        """A non-blocking file dialog; picking a ``catalog.json`` opens its whole tree."""
        dialog = QFileDialog(self.window, "Open a local STAC catalog", "", FILE_FILTER)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self._on_file_selected)
        self.dialog = dialog
        dialog.open()

    @Slot(str)
    def _on_file_selected(self, name: str) -> None:
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> Connection:
        """Remember the catalog as a connection and open it in the search panel."""
        book = self.window.workspace.book
        connection = book.add_local(path)
        panel = self.window.search_panel
        panel.reload_connections()
        panel.open_connection(connection)
        return connection

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDropEvent)
            if _dropped_catalog(event) is not None:
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = _dropped_catalog(event)
            if path is not None:
                event.acceptProposedAction()
                self.open_path(path)
                return True
        return False
