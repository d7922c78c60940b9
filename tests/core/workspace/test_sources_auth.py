"""Every searched catalog's credentials, each for its own hosts (several catalogs at once)."""

from __future__ import annotations

from stacdesk.core.auth import ConnectionAuth
from stacdesk.core.auth.secrets import MemorySecrets
from stacdesk.core.auth.settings import AuthSettings
from stacdesk.core.workspace.sources_auth import SourcesAuth

STORED = "https://stored.example/api"
MISSING = "https://missing.example/api"


def auth(url: str, token: str | None) -> ConnectionAuth:
    secrets = MemorySecrets()
    if token is not None:
        secrets.set("token", token)
    return ConnectionAuth(url, AuthSettings("bearer"), secrets)


def test_each_catalogs_credentials_go_to_its_own_hosts_only() -> None:
    sources = SourcesAuth([auth(STORED, "t-1"), None, auth(MISSING, None)])
    assert sources.headers_for("https://stored.example/files/a.tif") == {
        "Authorization": "Bearer t-1"
    }
    assert sources.headers_for("https://elsewhere.example/a.tif") == {}
    assert sources.signer is None
    assert sources.sign_href("https://x.example/a.tif", "c") == "https://x.example/a.tif"


def test_a_host_wanting_a_login_that_is_not_stored_is_said_to_lack_it() -> None:
    sources = SourcesAuth([auth(STORED, "t-1"), auth(MISSING, None)])
    assert sources.lacks_credentials("https://missing.example/files/a.tif")
    assert not sources.lacks_credentials("https://stored.example/files/a.tif")
    assert not sources.lacks_credentials("https://anonymous.example/a.tif")
