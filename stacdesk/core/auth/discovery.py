"""Where an OpenID provider takes logins and tokens, read from its discovery document.

Both logging in (``oidc_login``) and refreshing (``oidc``) need it: a connection may name only its
provider (the issuer), and Keycloak token URLs name their issuer in their path.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests

from stacdesk.core.auth.hosts import host_of
from stacdesk.core.auth.settings import TOKEN_TIMEOUT_S, AuthError


@dataclass(frozen=True)
class ProviderEndpoints:
    """Where a provider takes logins, from its discovery document."""

    issuer: str
    token_endpoint: str
    authorization_endpoint: str = ""
    device_authorization_endpoint: str = ""


KEYCLOAK_TOKEN_PATH = "/protocol/openid-connect/token"


def issuer_of(issuer: str, token_url: str) -> str:
    """The issuer to discover: as given, else read off a Keycloak token URL (``…/realms/X``)."""
    if issuer.strip():
        return issuer.strip().rstrip("/")
    if token_url.endswith(KEYCLOAK_TOKEN_PATH):
        return token_url[: -len(KEYCLOAK_TOKEN_PATH)]
    return ""


def discover(issuer: str) -> ProviderEndpoints:
    """Read ``{issuer}/.well-known/openid-configuration``."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TOKEN_TIMEOUT_S)
        data = response.json() if response.status_code == 200 else None
    except (requests.RequestException, ValueError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("token_endpoint"), str):
        raise AuthError(
            f"The OpenID provider {host_of(issuer)} did not describe itself at {url}; check the "
            "issuer URL in the connection's settings."
        )
    return ProviderEndpoints(
        issuer=issuer,
        token_endpoint=data["token_endpoint"],
        authorization_endpoint=str(data.get("authorization_endpoint") or ""),
        device_authorization_endpoint=str(data.get("device_authorization_endpoint") or ""),
    )
