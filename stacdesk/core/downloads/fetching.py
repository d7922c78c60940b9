"""What the HTTP and S3 fetchers share: how they report, how they write, how they fail.

A fetcher moves bytes from one href into the job's ``.part`` file, resuming from its current
length when the source can prove it is unchanged. It runs off the event loop (S3 and local
copies in a thread of their own, ``run``; http(s) on libcurl's one transfer thread,
``run_async``) and reaches the engine and the file only through a ``TransferThread``. It
never retries by itself: the engine decides (backoff, Retry-After, alternates).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import io
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.downloads import workers
from stacdesk.core.downloads.mailbox import mailbox

Opener = Callable[[Path, str], BinaryIO]


def open_file(path: Path, mode: str) -> BinaryIO:
    """Unbuffered: every piece is written as it arrives (a buffer would hold it back)."""
    return open(path, mode, buffering=0)


class FetchError(Exception):
    """A fetch attempt failed; ``message`` is what the row shows."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransientError(FetchError):
    """Worth retrying after a pause (network drop, 5xx, 429); ``retry_after`` from the server."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SourceError(FetchError):
    """This href can't be fetched with what we have (auth, 404, unsupported scheme): try the
    asset's alternates, else fail."""


class FatalError(FetchError):
    """Retrying can't help (disk full, permission denied, a path problem)."""


DISK_FULL = QT_TRANSLATE_NOOP("Downloads", "Disk full while writing %1 (in %2)")
NO_PERMISSION = QT_TRANSLATE_NOOP("Downloads", "No permission to write %1 in %2")
CANNOT_WRITE = QT_TRANSLATE_NOOP("Downloads", "Can't write %1: %2")


def describe_os_error(exc: OSError, path: Path) -> FatalError:
    """A clear message for local file problems."""
    if exc.errno == errno.ENOSPC:
        return FatalError(DISK_FULL(path.name, str(path.parent)))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FatalError(NO_PERMISSION(path.name, str(path.parent)))
    return FatalError(CANNOT_WRITE(str(path), str(exc.strerror or exc)))


class Transfer(Protocol):
    """The engine's side of one attempt (called on the event loop)."""

    part: Path
    validator: str | None
    opener: Opener

    def began(self, offset: int, total: int | None, validator: str | None, note: str) -> None:
        """The server answered: writing starts at ``offset`` (0 = from scratch)."""

    def advanced(self, nbytes: int) -> None:
        """``nbytes`` more bytes are in the .part file."""


def part_size(part: Path) -> int:
    try:
        return part.stat().st_size
    except FileNotFoundError:
        return 0


class Stopped(Exception):
    """The engine stopped the transfer (pause, cancel, closing) while its thread was at work."""


# How often a running transfer tells the engine about new bytes (the engine throttles further).
POST_INTERVAL = 0.05


