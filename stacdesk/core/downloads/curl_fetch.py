"""Fetch an http(s) href into a .part file with libcurl (pycurl): the byte loop in native code.

Why libcurl: a pure-Python HTTP client parses every read under the GIL, so four downloads and
the window take turns on one core (benchmarks P6). libcurl waits, receives and parses with the
GIL released; Python runs per piece it hands over (16 KiB at most) only to gather it, and writes
the pieces to the .part file once a read's worth (``BODY_READ_SIZE``) is in or before the thread
waits for the sockets again (a killed process loses about one read, P7). Every transfer's bytes
move on one thread (``curl_multi``), as in ``curl --parallel``.

Redirects are followed here, not by libcurl, so credentials (whatever header carries them) are
asked for per origin and never reach another host. That sequence — credentials, exchanges,
redirects, a renewal after a 401 — runs on the event loop; only the exchanges run on the
transfer thread, and credentials that may go to the network are asked for in a worker.
"""

from __future__ import annotations

import asyncio
import math
import os
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import certifi
import pycurl

from stacdesk.core.downloads.curl_errors import failure
from stacdesk.core.downloads.curl_multi import STOPPED, CurlLoop, FileThreads
from stacdesk.core.downloads.fetching import (
    SourceError,
    Stopped,
    TransferThread,
    TransientError,
    part_size,
)
from stacdesk.core.downloads.http_rules import (
    MAX_REDIRECTS,
    Credentials,
    CredentialsRefused,
    RenewCredentials,
    Restart,
    answer,
    header_lines,
    no_credentials,
    no_renewal,
    origin,
    request_url,
    resume_headers,
)

# What one read asks for and the most gathered before a write (a kill loses about that, P7).
BODY_READ_SIZE = 128 * 1024
_PIECE = 16 * 1024  # libcurl's CURL_MAX_WRITE_SIZE: it cuts each read into pieces this long
FILE_THREADS = 4  # .part files opened at once (their folder and inode made) off the transfers
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def ca_file() -> str:
    """The CA bundle httpx uses too (SSL_CERT_FILE when set, else certifi's)."""
    return os.environ.get("SSL_CERT_FILE") or certifi.where()


class _Attempt:
    """What an attempt's exchanges share: the .part file's size and the resume headers, read
    once on the transfer thread when the first exchange starts (a stat may wait)."""

    def __init__(self, transfer: TransferThread) -> None:
        self.transfer = transfer
        self._resume: tuple[dict[str, str], int, str] | None = None

    def resume(self) -> tuple[dict[str, str], int, str]:
        if self._resume is None:  # the size the file thread found on opening it, if it has
            size = self.transfer.opened_size
            if size < 0:
                size = part_size(self.transfer.part)
            self.transfer.size_before = size
            self._resume = resume_headers(size, self.transfer.validator)
        return self._resume


