"""Planetary Computer: asset hrefs on Azure Blob Storage are signed at fetch time with a SAS
token per collection, cached until shortly before it expires.

Not the ``planetary-computer`` package: its signing URL and token cache are process-wide (one
SAS service for every connection, set through environment or a settings file it reads from the
home folder), it signs only hosts ending in ``.blob.core.windows.net`` (so a mirror or a local
test service cannot be used), its cache has no lock for parallel downloads, and it retries a
failing service ten times with backoff where the user should hear at once that signing is down.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from stacdesk.core.auth.answers import json_object, margin, server_said
from stacdesk.core.auth.hosts import HostList, host_of
from stacdesk.core.auth.secrets import remember_secret
from stacdesk.core.auth.settings import (
    AZURE_BLOB_SUFFIXES,
    MAX_SIGNING_MARGIN_S,
    PLANETARY_COMPUTER_TOKEN_URL,
    AuthError,
)
from stacdesk.core.common.datetimes import parse_datetime

TOKEN_TIMEOUT = httpx.Timeout(30.0, connect=10.0)  # the signing service's token requests


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
            self._tokens[collection] = (token, expiry - margin(expiry - now, MAX_SIGNING_MARGIN_S))
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
        data = json_object(response)
        token = data.get("token")
        if response.status_code != 200 or not isinstance(token, str) or not token:
            raise AuthError(
                f"Planetary Computer refused to sign assets of {collection!r} "
                f"(HTTP {response.status_code})." + server_said(data)
            )
        remember_secret(token)
        expiry = _parse_expiry(data.get("msft:expiry"), self.clock() + 600.0)
        return token, expiry


def _parse_expiry(value: Any, default: float) -> float:
    """The expiry the service gave (RFC 3339), or ``default`` when it sent none readable."""
    expiry = parse_datetime(value)
    return default if math.isnan(expiry) else expiry
