"""Pick one or more collections: type to filter, tick to choose."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.ui.accessible import named

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CollectionPicker(QWidget):
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = named(
            QLineEdit(
                placeholderText=self.tr("Type to filter collections…"), clearButtonEnabled=True
            ),
            self.tr("Filter collections"),
        )
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(Qt.ItemDataRole.ToolTipRole)
        self.view = named(
            QListView(), self.tr("Collections"), self.tr("Tick the collections to search")
        )
        self.view.setModel(self.proxy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.model.itemChanged.connect(lambda _item: self.selection_changed.emit())

    def set_collections(
        self, collections: list[CollectionInfo], checked: set[str] | None = None
    ) -> None:
        checked = checked or set()
        self.model.clear()
        for info in collections:
            label = info.title if info.title == info.id else f"{info.title}  ({info.id})"
            item = QStandardItem(label)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(
                Qt.CheckState.Checked if info.id in checked else Qt.CheckState.Unchecked
            )
            item.setData(info.id, ID_ROLE)
            item.setToolTip(f"{info.id}\n{info.title}\n{info.description[:300]}")
            self.model.appendRow(item)
        self.selection_changed.emit()

    def checked_ids(self) -> list[str]:
        return [
            self.model.item(row).data(ID_ROLE)
            for row in range(self.model.rowCount())
            if self.model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids: set[str]) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(ID_ROLE) in ids else Qt.CheckState.Unchecked
            )
