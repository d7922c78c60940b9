"""Each catalog's part of a multi-catalog search: its count, its state, its error, a Retry.

One catalog failing, slow or asking for credentials never stops the others; this line says which
one and lets the user ask it again alone. Hidden for a single-catalog search.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QLabel, QWidget

from stacdesk.core.search.session import SearchState
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.color_scheme import colors
from stacdesk.ui.core_text import number, shown

STATE_WORDS = {
    SearchState.LOADING: QT_TRANSLATE_NOOP("SourceStatus", "loading…"),
    SearchState.MORE: QT_TRANSLATE_NOOP("SourceStatus", "more available"),
    SearchState.DONE: QT_TRANSLATE_NOOP("SourceStatus", "complete"),
    SearchState.IDLE: QT_TRANSLATE_NOOP("SourceStatus", "stopped"),
}


class SourceStatus(QLabel):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setAccessibleName(self.tr("Catalogs searched"))
        self.linkActivated.connect(self._on_link)
        workspace.search.changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        several = self.workspace.several
        if self.workspace.search is not several or not several.sources:
            self.hide()
            return
        lines = []
        for source in several.sources:
            name = html.escape(source.name)
            received = number(source.received)
            if source.state is SearchState.FAILED:
                error = html.escape(shown(source.error) or self.tr("failed"))
                retry = html.escape(self.tr("Retry"))
                lines.append(
                    f"<span style='color:{colors().error}'>{name}: {received} — {error}</span> "
                    f"<a href='retry:{html.escape(source.name, quote=True)}'>{retry}</a>"
                )
            else:
                state = QCoreApplication.translate("SourceStatus", STATE_WORDS[source.state])
                lines.append(f"{name}: {received} — {html.escape(state)}")
        self.setText("<br>".join(lines))
        self.show()

    @Slot(str)
    def _on_link(self, link: str) -> None:
        if link.startswith("retry:"):
            self.workspace.retry_source(link.removeprefix("retry:"))
