"""Paints a result row: thumbnail square, id, and a line of collection, date, cloud, AOI coverage
and platform. Painting never starts a download: the ThumbnailLoader decides what to fetch.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from stacdesk.ui.core_text import arg
from stacdesk.ui.results.model import (
    CLOUD_ROLE,
    COLLECTION_ROLE,
    COVERAGE_ROLE,
    DATETIME_ROLE,
    HOVERED_ROLE,
    ID_ROLE,
    PLATFORM_ROLE,
    SOURCES_ROLE,
    THUMBNAIL_HREF_ROLE,
)
from stacdesk.ui.results.thumbnail_loader import ThumbnailLoader

THUMB = 48
PADDING = 6
ROW_HEIGHT = THUMB + 2 * PADDING
PLACEHOLDER = QColor(225, 228, 232)
NO_PREVIEW = QColor(240, 240, 240)
FAILED = QColor(190, 60, 60)
HOVER_FILL = QColor(255, 200, 0, 70)


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader: ThumbnailLoader | None = None

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        rect = option.rect
        if index.data(HOVERED_ROLE) and not option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, HOVER_FILL)  # the same result is highlighted on the map
        thumb = QRect(rect.left() + PADDING, rect.top() + PADDING, THUMB, THUMB)
        self._paint_thumbnail(painter, thumb, index.data(THUMBNAIL_HREF_ROLE))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = (
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        left = thumb.right() + PADDING * 2
        width = rect.right() - left - PADDING
        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_color)
        line_height = painter.fontMetrics().height()
        top = rect.top() + PADDING
        item_id = painter.fontMetrics().elidedText(
            str(index.data(ID_ROLE)), Qt.TextElideMode.ElideMiddle, width
        )
        painter.drawText(QRect(left, top, width, line_height), Qt.AlignmentFlag.AlignLeft, item_id)
        painter.setFont(option.font)
        details = painter.fontMetrics().elidedText(
            "  ·  ".join(row_details(index)), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(
            QRect(left, top + line_height + 4, width, line_height),
            Qt.AlignmentFlag.AlignLeft,
            details,
        )
        painter.restore()

    def _paint_thumbnail(self, painter: QPainter, box: QRect, url: object) -> None:
        if not url:
            painter.fillRect(box, NO_PREVIEW)
            self._frame(painter, box)
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.tr("no\npreview"))
            return
        url = str(url)
        image = self.loader.image(url) if self.loader else None
        if image is not None:
            size = (
                image.deviceIndependentSize()
                .toSize()
                .scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.fillRect(box, NO_PREVIEW)
            painter.drawImage(target, image)
            return
        error = self.loader.error(url) if self.loader else None
        painter.fillRect(box, PLACEHOLDER if error is None else NO_PREVIEW)
        self._frame(painter, box)
        if error is not None:  # a clear mark: a red cross over the empty square
            painter.setPen(QPen(FAILED, 2))
            inner = box.adjusted(14, 10, -14, -18)
            painter.drawLine(inner.topLeft(), inner.bottomRight())
            painter.drawLine(inner.topRight(), inner.bottomLeft())
            painter.setPen(FAILED)
            label = box.adjusted(0, THUMB - 16, 0, 0)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, self.tr("failed"))
        else:
            painter.setPen(QColor(130, 130, 130))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "…")

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """Over a failed thumbnail, the tooltip says why it failed."""
        url = index.data(THUMBNAIL_HREF_ROLE)
        box = QRect(option.rect.left() + PADDING, option.rect.top() + PADDING, THUMB, THUMB)
        error = self.loader.error(str(url)) if url and self.loader else None
        if error and box.contains(event.pos()):
            QToolTip.showText(event.globalPos(), arg(self.tr("No thumbnail: %1"), error), view)
            return True
        return super().helpEvent(event, view, option, index)

    @staticmethod
    def _frame(painter: QPainter, box: QRect) -> None:
        painter.setPen(QColor(150, 150, 150))
        painter.drawRect(box.adjusted(0, 0, -1, -1))


def row_details(index: QModelIndex | QPersistentModelIndex) -> list[str]:
    """The second line of a row: collection, date, cloud, AOI coverage, platform."""
    parts = [str(index.data(COLLECTION_ROLE) or "—"), str(index.data(DATETIME_ROLE))]
    cloud = index.data(CLOUD_ROLE)
    if cloud is not None:
        parts.append(f"☁ {cloud:.0f} %")
    coverage = coverage_text(index.data(COVERAGE_ROLE))
    if coverage:
        parts.append(coverage)
    platform = index.data(PLATFORM_ROLE)
    if platform:
        parts.append(str(platform))
    sources = index.data(SOURCES_ROLE)
    if sources and len(sources) > 1:
        parts.insert(
            0,
            QCoreApplication.translate("ResultDelegate", "%1 catalogs").replace(
                "%1", str(len(sources))
            ),
        )
    return parts


def coverage_text(fraction: float | None) -> str:
    """ "AOI 37 %"; nothing for a footprint that is a speck of a huge area (a world-sized AOI
    would read "AOI 0 %" on every row), "AOI 0 %" only for one that misses the area."""
    if fraction is None or 0.0 < fraction < 0.005:
        return ""
    return QCoreApplication.translate("ResultDelegate", "AOI %1 %").replace(
        "%1", f"{fraction * 100:.0f}"
    )
