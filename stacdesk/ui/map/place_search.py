"""Go to a place by name, offline: a search box over the bundled gazetteer with a completer.

Choosing a suggestion (or pressing Enter for the best match) emits the place; the map zooms to a
country's bounding box or around a city.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, QModelIndex, QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from stacdesk.core.geo.gazetteer import Place, default_places, search_places
from stacdesk.ui.core_text import arg

SUGGESTIONS = 12


def place_label(place: Place) -> str:
    if place.kind == "country":
        return arg(QCoreApplication.translate("PlaceSearch", "%1 (country)"), place.label)
    return place.label


class PlaceSearch(QLineEdit):
    """``place_chosen(Place)`` when the user picks a place; ``not_found(text)`` otherwise."""

    place_chosen = Signal(object)
    not_found = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Go to a place…"))
        self.setClearButtonEnabled(True)
        self.setToolTip(
            self.tr("Type a city or country (offline gazetteer) and pick it to zoom there")
        )
        self.setMaximumWidth(260)
        self.places: list[Place] = []
        self._loading: asyncio.Task[None] | None = None
        self.suggestions = QStringListModel(self)
        self.completer_ = QCompleter(self.suggestions, self)
        # The gazetteer already ranks and filters (accents, alternate names): show its list as is.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._on_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._warm_up()

    def _warm_up(self) -> bool:
        """Read the gazetteer (about a second) in a worker the first time; True once it is read."""
        if default_places.cache_info().currsize:
            return True
        if self._loading is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return False
            self._loading = asyncio.ensure_future(self._load(loop))
        return False

    async def _load(self, loop: asyncio.AbstractEventLoop) -> None:
        await loop.run_in_executor(None, default_places)
        if self.text().strip():
            self._on_text_edited(self.text())

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        if not self._warm_up():
            return  # suggestions come when the gazetteer is read
        self.places = search_places(text, limit=SUGGESTIONS) if len(text.strip()) >= 2 else []
        self.suggestions.setStringList([place_label(p) for p in self.places])
        if self.places:
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.places):
            self.choose(self.places[index.row()])

    @Slot()
    def _on_return(self) -> None:
        if self.completer_.popup().isVisible():
            return  # the completer handles Enter on a highlighted suggestion
        text = self.text().strip()
        if not text:
            return
        places = search_places(text, limit=1)
        if places:
            self.choose(places[0])
        else:
            self.not_found.emit(text)

    def choose(self, place: Place) -> None:
        self.completer_.popup().hide()
        self.setText(place_label(place))
        self.place_chosen.emit(place)
