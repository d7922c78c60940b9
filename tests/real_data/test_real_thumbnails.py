"""Real providers' quicklooks (Landsat JPEG previews, Sentinel-1 PNGs) through the thumbnail
service, served on 127.0.0.1: decoded, downscaled, cached.

Why: the service's behaviour is proven on made-up images in
``tests/core/thumbnails/test_thumbnails.py``; real files carry what providers really encode
(grey and colour PNGs, large progressive JPEGs).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from stacdesk.core.thumbnails.service import ThumbnailService
from stacdesk.core.thumbnails.values import Thumbnail, ThumbnailSettings
from tests.servers.assets import AssetServer

pytestmark = pytest.mark.real_data


@pytest.fixture
def real(shared_data: Path) -> Path:
    return shared_data / "real"


@pytest.fixture
def server(real: Path) -> Iterator[AssetServer]:
    with AssetServer(real) as srv:
        yield srv


def test_real_thumbnails_are_downscaled_and_cached(
    tmp_path: Path, real: Path, server: AssetServer
) -> None:
    files = sorted(real.glob("*/thumbnails/*"))
    assert files, f"no thumbnails under {real}"
    urls = [f"{server.url}/{f.relative_to(real).as_posix()}" for f in files]

    async def scenario() -> list[Thumbnail]:
        svc = ThumbnailService(ThumbnailSettings(max_side=128), cache_dir=tmp_path / "thumbs")
        loaded = await asyncio.gather(*(svc.load(u) for u in urls))
        again = await asyncio.gather(*(svc.load(u) for u in urls))
        assert [t.rgba for t in again] == [t.rgba for t in loaded]
        await svc.aclose()
        return loaded

    loaded = asyncio.run(asyncio.wait_for(scenario(), 60))
    assert len(server.requests.filter(method="GET")) == len(files)  # the second view asks none
    for thumb, path in zip(loaded, files, strict=True):
        assert thumb.ok, (path.name, thumb.error)
        with Image.open(path) as original:
            scale = min(1.0, 128 / max(original.size))
        assert max(thumb.width, thumb.height) == round(max(original.size) * scale)
        assert len(thumb.rgba) == thumb.width * thumb.height * 4
