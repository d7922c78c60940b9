"""What an HTTP answer means for a download: resume or restart, which errors are worth a retry.

Why apart from the transfer code: these rules are HTTP's, not the transfer library's. Resume
sends ``Range: bytes=N-`` with ``If-Range`` (the ETag, or Last-Modified when the ETag is weak
or missing): a server that still has the same file answers 206 and only the missing bytes come;
a changed file or a server without range support answers 200 and the download restarts from 0
with a note saying which.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.downloads.fetching import SourceError, TransientError

Credentials = Callable[[str], Mapping[str, str]]
# (url, the credential headers a server refused with 401) -> whether asking again may help:
# an OpenID Connect access token the provider revoked or expired early gets renewed.
RenewCredentials = Callable[[str, Mapping[str, str]], bool]
MAX_REDIRECTS = 10
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_UNSATISFIED = re.compile(r"bytes\s+\*/(\d+)")
NEEDS_CREDENTIALS = QT_TRANSLATE_NOOP(
    "Downloads", "Access denied (HTTP %1): this file needs credentials"
)
NOT_FOUND = QT_TRANSLATE_NOOP("Downloads", "Not found on the server (HTTP %1)")
REFUSED = QT_TRANSLATE_NOOP("Downloads", "The server refused the download (HTTP %1)")


def no_credentials(_url: str) -> Mapping[str, str]:
    return {}


def no_renewal(_url: str, _refused: Mapping[str, str]) -> bool:
    return False


class CredentialsRefused(SourceError):
    """HTTP 401: the credentials sent (if any) were not accepted."""


def origin(url: str) -> tuple[str, str]:
    """What credentials are scoped to: scheme and host (with port)."""
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils  # only for a dated Retry-After; not with the window's start

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def validator_of(headers: Mapping[str, str]) -> str | None:
    """What If-Range can use: a strong ETag, else Last-Modified (``headers`` lower-case)."""
    etag = headers.get("etag")
    if etag and not etag.startswith("W/"):
        return etag
    return headers.get("last-modified")


def resume_headers(offset: int, validator: str | None) -> tuple[dict[str, str], int, str]:
    """(request headers, offset asked for, note) for an attempt with ``offset`` bytes on disk."""
    headers = {"Accept-Encoding": "identity"}  # byte ranges of the stored file, not gzip
    if offset and validator:
        headers["Range"] = f"bytes={offset}-"
        headers["If-Range"] = validator
        return headers, offset, ""
    if offset:
        return headers, 0, "Restarted from 0: the server gave no ETag or date to resume safely."
    return headers, 0, ""


def status_error(status: int, reason: str, headers: Mapping[str, str]) -> Exception:
    """The error an unusable status is: transient (retry later) or the source's (give up)."""
    if status in RETRY_STATUS or status >= 500:
        wait = retry_after(headers.get("retry-after"))
        return TransientError(f"HTTP {status} {reason}".strip(), wait)
    if status == 401:
        return CredentialsRefused(NEEDS_CREDENTIALS(str(status)))
    if status in (403, 407):
        return SourceError(NEEDS_CREDENTIALS(str(status)))
    if status in (404, 410):
        return SourceError(NOT_FOUND(str(status)))
    return SourceError(REFUSED(f"{status} {reason}".strip()))


@dataclass(frozen=True)
class Answer:
    """What to do with a response body: write it from ``offset`` (``whole``: nothing to write,
    the .part file is already complete)."""

    offset: int
    total: int | None
    validator: str | None
    note: str
    whole: bool = False


class Restart(TransientError):
    """The resume failed in a way that empties the .part file; ``began`` must say so first."""

    def __init__(self, message: str, note: str) -> None:
        super().__init__(message)
        self.note = note


def answer(
    status: int,
    reason: str,
    headers: Mapping[str, str],
    offset: int,
    known_validator: str | None,
    note: str,
) -> Answer:
    """Decide from a final (non-redirect) response; raises what the status means otherwise."""
    validator = validator_of(headers)
    if status == 416 and offset:
        match = _UNSATISFIED.match(headers.get("content-range", ""))
        if match and int(match.group(1)) == offset:  # the .part file is already whole
            return Answer(offset, offset, known_validator, note, whole=True)
        raise Restart(
            "The server rejected the resume range (HTTP 416)",
            "Restarted from 0: the server rejected the resume.",
        )
    if status == 206:
        match = _CONTENT_RANGE.match(headers.get("content-range", ""))
        if not match or int(match.group(1)) != offset:
            raise Restart(
                "The server answered with an unexpected byte range",
                "Restarted from 0: the server sent another range.",
            )
        total = int(match.group(3)) if match.group(3) != "*" else None
        return Answer(offset, total, validator, note)
    if status == 200:
        if offset:
            changed = validator is not None and validator != known_validator
            note = (
                "Restarted from 0: the file changed on the server."
                if changed
                else "Restarted from 0: the server does not support resuming (no Range)."
            )
        length = headers.get("content-length", "")
        return Answer(0, int(length) if length.isdigit() else None, validator, note)
    raise status_error(status, reason, headers)


_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+\Z")


def request_url(url: str) -> str:
    """The URL as sent: httpx's normalisation (spaces and other unsafe characters escaped), so
    catalogs' hrefs mean what they meant before; libcurl rejects some of them as written. A URL
    of only safe characters and no dot segments is already that (the common case: no parsing,
    and httpx is imported only when one is not)."""
    if _PLAIN_URL.match(url) and "/." not in url[7:]:
        return url
    import httpx

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
