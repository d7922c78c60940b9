"""What a libcurl error means for a download: a source that can't serve it (give up on this
href now) or a network fault worth a retry, with the message the row shows."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pycurl

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.common.placeholder_hosts import placeholder_problem
from stacdesk.core.downloads.fetching import SourceError, TransientError

# "SSL certificate problem: X" (libcurl < 8.10), "… verify result: X (18)" (later)
_CERT_REASON = re.compile(r"(?:problem|verify result):\s*([^(]+)")
_UNVERIFIED = frozenset({pycurl.E_PEER_FAILED_VERIFICATION, pycurl.E_SSL_CACERT_BADFILE})
_BROKEN = frozenset(
    {pycurl.E_PARTIAL_FILE, pycurl.E_RECV_ERROR, pycurl.E_SEND_ERROR, pycurl.E_GOT_NOTHING}
)

UNKNOWN_HOST = QT_TRANSLATE_NOOP("Downloads", "Unknown host %1 (DNS lookup failed)")
CONNECT_TIMEOUT = QT_TRANSLATE_NOOP("Downloads", "Could not connect in time")
IDLE_TIMEOUT = QT_TRANSLATE_NOOP("Downloads", "No data from the server for too long (idle timeout)")
CANNOT_CONNECT = QT_TRANSLATE_NOOP("Downloads", "Could not connect: %1")
CLOSED_EARLY = QT_TRANSLATE_NOOP("Downloads", "Connection closed early (%1 of %2 bytes)")
BROKEN = QT_TRANSLATE_NOOP("Downloads", "Connection broken: %1")
NETWORK_ERROR = QT_TRANSLATE_NOOP("Downloads", "Network error: %1")


def failure(
    code: int, message: str, url: str, status: int, sizes: tuple[int, int | None]
) -> Exception:
    """What libcurl's error means for the engine: give up at once, or retry later (``status``:
    the answer's, 0 before one; ``sizes``: the body's bytes done and expected)."""
    done, total = sizes
    if code in _UNVERIFIED:  # retrying can't help
        reason = _CERT_REASON.search(message)
        return SourceError(
            "The server's certificate could not be verified"
            + (f" ({reason.group(1).strip()})" if reason else "")
            + ", so the download was refused"
        )
    if code == pycurl.E_COULDNT_RESOLVE_HOST:  # an unknown host stays unknown: fail now
        return SourceError(placeholder_problem(url) or UNKNOWN_HOST(urlsplit(url).hostname or url))
    if code == pycurl.E_OPERATION_TIMEDOUT:
        if status == 0 and "onnect" in message:
            return TransientError(CONNECT_TIMEOUT())
        return TransientError(IDLE_TIMEOUT())
    if code == pycurl.E_COULDNT_CONNECT:
        return TransientError(CANNOT_CONNECT(message))
    if code == pycurl.E_PARTIAL_FILE and total is not None:
        return TransientError(CLOSED_EARLY(done, total))
    if code in _BROKEN:
        return TransientError(BROKEN(message))
    return TransientError(NETWORK_ERROR(message or f"libcurl error {code}"))
