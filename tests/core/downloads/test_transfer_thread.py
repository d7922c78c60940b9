"""TransferThread, the fetchers' one way into .part files and back to the engine: each piece is
on disk when ``write`` returns, every byte is counted before the result, errors come out of
``run``, and a stopped transfer can't touch the file again — even while its thread is blocked."""

from __future__ import annotations

import asyncio
import random
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pytest

from stacdesk.core.downloads.curl_fetch import CurlFetcher
from stacdesk.core.downloads.fetching import (
    Stopped,
    TransferThread,
    TransientError,
    open_file,
    part_size,
)
from tests.core.downloads.conftest import wait_for
from tests.servers.flaky_files import make_bytes
from tests.servers.tls import make_self_signed


@dataclass
class Recorder:
    """The engine's side of a transfer, reduced to what TransferThread calls."""

    part: Path
    validator: str | None = None
    opener: object = open_file
    began_with: list[tuple[object, ...]] = field(default_factory=list)
    advanced_by: list[int] = field(default_factory=list)
    threads: set[str] = field(default_factory=set)

    def began(self, offset: int, total: int | None, validator: str | None, note: str) -> None:
        self.threads.add(threading.current_thread().name)
        self.began_with.append((offset, total, validator, note))

    def advanced(self, nbytes: int) -> None:
        self.threads.add(threading.current_thread().name)
        self.advanced_by.append(nbytes)


def pieces(data: bytes, seed: int) -> list[bytes]:
    """``data`` cut at random points, from 1 byte to 20 KB."""
    rng = random.Random(seed)
    out, at = [], 0
    while at < len(data):
        size = rng.choice([1, 7, 1023, 4096, 20_000])
        out.append(data[at : at + size])
        at += size
    return out


@pytest.mark.parametrize("seed", range(3))
def test_pieces_land_in_order_and_are_counted_on_the_loop(tmp_path: Path, seed: int) -> None:
    data = make_bytes(200_000, seed=seed)
    head = 10_000
    part = tmp_path / "a.part"
    part.write_bytes(data[:head] + b"junk past the resume offset")
    recorder = Recorder(part)

    def fetch(thread: TransferThread) -> None:
        thread.began(head, len(data), '"etag"', "")
        with thread.writing(head) as write:
            for piece in pieces(data[head:], seed):
                write(piece)

    async def go() -> None:
        await TransferThread(recorder).run(fetch)  # type: ignore[arg-type]

    asyncio.run(go())
    assert part.read_bytes() == data
    assert recorder.began_with == [(head, len(data), '"etag"', "")]
    assert sum(recorder.advanced_by) == len(data) - head  # all of it, before run returned
    assert recorder.threads == {threading.current_thread().name}  # the engine's side: the loop


