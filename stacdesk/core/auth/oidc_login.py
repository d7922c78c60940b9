"""Logging in to an OpenID provider from a desktop app, so the user never copies a token by hand.

Three ways, all ending with a refresh token in the keyring (``store_login``):

* device authorization grant (RFC 8628): the app shows a short code and a URL; the user signs in
  in any browser, even on another machine;
* authorization code with PKCE and a loopback redirect (RFC 8252): the system browser opens the
  provider's page and comes back to ``http://127.0.0.1:PORT/callback`` served here for a moment;
* Keycloak's password grant (Copernicus Data Space documents it for scripts, client
  ``cdse-public``): the password is used once and never stored.

Everything blocks on the network: run it in a worker thread, with ``cancel`` to stop waiting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.common.security import generate_token

from stacdesk.core.auth.discovery import ProviderEndpoints
from stacdesk.core.auth.discovery import discover as discover
from stacdesk.core.auth.discovery import issuer_of as issuer_of
from stacdesk.core.auth.hosts import host_of
from stacdesk.core.auth.oidc import ProviderRefusal, request_tokens, token_client
from stacdesk.core.auth.secrets import ConnectionSecrets
from stacdesk.core.auth.settings import TOKEN_TIMEOUT_S, AuthError

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
SCOPE = "openid"
LOGIN_TIMEOUT_S = 600.0


def store_login(tokens: dict[str, Any], secrets: ConnectionSecrets) -> None:
    """Keep the refresh token (the access token lives in memory only)."""
    refresh = tokens.get("refresh_token")
    if not isinstance(refresh, str) or not refresh:
        raise AuthError(
            "The provider logged you in but gave no refresh token, so stacdesk cannot stay "
            "logged in; ask the provider to allow refresh tokens for this client."
        )
    secrets.set("refresh_token", refresh)


# ---------------------------------------------------------------- password (Keycloak)


def password_login(token_url: str, client_id: str, username: str, password: str) -> dict:
    with token_client(client_id) as client:
        return request_tokens(
            token_url,
            lambda: client.fetch_token(
                token_url, grant_type="password", username=username, password=password, scope=SCOPE
            ),
            client,
        )


# ---------------------------------------------------------------- device authorization grant


@dataclass(frozen=True)
class DeviceLogin:
    """What the user needs to see: ``user_code`` and where to type it."""

    user_code: str
    verification_uri: str
    verification_uri_complete: str
    device_code: str
    interval: float
    expires_at: float


def start_device_login(endpoints: ProviderEndpoints, client_id: str) -> DeviceLogin:
    if not endpoints.device_authorization_endpoint:
        raise AuthError("This provider does not offer logging in with a device code.")
    try:
        response = requests.post(
            endpoints.device_authorization_endpoint,
            data={"client_id": client_id, "scope": SCOPE},
            timeout=TOKEN_TIMEOUT_S,
        )
        data = response.json()
    except (requests.RequestException, ValueError):
        data = None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), str) for k in ("device_code", "user_code", "verification_uri")
    ):
        raise AuthError(
            f"The OpenID provider {host_of(endpoints.issuer)} refused to start a device login."
        )
    return DeviceLogin(
        user_code=data["user_code"],
        verification_uri=data["verification_uri"],
        verification_uri_complete=str(
            data.get("verification_uri_complete") or data["verification_uri"]
        ),
        device_code=data["device_code"],
        interval=float(data.get("interval") or 5),
        expires_at=time.monotonic() + float(data.get("expires_in") or LOGIN_TIMEOUT_S),
    )


def finish_device_login(
    endpoints: ProviderEndpoints,
    client_id: str,
    device: DeviceLogin,
    cancel: threading.Event,
    wait: Callable[[float], bool] | None = None,
) -> dict:
    """Poll the token endpoint until the user has signed in, refused, or the code expired."""
    wait = wait or cancel.wait
    interval = device.interval
    with token_client(client_id) as client:
        while not cancel.is_set():
            if time.monotonic() > device.expires_at:
                raise AuthError("The device code expired before you signed in; start again.")
            try:
                return request_tokens(
                    endpoints.token_endpoint,
                    lambda: client.fetch_token(
                        endpoints.token_endpoint,
                        grant_type=DEVICE_GRANT,
                        device_code=device.device_code,
                    ),
                    client,
                )
            except ProviderRefusal as exc:
                pending = exc.error
            if pending == "slow_down":
                interval += 5  # RFC 8628 §3.5
            elif pending != "authorization_pending":
                raise AuthError(_device_refusal(pending))
            wait(interval)
    raise AuthError("Logging in was cancelled.")


def _device_refusal(error: str) -> str:
    if error == "access_denied":
        return "The sign-in was refused at the provider."
    if error == "expired_token":
        return "The device code expired before you signed in; start again."
    return f"The provider ended the device login ({error})."


# ---------------------------------------------------------------- authorization code + PKCE


class _CallbackHandler(BaseHTTPRequestHandler):
    server: _CallbackServer

    def do_GET(self) -> None:
        if urlsplit(self.path).path != "/callback":
            self.send_error(404)
            return
        self.server.answer = f"http://{self.headers.get('Host', '')}{self.path}"
        body = b"<html><body>stacdesk is logged in. You can close this window.</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.arrived.set()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the query holds the authorization code: keep it out of the console


class _CallbackServer(HTTPServer):
    answer = ""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _CallbackHandler)
        self.arrived = threading.Event()


class BrowserLogin:
    """One authorization-code login: open ``url`` in the browser, then ``finish``.

    The loopback port is chosen by the system (RFC 8252 §7.3); the provider must accept any port
    on ``http://127.0.0.1/callback`` for this public client.
    """

    def __init__(self, endpoints: ProviderEndpoints, client_id: str) -> None:
        if not endpoints.authorization_endpoint:
            raise AuthError("This provider does not offer logging in through the browser.")
        self.endpoints = endpoints
        self.client_id = client_id
        self._server = _CallbackServer()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()
        self.redirect_uri = f"http://127.0.0.1:{self._server.server_address[1]}/callback"
        self._verifier = generate_token(64)
        self._client = token_client(
            client_id, redirect_uri=self.redirect_uri, scope=SCOPE, code_challenge_method="S256"
        )
        self.url, self._state = self._client.create_authorization_url(
            endpoints.authorization_endpoint, code_verifier=self._verifier
        )

    def finish(self, cancel: threading.Event, timeout: float = LOGIN_TIMEOUT_S) -> dict:
        """Wait for the browser to come back, then trade the code for tokens."""
        try:
            deadline = time.monotonic() + timeout
            while not self._server.arrived.wait(0.2):
                if cancel.is_set():
                    raise AuthError("Logging in was cancelled.")
                if time.monotonic() > deadline:
                    raise AuthError("The browser did not come back from the login page in time.")
            answer = self._server.answer
            token_url = self.endpoints.token_endpoint
            try:
                return request_tokens(
                    token_url,
                    lambda: self._client.fetch_token(
                        token_url,
                        authorization_response=answer,
                        state=self._state,
                        code_verifier=self._verifier,
                    ),
                    self._client,
                )
            except ProviderRefusal as exc:  # also a wrong state or a refusal in the redirect
                raise AuthError(f"The login was not completed ({exc.error}).") from None
        finally:
            self.close()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._client.close()
