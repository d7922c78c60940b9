"""Saved catalogs: the presets every analyst needs, the user's own, and folders opened.

Only names, URLs, kinds and the non-secret half of the authentication live here (user name, header
name, token endpoint, extra hosts); passwords and tokens belong to the OS keyring (``secrets``).
A preset the user edits is saved as an override of the same name; removing a preset hides it.
Opening a connection's catalog is ``opening``'s job: the book knows no catalog implementation.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

from stacdesk.core.auth import (
    PLANETARY_COMPUTER,
    SECRET_FIELDS_BY_KIND,
    AuthSettings,
)
from stacdesk.core.auth.secrets import (
    SECRET_FIELDS,
    SecretStore,
    SecretStoreError,
)
from stacdesk.core.common.errors import CatalogError

SAMPLE_CONNECTION_NAME = "Sample catalog (offline)"


@dataclass(frozen=True)
class Connection:
    """A catalog the user can pick: ``kind`` is ``api`` (STAC API URL) or ``local`` (a folder).

    ``trust_certificate``: the user trusts this server's TLS certificate even though no
    certificate authority vouches for it (a self-signed lab server). Off by default; it covers
    the connection's own host only.
    """

    name: str
    url: str
    kind: str = "api"
    auth: AuthSettings = field(default_factory=AuthSettings)
    trust_certificate: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "url": self.url, "kind": self.kind}
        auth = self.auth.to_dict()
        if auth.get("kind") == "none":
            auth.pop("kind")
        if auth:
            data["auth"] = auth
        if self.trust_certificate:
            data["trust_certificate"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Connection:
        return cls(
            str(data["name"]),
            str(data["url"]),
            str(data.get("kind", "api")),
            AuthSettings.from_dict(data.get("auth")),
            data.get("trust_certificate") is True,
        )


class InvalidConnection(CatalogError, ValueError):
    """A connection that cannot be saved; the message says what to fix (shown as it is)."""


@dataclass(frozen=True)
class OidcHint:
    """What to pre-fill when the user picks OpenID Connect for a preset."""

    token_url: str
    client_id: str
    extra_hosts: tuple[str, ...] = ()
    issuer: str = ""  # the OpenID provider, for logging in from the app


PRESETS: tuple[Connection, ...] = (
    Connection("CESNET", "https://stac.vm.cesnet.cz/"),
    Connection("Earth Search (Element 84)", "https://earth-search.aws.element84.com/v1"),
    Connection(
        "Microsoft Planetary Computer",
        "https://planetarycomputer.microsoft.com/api/stac/v1",
        auth=AuthSettings(signing=PLANETARY_COMPUTER),
    ),
    Connection("Copernicus Data Space", "https://stac.dataspace.copernicus.eu/v1/"),
    Connection("USGS Landsat", "https://landsatlook.usgs.gov/stac-server"),
)
DEFAULT_CONNECTION = PRESETS[0]
OIDC_HINTS: dict[str, OidcHint] = {
    "Copernicus Data Space": OidcHint(
        "https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/openid-connect/token",
        "cdse-public",
        ("download.dataspace.copernicus.eu", "zipper.dataspace.copernicus.eu"),
        "https://identity.dataspace.copernicus.eu/auth/realms/CDSE",
    ),
}


def sample_connection(folder: Path) -> Connection:
    return Connection(SAMPLE_CONNECTION_NAME, str(folder), "local")


def _split(url: str) -> SplitResult | None:
    """The parts of a URL, or None for text no URL parser accepts (``http://[::1``)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def validate_connection(connection: Connection) -> str | None:
    """Why this connection cannot be saved, or None."""
    if not connection.name.strip():
        return "Give the connection a name."
    if connection.kind == "api":
        split = _split(connection.url.strip())
        if split is None or split.scheme not in ("http", "https") or not split.netloc:
            return "A STAC API URL starts with http:// or https:// and names a host."
    auth = connection.auth
    if auth.kind == "basic" and not auth.username:
        return "HTTP basic authentication needs a user name."
    if auth.kind == "api_key" and not auth.header_name.strip():
        return "An API key needs the name of the header it is sent in."
    token_url = _split(auth.token_url)
    if auth.kind == "oidc" and (token_url is None or token_url.scheme not in ("http", "https")):
        return "OpenID Connect needs the token endpoint URL (https://…/token)."
    if auth.kind == "oidc" and not auth.client_id:
        return "OpenID Connect needs the client id the refresh token was issued to."
    return None


def _secret_fields(connection: Connection) -> tuple[str, ...]:
    """The keyring fields a connection's authentication uses (none: the keyring is not asked)."""
    return SECRET_FIELDS_BY_KIND.get(connection.auth.kind, ())


class ConnectionBook:
    """The presets plus the user's own connections, saved as JSON (never a secret)."""

    def __init__(
        self,
        path: Path,
        sample_folder: Path | None = None,
        secrets: SecretStore | None = None,
    ) -> None:
        self.path = path
        self.sample = sample_connection(sample_folder) if sample_folder else None
        self._secrets = secrets
        self.hidden_presets: set[str] = set()
        self.custom: list[Connection] = self._load()

    @property
    def secrets(self) -> SecretStore:
        if self._secrets is None:
            self._secrets = SecretStore()
        return self._secrets

    def _load(self) -> list[Connection]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.hidden_presets = {str(n) for n in data.get("hidden_presets", [])}
            return [Connection.from_dict(c) for c in data.get("connections", [])]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._keep_broken_copy()
            return []

    def _keep_broken_copy(self) -> None:
        """A damaged file is set aside (not lost), and the app starts with the presets."""
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_suffix(".json.broken"))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        data: dict[str, Any] = {"connections": [c.to_dict() for c in self.custom]}
        if self.hidden_presets:
            data["hidden_presets"] = sorted(self.hidden_presets)
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)

    def all(self) -> list[Connection]:
        sample = [self.sample] if self.sample else []
        own = {c.name for c in self.custom}
        presets = [p for p in PRESETS if p.name not in own and p.name not in self.hidden_presets]
        return [*presets, *self.custom, *sample]

    def find(self, name: str) -> Connection | None:
        return next((c for c in self.all() if c.name == name), None)

    def is_preset(self, name: str) -> bool:
        return any(p.name == name for p in PRESETS)

    def add_url(self, url: str) -> Connection:
        """A custom STAC API URL becomes a saved connection named after its host."""
        url = url.strip()
        existing = next((c for c in self.all() if c.url.rstrip("/") == url.rstrip("/")), None)
        if existing:
            return existing
        split = _split(url)
        name = (split.netloc if split else "") or url
        connection = Connection(name, url)
        self.custom.append(connection)
        self.save()
        return connection

    def add_local(self, path: Path) -> Connection:
        """The saved connection of a catalog on disk, added the first time it is opened."""
        target = str(Path(path).expanduser().resolve())
        existing = next((c for c in self.all() if c.kind == "local" and c.url == target), None)
        if existing is not None:
            return existing
        name = f"{Path(target).name or target} (local)"
        taken = {c.name for c in self.all()}
        number = 2
        while name in taken:
            name = f"{Path(target).name} (local {number})"
            number += 1
        connection = Connection(name, target, "local")
        self.custom.append(connection)
        self.save()
        return connection

    def put(
        self,
        connection: Connection,
        secrets: dict[str, str] | None = None,
        old_name: str | None = None,
    ) -> Connection:
        """Add or replace a connection; typed secrets go to the keyring, never to the file.

        Empty secret values keep what the keyring holds; secrets the new auth kind does not use
        are deleted. Raises ValueError with a readable message for an invalid connection.
        """
        problem = validate_connection(connection)
        if problem:
            raise InvalidConnection(problem)
        old_name = old_name or connection.name
        clash = self.find(connection.name)
        if connection.name != old_name and clash is not None:
            raise InvalidConnection(f"A connection named {connection.name!r} exists already.")
        old = self.find(old_name)
        had = _secret_fields(old) if old is not None else ()
        if connection.name != old_name and had:
            self.secrets.rename(old_name, connection.name)
        self.custom = [c for c in self.custom if c.name not in (old_name, connection.name)]
        if self.is_preset(old_name) and old_name != connection.name:
            self.hidden_presets.add(old_name)
        self.hidden_presets.discard(connection.name)
        self.custom.append(connection)
        used = _secret_fields(connection)
        for name, value in (secrets or {}).items():
            if name in used and value:
                self.secrets.set(connection.name, name, value)
        for name in SECRET_FIELDS:
            if name not in used:
                try:
                    self.secrets.delete(connection.name, name)
                except SecretStoreError:
                    if name in had:  # a secret the old settings used must not linger unseen
                        raise
        self.save()
        return connection

    def remove(self, name: str) -> str | None:
        """Forget a connection and its secrets; a preset is hidden (``restore_presets``).

        The connection goes even when the keyring cannot be reached (a connection without
        secrets never asks it); the returned note then says its secrets are still stored.
        """
        connection = self.find(name)
        self.custom = [c for c in self.custom if c.name != name]
        if self.is_preset(name):
            self.hidden_presets.add(name)
        self.save()
        if connection is None or not _secret_fields(connection):
            return None
        try:
            self.secrets.delete_all(name)
        except SecretStoreError as exc:
            return f"Its stored password or token could not be erased: {exc}"
        return None

    def restore_presets(self) -> None:
        self.hidden_presets.clear()
        self.save()
