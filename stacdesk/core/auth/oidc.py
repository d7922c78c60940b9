"""OpenID Connect access tokens from a stored refresh token, through authlib's OAuth 2 client.

The refresh token comes from logging in (``oidc_login``) or is pasted by the user (CESNET's token
portal). Access tokens are kept in memory only and renewed shortly before they expire, so a long
paging run or download never sends a dead one. Providers rotate refresh tokens on every refresh
(and treat reuse of the old one as theft), so the new one is stored in the keyring at once; the
lock makes sure two worker threads never spend the same refresh token.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.requests_client import OAuth2Session

from stacdesk.core.auth.answers import margin, positive_number
from stacdesk.core.auth.discovery import discover
from stacdesk.core.auth.hosts import host_of
from stacdesk.core.auth.secrets import ConnectionSecrets, remember_secret
from stacdesk.core.auth.settings import MAX_REFRESH_MARGIN_S, TOKEN_TIMEOUT_S, AuthError

REFUSED_GRANT = frozenset({"invalid_grant", "invalid_token", "unauthorized_client"})


class ProviderRefusal(AuthError):
    """The provider answered with an OAuth error code (``error``: ``invalid_grant``…)."""

    def __init__(self, message: str, error: str) -> None:
        super().__init__(message)
        self.error = error


class TokenClient(OAuth2Session):
    """authlib's OAuth 2 client (requests flavour: authlib's httpx one is being retired),
    remembering the HTTP status of the last token answer for messages."""

    last_status = 0

    def parse_response_token(self, resp: requests.Response) -> Any:
        self.last_status = resp.status_code
        return super().parse_response_token(resp)


def token_client(client_id: str, client_secret: str | None = None, **kwargs: Any) -> TokenClient:
    """A public client (no secret: desktop apps cannot keep one) unless a secret is given."""
    return TokenClient(
        client_id=client_id,
        client_secret=client_secret or None,
        token_endpoint_auth_method="client_secret_post" if client_secret else "none",
        default_timeout=TOKEN_TIMEOUT_S,
        **kwargs,
    )


def request_tokens(token_url: str, call: Callable[[], Any], client: TokenClient) -> dict[str, Any]:
    """Run one token request; every failure becomes an AuthError that says what to do."""
    where = host_of(token_url)
    try:
        token = call()
    except requests.HTTPError as exc:  # an error page instead of a JSON answer
        status = exc.response.status_code if exc.response is not None else client.last_status
        raise AuthError(
            f"The token endpoint ({where}) failed with HTTP {status}; try again later."
        ) from None
    except requests.RequestException:
        raise AuthError(
            f"The token endpoint ({where}) cannot be reached, so no access token could be "
            "obtained; check your network and try again."
        ) from None
    except AuthlibBaseError as exc:
        error = str(exc.error or "error")
        if error in REFUSED_GRANT:
            raise ProviderRefusal(
                "The refresh token was refused (expired or revoked): log in again from the "
                "connection's settings (or paste a new refresh token)." + _said(exc),
                error,
            ) from None
        raise ProviderRefusal(
            f"The token endpoint ({where}) refused the request ({error})." + _said(exc), error
        ) from None
    except ValueError:  # not JSON: an error page
        token = {}
    if not isinstance(token, dict) or not isinstance(token.get("access_token"), str):
        raise AuthError(
            f"The token endpoint ({where}) failed with HTTP {client.last_status}; try again later."
        )
    remember_secret(token["access_token"])
    if isinstance(token.get("refresh_token"), str):
        remember_secret(token["refresh_token"])
    return dict(token)


def renewal_margin(lifetime: float) -> float:
    """How long before the announced expiry to renew: a fifth of the lifetime (at most a
    minute), plus one second because providers stamp expiry in whole seconds, so a token can die
    up to a second before ``expires_in`` says; never more than half the lifetime."""
    return min(margin(lifetime, MAX_REFRESH_MARGIN_S) + 1.0, lifetime / 2)


def _said(exc: AuthlibBaseError) -> str:
    text = exc.description or ""
    return f" Server said: {str(text)[:160]}" if text else ""


class OidcRefresher:
    """Access tokens from an OpenID Connect token endpoint via the refresh-token grant."""

    def __init__(
        self,
        token_url: str,
        client_id: str,
        secrets: ConnectionSecrets,
        clock: Callable[[], float] = time.time,
        issuer: str = "",
    ) -> None:
        self.token_url = token_url
        self.issuer = issuer
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

    def invalidate(self, token: str | None = None) -> None:
        """The server refused the token (revoked early?): get a new one next time. With
        ``token``, only if it is still the current one: many transfers refused at once cost
        one refresh, not one each."""
        with self._lock:
            if token is None or token == self._access:
                self._access = None

    def _refresh(self) -> None:
        refresh_token = self.secrets.get("refresh_token")
        if not refresh_token:
            raise AuthError(
                "No refresh token is stored for this connection: log in from the connection's "
                "settings (or paste a refresh token from the provider's token page)."
            )
        if not self.token_url and self.issuer:
            self.token_url = discover(self.issuer).token_endpoint
        if not self.token_url:
            raise AuthError(
                "The connection has no token endpoint URL or provider (issuer) for OpenID Connect."
            )
        started = self.clock()
        with token_client(self.client_id, self.secrets.get("client_secret")) as client:
            data = request_tokens(
                self.token_url,
                lambda: client.refresh_token(self.token_url, refresh_token=refresh_token),
                client,
            )
        rotated = data.get("refresh_token")
        if isinstance(rotated, str) and rotated and rotated != refresh_token:
            self.secrets.set("refresh_token", rotated)  # the old one is dead now: keep the new
        lifetime = positive_number(data.get("expires_in"), 300.0)
        self._access = data["access_token"]
        self._renew_at = started + lifetime - renewal_margin(lifetime)
        self.refreshes += 1
