"""One preview at a time, read in a worker: a new request (the view moved, the selection
changed) cancels the one before it, and the disk cache answers a view seen before.

Why one at a time: the map shows one item's preview; reads that nobody will see only delay the
one that matters, on a machine whose cores the GUI also needs. The service knows
``concurrent.futures``, not Qt or asyncio: the window wraps the futures it gets.

A worker thread probes the files and asks for the headers (the caller's credentials hooks run
here); the decoding, warping and colouring run in a worker process (``process``), so they hold
neither the window's GIL nor, at their lower priority, the core it paints on. A file the user
chose to read whole is read in the thread (its bytes stay in this process).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from stacdesk.core.previews.access import Access, Source, gdal_options
from stacdesk.core.previews.bands import Recipe
from stacdesk.core.previews.cache import PreviewCache, view_key
from stacdesk.core.previews.errors import PreviewError
from stacdesk.core.previews.mosaic import NothingDrawn, problem_lines
from stacdesk.core.previews.preview import Bbox, Preview
from stacdesk.core.previews.process import ReadingProcess, Unrecognised
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
        self._process = ReadingProcess()  # started now: its imports overlap the user's choice

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
        reader, mine = self.reader, self._process.generation
        return self._executor.submit(
            self._read, reader, (cancel, mine), recipe, view, width, height, whole_file
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
        self.cancel()
        cancel = self._cancel = threading.Event()
        mine = self._process.generation
        parts = [(name, recipe, self.reader_for(access)) for name, recipe, access in items]

        def read() -> tuple[Preview, list[str]]:
            sources: dict[str, Source | str] = {}
            for _, recipe, reader in parts:
                if cancel.is_set():
                    raise PreviewCancelled
                for href in recipe.hrefs:
                    try:
                        sources[href] = _with_headers(reader, href)
                    except PreviewError as error:  # the mosaic names the item
                        sources[href] = str(error)
            named = [(name, recipe) for name, recipe, _ in parts]
            readers = {name: reader for name, _, reader in parts}
            try:
                mosaic = self._process.mosaic(mine, sources, named, view, (width, height), clip)
            except NothingDrawn as nothing:
                if cancel.is_set():
                    raise PreviewCancelled from None
                failures = [(name, _named(readers[name], e)) for name, e in nothing.failures]
                raise PreviewError(problem_lines(failures, nothing.left_out)[0]) from None
            except PreviewError:
                if cancel.is_set():
                    raise PreviewCancelled from None
                raise
            if cancel.is_set():
                raise PreviewCancelled
            failures = [(name, _named(readers[name], error)) for name, error in mosaic.failures]
            return mosaic.preview, problem_lines(failures, mosaic.left_out)

        return self._executor.submit(read)

    def cancel(self) -> None:
        self._cancel.set()
        self._process.cancel()

    def close(self) -> None:
        self.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._process.close()

    def _read(
        self,
        reader: Reader,
        request: tuple[threading.Event, int],
        recipe: Recipe,
        view: Bbox,
        width: int,
        height: int,
        whole_file: bool,
    ) -> Preview:
        cancel, mine = request
        if cancel.is_set():
            raise PreviewCancelled
        try:
            sources = {href: _with_headers(reader, href) for href in recipe.hrefs}
            versions = {href: source.version for href, source in sources.items()}
            key = view_key(recipe, view, width, height, versions)
            cached = self.cache.get(key)
            if cached is not None:
                return cached
            if whole_file:
                preview = reader.read_view(recipe, view, width, height, True, cancel.is_set)
            else:
                preview = self._process.view(mine, sources, recipe, view, width, height)
        except Unrecognised as error:
            raise _named(reader, error) from None
        except PreviewError:
            if cancel.is_set():  # superseded: its failure is nobody's news
                raise PreviewCancelled from None
            raise
        self.cache.put(key, preview)
        if cancel.is_set():
            raise PreviewCancelled
        return preview


def _named(reader: Reader, error: PreviewError) -> PreviewError:
    """Why the reading process could not read a file the probe found fine, asked here where the
    credentials are (a 403 on a later range, an expired signature); other failures as they are."""
    if isinstance(error, Unrecognised):
        return reader.explain_remote(reader.source(error.href), Exception(error.text))
    return error


def _with_headers(reader: Reader, href: str) -> Source:
    """The file as probed, with the headers to send now in its GDAL options (asked for at
    every read: a token refreshed since the probe is the one sent)."""
    source = reader.source(href)
    return replace(source, options=gdal_options(source, reader.access))
