"""Fetch an http(s) href into a .part file with httpx: streamed, resumable, honest about why.

Resume sends ``Range: bytes=N-`` with ``If-Range`` (the ETag, or Last-Modified when the ETag is
weak or missing): a server that still has the same file answers 206 and only the missing bytes
come; a changed file or a server without range support answers 200 and the download restarts
from 0 with a note saying which. Redirects are followed here, not by httpx, so credentials
(whatever header carries them) never reach another host.
"""

from __future__ import annotations

import contextlib
import email.utils
import re
import socket
import time
from collections.abc import Callable, Mapping
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from stacdesk.core.downloads.fetching import (
    SourceError,
    TransferThread,
    TransientError,
    part_size,
)

Credentials = Callable[[str], Mapping[str, str]]
MAX_REDIRECTS = 10
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_UNSATISFIED = re.compile(r"bytes\s+\*/(\d+)")


def no_credentials(_url: str) -> Mapping[str, str]:
    return {}


# What one read of an HTTP/1.1 body asks for. httpcore asks for 64 KiB, so a body costs a trip
# through httpcore and h11 per 64 KiB: at loopback speed those trips, not the network, are the
# limit (benchmarks P6). Each read is written to disk before the next, so a larger read is more
# held in memory when the process is killed, and a faster reader lets the kernel grow the socket
# queue, which a kill loses too (P7). Measured side by side with curl: 128 KiB gives 1.04x its
# throughput and loses 0.65 MiB (curl 0.71); 256 KiB 1.26x but up to 1.6 MiB.
BODY_READ_SIZE = 128 * 1024


def read_larger_pieces() -> None:
    """Let httpcore read HTTP/1.1 bodies ``BODY_READ_SIZE`` at a time.

    ``READ_NUM_BYTES`` is a class constant (httpx passes no option for it), so this raises it
    for the whole process, once; it is only an upper bound on each read, which small responses
    (searches, thumbnails) never reach, so nothing else changes.
    """
    connection = httpcore.HTTP11Connection
    current = getattr(connection, "READ_NUM_BYTES", None)
    if isinstance(current, int) and current < BODY_READ_SIZE:
        connection.READ_NUM_BYTES = BODY_READ_SIZE


def make_client(idle_timeout: float, connect_timeout: float) -> httpx.Client:
    """One client for all downloads, shared by their threads (httpcore's pool is thread-safe);
    the read timeout is an idle timeout (it bounds each wait for data, never the whole
    transfer)."""
    read_larger_pieces()
    timeout = httpx.Timeout(connect=connect_timeout, read=idle_timeout, write=60, pool=None)
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=32)
    return httpx.Client(timeout=timeout, limits=limits, follow_redirects=False)


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def validator_of(response: httpx.Response) -> str | None:
    """What If-Range can use: a strong ETag, else Last-Modified."""
    etag = response.headers.get("etag")
    if etag and not etag.startswith("W/"):
        return etag
    return response.headers.get("last-modified")


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _status_error(response: httpx.Response) -> Exception:
    status = response.status_code
    reason = response.reason_phrase or ""
    if status in RETRY_STATUS or status >= 500:
        wait = retry_after(response.headers.get("retry-after"))
        return TransientError(f"HTTP {status} {reason}".strip(), wait)
    if status in (401, 403, 407):
        return SourceError(f"Access denied (HTTP {status}): this file needs credentials")
    if status in (404, 410):
        return SourceError(f"Not found on the server (HTTP {status})")
    return SourceError(f"The server refused the download (HTTP {status} {reason})".strip())


