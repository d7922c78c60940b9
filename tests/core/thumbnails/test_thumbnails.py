"""The thumbnail service against a real HTTP server on 127.0.0.1 serving quicklook files.

The quicklooks are made on the spot (``tests/quicklooks.py``: JPEG and PNG, grey and colour,
300 px and 1024 px, like providers' previews); the real recorded ones are read by
``tests/real_data``. The server also serves bad files added in memory: a truncated JPEG, HTML as
image/png, a PNG declaring a huge size, a large photo, and garbage bytes. Requests are counted on
the server.
"""

from __future__ import annotations

import asyncio
import io
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from stacdesk.core.thumbnails.service import ThumbnailService
from stacdesk.core.thumbnails.values import Thumbnail, ThumbnailSettings
from tests.quicklooks import write_quicklooks
from tests.reliability.ledger import record
from tests.servers.assets import AssetServer
from tests.servers.hooks import require_header
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Quicklooks in one folder (the served catalog); its parent holds files outside it."""
    return write_quicklooks(tmp_path_factory.mktemp("quicklooks") / "catalog")


@pytest.fixture
def server(files: list[Path]) -> Iterator[AssetServer]:
    with AssetServer(files[0].parent) as srv:
        yield srv


def url_of(server: AssetServer, path: Path, copy: int | None = None) -> str:
    url = f"{server.url}/{path.name}"
    return url if copy is None else f"{url}?copy={copy}"


def thumbnail_gets(server: AssetServer) -> int:
    return len(server.requests.filter(method="GET"))


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 60))


def service(tmp_path: Path, **settings) -> ThumbnailService:
    return ThumbnailService(ThumbnailSettings(**settings), cache_dir=tmp_path / "thumbs")


def png_declaring(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header claims ``width`` × ``height`` (a decompression bomb)."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = 8 + 8  # signature, then length + type of the IHDR chunk
    data[ihdr : ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12 : ihdr + 13])) & 0xFFFFFFFF
    data[ihdr + 13 : ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


def test_thumbnails_are_downscaled_and_shown_again_with_zero_requests(
    tmp_path: Path, server: AssetServer, files: list[Path]
) -> None:
    urls = [url_of(server, f) for f in files]

    async def scenario() -> tuple[list[Thumbnail], list[Thumbnail]]:
        svc = service(tmp_path, max_side=128)
        first = await asyncio.gather(*(svc.load(u) for u in urls))
        requests_after_first = thumbnail_gets(server)
        second = [svc.cached(u) for u in urls]  # memory
        again = await asyncio.gather(*(svc.load(u) for u in urls))
        assert thumbnail_gets(server) == requests_after_first
        await svc.aclose()
        return first, [t for t in second if t is not None] + list(again)

    first, second = run(scenario())
    assert thumbnail_gets(server) == len(files)
    for thumb, path in zip(first, files, strict=True):
        assert thumb.ok, (path.name, thumb.error)
        with Image.open(path) as original:
            scale = min(1.0, 128 / max(original.size))
        assert max(thumb.width, thumb.height) == round(max(original.size) * scale)
        assert len(thumb.rgba) == thumb.width * thumb.height * 4
    assert [t.rgba for t in second] == [t.rgba for t in first] * 2

    # A new service (the app restarted) finds them in the disk cache: still no request.
    async def restarted() -> list[Thumbnail]:
        svc = service(tmp_path, max_side=128)
        loaded = await asyncio.gather(*(svc.load(u) for u in urls))
        assert svc.stats["disk"] == len(urls) and svc.stats["network"] == 0
        await svc.aclose()
        return loaded

    server.requests.clear()
    reloaded = run(restarted())
    assert thumbnail_gets(server) == 0
    assert [(t.width, t.height) for t in reloaded] == [(t.width, t.height) for t in first]


def test_at_most_n_requests_at_a_time(
    tmp_path: Path, server: AssetServer, files: list[Path]
) -> None:
    lock = threading.Lock()
    running = [0, 0]  # now, most

    def slow(_request: RecordedRequest) -> Response | None:
        with lock:
            running[0] += 1
            running[1] = max(running[1], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return None

    server.before.append(slow)
    urls = [url_of(server, files[i % len(files)], copy=i) for i in range(12)]

    async def scenario() -> list[Thumbnail]:
        svc = service(tmp_path, max_concurrent=3)
        loaded = await asyncio.gather(*(svc.load(u) for u in urls))
        await svc.aclose()
        return loaded

    loaded = run(scenario())
    assert all(t.ok for t in loaded)
    assert thumbnail_gets(server) == 12
    assert 2 <= running[1] <= 3

    # Settings change the limit of a running service: the next loads use the new one.
    more = [url_of(server, files[i % len(files)], copy=100 + i) for i in range(12)]

    async def changed() -> list[Thumbnail]:
        svc = service(tmp_path, max_concurrent=3)
        await asyncio.gather(*(svc.load(u) for u in urls[:2]))
        svc.apply_limits(max_concurrent=1, disk_limit_mb=svc.settings.disk_limit_mb)
        running[1] = 0
        loaded = await asyncio.gather(*(svc.load(u) for u in more))
        await svc.aclose()
        return loaded

    assert all(t.ok for t in run(changed()))
    assert running[1] == 1


def test_a_request_scrolled_away_is_cancelled(
    tmp_path: Path, server: AssetServer, files: list[Path]
) -> None:
    release = threading.Event()

    def stall(request: RecordedRequest) -> Response | None:
        if "stall" in request.query:
            release.wait(10)
        return None

    server.before.append(stall)
    stalled = url_of(server, files[0]) + "?stall=1"
    other = url_of(server, files[1])
    ready: list[Thumbnail] = []

    async def scenario() -> None:
        svc = service(tmp_path)
        svc.ready.connect(ready.append)
        task = svc.request(stalled, owner="list")
        assert task is not None and svc.is_loading(stalled)
        while not server.requests.filter(method="GET"):
            await asyncio.sleep(0.01)
        svc.keep_only([], owner="map")  # another owner never wanted it: nothing stops
        assert not task.cancelling()
        svc.keep_only([other], owner="list")  # the row scrolled away; `other` is on screen
        svc.request(other, owner="list")
        with pytest.raises(asyncio.CancelledError):
            await task
        assert (await svc.load(other)).ok
        assert svc.pending == set()
        assert svc.cached(stalled) is None  # not remembered: scrolling back asks again
        assert svc.stats["cancelled"] == 1
        release.set()
        await svc.aclose()

    try:
        run(scenario())
    finally:
        release.set()
    assert [t.url for t in ready] == [other]


BAD_FILES = {
    "truncated.jpg": ("image/jpeg", "damaged"),
    "html-as-png.png": ("image/png", "web page"),
    "page.html": ("text/html; charset=utf-8", "text/html"),
    "bomb.png": ("image/png", "too large"),
    "garbage.png": ("image/png", "not an image"),
    "empty.png": ("image/png", "empty"),
    "error.json": ("image/png", "JSON"),
}


def test_bad_images_become_failed_thumbnails_not_exceptions(
    tmp_path: Path, server: AssetServer, files: list[Path]
) -> None:
    jpeg = next(f for f in files if f.suffix == ".jpeg").read_bytes()
    bodies = {
        "truncated.jpg": jpeg[: len(jpeg) // 3],
        "html-as-png.png": b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
        "page.html": b"<html><body>Sign in</body></html>",
        "bomb.png": png_declaring(40_000, 40_000),
        "garbage.png": bytes(range(256)) * 8 + "\udcff".encode("utf-8", "surrogateescape"),
        "empty.png": b"",
        "error.json": b'{"code": "NotFound"}',
    }
    urls = {
        name: server.add_file(f"bad/{name}", bodies[name], ctype)
        for name, (ctype, _) in BAD_FILES.items()
    }
    urls["missing.png"] = f"{server.url}/bad/missing.png"
    urls["s3"] = "s3://bucket/key.png"
    ready: list[Thumbnail] = []

    async def scenario() -> dict[str, Thumbnail]:
        svc = service(tmp_path)
        svc.ready.connect(ready.append)
        loaded = await asyncio.gather(*(svc.load(u) for u in urls.values()))
        await asyncio.sleep(0)  # let the done-callbacks announce every result
        await svc.aclose()
        return dict(zip(urls, loaded, strict=True))

    loaded = run(scenario())
    for name, (_, expected) in BAD_FILES.items():
        assert not loaded[name].ok and expected in (loaded[name].error or ""), name
        assert loaded[name].rgba == b""
    assert "404" in (loaded["missing.png"].error or "")
    assert "s3://" in (loaded["s3"].error or "")
    assert len(ready) == len(urls)  # failures are announced too, so the row shows a mark
    assert not server.errors


def test_a_large_photo_is_downscaled_to_the_cap(tmp_path: Path, server: AssetServer) -> None:
    gradient = np.linspace(0, 255, 3000 * 2000 * 3, dtype=np.float32).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(gradient.reshape(2000, 3000, 3), "RGB").save(out, "JPEG", quality=80)
    url = server.add_file("big.jpg", out.getvalue(), "image/jpeg")
    grey16 = io.BytesIO()
    values = (np.arange(64 * 64, dtype=np.uint16).reshape(64, 64) * 10).astype(np.uint16)
    Image.fromarray(values).save(grey16, "PNG")  # a 16-bit grey PNG, like SAR quicklooks
    url16 = server.add_file("sar.png", grey16.getvalue(), "image/png")

    async def scenario() -> tuple[Thumbnail, Thumbnail]:
        svc = service(tmp_path, max_side=200)
        big, sar = await svc.load(url), await svc.load(url16)
        assert svc.disk.size_bytes < len(out.getvalue())  # the cache keeps the small version
        await svc.aclose()
        return big, sar

    big, sar = run(scenario())
    assert big.ok and (big.width, big.height) == (200, 133)
    assert sar.ok and (sar.width, sar.height) == (64, 64)
    pixels = np.frombuffer(sar.rgba, np.uint8).reshape(64, 64, 4)
    assert pixels[..., 0].min() < 20 and pixels[..., 0].max() > 235  # stretched, not clipped


def test_local_files_only_for_a_local_catalog_and_only_inside_it(
    tmp_path: Path, server: AssetServer, files: list[Path]
) -> None:
    root = files[0].parent
    secret = root.parent / "secret.png"  # beside the catalog folder, not inside it
    Image.new("RGB", (4, 4)).save(secret)

    async def scenario() -> dict[str, Thumbnail]:
        svc = service(tmp_path)
        remote = await svc.load(str(files[0]))  # e.g. a remote catalog pointing at a path
        svc.set_local_roots([root])
        inside = await svc.load(str(files[0]))
        as_file_url = await svc.load(files[1].as_uri())
        outside = await svc.load(str(secret))
        sneaky = await svc.load(str(root / ".." / secret.name))
        await svc.aclose()
        return {
            "remote": remote,
            "inside": inside,
            "file-url": as_file_url,
            "outside": outside,
            "sneaky": sneaky,
        }

    loaded = run(scenario())
    assert "local catalogs" in (loaded["remote"].error or "")
    assert loaded["inside"].ok and loaded["file-url"].ok
    assert "outside the catalog" in (loaded["outside"].error or "")
    assert "outside the catalog" in (loaded["sneaky"].error or "")  # ``..`` does not escape
    assert len(server.requests) == 0


def test_headers_hook_supplies_credentials_for_a_host(
    tmp_path: Path, server: AssetServer, files: list[Path]
) -> None:
    server.before.append(require_header("authorization", "Bearer t0k3n"))
    url = url_of(server, files[0])
    host = server.netloc

    def headers_for(target: str) -> dict[str, str]:
        return {"Authorization": "Bearer t0k3n"} if host in target else {}

    async def async_headers(target: str) -> dict[str, str]:
        await asyncio.sleep(0)
        return headers_for(target)

    async def scenario() -> list[Thumbnail]:
        svc = service(tmp_path)
        refused = await svc.load(url)
        svc.set_headers_provider(headers_for)  # forgets the failure: asked again
        allowed = await svc.load(url)
        other = ThumbnailService(cache_dir=tmp_path / "other", headers_for=async_headers)
        allowed_async = await other.load(url_of(server, files[1]))
        signed = ThumbnailService(
            cache_dir=tmp_path / "signed",
            headers_for=headers_for,
            sign=lambda u: u + "?sig=abc",
        )
        with_signature = await signed.load(url_of(server, files[2]))
        for s in (svc, other, signed):
            await s.aclose()
        return [refused, allowed, allowed_async, with_signature]

    refused, allowed, allowed_async, with_signature = run(scenario())
    assert "401" in (refused.error or "")
    assert allowed.ok and allowed_async.ok and with_signature.ok
    assert server.requests[-1].query == "sig=abc"


def test_memory_cache_is_bounded_and_falls_back_to_disk(
    tmp_path: Path, server: AssetServer, files: list[Path]
) -> None:
    large = [f for f in files if "large" in f.name][:3]
    assert len(large) == 3
    urls = [url_of(server, f) for f in large]

    async def scenario() -> ThumbnailService:
        # 256 px RGBA is 256 KiB: a 0.3 MiB memory cache holds one.
        svc = service(tmp_path, max_side=256, memory_limit_mb=0.3)
        for u in urls:
            await svc.load(u)
        assert svc.cached(urls[-1]) is not None and svc.cached(urls[0]) is None
        again = await svc.load(urls[0])
        assert again.ok
        await svc.aclose()
        return svc

    svc = run(scenario())
    assert thumbnail_gets(server) == len(urls)
    assert svc.stats["disk"] == 1


def test_settings_from_stored_strings_keep_defaults_for_bad_values() -> None:
    settings = ThumbnailSettings.from_mapping(
        {"max_concurrent": "3", "disk_limit_mb": "50.5", "max_side": "oops", "timeout_s": "-1"}
    )
    assert settings.max_concurrent == 3 and settings.disk_limit_mb == 50.5
    assert settings.max_side == ThumbnailSettings().max_side
    assert settings.timeout_s == ThumbnailSettings().timeout_s


def test_redirects_are_followed_without_carrying_credentials_to_another_host(
    request: pytest.FixtureRequest, tmp_path: Path, server: AssetServer, files: list[Path]
) -> None:
    with AssetServer(files[0].parent) as other:
        target = url_of(other, files[0])

        def moved(request: RecordedRequest) -> Response | None:
            if request.path.startswith("/moved/"):
                return Response(302, {"location": target})
            return None

        server.before.append(moved)

        def headers_for(url: str) -> dict[str, str]:
            return {"X-Api-Key": "s3cret"} if server.netloc in url else {}

        async def scenario() -> Thumbnail:
            svc = ThumbnailService(cache_dir=tmp_path / "c", headers_for=headers_for)
            loaded = await svc.load(f"{server.url}/moved/thumb.png")
            await svc.aclose()
            return loaded

        loaded = run(scenario())
        assert loaded.ok, loaded.error
        assert server.requests[-1].headers.get("x-api-key") == "s3cret"
        assert len(other.requests) == 1
        assert "x-api-key" not in other.requests[0].headers
        leaked = sum("x-api-key" in r.headers for r in other.requests)
    record(request, tried=1, survived=int(loaded.ok and not leaked), lost=leaked)
