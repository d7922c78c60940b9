"""Small in-process HTTP servers with pluggable behaviour, and a reverse proxy built on them.

Why: servers that misbehave on purpose (GET-only like CESNET, auth checks, faults, slow answers)
are easiest to get right as a thin proxy in front of a real STAC API. Every server records each
request it sees (method, path, query, headers, body, and which host it was) so tests can assert
what the client did: GET versus POST, no page fetched twice, credentials sent only to the host
that should get them.

Behaviour is added with hooks:

* a *before* hook ``(request) -> Response | None`` may answer instead of the server (a fault, a
  401, a delay followed by ``None``);
* an *after* hook ``(request, response) -> Response`` may rewrite what the server answered.

Faults in the middle of a body (a reset, a clean close short of the Content-Length, a stall, a
slow-loris trickle) ride on the answer as ``Response.cut`` (see ``BodyFault`` / ``break_body``).
A server started with ``tls=`` (an ``ssl.SSLContext``) speaks HTTPS (see ``tests/servers/tls.py``).
"""

from __future__ import annotations

import json
import re
import socket
import ssl
import struct
import threading
import time
import traceback
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Self

import httpx

from tests.servers._proc import LOOPBACK, StartsInWith

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
    }
)


@dataclass(frozen=True)
class RecordedRequest:
    """One request as a server saw it. Header names are lower-case."""

    host: str
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""
    time: float = 0.0

    @property
    def target(self) -> str:
        """Path plus query string, as sent on the request line."""
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def params(self) -> dict[str, list[str]]:
        """The query string decoded."""
        return urllib.parse.parse_qs(self.query, keep_blank_values=True)

    def json(self) -> Any:
        """The body decoded as JSON (None if empty)."""
        return json.loads(self.body) if self.body else None

    def key(self) -> tuple[str, str, str, bytes]:
        """What makes two requests the same request (to spot pages fetched twice)."""
        return self.method, self.path, self.query, self.body


class RequestLog:
    """A thread-safe list of the requests a server saw."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[RecordedRequest] = []

    def append(self, request: RecordedRequest) -> None:
        """Record one request (called from the server threads)."""
        with self._lock:
            self._items.append(request)

    def clear(self) -> None:
        """Forget everything recorded so far (e.g. at the start of a test)."""
        with self._lock:
            self._items.clear()

    def snapshot(self) -> list[RecordedRequest]:
        """A copy of the log at this moment."""
        with self._lock:
            return list(self._items)

    def __iter__(self) -> Iterator[RecordedRequest]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __getitem__(self, index: int) -> RecordedRequest:
        with self._lock:
            return self._items[index]

    def filter(self, method: str | None = None, path: str | None = None) -> list[RecordedRequest]:
        """Requests with this method and/or exactly this path."""
        return [
            r
            for r in self.snapshot()
            if (method is None or r.method == method.upper()) and (path is None or r.path == path)
        ]

    def methods(self, path: str | None = None) -> set[str]:
        """The set of methods used (optionally on one path)."""
        return {r.method for r in self.filter(path=path)}

    def duplicates(self, path: str | None = None) -> list[RecordedRequest]:
        """Requests that were made more than once (same method, path, query and body)."""
        reqs = self.filter(path=path)
        counts = Counter(r.key() for r in reqs)
        seen: set[tuple[str, str, str, bytes]] = set()
        out = []
        for r in reqs:
            if counts[r.key()] > 1 and r.key() not in seen:
                seen.add(r.key())
                out.append(r)
        return out

    def header_values(self, name: str) -> list[str | None]:
        """The value of one header on every request (None where it was absent)."""
        return [r.headers.get(name.lower()) for r in self.snapshot()]


@dataclass
class BodyFault:
    """How an answer's body goes wrong after ``at`` bytes (the full Content-Length is announced).

    kind: ``reset`` (abort the TCP connection), ``truncate`` (close cleanly, short of the length),
    ``stall`` (send nothing more until ``release`` is set or the server stops: an idle timeout
    must fire), ``trickle`` (one byte every ``interval`` seconds, forever: only a total deadline
    ends it).
    """

    kind: str
    at: int = 0
    interval: float = 0.2
    release: threading.Event = field(default_factory=threading.Event)


@dataclass
class Response:
    """An HTTP answer a hook or a server produces (``cut``: the body breaks on purpose)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    cut: BodyFault | None = None

    @classmethod
    def json_body(
        cls, data: Any, status: int = 200, headers: dict[str, str] | None = None
    ) -> Response:
        """A JSON answer."""
        return cls(
            status,
            {"content-type": "application/json", **(headers or {})},
            json.dumps(data).encode(),
        )

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        """A header value, case-insensitively."""
        lname = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lname), None)

    def set_header(self, name: str, value: str | None) -> None:
        """Replace (or with None remove) a header, case-insensitively."""
        lname = name.lower()
        for k in [k for k in self.headers if k.lower() == lname]:
            del self.headers[k]
        if value is not None:
            self.headers[name] = value


