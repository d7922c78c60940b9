"""The engine's recorder thread: the queue's writes and each finished file's last steps, off the
event loop.

Why: with many small files the per-file work — three or four SQLite writes, the check of the
.part file's size, its rename, the item's JSON — took the event loop (the GUI's thread in the
app) most of its time, so the loop, not the network, set the pace (benchmarks P6-small). Here
one thread does that work in batches: whatever waits is written in one transaction.

The promises stay: writes keep their order (one queue); a row is written from the job as it is
when written, so a later write never loses a newer state; a file is reported done only once it
is at its final name and its row says done (committed); a stop arriving once the rename has
begun is too late and ignored, as when the rename ran on the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from stacdesk.core.downloads.fetching import FatalError, FetchError
from stacdesk.core.downloads.finishing import check_size, move_into_place
from stacdesk.core.downloads.item_catalogs import ItemCatalogs
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.store import JobStore

log = logging.getLogger(__name__)
_WAITING, _WITHDRAWN, _CLAIMED = range(3)


@dataclass(eq=False)
class FinishTicket:
    """A whole .part file waiting to become ``job``'s file. ``future`` (the loop's) gets the
    note the catalog writing left ("" when fine), or the FetchError that stopped it; ``done``
    is the job as recorded (state, sizes, finish time) for the loop to take over."""

    job: DownloadJob
    check_size: bool
    future: asyncio.Future[str]
    done: DownloadJob | None = None
    _state: int = _WAITING
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def withdraw(self) -> bool:
        """Stop it (pause, cancel, closing) unless its rename has begun: then it is too late."""
        with self._lock:
            if self._state == _WAITING:
                self._state = _WITHDRAWN
            return self._state == _WITHDRAWN

    def _claim(self) -> bool:
        with self._lock:
            if self._state == _WAITING:
                self._state = _CLAIMED
            return self._state == _CLAIMED


@dataclass(frozen=True)
class _Save:
    job: DownloadJob


@dataclass(frozen=True)
class _Progress:
    job_id: int
    bytes_done: int


@dataclass(frozen=True)
class _Call:
    """Work for the thread in order with the writes (flushing the catalogs, a barrier)."""

    work: Callable[[], None]


_Op = _Save | _Progress | _Call | FinishTicket


class JobRecorder:
    """Call from the loop; ``changed(job)`` is called on the loop for a row the thread changed
    itself (a catalog note)."""

    def __init__(
        self,
        store: JobStore,
        catalogs: ItemCatalogs,
        changed: Callable[[DownloadJob], None],
    ) -> None:
        self.store = store
        self.catalogs = catalogs
        self._changed = changed
        self._ops: queue.SimpleQueue[_Op | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._recorded: set[int] = set()  # done in the queue, not yet on the loop

    # -- the loop's side
    def save(self, job: DownloadJob) -> None:
        self._put(_Save(job))

    def save_progress(self, job_id: int, bytes_done: int) -> None:
        self._put(_Progress(job_id, bytes_done))

    def finish(self, job: DownloadJob, check_size: bool) -> FinishTicket:
        """Check the size (``check_size``: no checksum proved it), rename, record done and
        write the item's JSON; the ticket says when."""
        ticket = FinishTicket(job, check_size, asyncio.get_running_loop().create_future())
        self._put(ticket)
        return ticket

    def take_over(self, ticket: FinishTicket, note: str) -> None:
        """On the loop, once the ticket's future is done: the job becomes what was recorded
        (``note``: the catalog's, saved as the row already says done)."""
        done, job = ticket.done, ticket.job
        assert done is not None
        job.bytes_done, job.total_size, job.error = done.bytes_done, done.total_size, ""
        job.state, job.speed, job.finished_at = JobState.DONE, 0.0, done.finished_at
        if note:
            job.note = note
            self.save(job)
        self._recorded.discard(job.id)

    def repair(self, jobs: Iterable[DownloadJob]) -> None:
        """Put back the catalog entries of done jobs a killed process had not written (at
        start, before any finish; ``ItemCatalogs.repair``)."""
        done = [job for job in jobs if job.state is JobState.DONE]
        if done:
            self._put(_Call(lambda: self.catalogs.repair(done)))

    def idle(self) -> None:
        """The queue emptied: write the pending catalog links (``ItemCatalogs.idle``)."""
        loop = asyncio.get_running_loop()

        def noted(job: DownloadJob) -> None:  # a row the thread changed itself
            self.store.update(job)
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody to tell
                loop.call_soon_threadsafe(self._changed, job)

        self._put(_Call(lambda: self.catalogs.idle(noted)))

    def flush(self) -> None:
        """Wait until everything asked so far is written."""
        if self._thread is None:
            return
        written = threading.Event()
        self._put(_Call(written.set))
        written.wait()

    def close(self) -> None:
        """Write what waits, then end the thread."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._ops.put(None)
            thread.join()

    def _put(self, op: _Op) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._serve, name="stacdesk-download-recorder", daemon=True
            )
            self._thread.start()
        self._ops.put(op)

    # -- the thread's side
    def _serve(self) -> None:
        while True:
            batch = [self._ops.get()]
            with contextlib.suppress(queue.Empty):
                while True:
                    batch.append(self._ops.get_nowait())
            ops = [op for op in batch if op is not None]
            self._record(ops)
            if len(ops) < len(batch):
                return

    def _record(self, ops: list[_Op]) -> None:
        """Rename the files, write every row in one transaction, then the items' JSON and the
        tickets' results (calls run in their place in the order)."""
        start = 0
        for index, op in enumerate(ops):
            if isinstance(op, _Call):
                self._write(ops[start:index])
                try:
                    op.work()
                except Exception:  # a bug must not end the thread: every later write waits
                    log.exception("download recorder: %r failed", op.work)
                start = index + 1
        self._write(ops[start:])

    def _write(self, ops: list[_Op]) -> None:
        if not ops:
            return
        outcomes: list[tuple[FinishTicket, str | BaseException]] = []
        self._write_rows(ops, outcomes)
        if outcomes:  # one wake-up of the loop for the batch, not one per file
            loop = outcomes[0][0].future.get_loop()
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits
                loop.call_soon_threadsafe(_settle, outcomes)

    def _write_rows(
        self, ops: list[_Op], outcomes: list[tuple[FinishTicket, str | BaseException]]
    ) -> None:
        tickets = [op for op in ops if isinstance(op, FinishTicket) and self._renamed(op, outcomes)]
        try:
            with self.store.transaction():
                for op in _needed(ops):
                    if isinstance(op, _Save):
                        self.store.update(op.job)
                    elif isinstance(op, _Progress):
                        self.store.set_progress(op.job_id, op.bytes_done)
                    elif isinstance(op, FinishTicket) and op.done is not None:
                        self.store.update(op.done)
        except sqlite3.Error as exc:
            for ticket in tickets:
                failure = FatalError(f"The download queue could not be saved: {exc}")
                outcomes.append((ticket, failure))
            return
        for ticket in tickets:
            self._recorded.add(ticket.job.id)
        for ticket in tickets:
            try:
                note = self.catalogs.finished(ticket.job, self._recorded)
            except Exception as exc:  # the file is done whatever happens to its item JSON
                log.exception("download recorder: item JSON")
                note = f"Downloaded, but the catalog JSON could not be written: {exc}"
            if note and ticket.done is not None:
                ticket.done.note = note
            outcomes.append((ticket, note))

    def _renamed(
        self, ticket: FinishTicket, outcomes: list[tuple[FinishTicket, str | BaseException]]
    ) -> bool:
        """The ticket's file checked and at its final name (False: withdrawn or failed, the
        future says why)."""
        try:
            if ticket.check_size:
                check_size(ticket.job)
            if not ticket._claim():
                return False
            done = ticket.job.copy()
            move_into_place(done)
        except FetchError as exc:
            outcomes.append((ticket, exc))
            return False
        done.state, done.speed, done.finished_at = JobState.DONE, 0.0, time.time()
        ticket.done = done
        return True


def _needed(ops: list[_Op]) -> list[_Op]:
    """``ops`` without the row writes a later save of the same job makes moot: a save writes
    the whole row from the job as it is now, so earlier saves and progress of that job in the
    batch would be overwritten by the same values (a job is saved when queued, when started
    and when the server answers: often all in one batch)."""
    saved: set[int] = set()
    needed: list[_Op] = []
    for op in reversed(ops):
        if isinstance(op, _Save):
            if op.job.id in saved:
                continue
            saved.add(op.job.id)
        elif isinstance(op, _Progress) and op.job_id in saved:
            continue
        needed.append(op)
    needed.reverse()
    return needed


def _settle(outcomes: list[tuple[FinishTicket, str | BaseException]]) -> None:
    """On the loop: give the tickets their results (a stopped task's is cancelled already)."""
    for ticket, outcome in outcomes:
        if ticket.future.done():
            continue
        if isinstance(outcome, BaseException):
            ticket.future.set_exception(outcome)
        else:
            ticket.future.set_result(outcome)
