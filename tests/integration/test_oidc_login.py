"""Logging in against a real OpenID provider (oidc-provider under node, 3 s access tokens): the
device code, the browser with PKCE and a loopback redirect, Keycloak's password grant; what is
kept (the refresh token, in the keyring) and what a wrong answer says.

Skipped with the reason when node or npm is missing (see tests/servers/oidc_provider.py).
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from stacdesk.core.auth import AuthError, AuthSettings, ConnectionAuth
from stacdesk.core.auth.oidc_login import (
    BrowserLogin,
    discover,
    finish_device_login,
    password_login,
    start_device_login,
    store_login,
)
from stacdesk.core.auth.secrets import MemorySecrets, SecretStore
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.opening import open_catalog
from tests.integration.oidc_support import (
    CLIENT,
    ProxyFactory,
    login,
    settings,
)
from tests.servers.auth_doubles import MemoryKeyring
from tests.servers.oidc_provider import PASSWORD, USERNAME, Browser, OidcProvider


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
