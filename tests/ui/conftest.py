"""A real main window on the offscreen platform, with the app's asyncio-on-Qt loop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from stacdesk.config import app_paths
from stacdesk.core.catalogs.connections import ConnectionBook
from stacdesk.core.workspace.state import Workspace
from stacdesk.resources import resource_path
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.pyqtgraph_import import import_pyqtgraph

import_pyqtgraph()  # as the app does (main_window.py): the UI tests run on the same pyqtgraph


def make_window(qtbot, size: tuple[int, int] | None = (1200, 800)) -> MainWindow:
    from PySide6.QtCore import QSettings

    paths = app_paths()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    book = ConnectionBook(paths.connections_file, resource_path("sample-catalog"))
    window = MainWindow(Workspace(book), settings)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, qloop) -> Iterator[MainWindow]:
    win = make_window(qtbot)
    yield win
    win.workspace.close()


def _send_mouse(
    widget: QWidget, kind: QMouseEvent.Type, pos: QPoint, buttons: Qt.MouseButton
) -> None:
    button = (
        Qt.MouseButton.LeftButton if kind != QMouseEvent.Type.MouseMove else Qt.MouseButton.NoButton
    )
    local = QPointF(pos)
    event = QMouseEvent(
        kind,
        local,
        QPointF(widget.mapToGlobal(pos)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 6) -> None:
    """A left-button drag sent to a QGraphicsView's viewport (QTest drags don't reach it)."""
    left = Qt.MouseButton.LeftButton
    _send_mouse(widget, QMouseEvent.Type.MouseButtonPress, start, left)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        _send_mouse(widget, QMouseEvent.Type.MouseMove, point, left)
    _send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def click(widget: QWidget, pos: QPoint) -> None:
    _send_mouse(widget, QMouseEvent.Type.MouseButtonPress, pos, Qt.MouseButton.LeftButton)
    _send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, pos, Qt.MouseButton.NoButton)
