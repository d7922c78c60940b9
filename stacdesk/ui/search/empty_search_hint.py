"""Says why a search found nothing, when the collections' extents tell, with a way out.

Why: "0 results" alone leaves the user guessing whether the catalog is empty, the server broken or
the dates and area wrong; one click widens what the search asks for and runs it again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from stacdesk.core.search.extent import EmptyReason
from stacdesk.ui.core_text import shown

HINT_STYLE = "color:#8a4b00"


class EmptySearchHint(QWidget):
    """Hidden until ``show_reasons`` gets a reason; its buttons are wired by the search panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet(HINT_STYLE)
        self.whole_time_button = QPushButton(self.tr("Use the collections' whole time range"))
        self.whole_time_button.setToolTip(
            self.tr("Set From and To to the collections' extent and search")
        )
        self.whole_area_button = QPushButton(self.tr("Search the whole world"))
        self.whole_area_button.setToolTip(self.tr("Drop the search area and search again"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.whole_time_button)
        layout.addWidget(self.whole_area_button)
        self.hide()

    def show_reasons(self, reasons: list[EmptyReason]) -> None:
        kinds = {r.kind for r in reasons}
        self.label.setText(" ".join([self.tr("No results."), *(shown(r.text) for r in reasons)]))
        self.whole_time_button.setVisible("dates" in kinds)
        self.whole_area_button.setVisible("area" in kinds)
        self.setVisible(bool(reasons))
