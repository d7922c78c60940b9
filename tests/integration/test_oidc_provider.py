"""OpenID Connect against a real provider (oidc-provider under node, 3 s access tokens): the app
logs in by itself (device code, browser with PKCE and a loopback redirect, Keycloak's password
grant), keeps the rotated refresh token, and a long paging run and a long download renew their
access token mid-way without losing a page or a byte.

Skipped with the reason when node or npm is missing (see tests/servers/oidc_provider.py).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from stacdesk.core.api_catalog import ApiCatalog
from stacdesk.core.auth import AuthError, AuthSettings, ConnectionAuth
from stacdesk.core.auth.oidc_login import (
    BrowserLogin,
    discover,
    finish_device_login,
    password_login,
    start_device_login,
    store_login,
)
from stacdesk.core.connections import Connection, ConnectionBook, open_catalog
from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.query import SearchQuery
from stacdesk.core.search_session import SearchSession, SearchState
from stacdesk.core.search_session import search_to_end as search_all
from stacdesk.core.secrets import MemorySecrets, SecretStore
from tests.core.downloads.conftest import asset, make_item, new_engine, run, settle
from tests.servers.auth_doubles import MemoryKeyring
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.flaky_files import FlakyFileServer, make_bytes
from tests.servers.oidc_provider import PASSWORD, USERNAME, Browser, OidcProvider
from tests.servers.proxy import RecordedRequest, Response, ReverseProxy, break_body, fail

S2 = ("sentinel-2-l2a",)
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


def hold_until_token_expired(provider: OidcProvider, path: str, nth: int):
    """An after-hook: the ``nth`` answer on ``path`` waits until the token that asked expired."""
    seen = [0]

    def hook(request: RecordedRequest, response: Response) -> Response:
        if request.path == path:
            seen[0] += 1
            if seen[0] == nth:
                wait_until_expired(provider, bearer(request))
        return response

    return hook


# ---------------------------------------------------------------- logging in


def test_password_grant_login_is_kept_and_rotated_in_the_keyring(
    oidc_provider: OidcProvider,
    rustac_api: str,
    make_proxy: ProxyFactory,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    """Copernicus Data Space's documented script login: client ``cdse-public``, password grant."""
    seen: list[str] = []
    api = make_proxy(rustac_api, before=[oidc_provider.protect(seen)])
    conn = Connection("CDSE-like", api.url, auth=settings(oidc_provider, "cdse-public"))
    book = ConnectionBook(tmp_path / "connections.json")
    book.put(conn)
    secrets = book.secrets.for_connection(conn.name)
    store_login(password_login(oidc_provider.token_url, "cdse-public", USERNAME, PASSWORD), secrets)
    first = secrets.get("refresh_token")
    assert first and PASSWORD not in str(memory_keyring.entries)

    open_catalog(conn, book.secrets)
    rotated = secrets.get("refresh_token")
    assert seen and rotated and rotated != first  # rotated on use, and the new one kept
    assert memory_keyring.entries[("stacdesk", "refresh_token@CDSE-like")] == rotated

    # the spent refresh token is dead at the provider: a copy of it cannot log in
    with pytest.raises(AuthError, match="refresh token was refused"):
        ConnectionAuth(api.url, conn.auth, MemorySecrets({"refresh_token": first})).headers_for(
            api.url
        )


def test_wrong_password_is_refused_without_echoing_it(oidc_provider: OidcProvider) -> None:
    with pytest.raises(AuthError) as info:
        password_login(oidc_provider.token_url, "cdse-public", USERNAME, "not it")
    assert "refused" in str(info.value) and "not it" not in str(info.value)


def test_device_code_login(oidc_provider: OidcProvider, rustac_api: str, make_proxy) -> None:
    endpoints = discover(oidc_provider.issuer)
    device = start_device_login(endpoints, CLIENT)
    assert device.user_code and device.verification_uri.startswith(oidc_provider.issuer)
    cancel = threading.Event()
    result: dict = {}

    def poll() -> None:
        try:
            result["tokens"] = finish_device_login(
                endpoints, CLIENT, device, cancel, wait=lambda s: cancel.wait(0.2)
            )
        except AuthError as exc:
            result["error"] = exc

    poller = threading.Thread(target=poll)
    poller.start()
    browser = Browser(oidc_provider.issuer)
    page = browser.open(device.verification_uri_complete)  # the user signs in, elsewhere
    poller.join(30)
    cancel.set()
    assert page.status_code == 200 and "Signed in" in page.text
    assert "error" not in result, result.get("error")
    secrets = MemorySecrets()
    store_login(result["tokens"], secrets)
    api = make_proxy(rustac_api, before=[oidc_provider.protect()])
    auth = ConnectionAuth(api.url, settings(oidc_provider), secrets)
    assert auth.headers_for(api.url)["Authorization"].startswith("Bearer ")


