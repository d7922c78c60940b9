"""``rustac serve``: an in-memory STAC API from PyPI, started on a free loopback port.

Why: it starts in well under a second, so it suits tests that only need a quick, correct POST
search. Known limits (SERVERS.md): GET /search with array parameters answers 500 as soon as a next
link is due, and filter / sortby / fields are silently ignored; there is no numberMatched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers._proc import LOOPBACK, free_port, http_ok, spawn, stop_process, wait_until
from tests.servers.catalog import GeneratedCatalog


def rustac_executable() -> Path | None:
    """The ``rustac`` console script of this venv (or on PATH)."""
    exe = Path(sys.executable).parent / "rustac"
    if exe.is_file():
        return exe
    found = shutil.which("rustac")
    return Path(found) if found else None


@dataclass
class RustacServer:
    """A running ``rustac serve``."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path
    timings: dict[str, float] = field(default_factory=dict)


@contextmanager
def running_rustac(
    catalog: GeneratedCatalog, *, timeout: float = 60.0, attempts: int = 3
) -> Iterator[RustacServer]:
    """Serve every collection of ``catalog``; stop the server on exit.

    The port is chosen here (``--addr 127.0.0.1:0`` would put port 0 in the links); if another
    process grabs it between choosing and binding, the start is retried on a new port.
    """
    exe = rustac_executable()
    if exe is None:
        raise FileNotFoundError("rustac console script not found (uv sync installs rustac)")
    hrefs: list[str] = []
    for cid in catalog.collection_ids:
        hrefs += [str(catalog.collection_path(cid)), str(catalog.items_path(cid))]
    workdir = Path(tempfile.mkdtemp(prefix="stacdesk-rustac-"))
    log = workdir / "rustac.log"
    proc: subprocess.Popen[bytes] | None = None
    try:
        t0 = time.perf_counter()
        for attempt in range(attempts):
            port = free_port()
            url = f"http://{LOOPBACK}:{port}"
            proc = spawn(
                [exe, "serve", "--addr", f"{LOOPBACK}:{port}", *hrefs], log=log, cwd=workdir
            )
            try:
                wait_until(
                    http_ok(url + "/"), proc=proc, log=log, what="rustac serve", timeout=timeout
                )
                break
            except RuntimeError:
                stop_process(proc)
                if attempt == attempts - 1:
                    raise
        assert proc is not None
        yield RustacServer(url=url, proc=proc, log=log, timings={"start": time.perf_counter() - t0})
    finally:
        stop_process(proc)
        shutil.rmtree(workdir, ignore_errors=True)
