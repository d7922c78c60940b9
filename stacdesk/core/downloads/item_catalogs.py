"""The download folder's STAC catalog, kept up to date as downloads finish.

Each finished download writes its item's JSON at once (the assets done so far, relative hrefs);
the catalogs above it (a link per item, a link per collection) are kept in memory by
``CatalogLinks`` and written at least every ``FLUSH_EVERY`` seconds while downloads go on, and
whenever the queue empties. A bulk job of 10,000 small files so costs each file its own item
JSON, not a rewrite of a catalog 10,000 links long; a killed process loses at most the last
second's links (and the item JSON of files finished as it died), never a file, and the next
start puts them back (``repair``).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Collection, Iterable

import orjson

from stacdesk.core.downloads.catalog_writer import (
    CatalogLinks,
    link_item,
    lists_local_files,
    write_item,
)
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.store import JobStore

FLUSH_EVERY = 1.0
log = logging.getLogger(__name__)


def _failed(exc: Exception) -> str:
    return f"Downloaded, but the catalog JSON could not be written: {exc}"


class ItemCatalogs:
    """Which jobs belong to which item (so a finish needn't scan every job) and the catalog
    links still to write. Jobs are tracked on the event loop; the files are written by the
    engine's recorder thread, hence the lock."""

    def __init__(self, store: JobStore) -> None:
        self.store = store
        self.links = CatalogLinks()
        self._lock = threading.Lock()
        self._by_item: dict[str, dict[int, DownloadJob]] = {}
        self._flushed_at = time.monotonic()
        self._last: DownloadJob | None = None

    def track(self, job: DownloadJob) -> None:
        with self._lock:
            self._by_item.setdefault(job.item_key, {})[job.id] = job

    def untrack(self, job: DownloadJob) -> None:
        with self._lock:
            jobs = self._by_item.get(job.item_key)
            if jobs is not None:
                jobs.pop(job.id, None)
                if not jobs:
                    del self._by_item[job.item_key]

    def finished(self, job: DownloadJob, recorded: Collection[int] = ()) -> str:
        """Write ``job``'s item JSON; "" or the note saying why it could not be written.
        ``recorded``: jobs already done in the queue whose state the loop hasn't set yet."""
        raw = self.store.item(job.item_key)
        if raw is None:
            return ""
        with self._lock:
            jobs = list(self._by_item.get(job.item_key, {}).values())
        done = [
            other
            for other in jobs
            if other.root == job.root and (other.state is JobState.DONE or other.id in recorded)
        ]
        self._last = job
        try:
            write_item(orjson.loads(raw), done, self.links)
            if time.monotonic() - self._flushed_at >= FLUSH_EVERY:
                self._flushed_at = time.monotonic()
                self.links.flush()
        except (OSError, ValueError) as exc:
            return _failed(exc)
        return ""

    def repair(self, jobs: Iterable[DownloadJob]) -> None:
        """Make the catalogs whole for the done ``jobs`` whose files are there: what a killed
        process had not written yet (an item JSON, up to ``FLUSH_EVERY`` of links). Changes
        nothing that is already right, so it runs at every start."""
        items: dict[tuple[str, str], list[DownloadJob]] = {}
        for job in jobs:
            if job.state is JobState.DONE and os.path.isfile(job.dest):
                items.setdefault((job.item_key, job.root), []).append(job)
        try:
            for (key, _root), done in items.items():
                if lists_local_files(done):
                    link_item(done[0], self.links)
                    continue
                raw = self.store.item(key)
                if raw is not None:
                    write_item(orjson.loads(raw), done, self.links)
            self.links.flush()
        except (OSError, ValueError) as exc:  # a full disk, say: the next finish says so
            self.links = CatalogLinks()
            log.warning("download folder catalogs not repaired: %s", exc)

    def idle(self, save: Callable[[DownloadJob], None]) -> None:
        """The queue is empty: write what is pending and forget the cached catalogs; when
        they can't be written, the last finished job says so (``save``d)."""
        self._flushed_at = time.monotonic()
        try:
            self.links.forget()
        except (OSError, ValueError) as exc:
            self.links = CatalogLinks()
            if self._last is not None:
                self._last.note = _failed(exc)
                save(self._last)
