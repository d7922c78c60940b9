"""The download engine: a queue of jobs run on the asyncio loop, within a global and a per-host
limit (``host_queue``), each job retried, resumed and verified (``attempts``, ``finishing``) and
only then moved to its final name. This module owns the jobs: adding, control, life cycle.

Everything the panel shows comes through three events: ``job_added``, ``job_changed`` (state,
note or error; every change) and ``progress`` (bytes moved; at most a few per second per job, so
a fast download never floods the GUI). Each state change goes to the recorder thread first
(``job_recorder``: the ``JobStore``'s writes in order and batches, a finished file's rename).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson

from stacdesk.core.common.events import Event
from stacdesk.core.downloads import assets as asset_info
from stacdesk.core.downloads import http_rules, job_queries
from stacdesk.core.downloads.asset_jobs import job_for_asset
from stacdesk.core.downloads.attempts import JobAttempts
from stacdesk.core.downloads.catalog_writer import reserved_paths
from stacdesk.core.downloads.engine_settings import EngineSettings
from stacdesk.core.downloads.fetching import (
    Opener,
    TransferThread,
    open_file,
    part_size,
    remove_quietly,
)
from stacdesk.core.downloads.host_queue import HostQueue
from stacdesk.core.downloads.item_catalogs import ItemCatalogs
from stacdesk.core.downloads.job_recorder import FinishTicket, JobRecorder
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.layout import Layout, path_key, unique_text
from stacdesk.core.downloads.local_fetch import trusted_root
from stacdesk.core.downloads.source_choice import SourceChoice
from stacdesk.core.downloads.sources import Sources
from stacdesk.core.downloads.store import JobStore
from stacdesk.core.downloads.transfer_progress import TransferProgress

__all__ = ["ADD_STEP", "DownloadEngine", "EngineSettings"]

ADD_STEP = 500  # results queued per step by add_items_in_steps


class DownloadEngine:
    """Owns the jobs; call ``start()`` on a running loop and ``await close()`` at the end."""

    def __init__(
        self,
        store: JobStore,
        settings: EngineSettings | None = None,
        credentials: http_rules.Credentials = http_rules.no_credentials,
        opener: Opener = open_file,
        sign_href: Callable[[str, str], str] | None = None,
        local_roots: Callable[[], Sequence[Path]] = tuple,
        choice: SourceChoice | None = None,  # which of a file's hrefs first (several catalogs)
        renew_credentials: http_rules.RenewCredentials = http_rules.no_renewal,
    ) -> None:
        self.store = store
        self.settings = settings or EngineSettings()
        self.layout = Layout(self.settings.template)
        self.opener = opener
        self.local_roots = local_roots  # the folders of the local catalogs items come from now
        self.sources = Sources(self.settings, credentials, sign_href, renew_credentials, choice)
        self.catalogs = ItemCatalogs(store)
        self.jobs: dict[int, DownloadJob] = {job.id: job for job in store.all()}
        self.job_added: Event[[DownloadJob]] = Event()
        self.job_changed: Event[[DownloadJob]] = Event()
        self.progress: Event[[DownloadJob]] = Event()
        self.jobs_removed: Event[[list[int]]] = Event()
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._queue = HostQueue()
        self._recorder = JobRecorder(store, self.catalogs, self.job_changed.emit)
        self._finishing: dict[int, FinishTicket] = {}
        self._attempts = JobAttempts(
            self.settings, self.sources, self._transfer_for, self._save, self._fail, self._finish
        )
        self._stopping: dict[int, JobState] = {}
        self._taken: set[str] = set()
        self._by_asset: dict[tuple[str, str, str, str], int] = {}
        self._deferred = False  # a bulk add starts jobs once at the end
        for job in self.jobs.values():
            self._reserve(job)
            self._queue.track(job)
        self._started = self._closed = False

    # -- life cycle
    @property
    def folder(self) -> Path:
        if self.settings.folder is not None:
            return self.settings.folder
        from stacdesk.config import app_paths

        return app_paths().downloads

    def start(self) -> None:
        """Begin running queued jobs (needs a running event loop); mend the folder's catalog."""
        self._recorder.repair(self.jobs.values())
        self._started = True
        self._pump()

    def configure(
        self, folder: Path | None, template: str, max_concurrent: int, per_host: int
    ) -> None:
        """New settings while running: jobs added from now on use the folder and template, the
        limits apply as jobs start; ValueError for a template ``Layout`` refuses, unchanged."""
        layout = Layout(template)
        settings = self.settings
        settings.folder, settings.template, self.layout = folder, template, layout
        settings.max_concurrent, settings.per_host = max_concurrent, per_host
        self._pump()

    def shutdown(self) -> None:
        """Stop every running transfer now; they stay queued in the store and resume next start.
        Synchronous, for a window's close event; ``close()`` also waits and releases sockets."""
        self._closed = True
        for job_id, task in list(self._tasks.items()):
            ticket = self._finishing.get(job_id)
            if ticket is not None and not ticket.withdraw():
                continue  # being renamed: done in a moment
            job = self.jobs[job_id]
            job.state = JobState.QUEUED
            job.speed = 0.0
            self._queue.track(job)
            self._stopping[job_id] = JobState.QUEUED
            self._recorder.save(job)
            task.cancel()
        self._recorder.flush()

    async def close(self) -> None:
        self.shutdown()
        tasks = list(self._tasks.values())
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._recorder.idle()
        self._recorder.close()
        self.sources.close()
        self.store.close()

    # -- adding work
    def add_asset(
        self, item: dict[str, Any], key: str, folder: Path | None = None
    ) -> DownloadJob | None:
        """Queue one asset of a STAC item; the same asset already queued or done is reused.
        Returns None when the item has no such asset."""
        roots = tuple(self.local_roots())
        return self._add_asset(item, key, (folder or self.folder).resolve(), None, roots)

    def _add_asset(
        self,
        item: dict[str, Any],
        key: str,
        root: Path,
        item_json: bytes | None,
        local_roots: tuple[Path, ...],
    ) -> DownloadJob | None:
        """``add_asset`` with the folder already resolved and, for a bulk add, the item's JSON
        already made (once per item, not once per asset) and the local catalogs' folders."""
        asset = asset_info.assets_of(item).get(key)
        if asset is None:
            return None
        item_id = str(item.get("id") or "item")
        collection = str(item.get("collection") or "")
        existing = self._by_asset.get((item_id, collection, key, str(root)))
        if existing in self.jobs:
            job = self.jobs[existing]
            if not job.local_root:  # refused before; now it may come from a local catalog
                job.local_root = trusted_root(item, job.hrefs, local_roots)
            if job.retryable:
                self.retry([job.id])
            return job
        job = job_for_asset(item, key, asset, root, self.layout, local_roots)
        job.dest = unique_text(job.dest, self._taken, key)
        self.store.put_item(job.item_key, item_json or orjson.dumps(item))
        return self.add(job)

    def add_items(
        self,
        items: Iterable[dict[str, Any]],
        keys: Iterable[str] = (),
        roles: Iterable[str] = (),
        folder: Path | None = None,
    ) -> list[DownloadJob]:
        keys, roles = tuple(keys), tuple(roles)
        root = (folder or self.folder).resolve()
        local_roots = tuple(self.local_roots())
        added = []
        self._deferred = True
        try:
            with self.store.transaction():  # one commit for a bulk add, not one per asset
                for item in items:
                    picked = asset_info.pick_assets(item, keys, roles)
                    item_json = orjson.dumps(item) if picked else None
                    for key in picked:
                        job = self._add_asset(item, key, root, item_json, local_roots)
                        if job is not None:
                            added.append(job)
        finally:
            self._deferred = False
        self._pump()
        return added

    async def add_items_in_steps(
        self,
        items: Sequence[dict[str, Any]],
        keys: Iterable[str] = (),
        roles: Iterable[str] = (),
        folder: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[DownloadJob]:
        """``add_items`` for many results: ``ADD_STEP`` items per transaction, and the loop
        runs in between (the app's loop is the GUI's: 100,000 results take seconds to queue).
        ``progress(done, total)`` after each step."""
        keys, roles = tuple(keys), tuple(roles)
        added: list[DownloadJob] = []
        for start in range(0, len(items), ADD_STEP):
            added += self.add_items(items[start : start + ADD_STEP], keys, roles, folder)
            if progress is not None:
                progress(min(start + ADD_STEP, len(items)), len(items))
            await asyncio.sleep(0)
        return added

    def add(self, job: DownloadJob) -> DownloadJob:
        """Queue a prepared job (its dest must already be unique)."""
        job.state = JobState.QUEUED
        self.store.add(job)
        self.jobs[job.id] = job
        self._reserve(job)
        self._queue.track(job)
        self.job_added.emit(job)
        self._pump()
        return job

    def _reserve(self, job: DownloadJob) -> None:
        self._by_asset[(job.item_id, job.collection, job.asset_key, job.root)] = job.id
        self.catalogs.track(job)
        if job.state is not JobState.CANCELLED:
            self._taken.add(path_key(job.dest))
            self._taken.update(path_key(p) for p in reserved_paths(job))

    # -- control
    def pause(self, job_ids: Iterable[int]) -> None:
        for job in self._pick(job_ids):
            if job.state in (JobState.QUEUED, JobState.RUNNING):
                self._stop(job, JobState.PAUSED)

    def resume(self, job_ids: Iterable[int]) -> None:
        for job in self._pick(job_ids):
            if job.state is JobState.PAUSED:
                self._set_state(job, JobState.QUEUED)
        self._pump()

    def cancel(self, job_ids: Iterable[int]) -> None:
        for job in self._pick(job_ids):
            if not job.state.finished:
                running = job.id in self._tasks
                if not self._stop(job, JobState.CANCELLED):
                    continue
                if not running:
                    remove_quietly(job.part_path)
                self._taken.discard(path_key(job.dest))

    def retry(self, job_ids: Iterable[int]) -> None:
        for job in self._pick(job_ids):
            if job.retryable:
                job.attempts, job.error, job.finished_at = 0, "", None
                self._taken.add(path_key(job.dest))
                self._set_state(job, JobState.QUEUED)
        self._pump()

    def pause_all(self) -> None:
        self.pause(list(self.jobs))

    def resume_all(self) -> None:
        self.resume(list(self.jobs))

    def cancel_all(self) -> None:
        self.cancel(list(self.jobs))

    def retry_failed(self) -> None:
        self.retry([j.id for j in self.jobs.values() if j.state is JobState.FAILED])

    def clear_finished(self) -> list[int]:
        """Forget finished jobs (the history); their files stay on disk."""
        ids = [job.id for job in self.jobs.values() if job.state.finished]
        for job_id in ids:
            job = self.jobs.pop(job_id)
            self.catalogs.untrack(job)
            if job.state is JobState.CANCELLED:
                self._taken.discard(path_key(job.dest))
        self.store.delete(ids)
        self.store.forget_unused_items()
        if ids:
            self.jobs_removed.emit(ids)
        return ids

    def totals(self) -> tuple[int, int | None]:
        """(bytes done, bytes in all) of jobs not cancelled; total None when a size is unknown."""
        return job_queries.totals(self.jobs.values())

    def local_file(self, item_id: str, collection: str, asset_key: str) -> Path | None:
        """Where this asset was downloaded, if it was and the file is still there."""
        return job_queries.local_file(self.jobs.values(), item_id, collection, asset_key)

    def _pick(self, job_ids: Iterable[int]) -> list[DownloadJob]:
        return [self.jobs[i] for i in job_ids if i in self.jobs]

    def _save(self, job: DownloadJob) -> None:
        """Write the job's row (the recorder thread, in order) and tell the panel."""
        self._recorder.save(job)
        self.job_changed.emit(job)

    def _set_state(self, job: DownloadJob, state: JobState) -> None:
        job.state = state
        self._queue.track(job)
        if state is not JobState.RUNNING:
            job.speed = 0.0
        if state.finished:
            job.finished_at = time.time()
        # Running is not written (a restart makes it queued again): the answer writes the row.
        (self.job_changed.emit if state is JobState.RUNNING else self._save)(job)

    def _stop(self, job: DownloadJob, state: JobState) -> bool:
        """False when too late: the file is being renamed, the job is done in a moment."""
        ticket = self._finishing.get(job.id)
        if ticket is not None and not ticket.withdraw():
            return False
        task = self._tasks.get(job.id)
        self._set_state(job, state)
        if task is not None:
            self._stopping[job.id] = state
            task.cancel()
        return True

    # -- scheduling
    def _pump(self) -> None:
        """Start waiting jobs, oldest first, while the global and per-host limits allow."""
        if not self._started or self._closed or self._deferred:
            return
        settings, lent = self.settings, min(len(self._finishing), self.settings.max_concurrent)
        while len(self._tasks) - lent < settings.max_concurrent:
            best = self._queue.next(settings.per_host)
            if best is None:
                return
            job = self.jobs[best[0]]
            self._queue.started(job.id, best[1])
            self._set_state(job, JobState.RUNNING)
            self._tasks[job.id] = asyncio.ensure_future(self._run(job))

    async def _run(self, job: DownloadJob) -> None:
        try:
            await self._attempts.download(job)
        except asyncio.CancelledError:
            if self._stopping.pop(job.id, None) is JobState.CANCELLED:
                remove_quietly(job.part_path)
            with contextlib.suppress(Exception):
                self._recorder.save_progress(job.id, part_size(job.part_path))
        except Exception as exc:  # a bug must not stall the queue; the row says what happened
            self._fail(job, f"Unexpected error: {type(exc).__name__}: {exc}")
        finally:
            self._tasks.pop(job.id, None)
            self._queue.ended(job.id)
            self._pump()
            if not self._tasks:
                self._recorder.idle()

    def _fail(self, job: DownloadJob, message: str) -> None:
        job.error = message
        self._set_state(job, JobState.FAILED)

    def _transfer_for(self, job: DownloadJob) -> TransferThread:
        progress = TransferProgress(
            job,
            self.settings,
            self.opener,
            self._save,
            self._recorder.save_progress,
            self.progress.emit,
        )
        return TransferThread(progress)

    async def _finish(self, job: DownloadJob, check_size: bool) -> None:
        """The recorder checks, renames, records; the slot is lent meanwhile (to a bounded few)."""
        ticket = self._finishing[job.id] = self._recorder.finish(job, check_size)
        try:
            with self._queue.lent(job.id):
                self._pump()
                note = await ticket.future
        finally:
            del self._finishing[job.id]
        self._recorder.take_over(ticket, note)
        self._queue.track(job)
        self.job_changed.emit(job)
