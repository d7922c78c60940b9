"""The application icon (window title bars, task bars, the About box) from the bundled PNGs."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from stacdesk.resources import resource_path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Every bundled size, so Qt never scales one up; PNG needs no SVG plugin at run time."""
    icon = QIcon()
    for size in SIZES:
        path = resource_path("icons", f"stacdesk-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon
