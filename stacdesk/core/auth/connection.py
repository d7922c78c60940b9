"""One connection's credentials, injected per request and only for the hosts they belong to.

Why a per-request hook and not default headers: a default header follows every request, including
redirects to other hosts and asset downloads from third-party storage. Here every outgoing request
(requests for pystac-client, httpx for thumbnails and downloads) is checked against the
connection's host list at the moment it is sent, redirect hops included: a listed host gets the
credentials, any other host gets them stripped. requests and httpx only strip ``Authorization`` on
a cross-host redirect; an API-key header would follow the redirect without this.
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import requests

from stacdesk.core.auth.hosts import HostList
from stacdesk.core.auth.oidc import OidcRefresher
from stacdesk.core.auth.secrets import ConnectionSecrets, remember_secret
from stacdesk.core.auth.settings import (
    AZURE_BLOB_SUFFIXES,
    PLANETARY_COMPUTER,
    PLANETARY_COMPUTER_TOKEN_URL,
    SECRET_FIELDS_BY_KIND,
    AuthError,
    AuthSettings,
)
from stacdesk.core.auth.signing import PlanetarySigner


@dataclass
class ConnectionAuth:
    """Headers for a URL (empty unless its host is listed), asset signing, and the hooks."""

    api_url: str
    settings: AuthSettings
    secrets: ConnectionSecrets
    clock: Callable[[], float] = time.time
    signing_hosts: tuple[str, ...] = AZURE_BLOB_SUFFIXES
    hosts: HostList = field(init=False)
    oidc: OidcRefresher | None = field(init=False, default=None)
    signer: PlanetarySigner | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.hosts = HostList([self.api_url, *self.settings.extra_hosts])
        if self.settings.kind == "oidc":
            self.oidc = OidcRefresher(
                self.settings.token_url,
                self.settings.client_id,
                self.secrets,
                self.clock,
                issuer=self.settings.issuer,
            )
        if self.settings.signing == PLANETARY_COMPUTER:
            self.signer = PlanetarySigner(
                self.settings.signing_url or PLANETARY_COMPUTER_TOKEN_URL,
                self.signing_hosts,
                self.clock,
            )

    @property
    def header_names(self) -> tuple[str, ...]:
        """Every header this connection may set: stripped from requests to unlisted hosts."""
        if self.settings.kind == "api_key" and self.settings.header_name:
            return ("Authorization", self.settings.header_name)
        return ("Authorization",)

    @property
    def sends_credentials(self) -> bool:
        return self.settings.kind != "none"

    def allows(self, url: str) -> bool:
        return self.hosts.allows(url)

    def lacks_login(self) -> bool:
        """Credentials are needed and none is stored (reads the keyring: not on the GUI
        thread). A download from another catalog holding the same file goes first."""
        fields = SECRET_FIELDS_BY_KIND.get(self.settings.kind, ())
        return bool(fields) and not self.secrets.get(fields[0])

    def headers_for(self, url: str) -> dict[str, str]:
        """The credential headers for ``url``: none unless its host is on the list."""
        if not self.sends_credentials or not self.allows(url):
            return {}
        kind, s = self.settings.kind, self.settings
        if kind == "basic":
            password = self._secret("password", "password")
            pair = f"{s.username}:{password}".encode()
            value = "Basic " + base64.b64encode(pair).decode("ascii")
            remember_secret(value.split(" ", 1)[1])
            return {"Authorization": value}
        if kind == "bearer":
            return {"Authorization": f"Bearer {self._secret('token', 'token')}"}
        if kind == "api_key":
            if not s.header_name:
                raise AuthError("The connection's API key has no header name.")
            return {s.header_name: self._secret("api_key", "API key")}
        if kind == "oidc" and self.oidc is not None:
            return {"Authorization": f"Bearer {self.oidc.access_token()}"}
        return {}

    def _secret(self, name: str, label: str) -> str:
        value = self.secrets.get(name)
        if not value:
            raise AuthError(f"No {label} is stored for this connection: enter it in its settings.")
        return value

    def apply(self, headers: MutableMapping[str, str], url: str) -> None:
        """Set the credentials on a request to a listed host; strip them from any other."""
        for name in self.header_names:
            headers.pop(name, None)
        headers.update(self.headers_for(url))

    def strip_if_unlisted(self, headers: MutableMapping[str, str], url: str) -> None:
        if not self.allows(url):
            for name in self.header_names:
                headers.pop(name, None)

    def invalidate(self) -> None:
        if self.oidc is not None:
            self.oidc.invalidate()

    def sign_href(self, href: str, collection: str | None) -> str:
        """The href to fetch an asset with: signed for Planetary Computer, else unchanged."""
        if self.signer is None or not collection:
            return href
        return self.signer.sign(href, collection)

    # -- requests (pystac-client)
    def session(self) -> requests.Session:
        """A new requests session that injects the credentials and strips them elsewhere."""
        authed = AuthSession(self)
        authed.auth = RequestsAuth(self)
        return authed

    # -- httpx (thumbnails, downloads)
    def httpx_event_hooks(self) -> dict[str, list[Callable[[httpx.Request], None]]]:
        """``httpx.Client(event_hooks=...)``: runs on every request, redirect hops included."""

        def on_request(request: httpx.Request) -> None:
            self.apply(request.headers, str(request.url))

        return {"request": [on_request]}

    def httpx_async_event_hooks(self) -> dict[str, list[Callable[[httpx.Request], Any]]]:
        """``httpx.AsyncClient(event_hooks=...)``; a token refresh runs in a worker thread."""

        async def on_request(request: httpx.Request) -> None:
            url = str(request.url)
            headers = await asyncio.to_thread(self.headers_for, url) if self.oidc else None
            for name in self.header_names:
                request.headers.pop(name, None)
            request.headers.update(headers if headers is not None else self.headers_for(url))

        return {"request": [on_request]}


class RequestsAuth(requests.auth.AuthBase):
    """requests auth: credentials for listed hosts; one retry with a fresh token after a 401."""

    def __init__(self, auth: ConnectionAuth) -> None:
        self.auth = auth

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        self.auth.apply(request.headers, request.url or "")
        if self.auth.oidc is not None and self.auth.allows(request.url or ""):
            request.register_hook("response", self._retry_after_401)
        return request

    def _retry_after_401(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        request = response.request
        if response.status_code != 401 or getattr(request, "_stacdesk_retried", False):
            return response
        self.auth.invalidate()
        _ = response.content
        response.close()
        retry = request.copy()
        retry._stacdesk_retried = True  # type: ignore[attr-defined]
        self.auth.apply(retry.headers, retry.url or "")
        again = response.connection.send(retry, **kwargs)
        again.history.append(response)
        again.request = retry
        return again


class AuthSession(requests.Session):
    """A session whose redirects re-check the host list (requests keeps API-key headers)."""

    def __init__(self, auth: ConnectionAuth) -> None:
        super().__init__()
        self.connection_auth = auth

    def rebuild_auth(self, prepared_request: requests.PreparedRequest, response: Any) -> None:
        super().rebuild_auth(prepared_request, response)
        url = prepared_request.url or ""
        if self.connection_auth.allows(url):
            self.connection_auth.apply(prepared_request.headers, url)
        else:
            self.connection_auth.strip_if_unlisted(prepared_request.headers, url)
