"""Asks the core thumbnail service for the rows on screen (and a few ahead), and nothing else.

Why a separate object and not the delegate: painting must never start I/O, and cancelling needs
the whole picture of what is visible after a scroll. After every scroll, resize or model change
(coalesced by a zero-delay timer) the loader computes the visible rows, cancels loads of rows
that scrolled away and requests the rest. Finished thumbnails become QImages scaled for the row,
kept in a small cache, and the viewport repaints.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView

from stacdesk.core.results.store import ResultStore
from stacdesk.core.thumbnails.service import ThumbnailService
from stacdesk.core.thumbnails.values import Thumbnail
from stacdesk.ui.results.model import ResultListModel

AHEAD = 6  # rows above and below the visible ones that are loaded too
QT_CACHE_ENTRIES = 600
OWNER = "result list"  # the service may be shared (map quicklooks): cancel only our loads


class ThumbnailLoader(QObject):
    """Owns what the list shows as thumbnails: ``image(url)``, ``error(url)``, ``is_loading``."""

    def __init__(
        self,
        view: QAbstractItemView,
        model: ResultListModel,
        store: ResultStore,
        service: ThumbnailService,
        side: int,
    ) -> None:
        super().__init__(view)
        self.view, self.model, self.store, self.service = view, model, store, service
        self.side = side
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self.wanted: list[str] = []
        self._collections: dict[str, str] = {}  # url -> collection, for signing
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.refresh)
        view.verticalScrollBar().valueChanged.connect(self.schedule)
        view.viewport().installEventFilter(self)
        for signal in (
            model.rowsInserted,
            model.layoutChanged,
            model.modelReset,
        ):
            signal.connect(self.schedule)
        service.ready.connect(self._on_ready)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        return False

    @Slot()
    def schedule(self) -> None:
        self._timer.start()

    def visible_rows(self) -> range:
        """View rows on screen, plus ``AHEAD`` on either side."""
        count = self.model.rowCount()
        if count == 0 or not self.view.isVisible():
            return range(0)
        viewport = self.view.viewport()
        top = self.view.indexAt(QPoint(1, 1))
        bottom = self.view.indexAt(QPoint(1, viewport.height() - 2))
        first = top.row() if top.isValid() else 0
        last = bottom.row() if bottom.isValid() else count - 1
        return range(max(0, first - AHEAD), min(count, last + AHEAD + 1))

    @Slot()
    def refresh(self) -> None:
        """Request what is visible (nearest rows first) and cancel what scrolled away."""
        rows = self.visible_rows()
        thumbnails, collections = self.store.thumbnails, self.store.collections
        urls: list[str] = []
        for view_row in rows:
            row = self.model.store_row(view_row)
            url = thumbnails[row]
            if url and url not in urls:
                urls.append(url)
                self._collections[url] = collections[row]
        self.wanted = urls
        self.service.keep_only(urls, owner=OWNER)
        for url in urls:
            if url not in self._images and self.service.cached(url) is None:
                self.service.request(url, owner=OWNER)

    def collection_of(self, url: str) -> str | None:
        """The collection of the result a thumbnail URL belongs to (Planetary Computer signs
        per collection); safe to call from the service's worker threads."""
        return self._collections.get(url)

    def image(self, url: str) -> QImage | None:
        """The scaled image for a row, if loaded; converting from the service's memory cache."""
        image = self._images.get(url)
        if image is not None:
            self._images.move_to_end(url)
            return image
        thumbnail = self.service.cached(url)
        if thumbnail is None or not thumbnail.ok:
            return None
        return self._remember(thumbnail)

    def error(self, url: str) -> str | None:
        thumbnail = self.service.cached(url)
        return thumbnail.error if thumbnail is not None else None

    def _remember(self, thumbnail: Thumbnail) -> QImage:
        source = QImage(
            thumbnail.rgba,
            thumbnail.width,
            thumbnail.height,
            thumbnail.width * 4,
            QImage.Format.Format_RGBA8888,
        ).copy()  # own the pixels rather than borrowing Python's bytes
        ratio = self.view.devicePixelRatioF()
        size = QSize(round(self.side * ratio), round(self.side * ratio))
        image = source.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        image.setDevicePixelRatio(ratio)
        self._images[thumbnail.url] = image
        while len(self._images) > QT_CACHE_ENTRIES:
            self._images.popitem(last=False)
        return image

    def _on_ready(self, thumbnail: Thumbnail) -> None:
        if thumbnail.url in self.wanted:
            if thumbnail.ok:
                self._remember(thumbnail)
            self.view.viewport().update()

    def forget(self) -> None:
        """A new search: failures may be retried, images no longer on screen may go."""
        self.service.forget_failures()
        self.wanted = []
        self._collections = {}
