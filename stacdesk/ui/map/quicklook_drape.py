"""Which quicklook the map drapes, and with which credentials: the current result's, fetched
with the rules of the result list (local files only below a local catalog's folder; remote ones
with the connection's credentials, its hosts only, and its signing)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from stacdesk.core.results.footprint_index import FootprintIndex
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.map.quicklook_layer import QuicklookLayer


class QuicklookDrape(QObject):
    """Follows the workspace's current result and catalog; its news goes through ``say``, and
    its empty news clears only its own message (``shown()`` is the message on screen now)."""

    def __init__(
        self,
        workspace: Workspace,
        layer: QuicklookLayer,
        index: FootprintIndex,
        say: Callable[[str], None],
        shown: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.layer = layer
        self.index = index
        self.say = say
        self.shown = shown
        self._said = ""  # the drape's last message, cleared when it is done
        self._collection = ""  # for URL signing (Planetary Computer signs per collection)
        layer.status.connect(self._on_status)
        workspace.catalog_changed.connect(self._on_catalog_changed)

    def show_current(self) -> None:
        """Drape the current result's quicklook over its bounding box (none: remove it)."""
        row = self.workspace.selected_row
        store = self.workspace.search.store
        if row is None or row >= len(store):
            self.layer.show(None, None)
            return
        self._collection = store.collections[row]
        self.layer.service.set_local_roots(self.workspace.local_folders())  # several catalogs
        self.layer.show(store.thumbnails[row], self.index.batch_rect(row))

    def _on_catalog_changed(self) -> None:
        service = self.layer.service
        service.set_local_roots(self.workspace.local_folders())
        auth = getattr(self.workspace, "auth", None)
        service.set_headers_provider(getattr(auth, "headers_for", None))
        if auth is not None and getattr(auth, "signer", None) is not None:
            service.set_signer(lambda url: auth.sign_href(url, self._collection))
        else:
            service.set_signer(None)

    @Slot(bool)
    def set_enabled(self, on: bool) -> None:
        self.layer.set_enabled(on)

    @Slot(int)
    def set_opacity_percent(self, value: int) -> None:
        self.layer.set_opacity(value / 100.0)

    @Slot(str)
    def _on_status(self, text: str) -> None:
        if text:
            self.say(text)
            self._said = text
        elif self._said and self.shown() == self._said:
            self.say("")
