"""Addresses that can never be reached, named as such before a request is tried.

Why: RFC 6761 reserves the ``.invalid`` top-level name: it never resolves, anywhere. Catalogs
built for examples and tests (the offline sample among them) point their assets there. A DNS
failure reads like a network problem ("check your network"), which sends the user looking for
a fault that isn't there; saying that the address is a placeholder ends the search at once.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message

PLACEHOLDER_HOST = QT_TRANSLATE_NOOP(
    "Errors",
    "%1 is a placeholder address that never exists (.invalid): no real file to fetch",
)


def placeholder_host(url: str) -> str | None:
    """The host of ``url`` when it is a reserved never-resolving name, else None."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host if host == "invalid" or host.endswith(".invalid") else None


def placeholder_problem(url: str) -> Message | None:
    """The sentence for a placeholder address, or None for an address worth trying."""
    host = placeholder_host(url)
    return PLACEHOLDER_HOST(host) if host else None
