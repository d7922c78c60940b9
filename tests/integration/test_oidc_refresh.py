"""Refreshing against a real OpenID provider (oidc-provider under node, 3 s access tokens): a long
paging run and a long download renew their access token mid-way without losing a page or a byte;
rotation, expiry, revocation and a failing token endpoint each end as they should.

Skipped with the reason when node or npm is missing (see tests/servers/oidc_provider.py).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from pathlib import Path

import pytest

from stacdesk.core.auth import AuthError, AuthSettings, ConnectionAuth
from stacdesk.core.auth.oidc_login import password_login
from stacdesk.core.auth.secrets import MemorySecrets
from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.catalogs.opening import open_catalog
from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchSession, SearchState
from stacdesk.core.search.session import search_to_end as search_all
from tests.core.downloads.conftest import asset, make_item, new_engine, run, settle
from tests.integration.oidc_support import (
    CLIENT,
    ProxyFactory,
    bearer,
    hold_until_token_expired,
    login,
    settings,
    wait_until_expired,
)
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.flaky_files import FlakyFileServer, make_bytes
from tests.servers.hooks import break_body, fail
from tests.servers.oidc_provider import PASSWORD, USERNAME, OidcProvider
from tests.servers.proxy import ReverseProxy

S2 = ("sentinel-2-l2a",)

# ---------------------------------------------------------------- renewing mid-way


def test_a_long_paging_run_renews_its_token_mid_way(
    oidc_provider: OidcProvider,
    rustac_api: str,
    make_proxy: ProxyFactory,
    generated_catalog: GeneratedCatalog,
) -> None:
    seen: list[str] = []
    api = make_proxy(
        rustac_api,
        before=[oidc_provider.protect(seen)],
        after=[hold_until_token_expired(oidc_provider, "/search", nth=2)],
    )
    tokens = password_login(oidc_provider.token_url, CLIENT, USERNAME, PASSWORD)
    secrets = MemorySecrets({"refresh_token": tokens["refresh_token"]})
    catalog = open_catalog(Connection("lab", api.url, auth=settings(oidc_provider)), secrets)
    session = search_all(catalog, SearchQuery(collections=S2, limit=20))
    assert session.state is SearchState.DONE, session.error
    assert set(session.store.ids) == expected_ids(generated_catalog.items, S2)
    pages = api.requests.filter(path="/search")
    assert len(pages) > 2
    assert len({bearer(p) for p in pages}) >= 2  # a fresh token after the first one expired
    assert secrets.get("refresh_token") != tokens["refresh_token"]  # rotated along the way


def test_a_long_download_renews_its_token_mid_way_without_losing_a_byte(
    oidc_provider: OidcProvider, tmp_path: Path
) -> None:
    data = make_bytes(400_000)
    with FlakyFileServer() as files:
        files.put("/protected/scene.tif", data)
        stall = break_body("stall", fraction=0.5, path="/protected/scene.tif")
        with ReverseProxy(files.url, before=[oidc_provider.protect()], after=[stall]) as proxy:
            tokens = password_login(oidc_provider.token_url, CLIENT, USERNAME, PASSWORD)
            auth = ConnectionAuth(
                proxy.url,
                settings(oidc_provider),
                MemorySecrets({"refresh_token": tokens["refresh_token"]}),
            )
            item = make_item("scene", {"data": asset(f"{proxy.url}/protected/scene.tif", data)})

            async def scenario():
                engine = new_engine(tmp_path, credentials=auth.headers_for)
                engine.start()
                job = engine.add_asset(item, "data")
                while not stall.faults:
                    await asyncio.sleep(0.02)
                first = proxy.requests.filter("GET", "/protected/scene.tif")[0]
                await asyncio.to_thread(wait_until_expired, oidc_provider, bearer(first))
                stall.faults[0].release.set()  # the connection drops half-way
                await settle(engine, [job])
                await engine.close()
                return job

            job = run(scenario)
            gets = proxy.requests.filter("GET", "/protected/scene.tif")
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    first, resumed = gets[0], gets[-1]
    assert bearer(first) != bearer(resumed)  # the resumed request carried a renewed token
    assert int(resumed.headers["range"].removeprefix("bytes=").rstrip("-")) > 0


# ---------------------------------------------------------------- refreshing and its failures


def test_an_expired_access_token_gets_one_401_a_refresh_and_a_retry(
    oidc_provider: OidcProvider,
    rustac_api: str,
    make_proxy: ProxyFactory,
    generated_catalog: GeneratedCatalog,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The app's clock says the token is fresh (a laptop back from sleep), the provider says it
    expired: the API's 401 makes the app refresh and retry once."""
    seen: list[str] = []
    api = make_proxy(rustac_api, before=[oidc_provider.protect(seen)])
    secrets = login(oidc_provider)
    first_refresh = secrets.get("refresh_token")
    frozen = time.time()
    auth = ConnectionAuth(api.url, settings(oidc_provider), secrets, clock=lambda: frozen)
    with caplog.at_level(logging.DEBUG):
        catalog = ApiCatalog.open(api.url, auth=auth)
        wait_until_expired(oidc_provider, seen[-1])
        before = len(api.requests)
        session = search_all(catalog, SearchQuery(collections=S2, limit=50))
    assert session.state is SearchState.DONE, session.error
    assert set(session.store.ids) == expected_ids(generated_catalog.items, S2)
    stale = [r for r in api.requests.snapshot()[before:] if bearer(r) == seen[0]]
    assert len(stale) == 1  # one 401, then the retry with a new token
    # each later token may also outlive the frozen clock on a slow machine: same story again
    assert auth.oidc is not None and auth.oidc.refreshes >= 2
    for secret in {first_refresh, secrets.get("refresh_token"), *seen}:
        assert secret and secret not in caplog.text


