"""Thumbnails: fetched with at most N requests at a time, decoded off the GUI thread, cached.

The service knows asyncio and httpx, not Qt: it hands out RGBA bytes and a size, and the list (or
the map) turns those into images. Lookups go memory → disk cache → network; a thumbnail seen once
is shown again with zero requests. Each URL is loaded by one task that the caller can cancel
(the row scrolled away). Failures become a ``Thumbnail`` with an ``error`` message, never an
exception in the caller.

Local files are read only for a local catalog and only below its folder
(``set_local_roots``): a remote catalog that says ``file:///etc/...`` gets an error, not the file.
Credentials: ``headers_for(url)`` returns extra headers for a URL's host and ``sign(url)`` may
rewrite a URL (Planetary Computer SAS tokens); either may be a plain function (run in a worker
thread, as it may fetch a token) or an async one. Redirects are followed here, one hop at a time,
asking ``headers_for`` again for each new URL, so credentials never follow a redirect to another
host.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from stacdesk.core.common.events import Event
from stacdesk.core.thumbnails.cache import ThumbnailDiskCache
from stacdesk.core.thumbnails.decode import (
    DecodedImage,
    ThumbnailError,
    decode_file,
    decode_thumbnail,
)
from stacdesk.core.thumbnails.values import Thumbnail, ThumbnailSettings

if TYPE_CHECKING:  # imported by the worker that makes the client (_new_client), not at start
    import httpx

HeadersProvider = Callable[[str], Mapping[str, str] | Awaitable[Mapping[str, str]]]
UrlSigner = Callable[[str], str | Awaitable[str]]

# Content types that are certainly not an image: don't download the body at all.
NOT_IMAGES = ("text/", "application/json", "application/xml", "application/xhtml")
MAX_REDIRECTS = 5
MAX_KEEPALIVE = 32  # idle connections kept for the next thumbnails (Settings allow 32 at once)


def is_local_href(url: str) -> bool:
    """A ``file:`` URL or a plain path (``/x``, ``C:\\x``), not something to fetch over HTTP."""
    scheme = urlsplit(url).scheme.lower()
    return scheme == "file" or len(scheme) <= 1


async def _resolved(value: Any) -> Any:
    """The value a hook returned, awaited if the hook was async."""
    return await value if inspect.isawaitable(value) else value


class ThumbnailService:
    """Loads thumbnails for URLs; ``ready(thumbnail)`` fires on the loop thread for each result."""

    def __init__(
        self,
        settings: ThumbnailSettings | None = None,
        cache_dir: Path | None = None,
        headers_for: HeadersProvider | None = None,
        sign: UrlSigner | None = None,
    ) -> None:
        self.settings = settings or ThumbnailSettings()
        if cache_dir is None:
            from stacdesk.config import app_paths

            # One folder per size cap: a 128 px entry must not be served to a 1024 px map drape.
            cache_dir = app_paths().cache / "thumbnails" / f"{self.settings.max_side}px"
        self.disk = ThumbnailDiskCache(cache_dir, int(self.settings.disk_limit_mb * 2**20))
        self.headers_for = headers_for
        self.sign = sign
        self.ready: Event[[Thumbnail]] = Event()
        self.stats: Counter[str] = Counter()  # memory / disk / network / local / failed / cancelled
        self._memory: OrderedDict[str, Thumbnail] = OrderedDict()
        self._memory_bytes = 0
        self._tasks: dict[str, asyncio.Task[Thumbnail]] = {}
        self._owners: dict[str, set[str]] = {}  # url -> who wants it while it loads
        self._slots: asyncio.Semaphore | None = None
        self._client: httpx.AsyncClient | None = None
        self._client_lock: asyncio.Lock | None = None  # made on the loop that uses it
        self._executor = ThreadPoolExecutor(2, thread_name_prefix="stacdesk-thumbnails")
        self._local_roots: tuple[Path, ...] = ()
        self._closed = False

    # ------------------------------------------------------------------ configuration

    def apply_limits(self, max_concurrent: int, disk_limit_mb: float) -> None:
        """New limits from Settings, at once: loads started from now on share the new number
        of slots (running ones finish in theirs), and the disk cache is trimmed to its new size
        in a worker."""
        old = self.settings
        self.settings = replace(old, max_concurrent=max_concurrent, disk_limit_mb=disk_limit_mb)
        if max_concurrent != old.max_concurrent:
            self._slots = None
        if disk_limit_mb != old.disk_limit_mb and not self._closed:
            self._executor.submit(self.disk.set_limit, int(disk_limit_mb * 2**20))

    def set_local_roots(self, folders: Sequence[Path | str]) -> None:
        """Allow reading thumbnails from files below ``folders`` (local catalogs); none forbids."""
        roots = tuple(Path(folder).resolve() for folder in folders)
        if roots != self._local_roots:
            self._local_roots = roots
            self.forget_failures()

    def set_headers_provider(self, headers_for: HeadersProvider | None) -> None:
        self.headers_for = headers_for
        self.forget_failures()  # a 401 may work now

    def set_signer(self, sign: UrlSigner | None) -> None:
        self.sign = sign
        self.forget_failures()

    # ------------------------------------------------------------------ lookups

    def cached(self, url: str) -> Thumbnail | None:
        """The thumbnail if it is in memory (a hit marks it recently used); never any I/O."""
        thumbnail = self._memory.get(url)
        if thumbnail is not None:
            self._memory.move_to_end(url)
        return thumbnail

    def is_loading(self, url: str) -> bool:
        return url in self._tasks

    @property
    def pending(self) -> set[str]:
        return set(self._tasks)

    def request(self, url: str, owner: str = "") -> asyncio.Task[Thumbnail] | None:
        """Start loading ``url`` unless it is in memory or already loading (needs a running loop).

        Returns the loading task (shared by every caller of the same URL), or None when cached.
        ``owner`` names who wants it (the list, the map): ``keep_only`` of one owner never
        cancels a load another owner still wants.
        """
        if self._closed:
            return None
        if url in self._memory:
            self.stats["memory"] += 1
            return None
        self._owners.setdefault(url, set()).add(owner)
        task = self._tasks.get(url)
        if task is None:
            task = asyncio.ensure_future(self._load(url))
            self._tasks[url] = task
            task.add_done_callback(lambda t, u=url: self._finished(u, t))
        return task

    async def load(self, url: str) -> Thumbnail:
        """The thumbnail of ``url``, loading it if needed (for the CLI, tests and benchmarks)."""
        task = self.request(url, owner="load")
        if task is None:
            cached = self.cached(url)
            return cached if cached is not None else Thumbnail(url, error="service closed")
        return await asyncio.shield(task)

    def cancel(self, url: str) -> None:
        task = self._tasks.get(url)
        if task is not None:
            task.cancel()

    def keep_only(self, urls: Iterable[str], owner: str = "") -> None:
        """``owner`` now wants only ``urls`` (what is on screen): loads nobody else wants stop."""
        wanted = set(urls)
        for url, task in list(self._tasks.items()):
            owners = self._owners.get(url, set())
            if url not in wanted and owner in owners:
                owners.discard(owner)
                if not owners:
                    task.cancel()

    def forget_failures(self) -> None:
        """Drop remembered failures so they are tried again (new credentials, new search)."""
        for url in [u for u, t in self._memory.items() if not t.ok]:
            self._memory.pop(url)

    # ------------------------------------------------------------------ loading

    def _finished(self, url: str, task: asyncio.Task[Thumbnail]) -> None:
        if self._tasks.get(url) is task:
            del self._tasks[url]
            self._owners.pop(url, None)
        if task.cancelled():
            self.stats["cancelled"] += 1
            return
        if task.exception() is None and not self._closed:
            self.ready.emit(task.result())

    async def _load(self, url: str) -> Thumbnail:
        loop = asyncio.get_running_loop()
        try:
            if is_local_href(url):
                decoded = await loop.run_in_executor(self._executor, self._read_local, url)
                self.stats["local"] += 1
            else:
                decoded = await loop.run_in_executor(self._executor, self._from_disk, url)
                if decoded is not None:
                    self.stats["disk"] += 1
                else:
                    data = await self._download(url)
                    decoded = await loop.run_in_executor(
                        self._executor, self._decode_and_store, url, data
                    )
            thumbnail = Thumbnail(url, decoded.width, decoded.height, decoded.rgba)
        except asyncio.CancelledError:
            raise
        except ThumbnailError as exc:
            thumbnail = Thumbnail(url, error=str(exc))
        except RuntimeError as exc:  # executor shut down while closing
            thumbnail = Thumbnail(url, error=f"not loaded ({exc})")
        if not thumbnail.ok:
            self.stats["failed"] += 1
        self._remember(thumbnail)
        return thumbnail

    def _read_local(self, url: str) -> DecodedImage:
        """Runs in a worker: a file below a local catalog's folder, decoded."""
        from urllib.request import url2pathname  # with http.client and email: not at start

        if not self._local_roots:
            raise ThumbnailError("local files are only shown for local catalogs")
        scheme = urlsplit(url).scheme.lower()
        path = Path(url2pathname(urlsplit(url).path)) if scheme == "file" else Path(url)
        if not path.is_absolute():
            raise ThumbnailError("the thumbnail link is a relative path")
        resolved = path.resolve()
        if not any(resolved.is_relative_to(root) for root in self._local_roots):
            raise ThumbnailError("the thumbnail is outside the catalog folder")
        return decode_file(resolved, self.settings.max_side, self.settings.max_pixels)

    def _from_disk(self, url: str) -> DecodedImage | None:
        """Runs in a worker: the cached entry decoded, or None (a damaged entry is a miss)."""
        data = self.disk.get(url)
        if data is None:
            return None
        try:
            return decode_thumbnail(data, self.settings.max_side, self.settings.max_pixels)
        except ThumbnailError:
            return None

    def _decode_and_store(self, url: str, data: bytes) -> DecodedImage:
        """Runs in a worker: decode, then cache (the original bytes when already small)."""
        decoded = decode_thumbnail(data, self.settings.max_side, self.settings.max_pixels)
        self.disk.put(url, decoded.encode() if decoded.shrunk else data)
        return decoded

    async def _download(self, url: str) -> bytes:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise ThumbnailError(f"{scheme}:// thumbnails cannot be fetched yet")
        if self._slots is None:
            self._slots = asyncio.Semaphore(max(1, self.settings.max_concurrent))
        async with self._slots:
            target = str(await self._hook(self.sign, url, url))
            self.stats["network"] += 1
            for _ in range(MAX_REDIRECTS + 1):
                headers = dict(await self._hook(self.headers_for, target, None) or {})
                data, location = await self._get(target, headers)
                if location is None:
                    return data
                target = location  # credentials are asked again for the new host
            raise ThumbnailError("too many redirects")

    async def _hook(self, hook: Callable[[str], Any] | None, url: str, default: Any) -> Any:
        """Call a credential hook: async ones awaited, plain ones in a worker thread (a token
        refresh or a keyring read may block). A failing hook fails the thumbnail."""
        if hook is None:
            return default
        try:
            if inspect.iscoroutinefunction(hook):
                return await hook(url)
            return await _resolved(await asyncio.to_thread(hook, url))
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            raise ThumbnailError(f"cannot prepare the request: {exc}") from None

    async def _get(self, url: str, headers: dict[str, str]) -> tuple[bytes, str | None]:
        """The body of ``url``, or the target of a redirect (followed by the caller, so that
        credentials meant for one host never travel to the next)."""
        limit = int(self.settings.max_download_mb * 2**20)
        host = urlsplit(url).netloc
        client = await self._http()
        import httpx  # loaded by the worker that made the client

        try:
            async with client.stream("GET", url, headers=headers) as response:
                location = response.headers.get("location")
                if response.is_redirect and location:
                    return b"", urljoin(url, location)
                if response.status_code != 200:
                    reason = response.reason_phrase or ""
                    raise ThumbnailError(f"HTTP {response.status_code} {reason}".strip())
                ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if ctype.startswith(NOT_IMAGES):
                    raise ThumbnailError(f"the server sent {ctype}, not an image")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise ThumbnailError(f"the image is too large to download ({declared} bytes)")
                chunks: list[bytes] = []
                total = 0
                async for chunk in response.aiter_bytes():
                    total += len(chunk)
                    if total > limit:
                        raise ThumbnailError("the image is too large to download")
                    chunks.append(chunk)
                return b"".join(chunks), None
        except httpx.TimeoutException:
            raise ThumbnailError(f"{host} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise ThumbnailError(f"cannot fetch from {host}: {exc}") from None

    async def _http(self) -> httpx.AsyncClient:
        """The shared client, made in a worker: loading the CA bundle and the async backend
        takes ~0.2 s of CPU that must not stall the list."""
        if self._client_lock is None:
            self._client_lock = asyncio.Lock()
        async with self._client_lock:
            if self._client is None:
                loop = asyncio.get_running_loop()
                client = await loop.run_in_executor(self._executor, self._new_client)
                if self._closed:
                    await client.aclose()
                    raise RuntimeError("thumbnails closed")
                self._client = client
            return self._client

    def _new_client(self) -> httpx.AsyncClient:
        # httpcore imports its async backend (anyio, ~0.1 s) on the first request; here that
        # happens in this worker instead of on the GUI thread.
        import anyio._backends._asyncio  # noqa: F401
        import httpcore._backends.anyio  # noqa: F401
        import httpx

        # The slots bound the connections in use, so a new concurrency needs no new pool.
        return httpx.AsyncClient(
            follow_redirects=False,  # followed in _download, per host
            timeout=httpx.Timeout(self.settings.timeout_s, connect=10.0),
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=MAX_KEEPALIVE),
            headers={"user-agent": "stacdesk"},
        )

    def _remember(self, thumbnail: Thumbnail) -> None:
        old = self._memory.pop(thumbnail.url, None)
        if old is not None:
            self._memory_bytes -= old.nbytes
        self._memory[thumbnail.url] = thumbnail
        self._memory_bytes += thumbnail.nbytes
        limit = self.settings.memory_limit_mb * 2**20
        while self._memory_bytes > limit and len(self._memory) > 1:
            _, evicted = self._memory.popitem(last=False)
            self._memory_bytes -= evicted.nbytes

    # ------------------------------------------------------------------ shutdown

    def close(self) -> None:
        """Cancel every load and stop the workers; safe to call twice, and without a loop."""
        if self._closed:
            return
        self._closed = True
        for task in list(self._tasks.values()):
            task.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(RuntimeError):  # no loop: sockets close with the process
                asyncio.get_running_loop().create_task(client.aclose())

    async def aclose(self) -> None:
        """Like ``close`` but waits until the HTTP connections are closed."""
        client = self._client
        self._client = None
        self.close()
        tasks = list(self._tasks.values())
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if client is not None:
            await client.aclose()
