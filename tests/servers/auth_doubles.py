"""Servers that log users in, sign URLs, redirect or lie — small real HTTP servers for auth tests.

Why: authentication is only worth testing over real HTTP, against servers that behave like the
providers stacdesk meets: an OpenID Connect token endpoint with short-lived access tokens and
refresh tokens that rotate on every use (Keycloak: CESNET, Copernicus Data Space), Planetary
Computer's SAS token service, a server that redirects to another host, and a server whose
conformance claims more than it does. Plus an in-memory keyring, so no test touches the
developer's real one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

import keyring.backend
import keyring.errors

from tests.servers.proxy import AfterHook, BeforeHook, HookServer, RecordedRequest, Response


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


class TokenEndpoint(HookServer):
    """An OpenID Connect token endpoint: ``POST /token`` with the refresh-token grant.

    Every refresh issues a new access token (valid until ``expire_access_tokens``) and, with
    ``rotate``, a new refresh token while the old one stops working, as Keycloak does.
    ``protect()`` gives a before-hook for an API proxy that only lets valid access tokens in.
    """

    def __init__(self, client_id: str = "stacdesk", expires_in: int = 300, rotate: bool = True):
        super().__init__()
        self.client_id = client_id
        self.expires_in = expires_in
        self.rotate = rotate
        self._lock = threading.Lock()
        self._counter = itertools.count(1)
        self.refresh_tokens: set[str] = set()
        self.access_tokens: set[str] = set()
        self.grants: list[dict[str, str]] = []

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    def issue_refresh_token(self) -> str:
        """What the user copies from the provider's token page."""
        with self._lock:
            token = f"refresh-{next(self._counter)}-QmFzZTY0U2VjcmV0"
            self.refresh_tokens.add(token)
            return token

    def revoke(self, token: str) -> None:
        with self._lock:
            self.refresh_tokens.discard(token)

    def expire_access_tokens(self) -> None:
        with self._lock:
            self.access_tokens.clear()

    def serve(self, request: RecordedRequest) -> Response:
        if request.method != "POST" or request.path != "/token":
            return super().serve(request)
        form = {k: v[-1] for k, v in urllib.parse.parse_qs(request.body.decode()).items()}
        self.grants.append(form)
        if form.get("grant_type") != "refresh_token":
            return Response.json_body({"error": "unsupported_grant_type"}, 400)
        if form.get("client_id") != self.client_id:
            return Response.json_body({"error": "invalid_client"}, 401)
        with self._lock:
            token = form.get("refresh_token", "")
            if token not in self.refresh_tokens:
                return Response.json_body(
                    {"error": "invalid_grant", "error_description": "Token is not active"}, 400
                )
            n = next(self._counter)
            access = f"access-{n}-U2VjcmV0QWNjZXNz"
            self.access_tokens.add(access)
            answer: dict[str, Any] = {
                "access_token": access,
                "expires_in": self.expires_in,
                "token_type": "Bearer",
            }
            if self.rotate:
                self.refresh_tokens.discard(token)
                new = f"refresh-{n}-Um90YXRlZFNlY3JldA"
                self.refresh_tokens.add(new)
                answer["refresh_token"] = new
        return Response.json_body(answer)

    def protect(self) -> BeforeHook:
        """A before-hook answering 401 unless the request carries a live access token."""

        def hook(request: RecordedRequest) -> Response | None:
            value = request.headers.get("authorization", "")
            with self._lock:
                ok = value.startswith("Bearer ") and value[7:] in self.access_tokens
            if ok:
                return None
            return Response.json_body(
                {"code": 401, "description": "invalid or expired token"},
                401,
                {"www-authenticate": 'Bearer error="invalid_token"'},
            )

        return hook


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
