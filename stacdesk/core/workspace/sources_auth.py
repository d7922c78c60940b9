"""The credentials of every catalog of a multi-catalog search, each sent only to its own hosts.

A product found in several catalogs downloads from any of them, so the download engine,
thumbnails and quicklooks ask here rather than the open catalog alone: the first catalog whose
hosts include a URL answers for it (its headers, its URL signing), and ``lacks_credentials``
tells the download's choice of source which hosts want a login the user has not stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the credential libraries load when a catalog with credentials opens
    from stacdesk.core.auth import ConnectionAuth


class SourcesAuth:
    def __init__(self, auths: Sequence[ConnectionAuth | None]) -> None:
        self.auths = [auth for auth in auths if auth is not None]
        self.signer = next((a.signer for a in self.auths if a.signer is not None), None)

    def _for(self, url: str) -> ConnectionAuth | None:
        return next((auth for auth in self.auths if auth.allows(url)), None)

    def headers_for(self, url: str) -> dict[str, str]:
        auth = self._for(url)
        return auth.headers_for(url) if auth is not None else {}

    def sign_href(self, href: str, collection: str | None) -> str:
        """Signed by the catalog that signs (Planetary Computer's storage hosts only)."""
        signing = next((a for a in self.auths if a.signer is not None), None)
        return signing.sign_href(href, collection) if signing is not None else href

    def refused(self, url: str, sent: Mapping[str, str]) -> bool:
        """A 401 at ``url``: the catalog whose host it is may renew its token."""
        auth = self._for(url)
        return auth is not None and bool(auth.refused(url, sent))

    def lacks_credentials(self, url: str) -> bool:
        auth = self._for(url)
        return auth is not None and auth.lacks_login()
