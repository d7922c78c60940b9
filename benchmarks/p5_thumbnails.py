"""P5: 200 thumbnails from a server adding 50 ms per request, through the app's ThumbnailService,
beside an ideal concurrent httpx fetch of the same URLs at the same concurrency; then the second
view, which must make zero requests."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.figures import Figure
from stacdesk.core.thumbnails.service import ThumbnailService
from stacdesk.core.thumbnails.values import ThumbnailSettings
from tests.quicklooks import QUICKLOOKS, quicklook_bytes
from tests.servers.assets import AssetServer
from tests.servers.hooks import delay

LATENCY_S = 0.05


def _images() -> list[bytes]:
    """Provider-like previews (1024 px and 300 px JPEGs, SAR PNGs), made on the spot."""
    return [quicklook_bytes(*spec) for spec in QUICKLOOKS]


async def _ideal(urls: list[str], concurrency: int) -> float:
    slots = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient() as client:

        async def one(url: str) -> None:
            async with slots:
                (await client.get(url)).raise_for_status()

        start = time.perf_counter()
        await asyncio.gather(*(one(u) for u in urls))
        return time.perf_counter() - start


async def _service(urls: list[str], cache: Path) -> tuple[float, ThumbnailService]:
    service = ThumbnailService(ThumbnailSettings(), cache_dir=cache)
    start = time.perf_counter()
    results = await asyncio.gather(*(service.load(u) for u in urls))
    elapsed = time.perf_counter() - start
    assert all(r.ok for r in results), [r for r in results if not r.ok][:3]
    return elapsed, service


def run(repeats: int, count: int = 200) -> list[Figure]:
    images = _images()
    ours, ideal, second_requests = [], [], []
    with tempfile.TemporaryDirectory() as tmp, AssetServer(Path(tmp)) as server:
        server.before.append(delay(LATENCY_S))
        for attempt in range(repeats):
            urls = [
                server.add_file(f"/r{attempt}/t{i}.jpg", images[i % len(images)], "image/jpeg")
                for i in range(count)
            ]
            concurrency = ThumbnailSettings().max_concurrent
            ideal.append(asyncio.run(_ideal(urls, concurrency)))
            cache = Path(tmp) / f"cache-{attempt}"

            async def both(urls: list[str], cache: Path) -> tuple[float, int]:
                elapsed, service = await _service(urls, cache)
                before = len(server.requests)
                await asyncio.gather(*(service.load(u) for u in urls))  # second view: memory
                await service.aclose()
                fresh = ThumbnailService(ThumbnailSettings(), cache_dir=cache)  # after a restart
                await asyncio.gather(*(fresh.load(u) for u in urls))
                await fresh.aclose()
                return elapsed, len(server.requests) - before

            elapsed, again = asyncio.run(both(urls, cache))
            ours.append(elapsed)
            second_requests.append(float(again))
    return [
        Figure(
            "P5",
            f"{count} thumbnails at +50 ms latency",
            "s",
            ours,
            ideal,
            "ideal concurrent httpx fetch",
            target=1.2,
        ),
        Figure(
            "P5-second-view",
            "requests when shown again (memory, then after restart)",
            "requests",
            second_requests,
            target=0,
            on="value",
        ),
    ]
