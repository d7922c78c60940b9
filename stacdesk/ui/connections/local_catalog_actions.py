"""File → Open local catalog…, and catalog files dropped onto the window.

A local catalog becomes a saved connection (kind ``local``), so it appears in the catalog list and
is searched by the same panel as an API. Drops on the map go to the area-of-interest importer
unless the file is clearly STAC items (``looks_like_catalog``): this filter sits in front of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractScrollArea, QFileDialog, QWidget

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.catalogs.local_formats import looks_like_catalog
from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.drop_filter import DropFilter, local_files

if TYPE_CHECKING:
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.ui.search.search_panel import SearchPanel
    from stacdesk.ui.status import ShowStatus

OPENED = QT_TRANSLATE_NOOP(
    "LocalCatalogOpener", "Opened %1 (%Ln items).", "Opened %1 (%Ln item).", 1
)
FILE_PATTERNS = "*.parquet *.geoparquet *.ndjson *.jsonl *.ndjson.gz *.json *.geojson"


def _dropped_catalog(mime: QMimeData) -> Path | None:
    """The first dropped file that is clearly STAC items or a catalog, else None."""
    return next((path for path in local_files(mime) if looks_like_catalog(path)), None)


class LocalCatalogOpener(QObject):
    """Owns the open action and the drop handling; ``open_path`` is the one way in."""

    def __init__(
        self,
        workspace: Workspace,
        search_panel: SearchPanel,
        show_status: ShowStatus,
        drop_target: QWidget,
    ) -> None:
        """``drop_target`` (the window) takes catalog files dropped anywhere on it, and parents
        the file dialog."""
        super().__init__(drop_target)
        self.workspace = workspace
        self.search_panel = search_panel
        self._status = show_status
        self.parent_widget = drop_target
        self.open_action = QAction(self.tr("Open &local catalog…"), drop_target)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip(
            self.tr(
                "Open stac-geoparquet, ndjson, GeoJSON items or a catalog.json folder from disk"
            )
        )
        self.open_action.triggered.connect(self.ask_for_path)
        self.dialog: QFileDialog | None = None
        self.drop_filter = DropFilter(_dropped_catalog, self.open_path, self)
        drop_target.setAcceptDrops(True)
        drop_target.installEventFilter(self.drop_filter)
        # The map's viewport takes file drops for the AOI; this filter, installed later, runs first.
        for area in drop_target.findChildren(QAbstractScrollArea):
            if area.viewport().acceptDrops():
                area.viewport().installEventFilter(self.drop_filter)
        workspace.catalog_changed.connect(self._on_catalog_changed)

    def _on_catalog_changed(self) -> None:
        """What reading a local catalog skipped (bad lines, web links) goes to the status bar."""
        catalog = self.workspace.catalog
        problems = getattr(catalog, "problems", None) if isinstance(catalog, LocalCatalog) else None
        if problems:
            opened = shown(OPENED(catalog.title, n=len(catalog)))
            text = " ".join([opened, *(shown(problem) for problem in problems)])
            self._status(text)

    @Slot()
    def ask_for_path(self) -> None:
        """A non-blocking file dialog; picking a ``catalog.json`` opens its whole tree."""
        dialog = QFileDialog(
            self.parent_widget,
            self.tr("Open a local STAC catalog"),
            "",
            arg(self.tr("STAC items (%1);;All files (*)"), FILE_PATTERNS),
        )
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
        book = self.workspace.book
        connection = book.add_local(path)
        panel = self.search_panel
        panel.reload_connections()
        panel.open_connection(connection)
        return connection
