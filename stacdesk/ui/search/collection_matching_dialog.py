"""Match collections between catalogs: for each chosen collection, what every other catalog
searched is asked for (the proposal from what the collections hold, one of that catalog's own
collections, or nothing). Choices are the workspace's ``CollectionOverrides``, kept between runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.search.source_queries import proposed, reference_collections
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.core_text import arg

NOT_SEARCHED = QT_TRANSLATE_NOOP("CollectionMatchingDialog", "Not searched there")

Choice = tuple[str, ...] | None  # None: the proposal; (): nothing


class CollectionMatchingDialog(QDialog):
    def __init__(
        self, workspace: Workspace, collection_ids: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Match collections between catalogs"))
        self.workspace = workspace
        self.collection_ids = list(collection_ids)
        self.status = QLabel(self.tr("Opening the other catalogs…"))
        self.status.setWordWrap(True)
        self.table = QTableWidget(len(self.collection_ids), 0)
        self.table.setVerticalHeaderLabels(self.collection_ids)
        self.table.setAccessibleName(self.tr("Collections searched in each catalog"))
        # (catalog, collection) -> the combo and the choice behind each of its entries
        self.cells: dict[tuple[str, str], tuple[QComboBox, list[Choice]]] = {}
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Reset
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        reset = buttons.button(QDialogButtonBox.StandardButton.Reset)
        reset.setText(self.tr("Use the proposals"))
        reset.clicked.connect(self.use_proposals)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 320)
        self.loading = asyncio.ensure_future(self._load())

    async def _load(self) -> None:
        workspace = self.workspace
        if workspace.connection is None:
            self.status.setText(self.tr("Open a catalog first."))
            return
        listings = await workspace.others.listings(
            (workspace.connection.name, workspace.collections)
        )
        lists = [v for v in listings.values() if not isinstance(v, str)]
        reference = reference_collections(lists)
        others = list(listings.items())[1:]
        self.table.setColumnCount(len(others))
        self.table.setHorizontalHeaderLabels([name for name, _ in others])
        for column, (name, listing) in enumerate(others):
            chosen = workspace.others.overrides.of(name)
            for row, cid in enumerate(self.collection_ids):
                if isinstance(listing, str):  # did not open: the status line says why
                    cell = QTableWidgetItem(self.tr("not opened"))
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    cell.setToolTip(listing)
                    self.table.setItem(row, column, cell)
                    continue
                self._add_combo(row, column, name, cid, listing, reference, chosen.get(cid))
        self.table.resizeColumnsToContents()
        text = (
            self.tr(
                "Each chosen collection is searched in the other catalogs as proposed from what "
                "their collections hold; pick another one where the proposal is wrong."
            )
            if self.collection_ids
            else self.tr(
                "Tick collections in the search panel first: their matches are shown here."
            )
        )
        failed = [f"{name}: {why}" for name, why in others if isinstance(why, str)]
        self.status.setText("\n".join([text, *failed]))

    def _add_combo(
        self,
        row: int,
        column: int,
        catalog: str,
        cid: str,
        listing: list[CollectionInfo] | None,
        reference: dict[str, CollectionInfo],
        current: tuple[str, ...] | None,
    ) -> None:
        combo = QComboBox()
        combo.setAccessibleName(arg(self.tr("%1 in %2"), cid, catalog))
        found = proposed(cid, listing, reference)
        choices: list[Choice] = [None]
        combo.addItem(arg(self.tr("Proposed: %1"), ", ".join(found) or self.tr("nothing")))
        for info in listing or ():
            combo.addItem(info.id)
            choices.append((info.id,))
        if current is not None and current not in choices:  # several ids chosen before
            combo.addItem(", ".join(current) or self.tr(NOT_SEARCHED))
            choices.append(current)
        if () not in choices:
            combo.addItem(self.tr(NOT_SEARCHED))
            choices.append(())
        combo.setCurrentIndex(choices.index(current))
        self.table.setCellWidget(row, column, combo)
        self.cells[(catalog, cid)] = (combo, choices)

    def use_proposals(self) -> None:
        for combo, _choices in self.cells.values():
            combo.setCurrentIndex(0)

    def accept(self) -> None:
        overrides = self.workspace.others.overrides
        for (catalog, cid), (combo, choices) in self.cells.items():
            overrides.set(catalog, cid, choices[combo.currentIndex()])
        super().accept()
