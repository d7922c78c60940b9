"""The application icon in every format a platform wants, made from one hand-written SVG.

``resources/icons/stacdesk.svg`` is the source. ``render_pngs`` draws it at the usual icon sizes
with QtSvg (PNGs are committed, so the app and the Linux desktop entry need no SVG support at
run time); ``write_ico`` and ``write_icns`` pack those PNGs for Windows and macOS with Pillow, at
build time, so no binary icon container is kept in the repository.

Run ``uv run python packaging/icons.py`` after editing the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
SVG = ICONS / "stacdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / f"stacdesk-{size}.png"


def render_pngs(svg: Path = SVG, sizes: tuple[int, ...] = PNG_SIZES) -> list[Path]:
    """Draw the SVG at each size (antialiased, transparent corners) into resources/icons/."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG QtSvg can draw")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        path = png_path(size)
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def _largest_png():
    from PIL import Image

    return Image.open(png_path(max(PNG_SIZES))).convert("RGBA")


def write_ico(target: Path) -> Path:
    """A Windows .ico with the sizes Explorer and the taskbar ask for."""
    from PIL import Image

    target.parent.mkdir(parents=True, exist_ok=True)
    images = [Image.open(png_path(s)).convert("RGBA") for s in ICO_SIZES]
    images[-1].save(target, format="ICO", append_images=images[:-1])
    return target


def write_icns(target: Path) -> Path:
    """A macOS .icns (Pillow writes it on any platform; it scales from the 512 px PNG)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _largest_png().save(target, format="ICNS")
    return target


if __name__ == "__main__":
    for path in render_pngs():
        print(path.relative_to(REPO))
    sys.exit(0)
