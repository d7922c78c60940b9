"""A small in-process HTTP server whose answers come from hooks and a ``serve`` method.

Why: servers that misbehave on purpose (GET-only like CESNET, auth checks, faults, slow answers)
are easiest to get right as a thin server in the test process. It records each request it sees
(see ``recorded_requests.py``), writes the ``Response`` its hooks or ``serve`` give, breaks bodies
as ``Response.cut`` says, and speaks HTTPS when started with ``tls=`` (an ``ssl.SSLContext``,
see ``tests/servers/tls.py``).
"""

from __future__ import annotations

import socket
import ssl
import struct
import threading
import time
import traceback
import urllib.parse
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from tests.servers._proc import LOOPBACK, StartsInWith
from tests.servers.recorded_requests import RecordedRequest, RequestLog
from tests.servers.responses import AfterHook, BeforeHook, BodyFault, Response

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
            peer=tuple(self.client_address[:2]),
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