class _Exchange:
    """One request and its answer, driven by libcurl's callbacks on the transfer thread;
    ``future`` (the loop's) gets the redirect's Location, None once the .part file is whole,
    or the error."""

    def __init__(
        self,
        fetcher: CurlFetcher,
        attempt: _Attempt,
        url: str,
        credentials: dict[str, str],
        future: asyncio.Future[str | None],
    ) -> None:
        self.fetcher = fetcher
        self.attempt = attempt
        self.transfer = attempt.transfer
        self.url = url
        self.credentials = credentials
        self.future = future
        self.offset, self.note, self.status, self.reason = 0, "", 0, ""
        self.headers: dict[str, str] = {}
        self.error: BaseException | None = None  # raised from a callback, re-raised after
        self.location: str | None = None
        self.whole, self.done = False, 0
        self.total: int | None = None
        self.write: Callable[[list[bytes], int], None] | None = None
        self.gathered: list[bytes] = []  # body pieces not yet written (``gathered_size``)
        self.gathered_size = 0
        self.wants_body = False  # the answer has a body for the .part file
        # The .part file is opened by a file thread as the request goes out (``prepare``): the
        # answer usually finds it open; else the body waits, paused, until it is.
        self.prepared = threading.Event()  # ``prepare`` ended (``file_error`` says how)
        self.file_error: BaseException | None = None
        self._waiting_at: int | None = None  # the body's offset, while paused for the file
        self._lock = threading.Lock()

    # -- on the transfer thread
    def configure(self, curl: pycurl.Curl) -> None:
        headers, self.offset, self.note = self.attempt.resume()
        lines = header_lines({**headers, **self.credentials})
        self.fetcher.configure(curl, request_url(self.url), lines, self)

    def finished(self, code: int, message: str) -> None:
        self.prepared.wait()  # the file thread is done with the file (it is quick)
        self.round_ended()
        if self.write is None:  # no body came: no .part file is left for it
            self.transfer.drop_part()
        self.transfer.finish_writes()  # every byte counted before the result
        try:
            outcome: str | BaseException | None = self._outcome(code, message)
        except BaseException as exc:
            outcome = exc
        self.transfer.deliver(_settle, self.future, outcome)

    def _outcome(self, code: int, message: str) -> str | None:
        if code == STOPPED:
            raise Stopped
        if code and self.error is None and self.location is None and not self.whole:
            raise failure(code, message, self.url, self.status, (self.done, self.total))
        if self.error is not None:
            raise self.error
        if self.location is not None or self.whole:
            return self.location
        if self.write is None:
            raise TransientError("The server closed the connection without an answer")
        if self.total is not None and self.done < self.total:
            raise TransientError(f"Connection closed early ({self.done:,} of {self.total:,} bytes)")
        return None

    # -- libcurl's callbacks: no exception may leave them
    def header(self, line: bytes) -> int | None:
        if line.startswith(b"HTTP/"):  # a new response (after 100 Continue, say)
            parts = line.decode("latin-1").split(None, 2)
            self.headers = {}
            self.status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            self.reason = parts[2].strip() if len(parts) > 2 else ""
            return None
        if line.strip():
            name, sep, value = line.decode("latin-1").partition(":")
            if sep:
                self.headers[name.strip().lower()] = value.strip()
            return None
        if 100 <= self.status < 200:
            return None
        try:
            self._answered(self.status)
        except BaseException as exc:
            self.error = exc
        return None if self.wants_body else 0  # 0: no body wanted, stop here

    def body(self, data: bytes) -> int | None:
        """Gathered, and written once a read's worth or a read's end is here, or the round
        ends: a write per 16 KiB piece cost the thread more than receiving (benchmarks P6)."""
        if self.write is None:
            with self._lock:
                if self._waiting_at is not None:
                    return pycurl.WRITEFUNC_PAUSE  # libcurl holds it till ``prepare`` resumes it
            if self.write is None:  # the file could not be opened: ``error`` says why
                return 0
        if self.error is not None:  # the round's last write failed
            return 0
        gathered = self.gathered
        gathered.append(data)
        self.gathered_size += len(data)
        self.done += len(data)
        if self.gathered_size >= BODY_READ_SIZE or len(data) < _PIECE:  # short: a read's end
            return self.flush()
        if len(gathered) == 1:
            self.fetcher.curl.after_round(self)
        return None

    def round_ended(self) -> None:  # before the thread waits for the sockets again
        self.flush()

    def flush(self) -> int | None:
        """Write what was gathered; 0 (libcurl's "stop") if it could not be, ``error`` says why."""
        if not self.gathered:
            return None
        pieces, size = self.gathered, self.gathered_size
        self.gathered, self.gathered_size = [], 0
        assert self.write is not None  # nothing is gathered before the file is open
        try:
            self.write(pieces, size)
        except BaseException as exc:
            if self.error is None:
                self.error = exc
            return 0
        return None

    def _answered(self, status: int) -> None:
        if status in _REDIRECTS and "location" in self.headers:
            self.location = self.headers["location"]
            return
        try:
            plan = answer(
                status, self.reason, self.headers, self.offset, self.transfer.validator, self.note
            )
        except Restart as exc:
            self.transfer.began(0, None, None, exc.note)
            raise
        self.transfer.began(plan.offset, plan.total, plan.validator, plan.note)
        if plan.whole:
            self.whole = True
            return
        self.total, self.done = plan.total, plan.offset
        self.wants_body = True
        with self._lock:
            if not self.prepared.is_set():
                self._waiting_at = plan.offset
                return
        self._write_from(plan.offset)

    def _write_from(self, offset: int) -> None:
        if self.file_error is not None:
            self.error = self.file_error
            return
        try:
            self.transfer.write_from(offset)
            self.write = self.transfer.write_pieces
        except BaseException as exc:
            self.error = exc

    # -- in a file thread
    def prepare(self) -> None:
        """Open the .part file while the request goes out: making a folder and a file may
        take milliseconds of the file system's (inode allocation), which the transfer thread
        must not wait for."""
        try:
            self.transfer.open_part()
        except BaseException as exc:
            self.file_error = exc
        with self._lock:
            self.prepared.set()
            offset = self._waiting_at
            if offset is not None:  # the answer came first: its body waits, paused
                self._write_from(offset)
                self._waiting_at = None
        if offset is not None:
            self.fetcher.curl.resume(self)


def _settle(future: asyncio.Future[str | None], outcome: str | BaseException | None) -> None:
    """On the loop: the exchange's result (a stopped attempt's future is cancelled already)."""
    if future.done():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)


