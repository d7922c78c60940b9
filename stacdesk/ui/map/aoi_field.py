"""The area of interest as text: shown as numbers or WKT, editable, pasteable, copyable.

Enter parses the text (bbox, "lon, lat", WKT or GeoJSON); bad input leaves the AOI as it was and
says why. Esc puts the current AOI's text back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QWidget

from stacdesk.core.common.message import said_by
from stacdesk.core.geo.aoi_parse import AoiError, format_aoi, parse_aoi_text
from stacdesk.core.geo.geometry import Aoi
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg


class _AoiLineEdit(QLineEdit):
    """Esc puts the shown AOI back (and is taken before the window's Esc shortcut) when the text
    differs from it."""

    reverted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.shown_text = ""

    def _edited(self) -> bool:
        return self.text() != self.shown_text

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self._edited()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._edited():
            self.reverted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class AoiField(QWidget):
    """Emits ``entered(ParsedAoi)`` for good input and ``failed(message)`` for bad input."""

    entered = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._aoi: Aoi | None = None
        self.edit = named(_AoiLineEdit(), self.tr("Search area"))
        self.edit.setPlaceholderText(
            self.tr("west, south, east, north — or lon, lat — or WKT / GeoJSON; Enter applies")
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(
            self.tr(
                "The search area as text. Type or paste a bbox (west, south, east, north; "
                "west > east crosses the antimeridian), a point (lon, lat), WKT or GeoJSON "
                "and press Enter."
            )
        )
        # A push button leaves room for its menu arrow (a tool button's covers the text).
        self.copy_button = QPushButton(self.tr("Copy as"))
        menu = QMenu(self.copy_button)
        for label, style in (
            (self.tr("bbox numbers"), "bbox"),
            ("WKT", "wkt"),
            ("GeoJSON", "geojson"),
        ):
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, s=style: self.copy(s))
        self.copy_button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("Area:")))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.copy_button)
        self.edit.returnPressed.connect(self.apply)
        self.edit.reverted.connect(self._show_current)

    def show_aoi(self, aoi: Aoi | None) -> None:
        """Show the workspace's AOI (replacing whatever was typed)."""
        self._aoi = aoi
        self._show_current()

    @Slot()
    def _show_current(self) -> None:
        self.edit.shown_text = format_aoi(self._aoi) if self._aoi is not None else ""
        self.edit.setText(self.edit.shown_text)
        self.edit.setCursorPosition(0)

    @Slot()
    def apply(self) -> None:
        text = self.edit.text()
        if not text.strip():
            if self._aoi is not None:
                self.entered.emit(None)
            return
        try:
            parsed = parse_aoi_text(text)
        except AoiError as exc:
            self.failed.emit(arg(self.tr("Area not changed: %1"), said_by(exc)))
            return
        self.entered.emit(parsed)

    def copy(self, style: str) -> None:
        if self._aoi is not None:
            QGuiApplication.clipboard().setText(format_aoi(self._aoi, style))
