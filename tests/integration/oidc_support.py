"""Shared pieces of the OpenID Connect tests (a real provider: tests/servers/oidc_provider.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

from stacdesk.core.auth import AuthSettings
from stacdesk.core.auth.oidc_login import password_login
from stacdesk.core.auth.secrets import MemorySecrets
from tests.servers.oidc_provider import PASSWORD, USERNAME, OidcProvider
from tests.servers.proxy import ReverseProxy
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response

CLIENT = "stacdesk"
ProxyFactory = Callable[..., ReverseProxy]


def settings(provider: OidcProvider, client_id: str = CLIENT) -> AuthSettings:
    return AuthSettings(
        "oidc", issuer=provider.issuer, token_url=provider.token_url, client_id=client_id
    )


def bearer(request: RecordedRequest) -> str:
    return request.headers.get("authorization", "").removeprefix("Bearer ")


def wait_until_expired(provider: OidcProvider, token: str) -> None:
    """Hold on until the provider itself says ``token`` is no longer active."""
    while provider.introspect(token).get("active"):
        time.sleep(0.1)


def hold_until_token_expired(
    provider: OidcProvider, path: str, nth: int
) -> Callable[[RecordedRequest, Response], Response]:
    """An after-hook: the ``nth`` answer on ``path`` waits until the token that asked expired."""
    seen = [0]

    def hook(request: RecordedRequest, response: Response) -> Response:
        if request.path == path:
            seen[0] += 1
            if seen[0] == nth:
                wait_until_expired(provider, bearer(request))
        return response

    return hook


def login(provider: OidcProvider, client_id: str = CLIENT) -> MemorySecrets:
    tokens = password_login(provider.token_url, client_id, USERNAME, PASSWORD)
    return MemorySecrets({"refresh_token": tokens["refresh_token"]})
