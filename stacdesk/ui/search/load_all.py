"""Search → Load all results: pages a search to its end, asking first when it is large.

Paging a million results takes long and holds them all in the list, map and plots, so above a
threshold (remembered in the settings, 1,000,000 at first) the window says how many the search
matches (the server's count, or the estimate ``core.search.match_count`` explains) and offers
to load them all, only the next 10,000, or nothing. Stop (Esc) pauses the paging; Resume goes on
to the same end without asking a page twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.search.match_count import (
    DEFAULT_ASK_ABOVE,
    MatchCount,
    needs_asking,
    session_count,
)
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from stacdesk.core.workspace.state import Workspace

ASK_ABOVE_KEY = "search/ask_above"  # settings: above how many results "Load all" asks
NEXT_CHUNK = 10_000  # the middle choice: this many more, then stop


def ask_above(settings: QSettings) -> int:
    """The remembered threshold (the default when unset or unreadable)."""
    try:
        value = int(settings.value(ASK_ABOVE_KEY, DEFAULT_ASK_ABOVE))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_ASK_ABOVE
    return value if value > 0 else DEFAULT_ASK_ABOVE


class LargeSearchDialog(QDialog):
    """The count, what loading it all means, and the choices; ``choice`` is "all", "next" or
    None (keep what is loaded)."""

    def __init__(self, parent: QWidget, count: MatchCount, loaded: int, threshold: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("A large search"))
        self.choice: str | None = None
        left = max(0, count.count - loaded)
        self.message = QLabel(
            arg(
                self.tr(
                    "This search matches %1.\n\n%2 are loaded. Loading the other %3 takes a "
                    "long time and keeps them all in the list, the map and the plots; Stop "
                    "(Esc) pauses it and Resume goes on."
                ),
                count.describe(),
                loaded,
                left,
            )
        )
        self.message.setWordWrap(True)
        self.threshold = named(
            QSpinBox(minimum=1, maximum=1_000_000_000, singleStep=100_000, value=threshold),
            self.tr("Ask above this many results"),
        )
        self.threshold.setGroupSeparatorShown(True)
        form = QFormLayout()
        form.addRow(self.tr("Ask only above"), self.threshold)
        buttons = QDialogButtonBox()
        self.all_button = QPushButton(self.tr("Load all"))
        self.next_button = QPushButton(self.tr("Load the next {n:,}").format(n=NEXT_CHUNK))
        self.cancel_button = QPushButton(self.tr("Keep what is loaded"))
        buttons.addButton(self.all_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setDefault(True)  # the safe choice on Return
        self.all_button.clicked.connect(self._choose_all)
        self.next_button.clicked.connect(self._choose_next)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @Slot()
    def _choose_all(self) -> None:
        self.choice = "all"
        self.accept()

    @Slot()
    def _choose_next(self) -> None:
        self.choice = "next"
        self.accept()


class LoadAllAction(QObject):
    """The action, and the question it asks when the search is large."""

    asked = Signal(object)  # the dialog, once open (tests answer it)

    def __init__(self, workspace: Workspace, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.workspace, self.settings, self._parent = workspace, settings, parent
        self.action = QAction(self.tr("Load &all results"), parent)
        self.action.setToolTip(self.tr("Page the search to its end (asks first when it is large)"))
        self.action.triggered.connect(self.start)
        self.dialog: LargeSearchDialog | None = None

    @Slot()
    def start(self) -> None:
        """Load all at once, or ask first when the search matches more than the threshold."""
        ws = self.workspace
        session = ws.search
        if not session.can_fetch_more or session.loading_to_end:
            return
        query = session.query
        chosen = set(query.collections) if query is not None else set()
        collections = [c for c in ws.collections if not chosen or c.id in chosen]
        count = session_count(session, collections)
        threshold = ask_above(self.settings)
        if not needs_asking(count, None, threshold):
            ws.load_all()
            return
        assert count is not None
        self.dialog = LargeSearchDialog(self._parent, count, len(session.store), threshold)
        self.dialog.finished.connect(self._on_answer)
        self.dialog.open()
        self.asked.emit(self.dialog)

    @Slot(int)
    def _on_answer(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        if dialog.choice is not None:
            self.settings.setValue(ASK_ABOVE_KEY, dialog.threshold.value())
        if dialog.choice == "all":
            self.workspace.load_all()
        elif dialog.choice == "next":
            self.workspace.load_all(len(self.workspace.search.store) + NEXT_CHUNK)
        dialog.deleteLater()
