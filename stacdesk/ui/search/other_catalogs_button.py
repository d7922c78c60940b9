""" "Also search": the saved catalogs searched together with the open one.

A menu of the saved connections, ticked ones searched too; the button names them, so a search
that will go to several catalogs says so before it runs. The choice is the workspace's
(``OtherCatalogs``); the window remembers it between runs.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.core_text import arg

MAX_NAMED = 2  # more chosen catalogs are counted, not named, on the button


class OtherCatalogsButton(QToolButton):
    match_requested = Signal()  # "Match collections…": the search panel knows the ticked ones

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # as wide as the panel, like the buttons above it: sized to its text, the menu's arrow
        # was drawn over the text's end
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            self.tr(
                "Search these saved catalogs too: the same product found in several of them "
                "becomes one result that lists every catalog holding it"
            )
        )
        self.setAccessibleName(self.tr("Also search other catalogs"))
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self._fill)
        self.setMenu(self.menu_)
        workspace.others.changed.connect(self._show_choice)
        workspace.catalog_changed.connect(self._show_choice)
        self._show_choice()

    def _candidates(self) -> list:
        open_name = self.workspace.connection.name if self.workspace.connection else None
        return [c for c in self.workspace.book.all() if c.name != open_name]

    @Slot()
    def _fill(self) -> None:
        self.menu_.clear()
        chosen = {c.name for c in self.workspace.others.chosen}
        candidates = self._candidates()
        if not candidates:
            none = self.menu_.addAction(self.tr("No other saved catalog (add one with Add URL…)"))
            none.setEnabled(False)
            return
        for connection in candidates:
            action = QAction(connection.name, self.menu_, checkable=True)
            action.setChecked(connection.name in chosen)
            action.setToolTip(connection.url)
            action.toggled.connect(lambda on, c=connection: self._toggle(c, on))
            self.menu_.addAction(action)
        if chosen:
            self.menu_.addSeparator()
            self.menu_.addAction(self.tr("Match collections…"), self.match_requested.emit)
            self.menu_.addAction(self.tr("Search the open catalog only"), lambda: self.choose([]))

    def _toggle(self, connection, on: bool) -> None:
        others = [c for c in self.workspace.others.chosen if c.name != connection.name]
        self.choose([*others, connection] if on else others)

    def choose(self, connections: list) -> None:
        self.workspace.others.choose(connections)

    def choose_names(self, names: list[str]) -> None:
        """Restore a remembered choice (names no longer saved are dropped)."""
        by_name = {c.name: c for c in self.workspace.book.all()}
        self.choose([by_name[n] for n in names if n in by_name])

    @Slot()
    def _show_choice(self) -> None:
        open_name = self.workspace.connection.name if self.workspace.connection else None
        names = [c.name for c in self.workspace.others.chosen if c.name != open_name]
        if not names:
            self.setText(self.tr("Also search: no other catalog"))
        elif len(names) <= MAX_NAMED:
            self.setText(arg(self.tr("Also search: %1"), ", ".join(names)))
        else:
            self.setText(self.tr("Also search: %n catalogs", "", len(names)))