class TransferThread:
    """One fetch attempt off the loop: in a thread of its own (a kept worker, see ``workers``)
    or on libcurl's transfer thread (``run_async``); the fetcher's only way to the engine
    and to the .part file.

    Why a thread that writes each piece as it arrives (curl's way): a body handed through the
    event loop waits in buffers on the way to the disk, and a killed process loses whatever
    waits there — the bytes must then be fetched again (benchmarks P7). Here nothing is held
    besides the kernel's socket queue. It also keeps HTTP parsing off the event loop, which is
    the GUI thread in the app, however fast the network is.

    ``run`` is awaited on the loop; a cancelled ``run`` calls ``stop``, which takes the file
    lock, so once it returns the thread can neither write to the .part file nor reach the
    engine, and the task ends at once. A thread blocked in a read is woken by the fetcher's
    ``on_stop`` hook (it shuts the socket down); without one it ends at its next piece or idle
    timeout, harmlessly.
    """

    def __init__(self, transfer: Transfer) -> None:
        self.transfer = transfer
        self.part = transfer.part
        self.validator = transfer.validator
        self.loop = asyncio.get_running_loop()
        self._mailbox = mailbox(self.loop)
        self._lock = threading.Lock()  # held while writing to the .part file
        self._began_lock = threading.Lock()  # the loop's own: never held while writing
        self._stopped = False
        self._stop_hook: Callable[[], None] | None = None
        self._began: tuple[int, int | None, str | None, str] | None = None  # not yet told
        self._file: BinaryIO | None = None
        self._opened_size = -1  # the .part file's size when ``open_part`` opened it
        self._unposted = 0
        self._posted_at = 0.0
        self.size_before: int | None = None  # the .part file's size as the thread began

    # -- the loop's side
    async def run(self, fetch: Callable[[TransferThread], None]) -> None:
        """Run ``fetch(self)`` in a new thread; its FetchError comes out here."""
        done: Future[None] = Future()
        done.set_running_or_notify_cancel()  # a running future can't be cancelled

        def main() -> None:
            try:
                self.size_before = part_size(self.part)  # here: a stat may wait, the loop not
                fetch(self)
            except BaseException as exc:  # handed to the awaiting task
                self._finish()
                done.set_exception(exc)
            else:
                self._finish()
                done.set_result(None)

        workers.submit(main)
        try:
            await asyncio.wrap_future(done)
        except asyncio.CancelledError:
            self.stop()
            raise

    async def run_async(self, fetch: Callable[[TransferThread], Awaitable[None]]) -> None:
        """``run`` for a fetcher that waits on the loop while its bytes move on a thread of its
        own (``curl_fetch``): that thread calls ``finish_writes`` before each result."""
        try:
            await fetch(self)
        except asyncio.CancelledError:
            self.stop()
            raise

    def stop(self) -> None:
        """No more writes or reports from the thread (waits for a write in progress only).
        A ``began`` still on its way is delivered now: its validator is what lets the next
        attempt resume the bytes already on disk."""
        with self._lock:
            self._stopped = True
            self._close()
            hook = self._stop_hook
            with self._began_lock:
                began, self._began = self._began, None
        if began is not None:
            self.transfer.began(*began)
        if hook is not None:
            with contextlib.suppress(Exception):
                hook()

    def _deliver_began(self) -> None:
        with self._began_lock:  # not the file lock: the loop must not wait for a write
            began, self._began = self._began, None
        if began is not None and not self._stopped:
            self.transfer.began(*began)

    def _deliver(self, call: Callable[..., None], *args: Any) -> None:
        if not self._stopped:  # read on the loop, where stop() is called
            call(*args)

    # -- the thread's side
    def on_stop(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` (from the loop) to wake this thread if it is stopped; at once if it
        already is."""
        with self._lock:
            self._stop_hook = hook
            stopped = self._stopped
        if stopped:
            hook()
            raise Stopped

    def began(self, offset: int, total: int | None, validator: str | None, note: str) -> None:
        with self._lock, self._began_lock:
            if self._stopped:
                return
            self._began = (offset, total, validator, note)
        self._post_now(self._deliver_began)

    @contextlib.contextmanager
    def writing(self, offset: int) -> Iterator[Callable[[Any], None]]:
        """Open the .part file to write from ``offset``; yields ``write(piece)``."""
        part = self.part
        with self._lock:
            if self._stopped:
                raise Stopped
            try:
                part.parent.mkdir(parents=True, exist_ok=True)
                mode = "r+b" if offset and part.exists() else "wb"
                self._file = self.transfer.opener(part, mode)
                if mode == "r+b":  # "wb" starts empty; truncating it again would make ext4
                    self._file.truncate(offset)  # flush the whole file on close (auto_da_alloc)
                    self._file.seek(offset)
            except OSError as exc:
                self._close()
                raise describe_os_error(exc, part) from exc
        try:
            yield self._write
        finally:
            with self._lock:
                self._close()

    def open_part(self) -> None:
        """Open the .part file (made with its folder if missing, nothing cut) before the server
        answers, in a file thread: the answer then finds it open (``write_from``) instead of
        waiting for a folder and an inode (benchmarks P6-small). Not under the file lock: the
        answer's ``began`` must not wait for a slow disk."""
        part = self.part
        if self._stopped:
            raise Stopped
        try:
            os.makedirs(os.path.dirname(part), exist_ok=True)
            file = self.transfer.opener(part, "ab")  # appends after any cut
            size = file.seek(0, os.SEEK_END)
        except OSError as exc:
            raise describe_os_error(exc, part) from exc
        with self._lock:
            if not self._stopped:
                self._file, self._opened_size = file, size
                return
        with contextlib.suppress(OSError):  # stopped meanwhile (an empty file stays: the
            file.close()  # next attempt may have opened it already)
        raise Stopped

    @property
    def opened_size(self) -> int:
        """The .part file's size when ``open_part`` opened it; -1 until it has."""
        return self._opened_size

    def write_from(self, offset: int) -> None:
        """Ready ``write_pieces`` into the file ``open_part`` opened, from ``offset`` (cut there
        when it is longer: the server restarts or resumes earlier)."""
        with self._lock:
            if self._file is None:
                raise Stopped
            size = self._opened_size
            if offset > size:  # shorter than when the request was made: not the same bytes
                raise TransientError(f"The partial file {self.part.name} changed meanwhile")
            try:
                if offset < size:
                    self._file.truncate(offset)
            except OSError as exc:
                raise describe_os_error(exc, self.part) from exc

    def drop_part(self) -> None:
        """Close the file ``open_part`` opened for an answer without a body (a redirect, an
        error); remove it when it is empty, so that only a body leaves a .part file."""
        with self._lock:
            self._close()
            # not once stopped: the job's next attempt may have the file open already
            if self._opened_size == 0 and not self._stopped:
                with contextlib.suppress(OSError):
                    if os.stat(self.part).st_size == 0:
                        os.remove(self.part)

    def _write(self, piece: Any) -> None:
        """Write all of ``piece`` now (nothing is held back for a killed process to lose)."""
        with self._lock:
            if self._file is None:
                raise Stopped
            try:
                with memoryview(piece) as whole:
                    view = whole.cast("B")
                    size = view.nbytes
                    while view:
                        view = view[self._file.write(view) or 0 :]
            except OSError as exc:
                raise describe_os_error(exc, self.part) from exc
        self._counted(size)

    def write_pieces(self, pieces: list[bytes], size: int) -> None:
        """``write`` for several pieces (``size`` bytes in all) in one system call where the
        file is a plain one: libcurl hands the body over 16 KiB at a time, and a write into the
        page cache costs about as much per call as per byte (benchmarks P6)."""
        with self._lock:
            file = self._file
            if file is None:
                raise Stopped
            try:
                _write_all(file, pieces, size)
            except OSError as exc:
                raise describe_os_error(exc, self.part) from exc
        self._counted(size)

    def _counted(self, size: int) -> None:
        self._unposted += size
        now = time.monotonic()
        if now - self._posted_at >= POST_INTERVAL:
            self._posted_at = now
            self._post_progress()

    def _post_progress(self) -> None:
        if self._unposted:
            self._post(self.transfer.advanced, self._unposted)
            self._unposted = 0

    def _post(self, call: Callable[..., None], *args: Any) -> None:
        self._post_now(self._deliver, call, *args)

    def _post_now(self, call: Callable[..., None], *args: Any) -> None:
        self._mailbox.post(call, *args)

    def deliver(self, call: Callable[..., None], *args: Any) -> None:
        """Run ``call`` on the loop after every report posted so far, stopped or not."""
        self._mailbox.post(call, *args)

    def finish_writes(self) -> None:
        """The file closed and every byte reported (before a result, from the thread)."""
        self._finish()

    def _finish(self) -> None:
        """Last words before the result: the file closed (a rename may follow) and every
        byte counted (posted before the result, so the engine sees it first)."""
        with self._lock:
            self._close()
        self._post_progress()

    def _close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None


def _write_all(file: BinaryIO, pieces: list[bytes], size: int) -> None:
    """All of ``pieces`` into ``file``: gathered by ``os.writev`` into an unbuffered plain file,
    else joined (a wrapping file object, or no writev here) and written through ``write``."""
    if len(pieces) > 1 and type(file) is io.FileIO and _WRITEV is not None:
        done = _WRITEV(file.fileno(), pieces)
        if done == size:
            return
        rest = memoryview(b"".join(pieces))[done:]  # a short write: the disk filling up
    else:
        rest = memoryview(pieces[0] if len(pieces) == 1 else b"".join(pieces)).cast("B")
    while rest:
        rest = rest[file.write(rest) or 0 :]


_WRITEV = getattr(os, "writev", None)  # not on Windows


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)
