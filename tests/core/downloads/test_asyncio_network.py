"""The download client's asyncio network backend against real local servers: plain and TLS
bodies arrive whole (also when the reader lags far behind the socket, so reading pauses and
resumes), a silent server ends in a read timeout, a refused port in a connect error, and the
client the engine builds really uses this backend (a guard should httpx build its pool
differently one day)."""

from __future__ import annotations

import asyncio
import hashlib
import socket
import ssl
import threading
from pathlib import Path

import httpx
import pytest

from stacdesk.core.downloads.asyncio_network import AsyncioBackend, use_asyncio_network
from stacdesk.core.downloads.http_fetch import make_client
from tests.servers.assets import AssetServer
from tests.servers.tls import SelfSigned, make_self_signed

BODY = bytes(range(256)) * (12 * 1024)  # 3 MiB: more than the backend buffers before pausing


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> SelfSigned:
    return make_self_signed(tmp_path_factory.mktemp("tls"))


def _client(verify: ssl.SSLContext | bool = True, read: float = 10) -> httpx.AsyncClient:
    transport = httpx.AsyncHTTPTransport(verify=verify)
    use_asyncio_network(transport)
    return httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(10, read=read))


async def _digest(client: httpx.AsyncClient, url: str, lag: float = 0.0) -> tuple[str, int]:
    digest = hashlib.sha256()
    async with client.stream("GET", url) as response:
        response.raise_for_status()
        async for piece in response.aiter_raw():
            digest.update(piece)
            if lag:
                await asyncio.sleep(lag)
    return digest.hexdigest(), response.status_code


def test_the_engine_client_uses_the_asyncio_backend() -> None:
    async def backend() -> object:
        client = make_client(idle_timeout=30, connect_timeout=10)
        try:
            return client._transport._pool._network_backend  # type: ignore[attr-defined]
        finally:
            await client.aclose()

    assert isinstance(asyncio.run(backend()), AsyncioBackend)


def test_a_body_arrives_whole_even_when_the_reader_lags(tmp_path: Path) -> None:
    with AssetServer(tmp_path) as server:
        url = server.add_file("/big.bin", BODY)

        async def fetch() -> list[tuple[str, int]]:
            async with _client() as client:
                # Twice on one pooled connection; the second read lags so reading must pause.
                return [await _digest(client, url), await _digest(client, url, lag=0.01)]

        results = asyncio.run(fetch())
    assert results == [(hashlib.sha256(BODY).hexdigest(), 200)] * 2


def test_tls_bodies_arrive_whole(tmp_path: Path, certificate: SelfSigned) -> None:
    trusted = ssl.create_default_context(cafile=str(certificate.cert))
    with AssetServer(tmp_path, tls=certificate.server_context()) as server:
        url = server.add_file("/big.bin", BODY)

        async def fetch() -> tuple[tuple[str, int], str]:
            async with _client(verify=trusted) as client:
                whole = await _digest(client, url)
            async with _client() as untrusting:
                try:
                    await untrusting.get(url)
                except httpx.ConnectError as exc:
                    return whole, str(exc)
            return whole, "no error"

        whole, refusal = asyncio.run(fetch())
    assert whole == (hashlib.sha256(BODY).hexdigest(), 200)
    assert "CERTIFICATE_VERIFY_FAILED" in refusal


def test_a_silent_server_ends_in_a_read_timeout_and_a_closed_port_in_a_connect_error() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    silent = f"http://127.0.0.1:{listener.getsockname()[1]}/x"
    closed = socket.create_server(("127.0.0.1", 0))
    refused = f"http://127.0.0.1:{closed.getsockname()[1]}/x"
    closed.close()

    async def attempt(url: str) -> type[Exception]:
        async with _client(read=0.3) as client:
            try:
                await client.get(url)
            except httpx.TransportError as exc:
                return type(exc)
        return type(None)  # type: ignore[return-value]

    try:
        assert asyncio.run(attempt(silent)) is httpx.ReadTimeout
        assert asyncio.run(attempt(refused)) is httpx.ConnectError
    finally:
        listener.close()
        for sock in accepted:
            sock.close()


def test_a_connection_the_server_closed_reads_as_end_of_data() -> None:
    """What httpcore's pool asks before reusing an idle connection."""

    async def probe() -> tuple[bytes, bool]:
        server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        end = await stream.read(1024, timeout=5)
        readable = stream.get_extra_info("is_readable")
        await stream.aclose()
        server.close()
        return end, readable

    assert asyncio.run(probe()) == (b"", True)
