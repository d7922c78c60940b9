"""Add URL…: a STAC API address becomes a saved connection only once its catalog opens.

Why: a mistyped or dead address saved as a connection clutters the catalog list for good. So the
address is tried first (in a worker); on failure the reason shows under the box and the typed URL
stays there to be corrected. The box is wide: STAC API addresses are long.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.connections import validate_connection as connection_problem
from stacdesk.core.catalogs.opening import check_connection
from stacdesk.core.common.errors import describe_error
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg

ERROR_STYLE = "color:#b00020"
URL_BOX_WIDTH = 560


class AddUrlDialog(QDialog):
    """Asks for a URL, opens it, and emits ``added(connection)`` once it is saved."""

    added = Signal(object)

    def __init__(self, book: ConnectionBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open a STAC API"))
        self.book = book
        self.task: asyncio.Task[None] | None = None
        self.url_edit = named(
            QLineEdit(placeholderText=self.tr("https://…/stac/v1")), self.tr("STAC API address")
        )
        self.url_edit.setMinimumWidth(URL_BOX_WIDTH)
        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("STAC API URL:")))
        layout.addWidget(self.url_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.try_url)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def try_url(self) -> asyncio.Task[None] | None:
        """Open the typed URL in a worker; None when it is refused at once (or known already)."""
        url = self.url_edit.text().strip()
        known = next((c for c in self.book.all() if c.url.rstrip("/") == url.rstrip("/")), None)
        if url and known is not None:
            self._done(known)
            return None
        connection = Connection(url or "?", url)  # named after its host once saved
        problem = (
            connection_problem(connection) if url else self.tr("Type the address of a STAC API.")
        )
        if problem:
            self._fail(problem)
            return None
        if self.task is not None and not self.task.done():
            return self.task
        self.status.setStyleSheet("")
        self.status.setText(arg(self.tr("Opening %1…"), url))
        self.open_button.setEnabled(False)
        self.task = asyncio.ensure_future(self._try(connection))
        return self.task

    async def _try(self, connection: Connection) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, check_connection, connection)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every failure is a message under the box
            self.open_button.setEnabled(True)
            said = self.tr("%1 The address was not saved.")
            self._fail(arg(said, describe_error(exc, connection.url)))
            return
        self.open_button.setEnabled(True)
        try:
            saved = self.book.add_url(connection.url)
        except OSError as exc:
            self._fail(
                self.tr("Opened, but could not be saved: %1").replace(
                    "%1", str(exc.strerror or exc)
                )
            )
            return
        self._done(saved)

    def _fail(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)
        self.adjustSize()  # room for the wrapped message
        self.url_edit.setFocus()

    def _done(self, connection: Connection) -> None:
        self.accept()
        self.added.emit(connection)

    def reject(self) -> None:
        """Cancel (or Esc, or the window's close box): a URL still being tried is dropped."""
        if self.task is not None and not self.task.done():
            self.task.cancel()
        super().reject()
