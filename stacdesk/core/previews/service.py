"""One preview at a time, read in a worker: a new request (the view moved, the selection
changed) cancels the one before it, and the disk cache answers a view seen before.

Why one at a time: the map shows one item's preview; reads that nobody will see only delay the
one that matters, on a machine whose cores the GUI also needs. The service knows
``concurrent.futures``, not Qt or asyncio: the window wraps the futures it gets.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from stacdesk.core.previews.access import Access
from stacdesk.core.previews.bands import Recipe
from stacdesk.core.previews.cache import PreviewCache, view_key
from stacdesk.core.previews.errors import PreviewError
from stacdesk.core.previews.preview import Bbox, Preview
from stacdesk.core.previews.reader import PreviewCancelled, Reader

MAX_READERS = 32


class PreviewService:
    """``request`` returns a future of a ``Preview``; it fails with ``PreviewError`` (a message
    for the item) or ``PreviewCancelled`` (superseded: whatever it came to, even a failure)."""

    def __init__(self, access: Access | None = None, cache: PreviewCache | None = None) -> None:
        self._readers: dict[Access, Reader] = {}
        self.reader = self.reader_for(access or Access())
        self._cache = cache
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="stacdesk-previews")
        self._cancel = threading.Event()

    @property
    def cache(self) -> PreviewCache:
        if self._cache is None:  # made on first use: start-up does not touch the cache folder
            self._cache = PreviewCache()
        return self._cache

    def reader_for(self, access: Access) -> Reader:
        """One reader per access (an item's credentials, signing and S3 options), so its probes
        and stretches are kept while the user pans; a few dozen are remembered."""
        reader = self._readers.pop(access, None) or Reader(access)
        self._readers[access] = reader  # the most recent last
        while len(self._readers) > MAX_READERS:
            del self._readers[next(iter(self._readers))]
        return reader

    def set_access(self, access: Access) -> None:
        """The access single previews are read with from now on."""
        self.reader = self.reader_for(access)

    def request(
        self, recipe: Recipe, view: Bbox, width: int, height: int, whole_file: bool = False
    ) -> Future[Preview]:
        """Read ``recipe`` for ``view`` at ``width``×``height`` screen pixels (cancels the last)."""
        self.cancel()
        cancel = self._cancel = threading.Event()
        reader = self.reader
        return self._executor.submit(
            self._read, reader, cancel, recipe, view, width, height, whole_file
        )

    def request_mosaic(
        self,
        items: Sequence[tuple[str, Recipe, Access]],
        view: Bbox,
        width: int,
        height: int,
        clip: Any = None,
    ) -> Future[tuple[Preview, list[str]]]:
        """Several items in one preview (see ``mosaic``), each with its own access, clipped to
        ``clip`` (a lon/lat shapely shape) when given: the preview and a message per item left
        out (cancels the last request)."""
        from stacdesk.core.previews.mosaic import read_mosaic

        self.cancel()
        cancel = self._cancel = threading.Event()
        parts = [(name, recipe, self.reader_for(access)) for name, recipe, access in items]

        def read() -> tuple[Preview, list[str]]:
            if cancel.is_set():
                raise PreviewCancelled
            try:
                mosaic = read_mosaic(parts, view, width, height, cancel.is_set, clip)
            except PreviewError:
                if cancel.is_set():
                    raise PreviewCancelled from None
                raise
            if cancel.is_set():
                raise PreviewCancelled
            return mosaic

        return self._executor.submit(read)

    def cancel(self) -> None:
        self._cancel.set()

    def close(self) -> None:
        self.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _read(
        self,
        reader: Reader,
        cancel: threading.Event,
        recipe: Recipe,
        view: Bbox,
        width: int,
        height: int,
        whole_file: bool,
    ) -> Preview:
        if cancel.is_set():
            raise PreviewCancelled
        try:
            versions = {href: reader.source(href).version for href in recipe.hrefs}
            key = view_key(recipe, view, width, height, versions)
            cached = self.cache.get(key)
            if cached is not None:
                return cached
            preview = reader.read_view(recipe, view, width, height, whole_file, cancel.is_set)
        except PreviewError:
            if cancel.is_set():  # superseded: its failure is nobody's news
                raise PreviewCancelled from None
            raise
        self.cache.put(key, preview)
        if cancel.is_set():
            raise PreviewCancelled
        return preview
