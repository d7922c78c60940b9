"""Credentials for one connection, injected per request and only for the hosts they belong to.

Why a per-request hook and not default headers: a default header follows every request, including
redirects to other hosts and asset downloads from third-party storage. Here every outgoing request
(requests for pystac-client, httpx for thumbnails and downloads) is checked against the
connection's host list at the moment it is sent, redirect hops included: a listed host gets the
credentials, any other host gets them stripped. requests and httpx only strip ``Authorization`` on
a cross-host redirect; an API-key header would follow the redirect without this.

OpenID Connect: the user pastes a refresh token (CESNET's token portal, Copernicus Data Space);
access tokens are fetched from the token endpoint as needed and kept in memory only. Providers
rotate refresh tokens on every refresh, so the new one is stored in the keyring at once; the lock
makes sure two worker threads never spend the same refresh token.

Planetary Computer: asset hrefs on Azure Blob Storage are signed at fetch time with a SAS token per
collection, cached until shortly before it expires.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import requests

from stacdesk.core.errors import CatalogError
from stacdesk.core.secrets import ConnectionSecrets, remember_secret

AUTH_KINDS: dict[str, str] = {
    "none": "No authentication",
    "basic": "HTTP basic (user name and password)",
    "bearer": "Bearer token",
    "api_key": "API key header",
    "oidc": "OpenID Connect (refresh token)",
}
SECRET_FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
    "none": (),
    "basic": ("password",),
    "bearer": ("token",),
    "api_key": ("api_key",),
    "oidc": ("refresh_token", "client_secret"),
}
PLANETARY_COMPUTER = "planetary-computer"
PLANETARY_COMPUTER_TOKEN_URL = "https://planetarycomputer.microsoft.com/api/sas/v1/token"
AZURE_BLOB_SUFFIXES = (".blob.core.windows.net",)
TOKEN_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_REFRESH_MARGIN_S = 60.0
MAX_SIGNING_MARGIN_S = 300.0
_DEFAULT_PORTS = {"http": 80, "https": 443}


class AuthError(CatalogError):
    """Logging in failed: wrong password, expired refresh token, token endpoint down…"""


@dataclass(frozen=True)
class AuthSettings:
    """The non-secret half of a connection's authentication (saved in the settings file).

    ``extra_hosts`` are further hosts (``host`` or ``host:port``, ``*.domain`` for subdomains) the
    credentials may be sent to, e.g. an asset download host. ``signing`` is ``""`` or
    ``"planetary-computer"``.
    """

    kind: str = "none"
    username: str = ""
    header_name: str = ""
    token_url: str = ""
    client_id: str = ""
    extra_hosts: tuple[str, ...] = ()
    signing: str = ""
    signing_url: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = {
            "kind": self.kind,
            "username": self.username,
            "header_name": self.header_name,
            "token_url": self.token_url,
            "client_id": self.client_id,
            "extra_hosts": list(self.extra_hosts),
            "signing": self.signing,
            "signing_url": self.signing_url,
        }
        return {k: v for k, v in data.items() if v}

    @classmethod
    def from_dict(cls, data: Any) -> AuthSettings:
        if not isinstance(data, dict):
            return cls()
        kind = str(data.get("kind") or "none")
        hosts = data.get("extra_hosts") or ()
        return cls(
            kind=kind if kind in AUTH_KINDS else "none",
            username=str(data.get("username") or ""),
            header_name=str(data.get("header_name") or ""),
            token_url=str(data.get("token_url") or ""),
            client_id=str(data.get("client_id") or ""),
            extra_hosts=tuple(str(h) for h in hosts) if isinstance(hosts, list | tuple) else (),
            signing=str(data.get("signing") or ""),
            signing_url=str(data.get("signing_url") or ""),
        )

    @property
    def needs_secrets(self) -> bool:
        return self.kind != "none"


# ---------------------------------------------------------------- hosts


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


# ---------------------------------------------------------------- credential sources


def _margin(lifetime: float, cap: float) -> float:
    """Renew this long before expiry: a fifth of the lifetime, at most ``cap`` seconds."""
    return max(0.0, min(cap, lifetime / 5))


class OidcRefresher:
    """Access tokens from an OpenID Connect token endpoint via the refresh-token grant."""

    def __init__(
        self,
        token_url: str,
        client_id: str,
        secrets: ConnectionSecrets,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token_url = token_url
        self.client_id = client_id
        self.secrets = secrets
        self.clock = clock
        self._access: str | None = None
        self._renew_at = 0.0
        self._lock = threading.Lock()
        self.refreshes = 0

    def access_token(self) -> str:
        with self._lock:
            if self._access is None or self.clock() >= self._renew_at:
                self._refresh()
            assert self._access is not None
            return self._access

    def invalidate(self) -> None:
        """The server refused the token (revoked early?): get a new one next time."""
        with self._lock:
            self._access = None

    def _refresh(self) -> None:
        refresh_token = self.secrets.get("refresh_token")
        if not refresh_token:
            raise AuthError(
                "No refresh token is stored for this connection: paste one from the provider's "
                "token page into the connection's settings."
            )
        if not self.token_url:
            raise AuthError("The connection has no token endpoint URL for OpenID Connect.")
        form = {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": self.client_id,
        }
        client_secret = self.secrets.get("client_secret")
        if client_secret:
            form["client_secret"] = client_secret
        where = host_of(self.token_url)
        started = self.clock()
        try:
            with httpx.Client(timeout=TOKEN_TIMEOUT, follow_redirects=False) as client:
                response = client.post(self.token_url, data=form)
        except httpx.HTTPError:
            raise AuthError(
                f"The token endpoint ({where}) cannot be reached, so no access token could be "
                "obtained; check your network and try again."
            ) from None
        data = _json_object(response)
        if response.status_code in (400, 401) and data.get("error") in (
            "invalid_grant",
            "invalid_token",
            "unauthorized_client",
        ):
            raise AuthError(
                "The refresh token was refused (expired or revoked): sign in at the provider "
                "again and paste a new refresh token into the connection's settings."
                + _detail(data)
            )
        if response.status_code != 200 or not isinstance(data.get("access_token"), str):
            raise AuthError(
                f"The token endpoint ({where}) failed with HTTP {response.status_code}; "
                "try again later." + _detail(data)
            )
        access = data["access_token"]
        remember_secret(access)
        rotated = data.get("refresh_token")
        if isinstance(rotated, str) and rotated and rotated != refresh_token:
            self.secrets.set("refresh_token", rotated)  # the old one is dead now: keep the new
        lifetime = _number(data.get("expires_in"), 300.0)
        self._access = access
        self._renew_at = started + lifetime - _margin(lifetime, MAX_REFRESH_MARGIN_S)
        self.refreshes += 1


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _detail(data: dict[str, Any]) -> str:
    text = data.get("error_description") or data.get("error")
    return f" Server said: {str(text)[:160]}" if isinstance(text, str) and text else ""


def _number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, int | float) and value > 0 else default


class PlanetarySigner:
    """Signs Azure Blob hrefs with the Planetary Computer SAS token of the item's collection."""

    def __init__(
        self,
        token_url: str = PLANETARY_COMPUTER_TOKEN_URL,
        host_suffixes: Iterable[str] = AZURE_BLOB_SUFFIXES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token_url = token_url.rstrip("/")
        self.hosts = HostList(
            h if ":" in h or h.startswith("*") else f"*{h}" for h in host_suffixes
        )
        self.clock = clock
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self.token_requests = 0

    def needs_signing(self, href: str) -> bool:
        split = urlsplit(href)
        return (
            split.scheme in ("http", "https")
            and self.hosts.allows(href)
            and "sig=" not in split.query
        )

    def sign(self, href: str, collection: str) -> str:
        if not self.needs_signing(href):
            return href
        token = self.token(collection)
        return f"{href}{'&' if urlsplit(href).query else '?'}{token}"

    def token(self, collection: str) -> str:
        with self._lock:
            cached = self._tokens.get(collection)
            if cached is not None and self.clock() < cached[1]:
                return cached[0]
            token, expiry = self._fetch(collection)
            now = self.clock()
            self._tokens[collection] = (token, expiry - _margin(expiry - now, MAX_SIGNING_MARGIN_S))
            return token

    def _fetch(self, collection: str) -> tuple[str, float]:
        url = f"{self.token_url}/{quote(collection, safe='')}"
        self.token_requests += 1
        try:
            with httpx.Client(timeout=TOKEN_TIMEOUT, follow_redirects=True) as client:
                response = client.get(url)
        except httpx.HTTPError:
            raise AuthError(
                f"Planetary Computer's signing service ({host_of(url)}) cannot be reached; "
                "assets cannot be fetched until it answers."
            ) from None
        data = _json_object(response)
        token = data.get("token")
        if response.status_code != 200 or not isinstance(token, str) or not token:
            raise AuthError(
                f"Planetary Computer refused to sign assets of {collection!r} "
                f"(HTTP {response.status_code})." + _detail(data)
            )
        remember_secret(token)
        expiry = _parse_expiry(data.get("msft:expiry"), self.clock() + 600.0)
        return token, expiry


def _parse_expiry(value: Any, default: float) -> float:
    if not isinstance(value, str):
        return default
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return default
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


# ---------------------------------------------------------------- one connection's credentials


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
                self.settings.token_url, self.settings.client_id, self.secrets, self.clock
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
