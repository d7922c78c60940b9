"""Paints a result row: quicklook square, id, and a line of collection, date, cloud and platform."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from stacdesk.ui.results.model import (
    CLOUD_ROLE,
    COLLECTION_ROLE,
    DATETIME_ROLE,
    ID_ROLE,
    PLATFORM_ROLE,
    THUMBNAIL_HREF_ROLE,
)

THUMB = 48
PADDING = 6


class ResultDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), THUMB + 2 * PADDING)

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
        thumb = QRect(rect.left() + PADDING, rect.top() + PADDING, THUMB, THUMB)
        has_thumb = bool(index.data(THUMBNAIL_HREF_ROLE))
        painter.fillRect(thumb, QColor(225, 228, 232) if has_thumb else QColor(240, 240, 240))
        painter.setPen(QColor(150, 150, 150))
        painter.drawRect(thumb.adjusted(0, 0, -1, -1))
        if not has_thumb:
            painter.drawText(thumb, Qt.AlignmentFlag.AlignCenter, "no\npreview")
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
        parts = [str(index.data(COLLECTION_ROLE) or "—"), str(index.data(DATETIME_ROLE))]
        cloud = index.data(CLOUD_ROLE)
        if cloud is not None:
            parts.append(f"☁ {cloud:.0f} %")
        platform = index.data(PLATFORM_ROLE)
        if platform:
            parts.append(str(platform))
        details = painter.fontMetrics().elidedText(
            "  ·  ".join(parts), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(
            QRect(left, top + line_height + 4, width, line_height),
            Qt.AlignmentFlag.AlignLeft,
            details,
        )
        painter.restore()
