"""Which hosts a connection's credentials may be sent to."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def host_of(url: str) -> str:
    """``host`` or ``host:port`` (default ports dropped), lower-case, no user info."""
    split = urlsplit(url if "://" in url else f"//{url}")
    host = (split.hostname or "").lower()
    try:
        port = split.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(split.scheme or "https"):
        return f"{host}:{port}"
    return host


class HostList:
    """The hosts credentials may go to: exact ``host[:port]`` entries and ``*.domain`` patterns."""

    def __init__(self, entries: Iterable[str]) -> None:
        exact, suffixes = set(), set()
        for entry in entries:
            entry = entry.strip()
            if not entry:
                continue
            if entry.startswith("*."):
                suffixes.add(entry[1:].lower())
            else:
                exact.add(host_of(entry))
        self.exact = frozenset(exact)
        self.suffixes = tuple(sorted(suffixes))

    def allows(self, url: str) -> bool:
        host = host_of(url)
        return host in self.exact or (
            ":" not in host and any(host.endswith(s) for s in self.suffixes)
        )
