"""A real OpenID provider for the login and refresh tests: ``tests/servers/oidc/provider.mjs``
(the npm package oidc-provider) run by node on a free loopback port.

Why a real provider: PKCE, loopback redirects, the device grant and refresh-token rotation with
reuse detection are protocol rules a hand-written double only imitates. Needs node and npm; the
packages are installed into ``tests/servers/oidc/node_modules`` on first use (``npm ci``), and
the tests that need them skip with the reason when node or npm is missing or npm fails.

``Browser`` plays the user: an HTTP client that follows redirects and submits the provider's
forms (the provider script logs the test user in and consents by itself).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Self
from urllib.parse import urljoin, urlsplit

import httpx

from tests.servers._proc import (
    LOOPBACK,
    StartsInWith,
    free_port,
    http_ok,
    spawn,
    stop_process,
    wait_until,
)
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import BeforeHook, Response

FOLDER = Path(__file__).with_name("oidc")
USERNAME = "analyst"
PASSWORD = "correct horse"
API_CLIENT = ("stac-api", "stac-api-secret")
MIN_NODE = 20


def missing_reason() -> str | None:
    """Why the provider cannot run here (None: it can). Installs the npm packages if needed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        return "node is not installed (the OpenID provider tests run oidc-provider under node)"
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    if int(version.strip().lstrip("v").split(".")[0] or 0) < MIN_NODE:
        return f"node {version.strip()} is too old for oidc-provider (needs {MIN_NODE} or later)"
    if (FOLDER / "node_modules" / "oidc-provider").is_dir():
        return None
    if npm is None:
        return "npm is not installed, so oidc-provider cannot be installed for the OpenID tests"
    command = "ci" if (FOLDER / "package-lock.json").exists() else "install"
    try:
        subprocess.run(
            [npm, command, "--no-audit", "--no-fund"],
            cwd=FOLDER,
            capture_output=True,
            check=True,
            timeout=300,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        output = getattr(exc, "stderr", b"") or b""
        return f"npm {command} failed in {FOLDER} (no registry?): {output.decode()[-300:]}"
    return None


class OidcProvider(StartsInWith):
    """oidc-provider under node. ``access_ttl`` is the access-token lifetime in seconds."""

    def __init__(self, log_dir: Path, access_ttl: int = 60) -> None:
        self.log = log_dir / "oidc-provider.log"
        self.access_ttl = access_ttl
        self.port = free_port()
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def issuer(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def token_url(self) -> str:
        return f"{self.issuer}/token"

    def start(self) -> Self:
        env = {
            **os.environ,
            "PORT": str(self.port),
            "ACCESS_TTL": str(self.access_ttl),
            "USERNAME": USERNAME,
            "PASSWORD": PASSWORD,
        }
        node = shutil.which("node") or "node"
        self._proc = spawn([node, "provider.mjs"], log=self.log, env=env, cwd=FOLDER)
        discovery = f"{self.issuer}/.well-known/openid-configuration"
        wait_until(http_ok(discovery), proc=self._proc, log=self.log, what="oidc-provider")
        return self

    def stop(self) -> None:
        stop_process(self._proc)

    def introspect(self, token: str) -> dict:
        """What the provider says about a token (``active`` false once expired or revoked)."""
        response = httpx.post(
            f"{self.issuer}/token/introspection",
            data={"token": token},
            auth=API_CLIENT,
            trust_env=False,
        )
        response.raise_for_status()
        return response.json()

    def revoke(self, token: str, client_id: str = "stacdesk") -> None:
        """Revoke an access or refresh token at the provider (RFC 7009), as a user or admin can."""
        response = httpx.post(
            f"{self.issuer}/token/revocation",
            data={"token": token, "client_id": client_id},
            trust_env=False,
        )
        response.raise_for_status()

    def password_grant(self, client_id: str = "stacdesk") -> dict:
        """Tokens for the test user, as a script would get them (a starting refresh token)."""
        response = httpx.post(
            self.token_url,
            data={
                "grant_type": "password",
                "username": USERNAME,
                "password": PASSWORD,
                "client_id": client_id,
            },
            trust_env=False,
        )
        response.raise_for_status()
        return response.json()

    def protect(self, seen: list[str] | None = None) -> BeforeHook:
        """A before-hook for an API proxy: 401 unless the bearer token is active (introspected).

        Access tokens that got in are appended to ``seen``.
        """

        def hook(request: RecordedRequest) -> Response | None:
            value = request.headers.get("authorization", "")
            token = value[7:] if value.startswith("Bearer ") else ""
            if token and self.introspect(token).get("active") is True:
                if seen is not None:
                    seen.append(token)
                return None
            return Response.json_body(
                {"code": 401, "description": "invalid or expired token"},
                401,
                {"www-authenticate": 'Bearer error="invalid_token"'},
            )

        return hook


_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_ATTR = re.compile(r'([a-zA-Z_:-]+)\s*=\s*"([^"]*)"')
_INPUT = re.compile(r"<input\b([^>]*)>", re.I)


class Browser:
    """The user's browser: follows redirects and submits the provider's forms, until it is sent
    to a URL outside the provider (the app's loopback redirect) or a page has no form left."""

    def __init__(self, issuer: str) -> None:
        self.issuer_netloc = urlsplit(issuer).netloc
        self.client = httpx.Client(trust_env=False, follow_redirects=False, timeout=30)
        self.visited: list[str] = []

    def open(self, url: str) -> httpx.Response:
        response = self.client.get(url)
        for _ in range(20):
            self.visited.append(str(response.url))
            if response.is_redirect:
                target = urljoin(str(response.url), response.headers["location"])
                if urlsplit(target).netloc != self.issuer_netloc:
                    return self.client.get(target)  # the app's loopback redirect
                response = self.client.get(target)
                continue
            form = _FORM.search(response.text)
            if form is None:
                return response
            attrs = dict(_ATTR.findall(form.group(1)))
            fields = {}
            for tag in _INPUT.findall(form.group(2)):
                field = dict(_ATTR.findall(tag))
                if "name" in field:
                    fields[field["name"]] = html.unescape(field.get("value", ""))
            action = urljoin(str(response.url), html.unescape(attrs.get("action", "")))
            response = self.client.post(action, data=fields)
        raise AssertionError(f"the login did not finish: {self.visited}")

    def close(self) -> None:
        self.client.close()
