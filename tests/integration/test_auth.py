"""Authentication over real HTTP: protected proxies in front of a real STAC API, a redirecting
host, Planetary Computer signing (OpenID Connect: test_oidc_login.py, test_oidc_refresh.py).

Every test checks where the credentials went (``requests.header_values``), not only that the
search worked.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from stacdesk.config import app_paths
from stacdesk.core.auth import AuthError, AuthSettings, ConnectionAuth, PlanetarySigner
from stacdesk.core.auth.secrets import MemorySecrets
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.opening import open_catalog
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchState
from stacdesk.core.search.session import search_to_end as search_all
from tests.reliability.ledger import record
from tests.servers.assets import AssetServer
from tests.servers.auth_doubles import (
    Redirector,
    SasTokenServer,
)
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.hooks import fail, require_header
from tests.servers.proxy import ReverseProxy
from tests.servers.responses import Response

EUROPE = (-30.0, 20.0, 60.0, 75.0)
S2 = ("sentinel-2-l2a",)
PASSWORD = "correct-horse-Battery9"
TOKEN = "bearer-Token-0123456789"
API_KEY = "key-ABCDEF-987654"
ProxyFactory = Callable[..., ReverseProxy]


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def book_with(conn: Connection, secrets: dict[str, str]) -> ConnectionBook:
    book = ConnectionBook(app_paths().connections_file)
    book.put(conn, secrets)
    return book


@pytest.fixture
def secret_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Everything logged at DEBUG (pystac-client logs request headers there)."""
    with caplog.at_level(logging.DEBUG):
        yield caplog


def assert_nowhere(secrets: list[str], log: pytest.LogCaptureFixture, *texts: str) -> None:
    """No secret in the log, in any file under STACDESK_HOME, or in the given messages."""
    home = app_paths().config.parent
    files = [p for p in home.rglob("*") if p.is_file()] if home.exists() else []
    for secret in secrets:
        assert secret not in log.text
        for text in texts:
            assert secret not in text
        for path in files:
            assert secret.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("settings", "secrets", "header", "value"),
    [
        (
            AuthSettings("basic", username="ana"),
            {"password": PASSWORD},
            "authorization",
            basic("ana", PASSWORD),
        ),
        (AuthSettings("bearer"), {"token": TOKEN}, "authorization", f"Bearer {TOKEN}"),
        (
            AuthSettings("api_key", header_name="X-Api-Key"),
            {"api_key": API_KEY},
            "x-api-key",
            API_KEY,
        ),
    ],
    ids=["basic", "bearer", "api-key"],
)
def test_protected_api_search_equals_truth_and_credentials_reach_only_it(
    rustac_api: str,
    make_proxy: ProxyFactory,
    generated_catalog: GeneratedCatalog,
    secret_log: pytest.LogCaptureFixture,
    settings: AuthSettings,
    secrets: dict[str, str],
    header: str,
    value: str,
    asset_server: AssetServer,
) -> None:
    api = make_proxy(rustac_api, before=[require_header(header, value)])
    conn = Connection("protected", api.url, auth=settings)
    book = book_with(conn, secrets)
    catalog = open_catalog(conn, book.secrets)
    query = SearchQuery(collections=S2, bbox=EUROPE, limit=40)
    session = search_all(catalog, query)
    assert session.state is SearchState.DONE, session.error
    assert set(session.store.ids) == expected_ids(generated_catalog.items, S2, bbox=EUROPE)
    assert len(api.requests) >= 3 and all(v == value for v in api.requests.header_values(header))

    # the same credentials must not follow to an asset host the connection doesn't list
    auth = catalog.auth
    asset_server.requests.clear()
    href = asset_server.add_file("/assets/auth-test/B04.tif", b"II*\x00 not really a tiff")
    with httpx.Client(event_hooks=auth.httpx_event_hooks()) as client:
        assert client.get(href).status_code == 200
    assert asset_server.requests.header_values(header) == [None]
    assert_nowhere(list(secrets.values()), secret_log)


def test_wrong_password_is_a_clear_message_without_the_secret(
    rustac_api: str, make_proxy: ProxyFactory, secret_log: pytest.LogCaptureFixture
) -> None:
    api = make_proxy(rustac_api, before=[require_header("authorization", basic("ana", PASSWORD))])
    conn = Connection("protected", api.url, auth=AuthSettings("basic", username="ana"))
    book = book_with(conn, {"password": "wrong-Password-1"})
    with pytest.raises(AuthError) as info:
        open_catalog(conn, book.secrets)
    message = str(info.value)
    assert "refused this connection's credentials (HTTP 401)" in message
    assert_nowhere(["wrong-Password-1"], secret_log, message)
    # no stored secret at all: said before any request
    api.requests.clear()
    with pytest.raises(AuthError, match="No password is stored"):
        open_catalog(conn, MemorySecrets())
    assert len(api.requests) == 0 or api.requests.header_values("authorization") == [None] * len(
        api.requests
    )