class CurlFetcher:
    """``fetch_async`` runs on the event loop (the bytes move on the transfer thread);
    ``fetch`` is the same for a caller in a thread of its own."""

    def __init__(
        self,
        idle_timeout: float,
        connect_timeout: float,
        credentials: Credentials = no_credentials,
        cafile: str | None = None,
        renew: RenewCredentials = no_renewal,
        per_host: int = 0,
    ) -> None:
        self.credentials = credentials
        self.renew = renew
        self.idle_seconds = max(1, math.ceil(idle_timeout))  # libcurl counts whole seconds
        self.connect_ms = max(1, round(connect_timeout * 1000))
        self.cafile = cafile or ca_file()
        self.curl = CurlLoop()
        self.curl.limit_per_host(per_host)
        self.files = FileThreads(FILE_THREADS)

    def limit_per_host(self, connections: int) -> None:
        """libcurl's own cap on connections to one host (the engine's queue keeps it too)."""
        self.curl.limit_per_host(connections)

    def close(self) -> None:
        self.curl.close()
        self.files.close()

    def _credentials(self, url: str) -> dict[str, str]:
        """May go to the network (an OIDC token refresh): called in a worker thread."""
        try:
            return dict(self.credentials(url))
        except Exception as exc:  # no secret stored, token refresh refused …
            raise SourceError(f"No usable credentials for this file: {exc}") from exc

    async def _credentials_for(self, url: str) -> dict[str, str]:
        if self.credentials is no_credentials:
            return {}
        return await asyncio.to_thread(self._credentials, url)

    def _renewed(self, url: str, refused: dict[str, str]) -> bool:
        """Whether new credentials may get in (an OIDC token refreshed; network, a worker)."""
        try:
            return self.renew(url, refused)
        except Exception:  # the provider refusing: the 401 stands
            return False

    def fetch(self, url: str, transfer: TransferThread) -> None:
        """``fetch_async`` from a thread other than the loop's, waiting for its end."""
        asyncio.run_coroutine_threadsafe(self.fetch_async(url, transfer), transfer.loop).result()

    async def fetch_async(self, url: str, transfer: TransferThread) -> None:
        """One attempt: bring the .part file to the whole file (raises FetchError otherwise)."""
        attempt = _Attempt(transfer)
        renewed = False  # refused credentials are renewed once per attempt, then it is a 401
        scope = origin(url)
        creds = await self._credentials_for(url)
        for _ in range(MAX_REDIRECTS + 1):
            try:
                location = await self._exchange(attempt, url, creds)
            except CredentialsRefused:
                if renewed or not creds:
                    raise
                if not await asyncio.to_thread(self._renewed, url, creds):
                    raise
                renewed, creds = True, await self._credentials_for(url)
                continue  # the same request with the renewed credentials
            if location is None:
                return
            url = urljoin(url, location)
            if urlsplit(url).scheme not in ("http", "https"):
                raise SourceError(f"Redirected to an unsupported location: {url}")
            if origin(url) != scope:  # another host: its own credentials, or none
                scope = origin(url)
                creds = await self._credentials_for(url)
        raise SourceError(f"Too many redirects (more than {MAX_REDIRECTS})")

    async def _exchange(self, attempt: _Attempt, url: str, creds: dict[str, str]) -> str | None:
        """One request; the redirect's Location, or None once the .part file is whole."""
        future: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        exchange = _Exchange(self, attempt, url, creds, future)
        curl = self.curl
        attempt.transfer.on_stop(lambda: curl.cancel(exchange))  # raises Stopped if stopped
        try:
            self.files.submit(exchange.prepare)
        except RuntimeError:  # closing: the request finishes as stopped too
            exchange.file_error = Stopped()
            exchange.prepared.set()
        curl.add(exchange)
        return await future

    def configure(self, handle: Any, url: str, lines: list[str], exchange: _Exchange) -> None:
        """Every option, every time: a reused handle keeps only its connections."""
        handle.setopt(pycurl.URL, url)
        handle.setopt(pycurl.HTTPGET, 1)
        handle.setopt(pycurl.HTTPHEADER, lines)
        handle.setopt(pycurl.USERAGENT, "stacdesk")
        handle.setopt(pycurl.PROTOCOLS, pycurl.PROTO_HTTP | pycurl.PROTO_HTTPS)
        handle.setopt(pycurl.FOLLOWLOCATION, 0)
        handle.setopt(pycurl.PATH_AS_IS, 1)  # already normalised by request_url
        handle.setopt(pycurl.NOSIGNAL, 1)  # threads: no SIGALRM for DNS timeouts
        handle.setopt(pycurl.CONNECTTIMEOUT_MS, self.connect_ms)
        handle.setopt(pycurl.LOW_SPEED_LIMIT, 1)  # an idle timeout, never a total one
        handle.setopt(pycurl.LOW_SPEED_TIME, self.idle_seconds)
        handle.setopt(pycurl.BUFFERSIZE, BODY_READ_SIZE)
        handle.setopt(pycurl.CAINFO, self.cafile)
        handle.setopt(pycurl.HEADERFUNCTION, exchange.header)
        handle.setopt(pycurl.WRITEFUNCTION, exchange.body)
