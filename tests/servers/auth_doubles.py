"""Servers that log users in, sign URLs, redirect or lie — small real HTTP servers for auth tests.

Why: authentication is only worth testing over real HTTP, against servers that behave like the
providers stacdesk meets: Planetary Computer's SAS token service, a server that redirects to
another host, and a server whose conformance claims more than it does. Plus an in-memory keyring,
so no test touches the developer's real one. (OpenID Connect runs against a real provider:
``tests/servers/oidc_provider.py``.)
"""

from __future__ import annotations

import datetime as dt
import itertools
import urllib.parse
from collections.abc import Callable, Iterable

import keyring.backend
import keyring.errors

from tests.servers.hook_server import HookServer
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import AfterHook, Response


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in a dict (``keyring.set_keyring(MemoryKeyring())``)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


class SasTokenServer(HookServer):
    """Planetary Computer's ``/api/sas/v1/token/{collection}``, with expiry from ``clock``."""

    def __init__(self, clock: Callable[[], float], lifetime_s: float = 3600.0) -> None:
        super().__init__()
        self.clock = clock
        self.lifetime_s = lifetime_s
        self._counter = itertools.count(1)

    @property
    def token_url(self) -> str:
        return f"{self.url}/api/sas/v1/token"

    def serve(self, request: RecordedRequest) -> Response:
        prefix = "/api/sas/v1/token/"
        if request.method != "GET" or not request.path.startswith(prefix):
            return super().serve(request)
        collection = urllib.parse.unquote(request.path[len(prefix) :])
        expiry = dt.datetime.fromtimestamp(self.clock() + self.lifetime_s, dt.UTC)
        n = next(self._counter)
        return Response.json_body(
            {
                "msft:expiry": expiry.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "token": f"sv=2021-06-08&sr=c&sp=rl&sig=SasSecret{n}{collection.replace('-', '')}",
            }
        )


class Redirector(HookServer):
    """Answers every request with a redirect to the same path on ``target``."""

    def __init__(self, target: str, status: int = 302) -> None:
        super().__init__()
        self.target = target.rstrip("/")
        self.status = status

    def serve(self, request: RecordedRequest) -> Response:
        return Response(self.status, {"location": self.target + request.target})


def claim_conformance(classes: Iterable[str]) -> AfterHook:
    """An after-hook adding conformance classes the server does not implement (a liar)."""
    extra = list(classes)

    def hook(request: RecordedRequest, response: Response) -> Response:
        if request.method != "GET" or request.path not in ("/", "/conformance"):
            return response
        if response.status != 200:
            return response
        data = response.json()
        data["conformsTo"] = list(dict.fromkeys([*(data.get("conformsTo") or []), *extra]))
        return Response.json_body(data, response.status)

    return hook


def mark_count_estimated(request: RecordedRequest, response: Response) -> Response:
    """An after-hook that marks ``/search`` counts as estimates, as some servers do."""
    if request.path != "/search" or response.status != 200:
        return response
    data = response.json()
    if isinstance(data.get("numberMatched"), int):
        data["context"] = {"matched": data["numberMatched"], "estimated": True}
    return Response.json_body(data, response.status)


def drop_count(request: RecordedRequest, response: Response) -> Response:
    """An after-hook removing ``numberMatched`` and ``context`` from ``/search`` pages."""
    if request.path != "/search" or response.status != 200:
        return response
    data = response.json()
    data.pop("numberMatched", None)
    data.pop("context", None)
    return Response.json_body(data, response.status)
