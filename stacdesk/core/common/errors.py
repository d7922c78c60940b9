"""Turn whatever a catalog or the network raised into one sentence a user can act on."""

from __future__ import annotations

import json
import re
import ssl
import sys

from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message, said_by


class CatalogError(Exception):
    """A failure worth showing to the user as it is: the message is already readable."""


_STATUS_HINTS = {
    400: QT_TRANSLATE_NOOP("Errors", "the server rejected the request as invalid"),
    401: QT_TRANSLATE_NOOP("Errors", "the server requires you to log in"),
    403: QT_TRANSLATE_NOOP("Errors", "access was refused"),
    404: QT_TRANSLATE_NOOP("Errors", "the address was not found on the server"),
    405: QT_TRANSLATE_NOOP("Errors", "the server does not allow this kind of request"),
    429: QT_TRANSLATE_NOOP("Errors", "the server is rate-limiting requests; try again in a moment"),
    500: QT_TRANSLATE_NOOP("Errors", "the server failed with an internal error"),
    502: QT_TRANSLATE_NOOP("Errors", "the server's gateway failed"),
    503: QT_TRANSLATE_NOOP("Errors", "the server is unavailable right now"),
    504: QT_TRANSLATE_NOOP("Errors", "the server's gateway timed out"),
}
OTHER_STATUS = QT_TRANSLATE_NOOP("Errors", "the server answered with an error")
HTTP_ERROR = QT_TRANSLATE_NOOP("Errors", "HTTP %1: %2%3.")
SERVER_SAID = QT_TRANSLATE_NOOP("Errors", "%1 Server said: %2")
TIMED_OUT = QT_TRANSLATE_NOOP("Errors", "The server did not answer in time%1.")
BROKEN_OFF = QT_TRANSLATE_NOOP(
    "Errors", "The connection broke off in the middle of the server's answer%1."
)
UNREACHABLE = QT_TRANSLATE_NOOP(
    "Errors", "Cannot reach the server%1: check the address and your network."
)
REQUEST_FAILED = QT_TRANSLATE_NOOP("Errors", "The request failed%1: %2")
NOT_JSON = QT_TRANSLATE_NOOP(
    "Errors", "The server's answer is not valid JSON%1: is this a STAC API address?"
)


def http_status(exc: BaseException) -> int | None:
    """The HTTP status carried by a pystac-client error, if any."""
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def describe_error(exc: BaseException, url: str = "") -> str:
    """A short, readable explanation of ``exc``; never a traceback. Mostly a ``Message``, which
    the window shows in its language."""
    where = f" ({url})" if url else ""
    if isinstance(exc, CatalogError):
        return said_by(exc)
    status = http_status(exc)
    if status is not None:
        hint = _STATUS_HINTS.get(status, OTHER_STATUS)()
        detail = _server_detail(str(exc))
        said = HTTP_ERROR(str(status), hint, where)
        return SERVER_SAID(said, detail) if detail else said
    tls = describe_tls_error(exc, url)
    if tls:
        return tls
    # requests and pystac-client are looked up, not imported (~0.25 s at start-up): an error of
    # theirs can only exist once they were imported by whoever raised it.
    pystac_client = sys.modules.get("pystac_client.exceptions")
    if pystac_client is not None and isinstance(exc, pystac_client.APIError):
        text = str(exc)
        # before the "Connection" test: urllib3 names its pools HTTPConnectionPool
        if "timed out" in text.lower():
            return TIMED_OUT(where)
        if any(mark in text for mark in _BROKEN_MARKS):
            return BROKEN_OFF(where)
        if "Max retries exceeded" in text or "Connection" in text or "Failed to resolve" in text:
            return UNREACHABLE(where)
        return REQUEST_FAILED(where, _shorten(text))
    requests = sys.modules.get("requests.exceptions")
    if isinstance(exc, TimeoutError) or (
        requests is not None and isinstance(exc, requests.Timeout)
    ):
        return TIMED_OUT(where)
    if requests is not None and isinstance(exc, requests.ChunkedEncodingError):
        return BROKEN_OFF(where)
    if isinstance(exc, ConnectionError) or (
        requests is not None and isinstance(exc, requests.ConnectionError)
    ):
        return UNREACHABLE(where)
    if isinstance(exc, json.JSONDecodeError | ValueError) and "JSON" in str(exc).upper():
        return NOT_JSON(where)
    return f"{type(exc).__name__}: {_shorten(str(exc))}{where}"


_BROKEN_MARKS = ("Connection broken", "IncompleteRead", "Response ended prematurely")
_TLS_REASON = re.compile(r"certificate verify failed: ([^(\]'\"]+)")


UNTRUSTED = QT_TRANSLATE_NOOP(
    "Errors",
    "The server's certificate could not be verified%1, so the connection was refused. If this is "
    "a server you trust (for example a self-signed one on your own network), turn on “Trust "
    "this server's certificate” in the connection's settings.",
)
UNTRUSTED_AT = QT_TRANSLATE_NOOP(
    "Errors",
    "The server's certificate of %1 could not be verified%2, so the connection was refused. If "
    "this is a server you trust (for example a self-signed one on your own network), turn on "
    "“Trust this server's certificate” in the connection's settings.",
)


def describe_tls_error(exc: BaseException, url: str = "") -> Message | None:
    """The message for a certificate that could not be verified, or None for other errors.

    Anything that carries the text (requests, httpx, pystac-client's APIError) is recognised,
    since each wraps the ``ssl`` error differently.
    """
    text = str(exc)
    if not isinstance(exc, ssl.SSLCertVerificationError) and "CERTIFICATE_VERIFY_FAILED" not in (
        text
    ):
        return None
    match = _TLS_REASON.search(text)
    reason = f" ({match.group(1).strip()})" if match else ""
    return UNTRUSTED_AT(url, reason) if url else UNTRUSTED(reason)


def _server_detail(body: str) -> str:
    """The server's own message from a JSON error body, else a short piece of the text."""
    try:
        data = json.loads(body)
    except (ValueError, TypeError):
        return _shorten(body) if body and not body.lstrip().startswith("<") else ""
    if isinstance(data, dict):
        for key in ("description", "detail", "message", "error"):
            if isinstance(data.get(key), str):
                return _shorten(data[key])
    return ""


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