class Dribble:
    """A file object that takes at most 5,000 bytes a write (as a slow or filling disk may)."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file

    def write(self, data: bytes) -> int:
        return self._file.write(memoryview(data)[:5000])  # type: ignore[return-value]

    def __getattr__(self, name: str) -> object:
        return getattr(self._file, name)


@pytest.mark.parametrize("wrapped", [False, True], ids=["plain-file", "wrapped-file"])
def test_gathered_pieces_land_whole_and_in_order(tmp_path: Path, wrapped: bool) -> None:
    """``write_pieces`` (libcurl's 16 KiB pieces, a read's worth at a time): one writev into a
    plain file, joined into a wrapping one whose writes are short."""
    data = make_bytes(300_000, seed=4)
    part = tmp_path / "g.part"
    opener = (lambda path, mode: Dribble(open_file(path, mode))) if wrapped else open_file
    recorder = Recorder(part, opener=opener)

    def fetch(thread: TransferThread) -> None:
        with thread.writing(0):
            cut = pieces(data, 3)
            for start in range(0, len(cut), 9):
                batch = cut[start : start + 9]
                thread.write_pieces(batch, sum(map(len, batch)))
                assert part.stat().st_size == sum(map(len, cut[: start + 9]))  # on disk now

    async def go() -> None:
        await TransferThread(recorder).run(fetch)  # type: ignore[arg-type]

    asyncio.run(go())
    assert part.read_bytes() == data
    assert sum(recorder.advanced_by) == len(data)


def test_a_failing_fetch_keeps_what_arrived_and_says_why(tmp_path: Path) -> None:
    data = make_bytes(50_000, seed=9)
    part = tmp_path / "b.part"
    recorder = Recorder(part)

    def fetch(thread: TransferThread) -> None:
        with thread.writing(0) as write:
            for piece in pieces(data, 1):
                write(piece)
            raise TransientError("Connection broken")

    async def go() -> None:
        await TransferThread(recorder).run(fetch)  # type: ignore[arg-type]

    with pytest.raises(TransientError, match="Connection broken"):
        asyncio.run(go())
    assert part.read_bytes() == data  # each piece was on disk when write returned
    assert sum(recorder.advanced_by) == len(data)


def test_a_stopped_transfer_ends_at_once_and_never_writes_again(tmp_path: Path) -> None:
    part = tmp_path / "c.part"
    recorder = Recorder(part)
    blocked = threading.Event()  # the thread waits in a "read" …
    woken = threading.Event()  # … until the stop hook wakes it, like a socket shut down
    outcome: list[BaseException] = []

    def fetch(thread: TransferThread) -> None:
        thread.on_stop(woken.set)
        with thread.writing(0) as write:
            write(b"first piece")
            blocked.set()
            woken.wait(10)
            try:
                write(b"written after the stop")
            except BaseException as exc:
                outcome.append(exc)
                raise

    async def go() -> None:
        task = asyncio.ensure_future(TransferThread(recorder).run(fetch))  # type: ignore[arg-type]
        await asyncio.to_thread(blocked.wait, 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task  # returns without waiting for the thread
        await asyncio.to_thread(woken.wait, 10)
        for _ in range(200):  # let the thread try its write and end
            if outcome:
                break
            await asyncio.sleep(0.01)

    asyncio.run(go())
    assert woken.is_set()
    assert [type(exc) for exc in outcome] == [Stopped]
    assert part.read_bytes() == b"first piece"


def test_a_transfer_stopped_before_its_answer_never_opens_the_file(tmp_path: Path) -> None:
    part = tmp_path / "d.part"
    recorder = Recorder(part)
    stopped = threading.Event()
    hooked: list[str] = []
    outcome: list[BaseException] = []

    def fetch(thread: TransferThread) -> None:
        stopped.wait(10)  # still connecting when the user pauses
        try:
            thread.on_stop(lambda: hooked.append("hook"))  # the answer came: too late
            thread.writing(0).__enter__()
        except BaseException as exc:
            outcome.append(exc)
            raise

    async def go() -> None:
        transfer = TransferThread(recorder)  # type: ignore[arg-type]
        task = asyncio.ensure_future(transfer.run(fetch))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        stopped.set()
        for _ in range(200):
            if outcome:
                break
            await asyncio.sleep(0.01)

    asyncio.run(go())
    assert hooked == ["hook"]  # called at once, so the socket is let go
    assert [type(exc) for exc in outcome] == [Stopped]
    assert not part.exists()
    assert recorder.advanced_by == [] and recorder.began_with == []


def _stalling_server(tls: ssl.SSLContext | None, release: threading.Event) -> str:
    """Answers one GET with the first 1,000 bytes of a 1 MB body, then says nothing."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        with listener:
            conn, _ = listener.accept()
            if tls is not None:
                conn = tls.wrap_socket(conn, server_side=True)
            with conn:
                conn.recv(65536)
                head = b'HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\nETag: "x"\r\n\r\n'
                conn.sendall(head + b"a" * 1000)
                release.wait(30)

    threading.Thread(target=serve, daemon=True).start()
    scheme = "https" if tls is not None else "http"
    return f"{scheme}://127.0.0.1:{listener.getsockname()[1]}/big.bin"


def _download_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "stacdesk-download"]


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_stopping_wakes_a_read_blocked_on_a_stalled_server(tmp_path: Path, tls: bool) -> None:
    """The socket is shut down, so the thread lets the connection go now, not after the idle
    timeout (a minute here); over TLS too."""
    release = threading.Event()
    certificate = make_self_signed(tmp_path / "tls") if tls else None
    url = _stalling_server(certificate.server_context() if certificate else None, release)
    part = tmp_path / "big.bin.part"

    async def go() -> None:
        fetcher = CurlFetcher(60, 60, cafile=str(certificate.cert) if certificate else None)
        transfer = TransferThread(Recorder(part))  # type: ignore[arg-type]
        task = asyncio.ensure_future(transfer.run(lambda t: fetcher.fetch(url, t)))
        await wait_for(lambda: part_size(part) == 1000)
        assert _download_threads()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await wait_for(lambda: not _download_threads(), timeout=20)
        fetcher.close()

    try:
        asyncio.run(go())
    finally:
        release.set()
    assert part.read_bytes() == b"a" * 1000
