"""Proxies that delay every answer, run in a process of their own.

Why a process: the test proxy (``tests/servers/proxy.py``) is a Python server; in the benchmark's
process its threads (reading and rewriting multi-MB pages) would take the GIL from the window
being measured, a cost no remote catalog puts on the client.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from multiprocessing.connection import Connection


def _serve(upstreams: list[str], latency_s: float, pipe: Connection) -> None:
    from tests.servers.hooks import delay
    from tests.servers.proxy import ReverseProxy

    with ExitStack() as stack:
        proxies = [
            stack.enter_context(ReverseProxy(url, before=[delay(latency_s)])) for url in upstreams
        ]
        pipe.send([proxy.url for proxy in proxies])
        pipe.recv()  # until told to stop


@contextmanager
def delayed(upstreams: list[str], latency_s: float) -> Iterator[list[str]]:
    """The proxies' URLs, one per upstream, each answer ``latency_s`` late."""
    ours, theirs = multiprocessing.get_context("spawn").Pipe()
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(upstreams, latency_s, theirs), daemon=True
    )
    process.start()
    try:
        if not ours.poll(60):
            raise RuntimeError("the latency proxies did not start within 60 s")
        yield ours.recv()
    finally:
        ours.send("stop")
        process.join(10)
        if process.is_alive():
            process.kill()
