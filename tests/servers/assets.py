"""A static file server for the generated catalog's assets and thumbnails.

Why: ``generated_catalog.py --base-url http://127.0.0.1:PORT/assets`` writes asset hrefs that must
resolve for thumbnail and download tests, so the server is started first (its port goes into the
catalog) and then serves the output folder. It records requests like the proxies do, so tests can
check which headers reached the asset host (e.g. that API credentials were not sent there).
"""

from __future__ import annotations

import mimetypes
import ssl
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

from tests.servers.hook_server import HookServer
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import AfterHook, BeforeHook, Response


class AssetServer(HookServer):
    """Serves files under ``root`` (GET/HEAD) plus in-memory files added with ``add_file``."""

    def __init__(
        self,
        root: Path,
        before: Iterable[BeforeHook] = (),
        after: Iterable[AfterHook] = (),
        tls: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(before, after, tls)
        self.root = root.resolve()
        self.files: dict[str, tuple[bytes, str]] = {}

    @property
    def assets_url(self) -> str:
        """The ``--base-url`` for the generator: thumbnails land in ``root/assets/thumbnails``."""
        return f"{self.url}/assets"

    def add_file(
        self, path: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> str:
        """Serve ``data`` at ``path`` (e.g. a fake GeoTIFF an item points at); returns its URL."""
        path = "/" + path.lstrip("/")
        self.files[path] = (data, content_type)
        return self.url + path

    def serve(self, request: RecordedRequest) -> Response:
        """A file from memory or disk; 404 for anything else, 405 for other methods."""
        if request.method not in ("GET", "HEAD"):
            return Response(405, {"allow": "GET, HEAD"})
        if request.path in self.files:
            data, ctype = self.files[request.path]
            return Response(200, {"content-type": ctype}, data)
        target = (self.root / urllib.parse.unquote(request.path).lstrip("/")).resolve()
        if not target.is_relative_to(self.root) or not target.is_file():
            return Response(404, {"content-type": "text/plain"}, b"not found")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return Response(200, {"content-type": ctype}, target.read_bytes())
