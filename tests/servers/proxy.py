"""Reverse proxies in front of a real STAC API: a plain one, and a GET-only CESNET-like one.

Why: misbehaviour is easiest to add in front of a server that already answers correctly; the
proxy forwards everything, rewrites upstream URLs to its own, and carries the hooks of
``HookServer`` (``hooks.py`` has ready-made ones).
"""

from __future__ import annotations

import json
import re
import ssl
import urllib.parse
from collections.abc import Iterable
from typing import Any, ClassVar

import httpx

from tests.servers.hook_server import HOP_BY_HOP, HookServer
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import AfterHook, BeforeHook, Response


class ReverseProxy(HookServer):
    """Forwards every request to ``upstream`` and rewrites upstream URLs to its own.

    The proxy mirrors the upstream's whole URL space (same paths). Links in STAC responses are
    absolute, so the upstream origin (``http://127.0.0.1:PORT``) is replaced by the proxy's in
    every text body and in ``Location`` headers; the client never learns the upstream address.
    """

    def __init__(
        self,
        upstream: str,
        before: Iterable[BeforeHook] = (),
        after: Iterable[AfterHook] = (),
        timeout: float = 120.0,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(before, after, tls)
        self.upstream = upstream.rstrip("/")
        split = urllib.parse.urlsplit(self.upstream)
        self._origin = f"{split.scheme}://{split.netloc}"
        # not followed by a digit: http://127.0.0.1:4000 must not match http://127.0.0.1:40001
        self._origin_re = re.compile(re.escape(self._origin.encode()) + rb"(?![0-9])")
        self._client = httpx.Client(timeout=timeout, trust_env=False, follow_redirects=False)

    def close(self) -> None:
        """Close the upstream connection pool."""
        self._client.close()

    def rewrite(self, body: bytes) -> bytes:
        """Upstream origin -> proxy origin in a text body."""
        return self._origin_re.sub(self.url.encode(), body)

    def serve(self, request: RecordedRequest) -> Response:
        """Forward to upstream; answer 502 if it cannot be reached."""
        headers = {
            k: v
            for k, v in request.headers.items()
            if k not in HOP_BY_HOP and k not in ("host", "content-length", "accept-encoding")
        }
        url = self._origin + request.target
        try:
            up = self._client.request(request.method, url, headers=headers, content=request.body)
        except httpx.HTTPError as exc:
            return Response.json_body({"code": "BadGateway", "description": repr(exc)}, 502)
        dropped = HOP_BY_HOP | {"content-encoding", "date", "server"}
        out_headers = {k.lower(): v for k, v in up.headers.items() if k.lower() not in dropped}
        body = up.content
        ctype = up.headers.get("content-type", "")
        if "json" in ctype or ctype.startswith("text/") or "xml" in ctype:
            body = self.rewrite(body)
        # Content-Length is recomputed on the way out (kept from upstream only for HEAD).
        response = Response(up.status_code, out_headers, body)
        location = response.header("location")
        if location:
            response.set_header("location", self.rewrite(location.encode()).decode())
        return response


class CesnetLikeProxy(ReverseProxy):
    """A GET-only STAC API, like https://stac.cesnet.cz: POST /search needs credentials.

    The landing page advertises only the GET search link (the POST one is dropped), conformance
    is upstream's unchanged, and POST /search answers 401 with a JSON message. Everything else is
    forwarded.
    """

    UNAUTHORIZED: ClassVar[dict[str, Any]] = {
        "code": 401,
        "message": "Unauthorized: POST /search requires authentication; use GET /search",
    }

    def __init__(self, upstream: str, **kwargs: Any) -> None:
        super().__init__(upstream, **kwargs)
        self.before.insert(0, self._refuse_post_search)
        self.after.insert(0, self._get_only_landing)

    def _refuse_post_search(self, request: RecordedRequest) -> Response | None:
        if request.method == "POST" and request.path.rstrip("/") == "/search":
            return Response.json_body(self.UNAUTHORIZED, 401)
        return None

    @staticmethod
    def _get_only_landing(request: RecordedRequest, response: Response) -> Response:
        if request.method != "GET" or request.path != "/" or response.status != 200:
            return response
        landing = response.json()
        links = []
        for link in landing.get("links", []):
            if link.get("rel") == "search":
                if link.get("method", "GET").upper() != "GET":
                    continue
                link = {**link, "method": "GET"}
            links.append(link)
        landing["links"] = links
        return Response(response.status, dict(response.headers), json.dumps(landing).encode())
