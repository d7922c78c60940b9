"""A file server that misbehaves on purpose, for the download engine's tests.

Why not HookServer: its answers are whole byte strings, and the faults downloads must survive
happen in the middle of a body (a reset at some offset, a body shorter than its Content-Length,
a stall). This server writes bodies itself, supports ``Range`` / ``If-Range`` / ``If-Match``,
sends an ETag and Last-Modified, and records every request with the bytes it sent, so tests can
assert what was fetched twice.

Per file, persistent behaviour (``FlakyFile``): range support on/off, a Content-Length lie, no
validators. One-shot faults (``Fault``) are queued per path and consumed by the next GETs.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from tests.servers._proc import StartsInWith

LOOPBACK = "127.0.0.1"
_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


def make_bytes(size: int, seed: int = 0) -> bytes:
    """Deterministic, incompressible-looking test data."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest() * 32
        counter += 1
    return bytes(out[:size])


@dataclass
class Fault:
    """One misbehaviour for one GET.

    kind: ``status`` (answer ``status`` with ``headers``, no body), ``reset`` (send ``at`` body
    bytes then abort the TCP connection), ``truncate`` (send ``at`` bytes then close cleanly,
    short of the Content-Length), ``stall`` (send ``at`` bytes then wait until ``release`` is
    set or the client goes), ``redirect`` (302 to ``location``).
    """

    kind: str
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    at: int = 0
    location: str = ""
    release: threading.Event = field(default_factory=threading.Event)


@dataclass
class FlakyFile:
    data: bytes
    etag: str | None = None
    last_modified: str | None = None
    ranges: bool = True
    length_delta: int = 0  # added to Content-Length (a lying server); the body stays the same
    weak_etag: bool = False
    rate: int = 0  # bytes per second when > 0 (a slow link, so a process can be killed mid-file)

    def stamp(self, validators: bool = True) -> None:
        digest = hashlib.md5(self.data).hexdigest()[:16]
        self.etag = f'"{digest}"' if validators else None
        self.last_modified = (
            email.utils.formatdate(time.time(), usegmt=True) if validators else None
        )


@dataclass
class Hit:
    """One request as served."""

    method: str
    path: str
    headers: dict[str, str]
    status: int = 0
    sent: int = 0  # body bytes written to the socket
    time: float = field(default_factory=time.monotonic)

    @property
    def range(self) -> str | None:
        return self.headers.get("range")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        owner = self.server.owner
        path = self.path.split("?", 1)[0]
        hit = Hit(self.command, path, {k.lower(): v for k, v in self.headers.items()})
        owner._record(hit)
        fault = None if head else owner._next_fault(path)
        file = owner.files.get(path)
        if fault is not None and fault.kind == "status":
            self._status(hit, fault.status, fault.headers)
            return
        if fault is not None and fault.kind == "redirect":
            self._status(hit, 302, {"Location": fault.location})
            return
        if file is None:
            self._status(hit, 404, {})
            return
        data = file.data
        start, status = 0, 200
        headers = {"Content-Type": "application/octet-stream"}
        if file.etag:
            headers["ETag"] = ("W/" if file.weak_etag else "") + file.etag
        if file.last_modified:
            headers["Last-Modified"] = file.last_modified
        if_match = hit.headers.get("if-match")
        if if_match is not None and if_match not in (file.etag, "*"):
            self._status(hit, 412, {})
            return
        if file.ranges:
            headers["Accept-Ranges"] = "bytes"
            match = _RANGE.match(hit.headers.get("range", ""))
            if_range = hit.headers.get("if-range")
            valid = if_range is None or if_range in (file.etag, file.last_modified)
            if match and valid:
                start = int(match.group(1))
                end = int(match.group(2)) + 1 if match.group(2) else len(data)
                if start >= len(data):
                    self._status(hit, 416, {"Content-Range": f"bytes */{len(data)}"})
                    return
                end = min(end, len(data))
                headers["Content-Range"] = f"bytes {start}-{end - 1}/{len(data)}"
                data, status = data[start:end], 206
        self.send_response(status)
        hit.status = status
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data) + file.length_delta))
        self.end_headers()
        if head:
            return
        limit = len(data) if fault is None else min(fault.at, len(data))
        self._send_body(hit, data, limit, file.rate)
        if fault is None:
            if file.length_delta:  # a lying length: hang up (short, or junk after the body)
                self.close_connection = True
            return
        if fault.kind == "stall":
            while not fault.release.wait(0.05):
                if owner.stopping.is_set():
                    break
        self.close_connection = True
        if fault.kind == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def _send_body(self, hit: Hit, data: bytes, limit: int, rate: int = 0) -> None:
        view = memoryview(data)[:limit]
        step = 256 * 1024 if rate <= 0 else max(1024, rate // 20)
        stopping = self.server.owner.stopping
        try:
            for offset in range(0, len(view), step):
                piece = view[offset : offset + step]
                self.wfile.write(piece)
                hit.sent += len(piece)
                if rate > 0:
                    self.wfile.flush()
                    if stopping.wait(len(piece) / rate):
                        break
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _status(self, hit: Hit, status: int, headers: dict[str, str]) -> None:
        hit.status = status
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: FlakyFileServer


class FlakyFileServer(StartsInWith):
    """Files in memory at paths; ``fault(path, ...)`` queues misbehaviour; ``hits`` records."""

    def __init__(self) -> None:
        self.files: dict[str, FlakyFile] = {}
        self.hits: list[Hit] = []
        self.stopping = threading.Event()
        self._faults: dict[str, list[Fault]] = {}
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        server = _Server((LOOPBACK, 0), _Handler)
        server.owner = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://{LOOPBACK}:{self._server.server_address[1]}"

    def put(self, path: str, data: bytes, validators: bool = True, **options: Any) -> str:
        """Serve ``data`` at ``path`` (replacing a file there: new ETag); returns its URL."""
        file = FlakyFile(data, **options)
        file.stamp(validators)
        self.files[path] = file
        return self.url + path

    def fault(self, path: str, *faults: Fault) -> None:
        with self._lock:
            self._faults.setdefault(path, []).extend(faults)

    def _next_fault(self, path: str) -> Fault | None:
        with self._lock:
            queue = self._faults.get(path)
            return queue.pop(0) if queue else None

    def _record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def gets(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path and h.method == "GET"]

    def bytes_sent(self, path: str) -> int:
        return sum(h.sent for h in self.gets(path))

    def __iter__(self) -> Iterator[Hit]:
        with self._lock:
            return iter(list(self.hits))