def test_device_code_login_can_be_cancelled(oidc_provider: OidcProvider) -> None:
    endpoints = discover(oidc_provider.issuer)
    device = start_device_login(endpoints, CLIENT)
    cancel = threading.Event()
    polls: list[float] = []

    def wait(seconds: float) -> bool:
        polls.append(seconds)
        cancel.set()  # the user closes the dialog after the first "authorization_pending"
        return True

    with pytest.raises(AuthError, match="cancelled"):
        finish_device_login(endpoints, CLIENT, device, cancel, wait=wait)
    assert len(polls) == 1


def test_browser_login_with_pkce_and_a_loopback_redirect(oidc_provider: OidcProvider) -> None:
    login = BrowserLogin(discover(oidc_provider.issuer), CLIENT)
    query = parse_qs(urlsplit(login.url).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert urlsplit(login.redirect_uri).hostname == "127.0.0.1"
    assert urlsplit(login.redirect_uri).port  # a port the system chose (RFC 8252 §7.3)

    page = Browser(oidc_provider.issuer).open(login.url)
    assert "You can close this window" in page.text
    tokens = login.finish(threading.Event(), timeout=30)
    assert tokens["access_token"] and tokens["refresh_token"]
    assert oidc_provider.introspect(tokens["access_token"])["active"] is True


def test_browser_login_without_pkce_is_refused_by_the_provider(
    oidc_provider: OidcProvider,
) -> None:
    """The provider really enforces PKCE: the same request without the challenge fails."""
    login = BrowserLogin(discover(oidc_provider.issuer), CLIENT)
    split = urlsplit(login.url)
    query = "&".join(p for p in split.query.split("&") if not p.startswith("code_challenge"))
    page = Browser(oidc_provider.issuer).open(split._replace(query=query).geturl())
    answer = parse_qs(urlsplit(str(page.url)).query)
    assert (
        answer["error"] == ["invalid_request"] and "requires PKCE" in answer["error_description"][0]
    )
    with pytest.raises(AuthError, match="not completed"):
        login.finish(threading.Event(), timeout=30)


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


def login(provider: OidcProvider, client_id: str = CLIENT) -> MemorySecrets:
    tokens = password_login(provider.token_url, client_id, USERNAME, PASSWORD)
    return MemorySecrets({"refresh_token": tokens["refresh_token"]})


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


def test_a_wrong_issuer_or_a_login_without_refresh_token_is_a_clear_message(
    oidc_provider: OidcProvider,
) -> None:
    with pytest.raises(AuthError, match="did not describe itself"):
        discover(f"{oidc_provider.issuer}/not-a-realm")
    with pytest.raises(AuthError, match="did not describe itself"):
        discover("http://127.0.0.1:9")  # nothing listens there
    secrets = MemorySecrets({"refresh_token": "kept"})
    with pytest.raises(AuthError, match="no refresh token"):
        store_login({"access_token": "short-lived-only"}, secrets)
    assert secrets.get("refresh_token") == "kept"  # a bad answer loses nothing stored


def test_a_login_and_its_rotations_land_in_a_real_keyring_backend(
    oidc_provider: OidcProvider, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """keyrings.alt's file keyring, not a dict: what a later run of the app would read."""
    path = tmp_path / "keyring.cfg"

    def backend() -> PlaintextKeyring:
        ring = PlaintextKeyring()
        ring.file_path = str(path)  # type: ignore[misc]
        return ring

    keyring.set_keyring(backend())  # memory_keyring puts the previous one back afterwards
    secrets = SecretStore().for_connection("Lab")
    store_login(password_login(oidc_provider.token_url, CLIENT, USERNAME, PASSWORD), secrets)
    first = backend().get_password("stacdesk", "refresh_token@Lab")
    assert first
    auth = ConnectionAuth("http://api.invalid", settings(oidc_provider), secrets)
    auth.headers_for("http://api.invalid/")
    rotated = backend().get_password("stacdesk", "refresh_token@Lab")
    assert rotated and rotated != first
    assert PASSWORD.encode() not in path.read_bytes()


def test_a_connection_with_only_the_provider_finds_its_token_endpoint(
    oidc_provider: OidcProvider,
) -> None:
    only_issuer = AuthSettings("oidc", issuer=oidc_provider.issuer, client_id=CLIENT)
    auth = ConnectionAuth("http://api.invalid", only_issuer, login(oidc_provider))
    assert auth.headers_for("http://api.invalid/")["Authorization"].startswith("Bearer ")
    assert auth.oidc is not None and auth.oidc.token_url == oidc_provider.token_url
