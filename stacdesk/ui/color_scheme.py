"""The window follows the desktop's light or dark colour scheme, at start and when it changes.

Qt reports the desktop's scheme in its style hints and lets the user's choice override it
(``setColorScheme``; Settings offers system, light or dark). Widgets drawn by the style follow
by themselves where the platform provides a dark palette; where it does not (X11 without a
desktop theme) the Fusion style's dark palette is set here. What Qt does not draw — the map's
basemap and the plots — asks for ``colors()`` and re-colours itself through ``follow``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

if TYPE_CHECKING:  # the frame is painted before pyqtgraph is imported (main_window.py)
    from stacdesk.ui.plain_plot import PlainPlotWidget

SCHEME_SETTING = "appearance/colors"  # "system", "light" or "dark"


@dataclass(frozen=True)
class Colors:
    dark: bool
    land: QColor
    water: QColor
    lines: QColor
    graticule: QColor
    plot_background: QColor
    plot_foreground: QColor  # axes, ticks, labels
    all_bars: QColor  # every loaded result
    error: str  # CSS colour of error text, readable on the window's background


LIGHT = Colors(
    dark=False,
    land=QColor(236, 232, 220),
    water=QColor(200, 220, 235),
    lines=QColor(150, 150, 140),
    graticule=QColor(170, 190, 205),
    plot_background=QColor(255, 255, 255),
    plot_foreground=QColor(90, 90, 90),
    all_bars=QColor(200, 200, 200, 120),
    error="#b00020",
)
DARK = Colors(
    dark=True,
    land=QColor(58, 62, 66),
    water=QColor(28, 38, 50),
    lines=QColor(120, 125, 130),
    graticule=QColor(48, 62, 78),
    plot_background=QColor(37, 37, 38),
    plot_foreground=QColor(200, 200, 200),
    all_bars=QColor(110, 110, 110, 140),
    error="#ff8a80",
)


def dark_palette() -> QPalette:
    """Fusion's colours for a dark window, where the platform has none."""
    palette = QPalette()
    base, window, text = QColor(30, 30, 30), QColor(45, 45, 45), QColor(225, 225, 225)
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(255, 90, 90)),
        (QPalette.ColorRole.Link, QColor(110, 170, 255)),
        (QPalette.ColorRole.Highlight, QColor(42, 110, 200)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.PlaceholderText, QColor(140, 140, 140)),
    ):
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return palette


CHECK_OUTLINE_SOURCE = QColor(160, 160, 160)  # Fusion outlines a box in this darkened: ~#7a7a7a


class VisibleChecks(QProxyStyle):
    """Fusion with check boxes that stay visible on a dark base.

    Why: Fusion outlines a check box in the window colour darkened, which on a dark list or
    window is the background's own colour: unticked boxes (the collection list's, "From",
    "Cloud cover at most") vanished. On a dark base the outline is drawn from a mid grey.
    """

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        palette = option.palette
        if (
            element == QStyle.PrimitiveElement.PE_IndicatorCheckBox
            and palette.color(QPalette.ColorRole.Base).lightness() < 128
        ):
            outlined = QPalette(palette)
            outlined.setColor(QPalette.ColorRole.Window, CHECK_OUTLINE_SOURCE)
            option.palette = outlined
            super().drawPrimitive(element, option, painter, widget)
            option.palette = palette
            return
        super().drawPrimitive(element, option, painter, widget)


class SchemeWatcher(QObject):
    """One per application: ``changed`` fires with the new ``Colors``."""

    changed = Signal(object)

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.app = app
        self.choice = "system"  # or "light" / "dark": the user's choice in Settings
        self.own_palette = False  # the dark palette was set here, not by the platform
        if isinstance(app, QApplication) and app.style().name().lower() == "fusion":
            app.setStyle(VisibleChecks("fusion"))  # the platform's own styles draw their own
        self.colors = self._current()
        self._apply_palette()
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    def _current(self) -> Colors:
        if self.choice in ("light", "dark"):
            return DARK if self.choice == "dark" else LIGHT
        return DARK if self.app.styleHints().colorScheme() == Qt.ColorScheme.Dark else LIGHT

    def choose(self, choice: str) -> None:
        """The user's choice: "light", "dark", or anything else to follow the desktop. Qt is
        told too, so platforms that draw their own dark widgets do."""
        self.choice = choice if choice in ("light", "dark") else "system"
        hints = self.app.styleHints()
        if self.choice == "system":
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)
        if self._current() != self.colors:
            self._on_scheme_changed()

    def _on_scheme_changed(self) -> None:
        self.colors = self._current()
        self._apply_palette()
        self.changed.emit(self.colors)

    def _apply_palette(self) -> None:
        window_is_dark = self.app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if self.colors.dark and not window_is_dark:
            self.app.setPalette(dark_palette())
            self.own_palette = True
        elif not self.colors.dark and self.own_palette:
            self.app.setPalette(self.app.style().standardPalette())  # type: ignore[attr-defined]
            self.own_palette = False


def watcher() -> SchemeWatcher:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    found = app.findChild(SchemeWatcher)
    return found if found is not None else SchemeWatcher(app)


def colors() -> Colors:
    return watcher().colors


def follow(apply: Callable[[Colors], None]) -> None:
    """Colour now and again on every change; ``apply`` should be a QObject's method, so the
    connection ends with its object."""
    scheme = watcher()
    apply(scheme.colors)
    scheme.changed.connect(apply)


def paint_plot(widget: PlainPlotWidget, background: QColor, colors: Colors) -> None:
    """A pyqtgraph plot's background, axes and labels in the scheme's colours, and a frame in
    the highlight colour while it has the keyboard focus (the style draws none for a view)."""
    widget.setBackground(background)
    focus = QGuiApplication.palette().color(QPalette.ColorRole.Highlight).name()
    widget.setStyleSheet(
        f"QGraphicsView {{ border: 2px solid transparent; }}"
        f" QGraphicsView:focus {{ border: 2px solid {focus}; }}"
    )
    plot = widget.getPlotItem()
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(colors.plot_foreground)
        axis.setTextPen(colors.plot_foreground)
