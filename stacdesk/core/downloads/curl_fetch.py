"""Fetch an http(s) href into a .part file with libcurl (pycurl): the byte loop in native code.

Why libcurl: a pure-Python HTTP client parses every read under the GIL, so four downloads and
the window take turns on one core (benchmarks P6). libcurl waits, receives and parses with the
GIL released; Python runs once per read (up to ``BODY_READ_SIZE``), only to write that read to
the .part file before the next one comes (what a killed process loses stays one read, P7).

Redirects are followed here, not by libcurl, so credentials (whatever header carries them) are
asked for per origin and never reach another host. Easy handles are kept for reuse, each with
its open connections, so many small files don't each pay a new connection.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import socket
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import certifi
import httpx
import pycurl

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.downloads.fetching import (
    SourceError,
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
    no_credentials,
    no_renewal,
    origin,
    resume_headers,
)

# What one read asks for. Larger reads cost fewer trips into Python but a killed process loses
# up to one read more (P7); curl's own tool reads 100 KiB.
BODY_READ_SIZE = 128 * 1024
IDLE_HANDLES = 32  # easy handles (and their connections) kept for the next transfers
# "SSL certificate problem: X" (libcurl < 8.10), "… verify result: X (18)" (later)
_CERT_REASON = re.compile(r"(?:problem|verify result):\s*([^(]+)")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_UNVERIFIED = frozenset({pycurl.E_PEER_FAILED_VERIFICATION, pycurl.E_SSL_CACERT_BADFILE})
_BROKEN = frozenset(
    {pycurl.E_PARTIAL_FILE, pycurl.E_RECV_ERROR, pycurl.E_SEND_ERROR, pycurl.E_GOT_NOTHING}
)


def ca_file() -> str:
    """The CA bundle httpx uses too (SSL_CERT_FILE when set, else certifi's)."""
    return os.environ.get("SSL_CERT_FILE") or certifi.where()


def request_url(url: str) -> str:
    """The URL as sent: httpx's normalisation (spaces and other unsafe characters escaped), so
    catalogs' hrefs mean what they meant before; libcurl rejects some of them as written."""
    try:
        return str(httpx.URL(url))
    except httpx.InvalidURL as exc:
        raise SourceError(f"Not a usable URL: {url} ({exc})") from exc


def header_lines(headers: dict[str, str]) -> list[str]:
    lines = []
    for name, value in headers.items():
        if any(c in name + value for c in "\r\n\0") or not name or ":" in name:
            raise SourceError(f"Credentials carry an invalid header ({name!r})")
        lines.append(f"{name}: {value}" if value else f"{name};")  # "Name:" would drop it
    return lines


class _Handle:
    """An easy handle and the sockets it opened: a stop shuts them down, which wakes a read
    blocked on a stalled server (closing the descriptor would not). Its idle connections go
    too, harmlessly: libcurl sees them closed and connects again."""

    def __init__(self) -> None:
        self.curl = pycurl.Curl()
        self._lock = threading.Lock()
        self._sockets: set[int] = set()
        self.curl.setopt(pycurl.SOCKOPTFUNCTION, self._opened)
        self.curl.setopt(pycurl.CLOSESOCKETFUNCTION, self._closing)

    def _opened(self, fd: int, _purpose: int) -> int:
        with self._lock:
            self._sockets.add(fd)
        return pycurl.SOCKOPT_OK

    def _closing(self, fd: int) -> int:
        with self._lock:  # gone from the set before the number can be reused
            self._sockets.discard(fd)
            with contextlib.suppress(OSError):
                os.close(fd)
        return 0

    def shut_down(self) -> None:
        with self._lock:
            for fd in self._sockets:
                with contextlib.suppress(OSError):
                    sock = socket.socket(fileno=os.dup(fd))
                    with sock:
                        sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.curl.close()


class _Exchange:
    """One request and its answer, driven by libcurl's callbacks on the transfer's thread."""

    def __init__(self, handle: _Handle, transfer: TransferThread, offset: int, note: str) -> None:
        self.handle = handle
        self.transfer = transfer
        self.offset = offset
        self.note = note
        self.status = 0
        self.reason = ""
        self.headers: dict[str, str] = {}
        self.error: BaseException | None = None  # raised from a callback, re-raised after
        self.location: str | None = None
        self.whole = False
        self.total: int | None = None
        self.done = 0
        self.write: Callable[[Any], None] | None = None
        self.files = contextlib.ExitStack()
        self._live = True
        self._lock = threading.Lock()

    def start(self) -> None:
        """From now until ``finished`` a stop shuts this transfer's connection down."""
        self.transfer.on_stop(self._shut_down)

    def _shut_down(self) -> None:
        with self._lock:
            if self._live:
                self.handle.shut_down()

    def finished(self) -> None:
        """The handle may serve another transfer now: a late stop must not touch it."""
        with self._lock:
            self._live = False
        self.files.close()

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
        return None if self.write is not None else 0  # 0: no body wanted, stop here

    def body(self, data: bytes) -> int | None:
        if self.write is None:
            return 0
        try:
            self.write(data)
        except BaseException as exc:
            self.error = exc
            return 0
        self.done += len(data)
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
        self.write = self.files.enter_context(self.transfer.writing(plan.offset))


class CurlFetcher:
    """Blocking: ``fetch`` runs in the transfer's thread (see ``TransferThread``)."""

    def __init__(
        self,
        idle_timeout: float,
        connect_timeout: float,
        credentials: Credentials = no_credentials,
        cafile: str | None = None,
        renew: RenewCredentials = no_renewal,
    ) -> None:
        self.credentials = credentials
        self.renew = renew
        self.idle_seconds = max(1, math.ceil(idle_timeout))  # libcurl counts whole seconds
        self.connect_ms = max(1, round(connect_timeout * 1000))
        self.cafile = cafile or ca_file()
        self._idle: list[_Handle] = []
        self._lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for handle in idle:
            handle.close()

    def _take(self) -> _Handle:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _Handle()

    def _give_back(self, handle: _Handle) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < IDLE_HANDLES:
                self._idle.append(handle)
                return
        handle.close()

    def _credentials(self, url: str) -> dict[str, str]:
        """May go to the network (an OIDC token refresh): fine, this is the transfer's thread."""
        if self.credentials is no_credentials:
            return {}
        try:
            return dict(self.credentials(url))
        except Exception as exc:  # no secret stored, token refresh refused …
            raise SourceError(f"No usable credentials for this file: {exc}") from exc

    def _renewed(self, url: str, refused: dict[str, str]) -> bool:
        """Whether new credentials may get in (an OIDC token refreshed; network, so here)."""
        try:
            return self.renew(url, refused)
        except Exception:  # the provider refusing: the 401 stands
            return False

    def fetch(self, url: str, transfer: TransferThread) -> None:
        """One attempt: bring the .part file to the whole file (raises FetchError otherwise)."""
        headers, offset, note = resume_headers(part_size(transfer.part), transfer.validator)
        handle = self._take()
        renewed = False  # refused credentials are renewed once per attempt, then it is a 401
        try:
            scope = origin(url)
            creds = self._credentials(url)
            for _ in range(MAX_REDIRECTS + 1):
                try:
                    location = self._exchange(
                        handle, url, {**headers, **creds}, transfer, offset, note
                    )
                except CredentialsRefused:
                    if renewed or not creds or not self._renewed(url, creds):
                        raise
                    renewed, creds = True, self._credentials(url)
                    continue  # the same request with the renewed credentials
                if location is None:
                    return
                url = urljoin(url, location)
                if urlsplit(url).scheme not in ("http", "https"):
                    raise SourceError(f"Redirected to an unsupported location: {url}")
                if origin(url) != scope:  # another host: its own credentials, or none
                    scope = origin(url)
                    creds = self._credentials(url)
            raise SourceError(f"Too many redirects (more than {MAX_REDIRECTS})")
        finally:
            self._give_back(handle)

    def _exchange(
        self,
        handle: _Handle,
        url: str,
        headers: dict[str, str],
        transfer: TransferThread,
        offset: int,
        note: str,
    ) -> str | None:
        """One request; the redirect's Location, or None once the .part file is whole."""
        exchange = _Exchange(handle, transfer, offset, note)
        self._configure(handle.curl, request_url(url), header_lines(headers), exchange)
        exchange.start()
        try:
            handle.curl.perform()
        except pycurl.error as exc:
            code, message = exc.args
            if exchange.error is None and exchange.location is None and not exchange.whole:
                raise _failure(code, message, url, exchange) from None
        finally:
            exchange.finished()
        if exchange.error is not None:
            raise exchange.error
        if exchange.location is not None or exchange.whole:
            return exchange.location
        if exchange.write is None:
            raise TransientError("The server closed the connection without an answer")
        if exchange.total is not None and exchange.done < exchange.total:
            raise TransientError(
                f"Connection closed early ({exchange.done:,} of {exchange.total:,} bytes)"
            )
        return None

    def _configure(self, handle: Any, url: str, lines: list[str], exchange: _Exchange) -> None:
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


UNKNOWN_HOST = QT_TRANSLATE_NOOP("Downloads", "Unknown host %1 (DNS lookup failed)")
CONNECT_TIMEOUT = QT_TRANSLATE_NOOP("Downloads", "Could not connect in time")
IDLE_TIMEOUT = QT_TRANSLATE_NOOP("Downloads", "No data from the server for too long (idle timeout)")
CANNOT_CONNECT = QT_TRANSLATE_NOOP("Downloads", "Could not connect: %1")
CLOSED_EARLY = QT_TRANSLATE_NOOP("Downloads", "Connection closed early (%1 of %2 bytes)")
BROKEN = QT_TRANSLATE_NOOP("Downloads", "Connection broken: %1")
NETWORK_ERROR = QT_TRANSLATE_NOOP("Downloads", "Network error: %1")


def _failure(code: int, message: str, url: str, exchange: _Exchange) -> Exception:
    """What libcurl's error means for the engine: give up at once, or retry later."""
    if code in _UNVERIFIED:  # retrying can't help
        reason = _CERT_REASON.search(message)
        return SourceError(
            "The server's certificate could not be verified"
            + (f" ({reason.group(1).strip()})" if reason else "")
            + ", so the download was refused"
        )
    if code == pycurl.E_COULDNT_RESOLVE_HOST:  # an unknown host stays unknown: fail now
        return SourceError(UNKNOWN_HOST(urlsplit(url).hostname or url))
    if code == pycurl.E_OPERATION_TIMEDOUT:
        if exchange.status == 0 and "onnect" in message:
            return TransientError(CONNECT_TIMEOUT())
        return TransientError(IDLE_TIMEOUT())
    if code == pycurl.E_COULDNT_CONNECT:
        return TransientError(CANNOT_CONNECT(message))
    if code == pycurl.E_PARTIAL_FILE and exchange.total is not None:
        return TransientError(CLOSED_EARLY(exchange.done, exchange.total))
    if code in _BROKEN:
        return TransientError(BROKEN(message))
    return TransientError(NETWORK_ERROR(message or f"libcurl error {code}"))
