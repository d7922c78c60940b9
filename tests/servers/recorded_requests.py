"""What a test server saw: each request, and the thread-safe log of them.

Why: tests assert what the client did (GET versus POST, no page fetched twice, credentials sent
only to the host that should get them) by reading what every server recorded.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordedRequest:
    """One request as a server saw it. Header names are lower-case."""

    host: str
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""
    time: float = 0.0
    peer: tuple[str, int] | None = None  # the client's address and port: one per connection

    @property
    def target(self) -> str:
        """Path plus query string, as sent on the request line."""
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def params(self) -> dict[str, list[str]]:
        """The query string decoded."""
        return urllib.parse.parse_qs(self.query, keep_blank_values=True)

    def json(self) -> Any:
        """The body decoded as JSON (None if empty)."""
        return json.loads(self.body) if self.body else None

    def key(self) -> tuple[str, str, str, bytes]:
        """What makes two requests the same request (to spot pages fetched twice)."""
        return self.method, self.path, self.query, self.body


class RequestLog:
    """A thread-safe list of the requests a server saw."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[RecordedRequest] = []

    def append(self, request: RecordedRequest) -> None:
        """Record one request (called from the server threads)."""
        with self._lock:
            self._items.append(request)

    def clear(self) -> None:
        """Forget everything recorded so far (e.g. at the start of a test)."""
        with self._lock:
            self._items.clear()

    def snapshot(self) -> list[RecordedRequest]:
        """A copy of the log at this moment."""
        with self._lock:
            return list(self._items)

    def __iter__(self) -> Iterator[RecordedRequest]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __getitem__(self, index: int) -> RecordedRequest:
        with self._lock:
            return self._items[index]

    def filter(self, method: str | None = None, path: str | None = None) -> list[RecordedRequest]:
        """Requests with this method and/or exactly this path."""
        return [
            r
            for r in self.snapshot()
            if (method is None or r.method == method.upper()) and (path is None or r.path == path)
        ]

    def methods(self, path: str | None = None) -> set[str]:
        """The set of methods used (optionally on one path)."""
        return {r.method for r in self.filter(path=path)}

    def duplicates(self, path: str | None = None) -> list[RecordedRequest]:
        """Requests that were made more than once (same method, path, query and body)."""
        reqs = self.filter(path=path)
        counts = Counter(r.key() for r in reqs)
        seen: set[tuple[str, str, str, bytes]] = set()
        out = []
        for r in reqs:
            if counts[r.key()] > 1 and r.key() not in seen:
                seen.add(r.key())
                out.append(r)
        return out

    def header_values(self, name: str) -> list[str | None]:
        """The value of one header on every request (None where it was absent)."""
        return [r.headers.get(name.lower()) for r in self.snapshot()]
