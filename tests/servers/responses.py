"""The answers test servers and their hooks give, including bodies that break on purpose.

Why: a *before* hook ``(request) -> Response | None`` may answer instead of the server (a fault,
a 401, a delay followed by ``None``); an *after* hook ``(request, response) -> Response`` may
rewrite what the server answered. Faults in the middle of a body (a reset, a clean close short of
the Content-Length, a stall, a slow-loris trickle) ride on the answer as ``Response.cut``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.servers.recorded_requests import RecordedRequest


@dataclass
class BodyFault:
    """How an answer's body goes wrong after ``at`` bytes (the full Content-Length is announced).

    kind: ``reset`` (abort the TCP connection), ``truncate`` (close cleanly, short of the length),
    ``stall`` (send nothing more until ``release`` is set or the server stops: an idle timeout
    must fire), ``trickle`` (one byte every ``interval`` seconds, forever: only a total deadline
    ends it).
    """

    kind: str
    at: int = 0
    interval: float = 0.2
    release: threading.Event = field(default_factory=threading.Event)


@dataclass
class Response:
    """An HTTP answer a hook or a server produces (``cut``: the body breaks on purpose)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    cut: BodyFault | None = None

    @classmethod
    def json_body(
        cls, data: Any, status: int = 200, headers: dict[str, str] | None = None
    ) -> Response:
        """A JSON answer."""
        return cls(
            status,
            {"content-type": "application/json", **(headers or {})},
            json.dumps(data).encode(),
        )

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        """A header value, case-insensitively."""
        lname = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lname), None)

    def set_header(self, name: str, value: str | None) -> None:
        """Replace (or with None remove) a header, case-insensitively."""
        lname = name.lower()
        for k in [k for k in self.headers if k.lower() == lname]:
            del self.headers[k]
        if value is not None:
            self.headers[name] = value


BeforeHook = Callable[[RecordedRequest], Response | None]
AfterHook = Callable[[RecordedRequest, Response], Response]
