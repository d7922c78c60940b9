"""Opening a saved connection's catalog: credentials from the keyring, then the right kind.

Why apart from the connection book: the book is saved data that the catalogs on disk also use
(a local folder is saved as a connection), while opening needs every catalog implementation.
Kept in one place above both, the book and the catalogs never import each other. The catalog
implementations are imported when first opened, so start-up does not pay for pystac-client.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stacdesk.core.auth.secrets import ConnectionSecrets, SecretStore
from stacdesk.core.catalogs.catalog import Catalog
from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message

CONNECTED = QT_TRANSLATE_NOOP("Connections", "Connected to %1.")
CONNECTED_OFFERS = QT_TRANSLATE_NOOP("Connections", "Connected to %1. Offers: %2.")

if TYPE_CHECKING:
    from stacdesk.core.auth.connection import ConnectionAuth


def connection_auth(
    connection: Connection, secrets: SecretStore | ConnectionSecrets | None = None
) -> ConnectionAuth | None:
    """The credentials and signing of a connection, or None when it needs neither."""
    if connection.kind != "api" or (
        not connection.auth.needs_secrets and not connection.auth.signing
    ):
        return None
    from stacdesk.core.auth.connection import ConnectionAuth  # requests, httpx, authlib: on use

    if isinstance(secrets, SecretStore) or secrets is None:
        secrets = (secrets or SecretStore()).for_connection(connection.name)
    return ConnectionAuth(connection.url, connection.auth, secrets)


def open_catalog(
    connection: Connection, secrets: SecretStore | ConnectionSecrets | None = None
) -> Catalog:
    """Open a connection's catalog with its credentials; blocks on the network, so use a worker."""
    if connection.kind == "local":
        from stacdesk.core.catalogs.local_catalog import LocalCatalog

        return LocalCatalog.from_folder(Path(connection.url), connection.name)
    from stacdesk.core.catalogs.api_catalog import ApiCatalog

    auth = connection_auth(connection, secrets)
    trust = connection.trust_certificate
    if auth is None:
        return ApiCatalog.open(connection.url, trust_certificate=trust)
    return ApiCatalog.open(connection.url, auth=auth, trust_certificate=trust)


def is_api_catalog(catalog: object) -> bool:
    """Whether ``catalog`` is a STAC API. Its module is looked up, not imported (pystac-client,
    requests and the credential hooks: ~0.3 s of start-up): an ApiCatalog exists only once it
    was."""
    module = sys.modules.get("stacdesk.core.catalogs.api_catalog")
    return module is not None and isinstance(catalog, module.ApiCatalog)


def check_connection(
    connection: Connection, secrets: SecretStore | ConnectionSecrets | None = None
) -> Message:
    """Open the catalog and describe what it offers; raises CatalogError with the reason."""
    catalog = open_catalog(connection, secrets)
    capabilities = getattr(catalog, "capabilities", None)
    if capabilities is None:
        return CONNECTED(catalog.title)
    return CONNECTED_OFFERS(catalog.title, capabilities.summary())
