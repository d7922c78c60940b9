"""What the HTTP and S3 fetchers share: how they report, how they write, how they fail.

A fetcher moves bytes from one href into the job's ``.part`` file, resuming from its current
length when the source can prove it is unchanged, and tells the engine through a ``Transfer``.
It never retries by itself: the engine decides (backoff, Retry-After, alternates).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any, BinaryIO, Protocol

Opener = Callable[[Path, str], BinaryIO]


def open_file(path: Path, mode: str) -> BinaryIO:
    """Unbuffered: chunks are ≥ 1 MiB already, a buffer would only copy them once more."""
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


def describe_os_error(exc: OSError, path: Path) -> FatalError:
    """A clear message for local file problems."""
    if exc.errno == errno.ENOSPC:
        return FatalError(f"Disk full while writing {path.name} (in {path.parent})")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FatalError(f"No permission to write {path.name} in {path.parent}")
    return FatalError(f"Can't write {path}: {exc.strerror or exc}")


class Transfer(Protocol):
    """The engine's side of one attempt."""

    part: Path
    validator: str | None
    chunk_size: int
    opener: Opener
    writer: Executor | None  # where blocking file writes run (None: on the loop)

    def began(self, offset: int, total: int | None, validator: str | None, note: str) -> None:
        """The server answered: writing starts at ``offset`` (0 = from scratch)."""

    def advanced(self, nbytes: int) -> None:
        """``nbytes`` more bytes are in the .part file."""


def part_size(part: Path) -> int:
    try:
        return part.stat().st_size
    except FileNotFoundError:
        return 0


class PartWriter:
    """Appends to the .part file from ``offset``, in writes of up to ``chunk_size`` bytes
    (a larger piece of the body goes as it is).

    Writes run in ``transfer.writer`` (a thread pool; the GIL is released while the kernel
    copies), one at a time per file, while the loop receives the next chunk: disk and network
    overlap instead of adding up. While the disk keeps up, what arrived goes out at once (from a
    quarter chunk on), so a killed process loses little; when it lags, pieces gather up to a
    full chunk. Bytes already received are written out even when the transfer breaks or is
    cancelled, so a resume never asks again for data that reached us.
    """

    def __init__(self, transfer: Transfer, offset: int) -> None:
        self.transfer = transfer
        self.offset = offset
        self._file: BinaryIO | None = None
        # Two buffers of chunk_size, reused: one fills on the loop while the thread writes the
        # other. Reusing them (rather than handing over the received pieces, or joining them
        # into a new bytes) keeps the allocator from mapping fresh pages for every chunk —
        # at loopback speed page faults cost more than the one copy (benchmarks P6).
        self._buffers: list[bytearray] = []
        self._filling = 0  # which buffer fills
        self._filled = 0  # bytes in it
        self._pending: Future[int] | None = None

    def __enter__(self) -> PartWriter:
        part = self.transfer.part
        try:
            part.parent.mkdir(parents=True, exist_ok=True)
            mode = "r+b" if self.offset and part.exists() else "wb"
            self._file = self.transfer.opener(part, mode)
            if mode == "r+b":  # "wb" starts empty; truncating it again would make ext4
                self._file.truncate(self.offset)  # flush the whole file on close (auto_da_alloc)
                self._file.seek(self.offset)
        except OSError as exc:
            self._close()
            raise describe_os_error(exc, part) from exc
        return self

    async def write(self, chunk: Any) -> None:
        """Take a piece of the body; it goes to disk with the buffer it lands in."""
        size = self.transfer.chunk_size
        length = len(chunk)
        if self._filled and self._filled + length > size:
            await self._submit_buffer()
        if length >= size:  # a piece as large as a chunk goes as it is
            await self._submit(chunk)
            return
        if not self._buffers:
            self._buffers = [bytearray(size), bytearray(size)]
        self._buffers[self._filling][self._filled : self._filled + length] = chunk
        self._filled += length
        pending = self._pending
        if self._filled == size or (
            self._filled >= size // 4 and (pending is None or pending.done())
        ):
            # Full, or the disk is idle: then what arrived goes now, so a crash loses less.
            await self._submit_buffer()

    async def finish(self) -> None:
        """Write what is gathered and wait for the disk (the body is complete)."""
        if self._filled:
            await self._submit_buffer()
        await self._wait_pending()

    async def _submit_buffer(self) -> None:
        data = memoryview(self._buffers[self._filling])[: self._filled]
        self._filling, self._filled = 1 - self._filling, 0
        await self._submit(data)

    async def _submit(self, data: Any) -> None:
        # Waiting for the previous write first also frees the buffer that fills next.
        await self._wait_pending()
        if self.transfer.writer is None:
            self.transfer.advanced(self._write_all(data))
        else:
            self._pending = self.transfer.writer.submit(self._write_all, data)

    async def _wait_pending(self) -> None:
        pending = self._pending
        if pending is None:
            return
        try:
            # Shielded: a cancelled download still lets the thread finish this write.
            # (A write already done is taken as it is: no trip through the loop.)
            written = (
                pending.result()
                if pending.done()
                else await asyncio.shield(asyncio.wrap_future(pending))
            )
        except OSError as exc:
            self._pending = None
            raise describe_os_error(exc, self.transfer.part) from exc
        self._pending = None
        self.transfer.advanced(written)

    def _write_all(self, data: Any) -> int:
        """Blocking write of all of ``data`` (in a worker thread)."""
        assert self._file is not None
        with memoryview(data) as whole:
            view = whole.cast("B")
            size = view.nbytes
            while view:
                written = self._file.write(view)
                view = view[written or 0 :]
        return size

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            pending, self._pending = self._pending, None
            if pending is not None:  # a cancelled or failed transfer: let the write land
                with contextlib.suppress(Exception):
                    self.transfer.advanced(pending.result())
            if self._filled and exc_type is not None:  # keep what arrived
                with contextlib.suppress(OSError):
                    data = memoryview(self._buffers[self._filling])[: self._filled]
                    self.transfer.advanced(self._write_all(data))
        finally:
            self._filled = 0
            self._buffers = []
            self._close()

    def _close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)
