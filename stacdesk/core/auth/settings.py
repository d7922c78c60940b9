"""The non-secret half of a connection's authentication, the kinds offered, and AuthError.

Saved in the settings file; secrets live in the keyring (``stacdesk.core.auth.secrets``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stacdesk.core.common.errors import CatalogError

AUTH_KINDS: dict[str, str] = {
    "none": "No authentication",
    "basic": "HTTP basic (user name and password)",
    "bearer": "Bearer token",
    "api_key": "API key header",
    "oidc": "OpenID Connect (log in, or paste a refresh token)",
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
TOKEN_TIMEOUT_S = (10.0, 30.0)  # connect, read: OpenID discovery and token requests (requests)
MAX_REFRESH_MARGIN_S = 60.0
MAX_SIGNING_MARGIN_S = 300.0


class AuthError(CatalogError):
    """Logging in failed: wrong password, expired refresh token, token endpoint down…"""


@dataclass(frozen=True)
class AuthSettings:
    """The non-secret half of a connection's authentication (saved in the settings file).

    ``issuer`` is the OpenID provider (its discovery document says where to log in);
    ``token_url`` alone is enough for a pasted refresh token. ``extra_hosts`` are further hosts
    (``host`` or ``host:port``, ``*.domain`` for subdomains) the credentials may be sent to, e.g.
    an asset download host. ``signing`` is ``""`` or ``"planetary-computer"``.
    """

    kind: str = "none"
    username: str = ""
    header_name: str = ""
    token_url: str = ""
    client_id: str = ""
    issuer: str = ""
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
            "issuer": self.issuer,
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
            issuer=str(data.get("issuer") or ""),
            extra_hosts=tuple(str(h) for h in hosts) if isinstance(hosts, list | tuple) else (),
            signing=str(data.get("signing") or ""),
            signing_url=str(data.get("signing_url") or ""),
        )

    @property
    def needs_secrets(self) -> bool:
        return self.kind != "none"
