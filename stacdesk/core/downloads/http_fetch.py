"""Fetch an http(s) href into a .part file with httpx: streamed, resumable, honest about why.

Resume sends ``Range: bytes=N-`` with ``If-Range`` (the ETag, or Last-Modified when the ETag is
weak or missing): a server that still has the same file answers 206 and only the missing bytes
come; a changed file or a server without range support answers 200 and the download restarts
from 0 with a note saying which. Redirects are followed here, not by httpx, so credentials
(whatever header carries them) never reach another host.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import time
from collections.abc import Callable, Mapping
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from stacdesk.core.downloads.asyncio_network import use_asyncio_network
from stacdesk.core.downloads.fetching import (
    PartWriter,
    SourceError,
    Transfer,
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
# through httpcore, h11 and the network backend per 64 KiB: at loopback speed those trips, not the
# network, were the limit (benchmarks P6: about 0.5x curl; see also asyncio_network.py).
# asyncio's socket transports recv at most 256 KiB at once, so asking for more gains nothing;
# raising that too (a private asyncio class attribute) was tried: every recv then allocates
# 1 MiB, and the page faults cost more than the trips saved.
BODY_READ_SIZE = 256 * 1024


def read_larger_pieces() -> None:
    """Let httpcore read HTTP/1.1 bodies ``BODY_READ_SIZE`` at a time.

    ``READ_NUM_BYTES`` is a class constant (httpx passes no option for it), so this raises it
    for the whole process, once; it is only an upper bound on each read, which small responses
    (searches, thumbnails) never reach, so nothing else changes.
    """
    connection = httpcore.AsyncHTTP11Connection
    current = getattr(connection, "READ_NUM_BYTES", None)
    if isinstance(current, int) and current < BODY_READ_SIZE:
        connection.READ_NUM_BYTES = BODY_READ_SIZE


def make_client(idle_timeout: float, connect_timeout: float) -> httpx.AsyncClient:
    """One client for all downloads: pooled connections on asyncio's transports; the read
    timeout is an idle timeout (it bounds each wait for data, never the whole transfer)."""
    read_larger_pieces()
    timeout = httpx.Timeout(connect=connect_timeout, read=idle_timeout, write=60, pool=None)
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=32)
    transport = httpx.AsyncHTTPTransport(limits=limits)
    use_asyncio_network(transport)
    return httpx.AsyncClient(
        timeout=timeout, limits=limits, follow_redirects=False, transport=transport
    )


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


class HttpFetcher:
    def __init__(self, client: httpx.AsyncClient, credentials: Credentials = no_credentials):
        self.client = client
        self.credentials = credentials

    async def _open(self, url: str, headers: dict[str, str]) -> httpx.Response:
        """GET with redirects followed by hand: credentials are asked for per origin, so a
        redirect to another host carries none of the first host's."""
        origin = _origin(url)
        creds = await self._credentials(url)
        for _ in range(MAX_REDIRECTS + 1):
            request = self.client.build_request("GET", url, headers={**headers, **creds})
            response = await self.client.send(request, stream=True)
            if not response.is_redirect or "location" not in response.headers:
                return response
            await response.aclose()
            url = urljoin(url, response.headers["location"])
            if urlsplit(url).scheme not in ("http", "https"):
                raise SourceError(f"Redirected to an unsupported location: {url}")
            if _origin(url) != origin:
                origin = _origin(url)
                creds = await self._credentials(url)
        raise SourceError(f"Too many redirects (more than {MAX_REDIRECTS})")

    async def _credentials(self, url: str) -> dict[str, str]:
        """Asked in a worker thread: an OIDC token refresh may go to the network."""
        if self.credentials is no_credentials:
            return {}
        try:
            return dict(await asyncio.to_thread(self.credentials, url))
        except Exception as exc:  # no secret stored, token refresh refused …
            raise SourceError(f"No usable credentials for this file: {exc}") from exc

    async def fetch(self, url: str, transfer: Transfer) -> None:
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
            response = await self._open(url, headers)
        except httpx.TransportError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):  # retrying can't help
                raise SourceError(_certificate_message(exc)) from exc
            raise TransientError(_network_message(exc)) from exc
        try:
            await self._receive(response, transfer, offset, note)
        except httpx.TransportError as exc:
            raise TransientError(_network_message(exc)) from exc
        finally:
            await response.aclose()

    async def _receive(
        self, response: httpx.Response, transfer: Transfer, offset: int, note: str
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
        with PartWriter(transfer, offset) as writer:
            async for chunk in response.aiter_bytes():
                await writer.write(chunk)
                done += len(chunk)
            await writer.finish()
        if total is not None and done < total:
            raise TransientError(f"Connection closed early ({done:,} of {total:,} bytes)")


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