def test_the_access_token_is_renewed_shortly_before_it_expires(
    oidc_provider: OidcProvider,
) -> None:
    now = [1_000_000.0]
    auth = ConnectionAuth(
        "http://api.invalid", settings(oidc_provider), login(oidc_provider), lambda: now[0]
    )
    first = auth.headers_for("http://api.invalid/")
    assert auth.oidc is not None and auth.oidc.refreshes == 1
    now[0] += 3 - 1.5 - 0.01  # a 3 s token: renewed in its last fifth plus a second, at most half
    assert auth.headers_for("http://api.invalid/") == first and auth.oidc.refreshes == 1
    now[0] += 0.02
    assert auth.headers_for("http://api.invalid/") != first and auth.oidc.refreshes == 2
    assert auth.headers_for("http://elsewhere.invalid/x") == {}  # unlisted host: no refresh
    assert auth.oidc.refreshes == 2


def test_threads_never_spend_the_same_refresh_token(oidc_provider: OidcProvider) -> None:
    """Spending a rotated refresh token twice makes the provider revoke the whole grant."""
    auth = ConnectionAuth("http://api.invalid", settings(oidc_provider), login(oidc_provider))
    results: list[object] = []

    def ask() -> None:
        try:
            results.append(auth.headers_for("http://api.invalid/"))
        except AuthError as exc:
            results.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert auth.oidc is not None and auth.oidc.refreshes == 1
    assert len({str(r) for r in results}) == 1 and isinstance(results[0], dict)


def test_revoked_refresh_token_and_token_endpoint_down_are_clear(
    oidc_provider: OidcProvider, rustac_api: str, make_proxy: ProxyFactory
) -> None:
    api = make_proxy(rustac_api, before=[oidc_provider.protect()])
    revoked = login(oidc_provider)
    oidc_provider.revoke(revoked.get("refresh_token") or "")
    conn = Connection("lab", api.url, auth=settings(oidc_provider))
    with pytest.raises(AuthError) as info:
        open_catalog(conn, revoked)
    assert "refresh token was refused (expired or revoked)" in str(info.value)
    assert (revoked.get("refresh_token") or "") not in str(info.value)
    assert api.requests.header_values("authorization") == []  # nothing sent without a token

    failing = make_proxy(oidc_provider.issuer, before=[fail(503, path="/token")])
    behind = AuthSettings("oidc", token_url=f"{failing.url}/token", client_id=CLIENT)
    with pytest.raises(AuthError, match=r"token endpoint .* failed with HTTP 503"):
        open_catalog(Connection("lab", api.url, auth=behind), login(oidc_provider))
    failing.stop()
    with pytest.raises(AuthError, match="cannot be reached"):
        open_catalog(Connection("lab", api.url, auth=behind), login(oidc_provider))


def test_a_login_revoked_mid_search_fails_with_the_reason_and_keeps_results(
    oidc_provider: OidcProvider, rustac_api: str, make_proxy: ProxyFactory
) -> None:
    seen: list[str] = []
    api = make_proxy(rustac_api, before=[oidc_provider.protect(seen)])
    secrets = login(oidc_provider)
    catalog = open_catalog(Connection("lab", api.url, auth=settings(oidc_provider)), secrets)

    async def scenario() -> SearchSession:
        session = SearchSession()
        await session.start(catalog, SearchQuery(collections=S2, limit=5))
        oidc_provider.revoke(secrets.get("refresh_token") or "")  # the user logs out elsewhere
        oidc_provider.revoke(seen[-1])
        await session.load_all()
        return session

    session = asyncio.run(scenario())
    assert session.state is SearchState.FAILED
    assert "refresh token was refused" in (session.error or "")
    assert len(session.store) >= 5