def test_credentials_do_not_follow_a_redirect_to_another_host(
    request: pytest.FixtureRequest, rustac_api: str, make_proxy: ProxyFactory
) -> None:
    """/collections answers with a redirect to another host: the listing still works, but
    neither Authorization nor the API-key header reaches that host — unless the user lists it."""
    other = make_proxy(rustac_api)
    hop = {"target": other}

    def redirect_collections(request):
        if request.path == "/collections":
            return Response(302, {"location": f"{hop['target'].url}/collections"})
        return None

    api = make_proxy(rustac_api, before=[redirect_collections])
    tried = stripped = leaked = 0
    for settings, secrets, header, value in (
        (AuthSettings("bearer"), {"token": TOKEN}, "authorization", f"Bearer {TOKEN}"),
        (
            AuthSettings("api_key", header_name="X-Api-Key"),
            {"api_key": API_KEY},
            "x-api-key",
            API_KEY,
        ),
    ):
        api.requests.clear()
        other.requests.clear()
        conn = Connection("redirecting", api.url, auth=settings)
        catalog = open_catalog(conn, MemorySecrets(dict(secrets)))
        assert {c.id for c in catalog.collections()} >= set(S2)
        assert other.requests.filter(path="/collections")
        assert set(other.requests.header_values(header)) == {None}
        assert set(api.requests.header_values(header)) == {value}
        sent_on = sum(v is not None for v in other.requests.header_values(header))
        tried, stripped, leaked = tried + 1, stripped + int(not sent_on), leaked + sent_on

    other.requests.clear()
    listed = AuthSettings("bearer", extra_hosts=(other.netloc,))
    catalog = open_catalog(
        Connection("listed", api.url, auth=listed), MemorySecrets({"token": TOKEN})
    )
    catalog.collections()
    assert set(other.requests.header_values("authorization")) == {f"Bearer {TOKEN}"}
    record(request, tried=tried, survived=stripped, lost=leaked)  # leaked: headers sent on


def test_httpx_hooks_strip_credentials_on_redirect_hops(
    request: pytest.FixtureRequest, asset_server: AssetServer
) -> None:
    """Thumbnails and downloads use httpx: a listed host redirecting to an unlisted one."""
    with Redirector(asset_server.url) as listed:
        auth = ConnectionAuth(
            "http://api.invalid/",
            AuthSettings("api_key", header_name="X-Api-Key", extra_hosts=(listed.netloc,)),
            MemorySecrets({"api_key": API_KEY}),
        )
        asset_server.requests.clear()
        with httpx.Client(event_hooks=auth.httpx_event_hooks(), follow_redirects=True) as c:
            response = c.get(f"{listed.url}/collections.json")
        assert response.status_code == 200
        assert listed.requests.header_values("x-api-key") == [API_KEY]
        assert asset_server.requests.header_values("x-api-key") == [None]
        sync_leaked = sum(v is not None for v in asset_server.requests.header_values("x-api-key"))

        async def fetch() -> int:
            hooks = auth.httpx_async_event_hooks()
            async with httpx.AsyncClient(event_hooks=hooks, follow_redirects=True) as client:
                return (await client.get(f"{listed.url}/collections.json")).status_code

        asset_server.requests.clear()
        assert asyncio.run(fetch()) == 200
        assert listed.requests.header_values("x-api-key") == [API_KEY, API_KEY]
        assert asset_server.requests.header_values("x-api-key") == [None]
    hops = 2  # one redirect through the sync client, one through the async one
    leaked = sync_leaked + sum(
        v is not None for v in asset_server.requests.header_values("x-api-key")
    )
    record(request, tried=hops, survived=hops - leaked, lost=leaked)


# OpenID Connect: test_oidc_login.py and test_oidc_refresh.py, against a real provider.


# ---------------------------------------------------------------- Planetary Computer signing


def test_planetary_computer_assets_are_signed_per_collection_until_near_expiry(
    asset_server: AssetServer, generated_catalog: GeneratedCatalog
) -> None:
    now = [1_700_000_000.0]
    with SasTokenServer(lambda: now[0], lifetime_s=3600) as sas:
        signer = PlanetarySigner(sas.token_url, (asset_server.netloc,), lambda: now[0])
        href = asset_server.add_file("/assets/pc-test/B04.tif", b"II*\x00 not really a tiff")
        signed = signer.sign(href, "sentinel-2-l2a")
        assert signed.startswith(href + "?sv=") and "sig=SasSecret1" in signed
        assert signer.sign(href, "sentinel-2-l2a") == signed  # cached
        assert "sig=SasSecret2" in signer.sign(href, "landsat-c2-l2")  # one token per collection
        assert signer.sign("https://example.org/a.tif", "sentinel-2-l2a").endswith("a.tif")
        assert signer.sign(signed, "sentinel-2-l2a") == signed  # never signed twice
        assert signer.token_requests == 2
        now[0] += 3600 - 301  # 5 minutes before expiry: still fine
        signer.sign(href, "sentinel-2-l2a")
        assert signer.token_requests == 2
        now[0] += 2  # inside the last 5 minutes: a new token
        assert "sig=SasSecret3" in signer.sign(href, "sentinel-2-l2a")

        asset_server.requests.clear()
        assert httpx.get(signed).status_code == 200
        assert "sig=SasSecret1" in asset_server.requests[0].query

        sas.before.append(fail(403, path=None))
        signer_down = PlanetarySigner(sas.token_url, (asset_server.netloc,), lambda: now[0])
        with pytest.raises(AuthError, match="refused to sign"):
            signer_down.sign(href, "era5-pds")


def test_planetary_computer_connection_signs_and_sends_no_credentials(tmp_path: Path) -> None:
    conn = Connection(
        "pc",
        "https://planetarycomputer.microsoft.com/api/stac/v1",
        auth=AuthSettings(signing="planetary-computer"),
    )
    from stacdesk.core.catalogs.opening import connection_auth

    auth = connection_auth(conn, MemorySecrets())
    assert auth is not None and auth.signer is not None and not auth.sends_credentials
    assert auth.headers_for(conn.url) == {}
    assert auth.signer.needs_signing("https://sentinel2l2a01.blob.core.windows.net/c/x.tif")
    assert not auth.signer.needs_signing("https://example.com/x.tif")
