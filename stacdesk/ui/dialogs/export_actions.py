"""File → Export results…: a small dialog over ``core.export``; the writing runs in a worker.

The dialog never blocks the event loop (``open()``, not ``exec()``), and the items are read from
the result store and written off the GUI thread, so exporting 100,000 results keeps the map alive.
While the list's filter hides results, the results it shows are the first choice (what the user is
looking at). The file goes where the last export went (first: the download folder).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from stacdesk.core.common.errors import CatalogError
from stacdesk.core.common.message import said_by
from stacdesk.core.export.writers import (
    DEFAULT_SUFFIX,
    FORMATS,
    AssetChoice,
    ExportResult,
    asset_keys,
    export_items,
)
from stacdesk.core.search.session import RESULTS
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg, shown

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from stacdesk.core.downloads.engine import DownloadEngine
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.ui.status import ShowStatus

ASSET_FORMATS = ("csv", "urls", "metalink")
KEY_SAMPLE = 500  # asset keys are collected from this many results (they rarely differ)
FOLDER_KEY = "export/folder"  # settings: where the last export was written
DEFAULT_NAME = "stacdesk-results.geojson"


class ExportDialog(QDialog):
    """Format, file, which results, and (for CSV / URL list / metalink) which assets.

    The first of ``rows_by_scope`` is chosen at first; the file is proposed in ``folder``.
    """

    def __init__(
        self,
        parent: QWidget,
        rows_by_scope: dict[str, list[int]],
        keys: list[str],
        folder: Path | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export results"))
        self.rows_by_scope = rows_by_scope
        self.format_combo = QComboBox()
        for fmt, label in FORMATS.items():
            self.format_combo.addItem(shown(label), fmt)
        self.path_edit = named(
            QLineEdit(str((folder or Path.home()) / DEFAULT_NAME)), self.tr("Export to file")
        )
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.scope_combo = QComboBox()
        for scope, rows in rows_by_scope.items():
            shown_scope = QCoreApplication.translate(
                "ExportActions", scope
            )  # the data stays English
            self.scope_combo.addItem(f"{shown_scope} ({len(rows):,})", scope)
        self.assets = named(QListWidget(), self.tr("Assets to list"))
        for key in keys:
            item = QListWidgetItem(key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.assets.addItem(item)
        self.assets_label = QLabel(self.tr("Assets (CSV columns, URL list, metalink)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("File"), path_row)
        form.addRow(self.tr("Results"), self.scope_combo)
        form.addRow(self.assets_label)
        form.addRow(self.assets)
        form.addRow(buttons)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self._on_format_changed()

    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def rows(self) -> list[int]:
        return self.rows_by_scope[str(self.scope_combo.currentData())]

    def checked_keys(self) -> tuple[str, ...]:
        return tuple(
            self.assets.item(i).text()
            for i in range(self.assets.count())
            if self.assets.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_checked_keys(self, keys: set[str]) -> None:
        for i in range(self.assets.count()):
            item = self.assets.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.text() in keys else Qt.CheckState.Unchecked
            )

    def choice(self) -> AssetChoice:
        """Checked keys; for URL lists and metalink nothing checked means every asset."""
        return AssetChoice(keys=self.checked_keys())

    @Slot()
    def _on_format_changed(self) -> None:
        uses_assets = self.fmt in ASSET_FORMATS
        self.assets.setEnabled(uses_assets)
        self.assets_label.setEnabled(uses_assets)
        path = Path(self.path_edit.text().strip() or "stacdesk-results")
        self.path_edit.setText(str(path.with_suffix(DEFAULT_SUFFIX[self.fmt])))

    @Slot()
    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path_edit.text())
        if name:
            self.path_edit.setText(name)


class ExportActions(QObject):
    """The Export results… action; ``last_result`` / ``last_error`` tell tests what happened."""

    def __init__(
        self,
        workspace: Workspace,
        settings: QSettings,
        downloads: DownloadEngine,
        show_status: ShowStatus,
        parent: QWidget,
    ) -> None:
        """``downloads`` only for its folder: the first export is proposed beside the
        downloads."""
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.downloads = downloads
        self._status = show_status
        self.parent_widget = parent
        self.export_action = QAction(self.tr("&Export results…"), parent)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip(
            self.tr("Write the results as GeoJSON, CSV, geoparquet, URLs…")
        )
        self.export_action.triggered.connect(self.ask)
        self.dialog: ExportDialog | None = None
        self.task: asyncio.Future[ExportResult] | None = None
        self.last_result: ExportResult | None = None
        self.last_error: str | None = None

    def _scopes(self) -> dict[str, list[int]]:
        """Which results may be exported; the filtered ones first while the filter hides some."""
        ws = self.workspace
        total = len(ws.search.store)
        scopes: dict[str, list[int]] = {}
        visible = ws.visible_rows
        if len(visible) == total and not bool(visible.all()):
            scopes[QT_TRANSLATE_NOOP("ExportActions", "Results shown by the filter")] = [
                int(r) for r in visible.nonzero()[0]
            ]
        scopes[QT_TRANSLATE_NOOP("ExportActions", "All results")] = list(range(total))
        if ws.selected_rows:
            scopes[QT_TRANSLATE_NOOP("ExportActions", "Selected results")] = sorted(
                ws.selected_rows
            )
        return scopes

    @Slot()
    def ask(self) -> ExportDialog | None:
        store = self.workspace.search.store
        if not len(store):
            self._status(self.tr("Nothing to export: run a search first."))
            return None
        keys = asset_keys(self.workspace.items(range(min(len(store), KEY_SAMPLE))))
        dialog = ExportDialog(self.parent_widget, self._scopes(), keys, self.folder())
        dialog.accepted.connect(self._on_accepted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def folder(self) -> Path:
        """Where the last export went (if it still exists), else the download folder."""
        last = str(self.settings.value(FOLDER_KEY, "") or "")
        if last and Path(last).is_dir():
            return Path(last)
        downloads = Path(self.downloads.folder)
        try:
            downloads.mkdir(parents=True, exist_ok=True)  # as "Open folder" does: it is ours
        except OSError:
            return Path.home()
        return downloads

    @Slot()
    def _on_accepted(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        path = Path(dialog.path_edit.text().strip()).expanduser()
        self.start_export(dialog.rows(), path, dialog.fmt, dialog.choice())

    def start_export(
        self, rows: list[int], path: Path, fmt: str, choice: AssetChoice
    ) -> asyncio.Future[ExportResult]:
        loop = asyncio.get_running_loop()
        exporting = self.tr("Exporting %1 to %2…")
        self._status(arg(exporting, RESULTS(n=len(rows)), str(path)))
        self.last_result, self.last_error = None, None
        items = self.workspace.items(rows)
        task = loop.run_in_executor(None, export_items, items, path, fmt, choice)
        task.add_done_callback(self._on_done)
        self.task = task
        return task

    def _on_done(self, task: asyncio.Future[ExportResult]) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            self.last_result = task.result()
            self.settings.setValue(FOLDER_KEY, str(self.last_result.path.parent))
            self._status(shown(self.last_result.summary()))
        else:
            self.last_error = said_by(exc) if isinstance(exc, CatalogError) else repr(exc)
            self._status(arg(self.tr("Export failed: %1"), self.last_error))
