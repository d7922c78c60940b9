"""A fast loopback file server for the download benchmarks (P6, P7).

Why not the test servers: FlakyFileServer and AssetServer hold files in memory and write them
in 256 KiB Python writes, which is fine for correctness tests but would make the server — not the
client — the bottleneck at gigabytes per second, and 1 GiB files don't belong in memory. This one
serves files from a folder with ``os.sendfile`` (the kernel copies page cache to the socket), so
curl and stacdesk are measured against a server that is faster than either.

It supports what resuming needs (``Range: bytes=N-``/``N-M``, ``If-Range`` against a strong ETag
or Last-Modified) and counts per path the body bytes the client acknowledged (P7 charges a
killed client only for what reached it, not for what still sat in this server's send queue).
"""

from __future__ import annotations

import email.utils
import fcntl
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import unquote

SENT_PREFIX = ".sent/"
STEP = 1 << 20  # bytes per sendfile call
# struct tcp_info: 8 one-byte fields, 24 u32, then u64 pacing_rate, max_pacing_rate, bytes_acked.
_BYTES_ACKED_AT = 8 + 24 * 4 + 2 * 8
_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


def _unacknowledged(sock: int) -> int:
    """Bytes in a socket's send queue not yet acknowledged by the peer (Linux; else 0)."""
    try:
        return struct.unpack("i", fcntl.ioctl(sock, termios.TIOCOUTQ, b"\0\0\0\0"))[0]
    except (OSError, AttributeError):
        return 0


def _bytes_acked(sock: socket.socket) -> int | None:
    """Bytes of this connection the peer acknowledged (Linux ``TCP_INFO``; else None). It
    stays readable after a reset, frozen at the last acknowledgement."""
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    except (OSError, AttributeError):
        return None
    if len(info) < _BYTES_ACKED_AT + 8:
        return None
    return struct.unpack_from("Q", info, _BYTES_ACKED_AT)[0]


def etag_of(stat: os.stat_result) -> str:
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'


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
        name = unquote(self.path.split("?", 1)[0]).lstrip("/")
        if name.startswith(SENT_PREFIX):  # the byte counter, for a client in another process
            body = str(owner.sent(name.removeprefix(SENT_PREFIX))).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        target = (owner.root / name).resolve()
        if not target.is_relative_to(owner.root) or not target.is_file():
            self._empty(404)
            return
        with open(target, "rb") as file:
            stat = os.fstat(file.fileno())
            size, etag = stat.st_size, etag_of(stat)
            modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
            start, end, status = 0, size, 200
            match = _RANGE.match(self.headers.get("Range", ""))
            if_range = self.headers.get("If-Range")
            if match and (if_range is None or if_range in (etag, modified)):
                start = int(match.group(1))
                if start >= size:
                    self._empty(416, {"Content-Range": f"bytes */{size}"})
                    return
                end = min(size, int(match.group(2)) + 1) if match.group(2) else size
                status = 206
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
            self.send_header("Content-Length", str(end - start))
            self.end_headers()
            if not head:
                self._send(file.fileno(), start, end, "/" + name)

    def _send(self, fd: int, start: int, end: int, path: str) -> None:
        """sendfile in steps; then count the body bytes the client's TCP stack acknowledged
        (``tcpi_bytes_acked``): a client killed mid-transfer is not charged for what still sat
        in our send queue, which never reached it. A completed transfer is charged in full."""
        self.wfile.flush()
        sock = self.connection
        owner = self.server.owner
        written_before = _bytes_acked(sock)  # everything written so far: headers included
        if written_before is not None:
            written_before += _unacknowledged(sock.fileno())
        offset = start
        try:
            while offset < end:
                sent = os.sendfile(sock.fileno(), fd, offset, min(STEP, end - offset))
                if sent == 0:
                    break
                offset += sent
                if owner.pace:
                    time.sleep(sent / owner.pace)
        except OSError:  # the client went away (reset, killed)
            self.close_connection = True
            acked = _bytes_acked(sock)
            if acked is not None and written_before is not None:
                owner._count(path, min(offset - start, max(0, acked - written_before)))
            else:  # no TCP_INFO here: what was handed over
                owner._count(path, offset - start)
            return
        owner._count(path, offset - start)

    def _empty(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    owner: FileServer


class FileServer:
    """Serves ``root`` on 127.0.0.1; ``sent(path)`` is the body bytes sent for that path.
    ``pace`` slows each transfer down (only for the quick smoke run of P7, where a tiny file
    would otherwise be complete before the client can be killed half way)."""

    def __init__(self, root: Path, pace: float = 0.0) -> None:
        self.root = root.resolve()
        self.pace = pace  # bytes per second per transfer; 0: as fast as possible
        self._sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def _count(self, path: str, nbytes: int) -> None:
        with self._lock:
            self._sent[path] = self._sent.get(path, 0) + nbytes

    def sent(self, path: str) -> int:
        with self._lock:
            return self._sent.get("/" + path.lstrip("/"), 0)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def make_file(path: Path, size: int) -> None:
    """A file of ``size`` bytes, fast: 1 MiB of random bytes repeated (incompressible enough
    for an identity transfer; nothing here compresses), written once and then in page cache."""
    block = os.urandom(1 << 20)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        whole, rest = divmod(size, len(block))
        for _ in range(whole):
            out.write(block)
        out.write(block[:rest])


class ServerProcess:
    """The same server in a child process, so the measured client (stacdesk or curl) never
    shares a GIL or a core's time slice with it; ``sent(path)`` asks the child over HTTP."""

    def __init__(self, root: Path, pace: float = 0.0) -> None:
        self.root = root
        self.pace = pace
        self.url = ""
        self._child: subprocess.Popen[str] | None = None

    def __enter__(self) -> Self:
        self._child = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.file_server", str(self.root), str(self.pace)],
            cwd=Path(__file__).resolve().parents[1],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._child.stdout is not None
        self.url = self._child.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.__exit__()
            raise RuntimeError("the file server did not start")
        return self

    def sent(self, path: str) -> int:
        url = f"{self.url}/{SENT_PREFIX}{path.lstrip('/')}"
        with urllib.request.urlopen(url, timeout=10) as answer:
            return int(answer.read())

    def __exit__(self, *exc: object) -> None:
        if self._child is not None:
            self._child.terminate()
            self._child.wait(10)
            self._child = None


def main() -> None:
    pace = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    with FileServer(Path(sys.argv[1]), pace) as server:
        print(server.url, flush=True)
        signal.sigwait({signal.SIGTERM, signal.SIGINT})


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
