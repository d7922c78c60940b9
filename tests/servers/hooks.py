"""Ready-made hooks for test servers: faults, delays, broken bodies, JSON rewrites, auth checks.

Why: most tests need the same few misbehaviours on matching requests; each hook here is a
*before* or *after* hook for ``HookServer`` (and so ``ReverseProxy``).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import AfterHook, BeforeHook, BodyFault, Response


def _matches(request: RecordedRequest, method: str | None, path: str | None) -> bool:
    return (method is None or request.method == method.upper()) and (
        path is None or request.path.rstrip("/") == path.rstrip("/")
    )


def fail(
    status: int,
    *,
    method: str | None = None,
    path: str | None = None,
    times: int | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> BeforeHook:
    """Answer ``status`` for matching requests (only the first ``times`` ones, if given)."""
    lock = threading.Lock()
    left = [times]

    def hook(request: RecordedRequest) -> Response | None:
        if not _matches(request, method, path):
            return None
        with lock:
            if left[0] is not None:
                if left[0] <= 0:
                    return None
                left[0] -= 1
        payload = body if body is not None else {"code": status, "description": "injected fault"}
        return Response.json_body(payload, status, headers)

    return hook


def delay(seconds: float, *, method: str | None = None, path: str | None = None) -> BeforeHook:
    """Sleep before serving matching requests (to test timeouts, cancellation, spinners)."""

    def hook(request: RecordedRequest) -> Response | None:
        if _matches(request, method, path):
            time.sleep(seconds)
        return None

    return hook


def break_body(
    kind: str,
    *,
    fraction: float = 0.5,
    method: str | None = None,
    path: str | None = None,
    times: int | None = 1,
    interval: float = 0.2,
) -> AfterHook:
    """Break the body of matching answers (the first ``times`` ones) ``fraction`` of the way in.

    ``kind`` as in ``BodyFault``: reset, truncate, stall, trickle. The hook's ``faults`` list
    holds what it attached, so a test can release a stall.
    """
    lock = threading.Lock()
    left = [times]
    faults: list[BodyFault] = []

    def hook(request: RecordedRequest, response: Response) -> Response:
        if not _matches(request, method, path) or response.status != 200:
            return response
        with lock:
            if left[0] is not None:
                if left[0] <= 0:
                    return response
                left[0] -= 1
        cut = BodyFault(kind, at=int(len(response.body) * fraction), interval=interval)
        faults.append(cut)
        return Response(response.status, dict(response.headers), response.body, cut)

    hook.faults = faults  # type: ignore[attr-defined]
    return hook


def rewrite_json(
    change: Callable[[Any], Any], *, method: str | None = None, path: str | None = None
) -> AfterHook:
    """Rewrite the JSON of matching 200 answers with ``change(data) -> data``."""

    def hook(request: RecordedRequest, response: Response) -> Response:
        if not _matches(request, method, path) or response.status != 200:
            return response
        data = change(response.json())
        return Response(response.status, dict(response.headers), json.dumps(data).encode())

    return hook


def require_header(
    name: str = "authorization",
    value: str = "Bearer secret",
    *,
    method: str | None = None,
    path: str | None = None,
) -> BeforeHook:
    """Answer 401 to matching requests that lack ``name: value`` (an auth-protected API)."""

    def hook(request: RecordedRequest) -> Response | None:
        if not _matches(request, method, path) or request.headers.get(name.lower()) == value:
            return None
        return Response.json_body(
            {"code": 401, "description": f"missing or wrong {name} header"},
            401,
            {"www-authenticate": 'Bearer realm="stac"'},
        )

    return hook


class HoldRequest:
    """A before hook holding the ``nth`` matching request (1-based) until ``released`` is set:
    a page kept on the wire while a test stops a search. ``holding`` is set once it waits."""

    def __init__(self, nth: int, *, method: str | None = None, path: str | None = None) -> None:
        self.nth, self.method, self.path = nth, method, path
        self.seen = 0
        self.holding = threading.Event()
        self.released = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, request: RecordedRequest) -> Response | None:
        if not _matches(request, self.method, self.path):
            return None
        with self._lock:
            self.seen += 1
            held = self.seen == self.nth
        if held:
            self.holding.set()
            self.released.wait(120)
        return None