BeforeHook = Callable[[RecordedRequest], Response | None]
AfterHook = Callable[[RecordedRequest, Response], Response]


class _Handler(BaseHTTPRequestHandler):
    """Reads the request, hands it to the HookServer, writes the answer."""

    protocol_version = "HTTP/1.1"
    timeout = 60
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the RequestLog is the record."""

    def setup(self) -> None:
        """Finish the TLS handshake here (off the accept loop); a refusing client ends it."""
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(10)
            self.request.do_handshake()
        super().setup()

    def _read_body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        owner = self.server.owner
        split = urllib.parse.urlsplit(self.path)
        request = RecordedRequest(
            host=owner.netloc,
            method=self.command.upper(),
            path=split.path or "/",
            query=split.query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=self._read_body(),
            time=time.time(),
        )
        owner.requests.append(request)
        try:
            response = owner.dispatch(request)
        except Exception as exc:
            owner.errors.append(exc)
            response = Response(
                500, {"content-type": "text/plain"}, traceback.format_exc().encode()
            )
        self._write(request, response)

    def _write(self, request: RecordedRequest, response: Response) -> None:
        try:
            self.send_response(response.status)
            length = len(response.body)
            for name, value in response.headers.items():
                lname = name.lower()
                if lname in HOP_BY_HOP or lname == "content-length":
                    if lname == "content-length" and request.method == "HEAD":
                        length = int(value)
                    continue
                self.send_header(name, value)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if request.method != "HEAD" and response.status not in (204, 304):
                if response.cut is None:
                    self.wfile.write(response.body)
                else:
                    self._write_broken(response.body, response.cut)
                    return
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True

    def _write_broken(self, body: bytes, cut: BodyFault) -> None:
        """Send part of ``body``, then misbehave as ``cut`` says; the connection is not reused."""
        self.close_connection = True
        at = max(0, min(cut.at, len(body) - 1))
        self.wfile.write(body[:at])
        self.wfile.flush()
        stopping = self.server.owner.stopping
        if cut.kind == "stall":
            while not cut.release.wait(0.05) and not stopping.is_set():
                pass
        elif cut.kind == "trickle":
            for offset in range(at, len(body) - 1):  # never the last byte
                if stopping.wait(cut.interval) or cut.release.is_set():
                    break
                self.wfile.write(body[offset : offset + 1])
                self.wfile.flush()
        if cut.kind == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: HookServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet for refused handshakes and dropped clients (what TLS and fault tests do)."""
        import sys

        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class HookServer(StartsInWith):
    """A threaded HTTP server on a free 127.0.0.1 port whose answers come from ``serve``.

    Use as a context manager (or call ``start``/``stop``). Subclasses implement ``serve``; tests
    add ``before`` / ``after`` hooks. Requests are recorded in ``requests``; exceptions raised by
    hooks or ``serve`` are answered with 500 and kept in ``errors``.
    """

    def __init__(
        self,
        before: Iterable[BeforeHook] = (),
        after: Iterable[AfterHook] = (),
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.before: list[BeforeHook] = list(before)
        self.after: list[AfterHook] = list(after)
        self.tls = tls
        self.requests = RequestLog()
        self.errors: list[BaseException] = []
        self.stopping = threading.Event()  # ends stalled and trickling bodies
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle
    def start(self) -> Self:
        """Bind a free port and serve in a daemon thread."""
        if self._server is not None:
            return self
        server = _Server((LOOPBACK, 0), _Handler)
        server.owner = self
        if self.tls is not None:
            # the handshake runs in the handler thread, so a client refusing it stalls nothing
            server.socket = self.tls.wrap_socket(
                server.socket, server_side=True, do_handshake_on_connect=False
            )
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"{type(self).__name__}:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket. Safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        self.stopping.set()
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.close()

    def close(self) -> None:
        """Release resources a subclass holds (called by ``stop``)."""

    # -- addresses
    @property
    def port(self) -> int:
        """The bound port (the server must be started)."""
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not running")
        return int(self._server.server_address[1])

    @property
    def netloc(self) -> str:
        """``127.0.0.1:PORT``: the host that saw a request."""
        return f"{LOOPBACK}:{self.port}"

    @property
    def url(self) -> str:
        """Base URL without a trailing slash."""
        return f"{'https' if self.tls else 'http'}://{self.netloc}"

    # -- behaviour
    def dispatch(self, request: RecordedRequest) -> Response:
        """Before hooks, then ``serve``, then after hooks."""
        for hook in list(self.before):
            answer = hook(request)
            if answer is not None:
                return answer
        response = self.serve(request)
        for after in list(self.after):
            response = after(request, response)
        return response

    def serve(self, request: RecordedRequest) -> Response:
        """The server's own answer; subclasses override."""
        return Response.json_body({"code": "NotFound", "description": request.path}, 404)


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


# ---------------------------------------------------------------- ready-made hooks


def _matches(request: RecordedRequest, method: str | None, path: str | None) -> bool:
    return (method is None or request.method == method.upper()) and (
        path is None or request.path.rstrip("/") == path.rstrip("/")
    )


def fail(
    status: int,
    *,
    method: str | None = None,
    path: str | None = None,
    times: int | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> BeforeHook:
    """Answer ``status`` for matching requests (only the first ``times`` ones, if given)."""
    lock = threading.Lock()
    left = [times]

    def hook(request: RecordedRequest) -> Response | None:
        if not _matches(request, method, path):
            return None
        with lock:
            if left[0] is not None:
                if left[0] <= 0:
                    return None
                left[0] -= 1
        payload = body if body is not None else {"code": status, "description": "injected fault"}
        return Response.json_body(payload, status, headers)

    return hook


def delay(seconds: float, *, method: str | None = None, path: str | None = None) -> BeforeHook:
    """Sleep before serving matching requests (to test timeouts, cancellation, spinners)."""

    def hook(request: RecordedRequest) -> Response | None:
        if _matches(request, method, path):
            time.sleep(seconds)
        return None

    return hook


def break_body(
    kind: str,
    *,
    fraction: float = 0.5,
    method: str | None = None,
    path: str | None = None,
    times: int | None = 1,
    interval: float = 0.2,
) -> AfterHook:
    """Break the body of matching answers (the first ``times`` ones) ``fraction`` of the way in.

    ``kind`` as in ``BodyFault``: reset, truncate, stall, trickle. The hook's ``faults`` list
    holds what it attached, so a test can release a stall.
    """
    lock = threading.Lock()
    left = [times]
    faults: list[BodyFault] = []

    def hook(request: RecordedRequest, response: Response) -> Response:
        if not _matches(request, method, path) or response.status != 200:
            return response
        with lock:
            if left[0] is not None:
                if left[0] <= 0:
                    return response
                left[0] -= 1
        cut = BodyFault(kind, at=int(len(response.body) * fraction), interval=interval)
        faults.append(cut)
        return Response(response.status, dict(response.headers), response.body, cut)

    hook.faults = faults  # type: ignore[attr-defined]
    return hook


def rewrite_json(
    change: Callable[[Any], Any], *, method: str | None = None, path: str | None = None
) -> AfterHook:
    """Rewrite the JSON of matching 200 answers with ``change(data) -> data``."""

    def hook(request: RecordedRequest, response: Response) -> Response:
        if not _matches(request, method, path) or response.status != 200:
            return response
        data = change(response.json())
        return Response(response.status, dict(response.headers), json.dumps(data).encode())

    return hook


def require_header(
    name: str = "authorization",
    value: str = "Bearer secret",
    *,
    method: str | None = None,
    path: str | None = None,
) -> BeforeHook:
    """Answer 401 to matching requests that lack ``name: value`` (an auth-protected API)."""

    def hook(request: RecordedRequest) -> Response | None:
        if not _matches(request, method, path) or request.headers.get(name.lower()) == value:
            return None
        return Response.json_body(
            {"code": 401, "description": f"missing or wrong {name} header"},
            401,
            {"www-authenticate": 'Bearer realm="stac"'},
        )

    return hook


# ---------------------------------------------------------------- CESNET-like API


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
