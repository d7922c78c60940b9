"""Dragging selected results out of the result list (onto the downloads panel, or out to a file
manager), added from outside: an event filter on the list's viewport, so the view and its model
know nothing of it.

Why a filter and not the view's own drag: the view's drag needs the model to declare rows
draggable and to build the MIME data; this keeps all of it here. The one subtlety is the press:
a plain press on one of several selected rows would collapse the selection to that row before a
drag could start, so such a press is held back; if the mouse moves far enough it becomes a drag
of the whole selection, and if the button is released first the press is handed to the view
after all, so a click still selects just that row. Presses on unselected rows, with Ctrl/Shift,
or with other buttons go straight to the view (selection by dragging over rows still works).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

MimeFor = Callable[[list[dict[str, Any]]], QMimeData]


class ResultDragSource(QObject):
    """Starts a drag of ``selected_items()`` from ``view``, its data made by ``mime_for``."""

    def __init__(
        self,
        view: QAbstractItemView,
        selected_items: Callable[[], list[dict[str, Any]]],
        mime_for: MimeFor,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.selected_items = selected_items
        self.mime_for = mime_for
        self._press: QMouseEvent | None = None  # a held-back press (a copy)
        self._replaying = False
        view.viewport().installEventFilter(self)

    def start_drag(self, mime: QMimeData) -> None:
        """Run the drag (blocks in Qt's drag loop until the drop)."""
        drag = QDrag(self.view)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            assert isinstance(event, QMouseEvent)
            return self._on_press(event)
        if kind == QEvent.Type.MouseMove and self._press is not None:
            assert isinstance(event, QMouseEvent)
            return self._on_move(event)
        if kind == QEvent.Type.MouseButtonRelease and self._press is not None:
            self._replay_press()  # no drag after all: the view sees the click
        return False

    def _on_press(self, event: QMouseEvent) -> bool:
        self._press = None
        if event.button() != Qt.MouseButton.LeftButton or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            return False
        index = self.view.indexAt(event.position().toPoint())
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return False
        self._press = QMouseEvent(
            event.type(),
            QPointF(event.position()),
            QPointF(event.globalPosition()),
            event.button(),
            event.buttons(),
            event.modifiers(),
        )
        return True

    def _on_move(self, event: QMouseEvent) -> bool:
        assert self._press is not None
        if not event.buttons() & Qt.MouseButton.LeftButton:
            self._press = None
            return False
        start: QPoint = self._press.position().toPoint()
        if (event.position().toPoint() - start).manhattanLength() < (
            QApplication.startDragDistance()
        ):
            return True
        self._press = None
        items = self.selected_items()
        if items:
            self.start_drag(self.mime_for(items))
        return True

    def _replay_press(self) -> None:
        press, self._press = self._press, None
        if press is None:
            return
        self._replaying = True
        try:
            QApplication.sendEvent(self.view.viewport(), press)
        finally:
            self._replaying = False