def _wake_on_stop(response: httpx.Response, transfer: TransferThread) -> None:
    """A stopped transfer shuts the socket down, so a read blocked on a stalled server
    returns at once (closing the descriptor would not wake it)."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):

        def shut_down() -> None:
            with contextlib.suppress(OSError):  # the socket's own method, not ssl's override
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

        transfer.on_stop(shut_down)


class HttpFetcher:
    """Blocking: ``fetch`` runs in the transfer's thread (see ``TransferThread``)."""

    def __init__(self, client: httpx.Client, credentials: Credentials = no_credentials):
        self.client = client
        self.credentials = credentials

    def _open(self, url: str, headers: dict[str, str]) -> httpx.Response:
        """GET with redirects followed by hand: credentials are asked for per origin, so a
        redirect to another host carries none of the first host's."""
        origin = _origin(url)
        creds = self._credentials(url)
        for _ in range(MAX_REDIRECTS + 1):
            request = self.client.build_request("GET", url, headers={**headers, **creds})
            response = self.client.send(request, stream=True)
            if not response.is_redirect or "location" not in response.headers:
                return response
            response.close()
            url = urljoin(url, response.headers["location"])
            if urlsplit(url).scheme not in ("http", "https"):
                raise SourceError(f"Redirected to an unsupported location: {url}")
            if _origin(url) != origin:
                origin = _origin(url)
                creds = self._credentials(url)
        raise SourceError(f"Too many redirects (more than {MAX_REDIRECTS})")

    def _credentials(self, url: str) -> dict[str, str]:
        """May go to the network (an OIDC token refresh): fine, this is the transfer's thread."""
        if self.credentials is no_credentials:
            return {}
        try:
            return dict(self.credentials(url))
        except Exception as exc:  # no secret stored, token refresh refused …
            raise SourceError(f"No usable credentials for this file: {exc}") from exc

    def fetch(self, url: str, transfer: TransferThread) -> None:
        """One attempt: bring the .part file to the whole file (raises FetchError otherwise)."""
        offset = part_size(transfer.part)
        note = ""
        headers = {"Accept-Encoding": "identity"}  # byte ranges of the stored file, not gzip
        if offset and transfer.validator:
            headers["Range"] = f"bytes={offset}-"
            headers["If-Range"] = transfer.validator
        elif offset:
            offset, note = 0, "Restarted from 0: the server gave no ETag or date to resume safely."
        try:
            response = self._open(url, headers)
        except httpx.TransportError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):  # retrying can't help
                raise SourceError(_certificate_message(exc)) from exc
            if _lookup_failed(exc):  # an unknown host stays unknown: fail now, not in minutes
                raise SourceError(f"Unknown host {_host_of(exc, url)} (DNS lookup failed)") from exc
            raise TransientError(_network_message(exc)) from exc
        try:
            _wake_on_stop(response, transfer)
            self._receive(response, transfer, offset, note)
        except httpx.TransportError as exc:
            raise TransientError(_network_message(exc)) from exc
        finally:
            response.close()

    def _receive(
        self, response: httpx.Response, transfer: TransferThread, offset: int, note: str
    ) -> None:
        status = response.status_code
        validator = validator_of(response)
        if status == 416 and offset:
            match = _UNSATISFIED.match(response.headers.get("content-range", ""))
            if match and int(match.group(1)) == offset:  # the .part file is already whole
                transfer.began(offset, offset, transfer.validator, note)
                return
            transfer.began(0, None, None, "Restarted from 0: the server rejected the resume.")
            raise TransientError("The server rejected the resume range (HTTP 416)")
        if status == 206:
            match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
            if not match or int(match.group(1)) != offset:
                transfer.began(0, None, None, "Restarted from 0: the server sent another range.")
                raise TransientError("The server answered with an unexpected byte range")
            total = int(match.group(3)) if match.group(3) != "*" else None
        elif status == 200:
            if offset:
                changed = validator is not None and validator != transfer.validator
                note = (
                    "Restarted from 0: the file changed on the server."
                    if changed
                    else "Restarted from 0: the server does not support resuming (no Range)."
                )
                offset = 0
            length = response.headers.get("content-length")
            total = int(length) if length and length.isdigit() else None
        else:
            raise _status_error(response)
        transfer.began(offset, total, validator, note)
        done = offset
        with transfer.writing(offset) as write:
            for piece in response.iter_bytes():
                write(piece)
                done += len(piece)
        if total is not None and done < total:
            raise TransientError(f"Connection closed early ({done:,} of {total:,} bytes)")


def _host_of(exc: httpx.TransportError, url: str) -> str:
    """The host the failed request went to (a redirect's target, not always ``url``'s)."""
    try:
        return exc.request.url.host
    except RuntimeError:  # no request attached
        return urlsplit(url).hostname or url


def _lookup_failed(exc: BaseException) -> bool:
    """The host name could not be resolved (``socket.gaierror`` somewhere in the chain)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, socket.gaierror):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _certificate_message(exc: httpx.TransportError) -> str:
    reason = str(exc).partition("certificate verify failed:")[2].split("(")[0].strip()
    return (
        "The server's certificate could not be verified"
        + (f" ({reason})" if reason else "")
        + ", so the download was refused"
    )


def _network_message(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.ReadTimeout):
        return "No data from the server for too long (idle timeout)"
    if isinstance(exc, httpx.ConnectTimeout):
        return "Could not connect in time"
    if isinstance(exc, httpx.ConnectError):
        return f"Could not connect: {exc}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"Connection broken: {exc}"
    return f"Network error: {exc or type(exc).__name__}"
