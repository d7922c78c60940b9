"""Keep the main window on the screen it is on: analysts' laptops have 1280×720 or 1366×768.

A window larger than the screen hides the status bar and whatever docks sit past the edge, and
a window manager does not always pull it back (none does under Xvfb). So the window asks for at
most the screen's available area, a geometry saved on a bigger screen is cut down to this one,
and a window grown by a newly shown panel is moved back in.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED_SIZE = QSize(1400, 860)
# The window manager's frame is unknown until the window is shown: leave room for a title bar.
ASSUMED_FRAME = QMargins(8, 32, 8, 8)


def fit_rect(rect: QRect, area: QRect) -> QRect:
    """``rect`` moved, and shrunk where it is larger, so that it lies inside ``area``."""
    width = min(rect.width(), area.width())
    height = min(rect.height(), area.height())
    x = min(max(rect.x(), area.x()), area.x() + area.width() - width)
    y = min(max(rect.y(), area.y()), area.y() + area.height() - height)
    return QRect(x, y, width, height)


def frame_margins(window: QWidget) -> QMargins:
    """The frame around the window's client area, or an allowance while it is not known."""
    frame, inner = window.frameGeometry(), window.geometry()
    if not window.isVisible() or frame == inner:
        return ASSUMED_FRAME
    return QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )


def available_area(window: QWidget) -> QRect | None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def keep_on_screen(window: QWidget, centre: bool = False) -> None:
    """Move and shrink the window so that its frame is inside the screen's available area
    (never below its minimum size). ``centre`` also centres it: a first start's placement."""
    area = available_area(window)
    if area is None or area.isEmpty() or window.isMaximized() or window.isFullScreen():
        return
    margins = frame_margins(window)
    frame = window.geometry().marginsAdded(margins)
    if centre:
        frame.moveCenter(area.center())
    fitted = fit_rect(frame, area).marginsRemoved(margins)
    size = fitted.size().expandedTo(window.minimumSize())
    if fitted.topLeft() != window.geometry().topLeft() or size != window.size():
        window.setGeometry(QRect(fitted.topLeft(), size))


def grown_to_minimum(old: QSize, new: QSize, minimum: QSize) -> bool:
    """A resize that only a larger minimum size causes: growing to exactly the minimum (a window
    is never below its minimum, so growing onto it means the minimum went up)."""
    if not old.isValid():
        return False
    wider = new.width() > old.width() and new.width() == minimum.width()
    taller = new.height() > old.height() and new.height() == minimum.height()
    return wider or taller


def open_size(window: QWidget) -> None:
    """The size of a first start: the preferred size where the screen has room, centred."""
    window.resize(PREFERRED_SIZE)
    keep_on_screen(window, centre=True)
