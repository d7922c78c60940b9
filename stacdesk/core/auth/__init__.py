"""Credentials for one connection, injected per request and only for the hosts they belong to.

One concept per module: ``settings`` (what is saved, the kinds offered), ``hosts`` (where
credentials may go), ``oidc`` (access tokens from a refresh token), ``oidc_login`` (logging in:
device code, browser with PKCE, password), ``signing`` (Planetary Computer SAS tokens),
``connection`` (the request hooks that put it all on the wire) and ``secrets`` (the OS keyring,
the only place passwords and tokens are kept, and their redaction from logs).

Knows no catalog, search or result: the catalogs hand a connection's URL and settings in.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from stacdesk.core.auth.hosts import HostList, host_of
from stacdesk.core.auth.settings import (
    AUTH_KINDS,
    AZURE_BLOB_SUFFIXES,
    MAX_REFRESH_MARGIN_S,
    MAX_SIGNING_MARGIN_S,
    PLANETARY_COMPUTER,
    PLANETARY_COMPUTER_TOKEN_URL,
    SECRET_FIELDS_BY_KIND,
    AuthError,
    AuthSettings,
)

if TYPE_CHECKING:
    from stacdesk.core.auth.connection import AuthSession, ConnectionAuth, RequestsAuth
    from stacdesk.core.auth.oidc import OidcRefresher
    from stacdesk.core.auth.signing import TOKEN_TIMEOUT, PlanetarySigner

# What puts credentials on the wire needs requests, httpx, authlib and joserfc (~0.5 s to import):
# loaded on first use, so a start on a connection without credentials never pays for them.
_LAZY = {
    "AuthSession": "stacdesk.core.auth.connection",
    "ConnectionAuth": "stacdesk.core.auth.connection",
    "RequestsAuth": "stacdesk.core.auth.connection",
    "OidcRefresher": "stacdesk.core.auth.oidc",
    "PlanetarySigner": "stacdesk.core.auth.signing",
    "TOKEN_TIMEOUT": "stacdesk.core.auth.signing",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AUTH_KINDS",
    "AZURE_BLOB_SUFFIXES",
    "MAX_REFRESH_MARGIN_S",
    "MAX_SIGNING_MARGIN_S",
    "PLANETARY_COMPUTER",
    "PLANETARY_COMPUTER_TOKEN_URL",
    "SECRET_FIELDS_BY_KIND",
    "TOKEN_TIMEOUT",
    "AuthError",
    "AuthSession",
    "AuthSettings",
    "ConnectionAuth",
    "HostList",
    "OidcRefresher",
    "PlanetarySigner",
    "RequestsAuth",
    "host_of",
]
