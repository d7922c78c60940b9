"""Tools → Settings… (Ctrl+,): the download folder, the layout template (with an example path),
download limits, and the thumbnail concurrency and disk cache size.

Values are checked before anything is kept (``core.downloads.preferences``): a folder that can't
be written or a template that is unknown or leaves the folder is refused, the reason shown under
the form and the dialog left open. Accepted values go to the settings file, to the running
download engine (new jobs use them; running ones go on) and to the result list's thumbnail
service (new loads use the new concurrency; a smaller disk cache is trimmed at once).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.downloads.engine import DownloadEngine
from stacdesk.core.downloads.layout import FIELDS
from stacdesk.core.downloads.preferences import (
    CONCURRENCY_RANGE,
    PER_HOST_RANGE,
    PreferenceError,
    check_preferences,
    example_path,
)
from stacdesk.core.thumbnails.service import ThumbnailService
from stacdesk.core.thumbnails.values import ThumbnailSettings
from stacdesk.ui.color_scheme import SCHEME_SETTING, colors, watcher
from stacdesk.ui.core_text import arg
from stacdesk.ui.downloads.downloads_setup import save_preferences
from stacdesk.ui.translation import LANGUAGE_SETTING, LANGUAGES

if TYPE_CHECKING:
    from stacdesk.ui.status import ShowStatus

THUMBNAIL_CONCURRENCY_RANGE = (1, 32)
THUMBNAIL_CACHE_MB_RANGE = (1, 100_000)


def thumbnail_settings(settings: QSettings) -> ThumbnailSettings:
    """The ``[thumbnails]`` group as the results list reads it."""
    settings.beginGroup("thumbnails")
    values = {key: settings.value(key) for key in settings.childKeys()}
    settings.endGroup()
    return ThumbnailSettings.from_mapping(values)


def _spin(bounds: tuple[int, int], value: float, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*bounds)
    spin.setValue(min(bounds[1], max(bounds[0], round(value))))
    if suffix:
        spin.setSuffix(suffix)
    return spin


SCHEMES = (  # labels shown through tr() in the dialog's context
    (QT_TRANSLATE_NOOP("SettingsDialog", "As the desktop"), "system"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "Light"), "light"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "Dark"), "dark"),
)


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: QSettings,
        engine: DownloadEngine,
        thumbnails: ThumbnailService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.engine = engine
        self.thumbnails = thumbnails
        current = engine.settings
        thumbs = thumbnail_settings(settings)

        self.folder = QLineEdit(str(engine.folder))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.template = QLineEdit(current.template)
        self.template.setToolTip(
            self.tr("Fields: %1. Folders with /.").replace(
                "%1", ", ".join("{" + f + "}" for f in sorted(FIELDS))
            )
        )
        self.preview = QLabel(wordWrap=True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.max_concurrent = _spin(CONCURRENCY_RANGE, current.max_concurrent)
        self.per_host = _spin(PER_HOST_RANGE, current.per_host)
        downloads = QGroupBox(self.tr("Downloads"))
        form = QFormLayout(downloads)
        form.addRow(self.tr("Folder:"), folder_row)
        form.addRow(self.tr("Layout:"), self.template)
        form.addRow(self.tr("Example:"), self.preview)
        form.addRow(self.tr("At once:"), self.max_concurrent)
        form.addRow(self.tr("Per server:"), self.per_host)

        self.thumb_concurrent = _spin(THUMBNAIL_CONCURRENCY_RANGE, thumbs.max_concurrent)
        self.thumb_cache_mb = _spin(THUMBNAIL_CACHE_MB_RANGE, thumbs.disk_limit_mb, " MB")
        thumbnails = QGroupBox(self.tr("Thumbnails"))
        thumb_form = QFormLayout(thumbnails)
        thumb_form.addRow(self.tr("At once:"), self.thumb_concurrent)
        thumb_form.addRow(self.tr("Disk cache:"), self.thumb_cache_mb)

        self.scheme = QComboBox()
        for label, value in SCHEMES:
            self.scheme.addItem(self.tr(label), value)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(watcher().choice)))
        self.language = QComboBox()
        for label, value in LANGUAGES:
            self.language.addItem(self.tr(label), value)
        chosen = str(settings.value(LANGUAGE_SETTING, "system"))
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.language.setToolTip(self.tr("Takes effect at the next start"))
        appearance = QGroupBox(self.tr("Appearance"))
        appearance_form = QFormLayout(appearance)
        appearance_form.addRow(self.tr("Colours:"), self.scheme)
        appearance_form.addRow(self.tr("Language:"), self.language)

        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(f"color: {colors().error};")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(downloads)
        layout.addWidget(thumbnails)
        layout.addWidget(appearance)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.template.textChanged.connect(self.update_preview)
        self.folder.textChanged.connect(self.update_preview)
        self.update_preview()
        self.resize(640, self.sizeHint().height())

    @Slot()
    def update_preview(self) -> None:
        """The example path as typed (no disk access: the folder is checked on OK)."""
        folder = Path(self.folder.text().strip() or ".").expanduser()
        try:
            self.preview.setText(str(example_path(self.template.text(), folder)))
            self.preview.setStyleSheet("")
        except PreferenceError as exc:
            self.preview.setText(str(exc))
            self.preview.setStyleSheet(f"color: {colors().error};")

    @Slot()
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Download folder"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def accept(self) -> None:
        """Check, keep and apply; a refused value leaves the dialog open with the reason."""
        try:
            prefs = check_preferences(
                self.folder.text(),
                self.template.text(),
                self.max_concurrent.value(),
                self.per_host.value(),
            )
        except PreferenceError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.engine.configure(prefs.folder, prefs.template, prefs.max_concurrent, prefs.per_host)
        save_preferences(self.settings, prefs)
        self.settings.setValue("thumbnails/max_concurrent", self.thumb_concurrent.value())
        self.settings.setValue("thumbnails/disk_limit_mb", self.thumb_cache_mb.value())
        self.settings.setValue(SCHEME_SETTING, self.scheme.currentData())
        self.settings.setValue(LANGUAGE_SETTING, self.language.currentData())
        self.settings.sync()
        watcher().choose(str(self.scheme.currentData()))
        if self.thumbnails is not None:
            self.thumbnails.apply_limits(self.thumb_concurrent.value(), self.thumb_cache_mb.value())
        super().accept()


class SettingsOpener(QObject):
    """The Settings… action (Ctrl+,) and the dialog it opens (one at a time, not modal)."""

    def __init__(
        self,
        settings: QSettings,
        downloads: DownloadEngine,
        thumbnails: ThumbnailService,
        show_status: ShowStatus,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.downloads = downloads
        self.thumbnails = thumbnails
        self._status = show_status
        self.parent_widget = parent
        self.dialog: SettingsDialog | None = None
        self.action = QAction(self.tr("&Settings…"), parent)
        keys = {"Ctrl+,": QKeySequence("Ctrl+,")}  # the platform's own key too (⌘, on macOS)
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences):
            if not key.isEmpty():
                keys.setdefault(key.toString(), key)
        self.action.setShortcuts(list(keys.values()))
        self.action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action.triggered.connect(self.open)

    @Slot()
    def open(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        self.dialog = SettingsDialog(
            self.settings, self.downloads, self.thumbnails, self.parent_widget
        )
        self.dialog.accepted.connect(self._on_accepted)
        self.dialog.open()

    @Slot()
    def _on_accepted(self) -> None:
        self._status(
            arg(self.tr("Settings saved. Downloads go to %1."), str(self.downloads.folder))
        )
