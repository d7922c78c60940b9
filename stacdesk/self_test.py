"""``stacdesk --self-test``: prove an installed or frozen stacdesk works, without any network.

It drives the real window the way a user would on the bundled sample catalog — open it, search,
look at a thumbnail — reads a preview of one of its cloud-optimised files (GDAL must be bundled),
and checks the bundled resources, then prints one line per check and exits
0 when all passed, 1 otherwise (2 when it ran out of time). The frozen-build test and an analyst
checking an offline install run exactly this.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import unquote, urlsplit

from stacdesk.resources import resource_path, resources_root

if TYPE_CHECKING:
    from stacdesk.ui.main_window import MainWindow

TIME_LIMIT_S = 90.0
SAMPLE_PERIOD = "2023-01-01T00:00:00Z/2025-06-30T23:59:59Z"
PAGE_SIZE = 50
BUNDLED = ("basemap", "gazetteer", "icons", "sample-catalog", "translations")
EXIT_FAILED, EXIT_TIMED_OUT = 1, 2


class SelfTest:
    """Runs the checks in order; a failed check is reported and the next one still runs."""

    def __init__(self, window: MainWindow, out: TextIO | None = None) -> None:
        self.window = window
        self.out = out or sys.stdout
        self.failures: list[str] = []

    def _report(self, ok: bool, name: str, detail: str) -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", file=self.out, flush=True)
        if not ok:
            self.failures.append(name)

    async def run(self, time_limit: float = TIME_LIMIT_S) -> int:
        started = time.monotonic()
        try:
            await asyncio.wait_for(self._checks(), time_limit)
        except TimeoutError:
            self._report(False, "time", f"the self-test took longer than {time_limit:.0f} s")
            return EXIT_TIMED_OUT
        verdict = "passed" if not self.failures else f"FAILED ({', '.join(self.failures)})"
        print(
            f"self-test {verdict} in {time.monotonic() - started:.1f} s", file=self.out, flush=True
        )
        return 0 if not self.failures else EXIT_FAILED

    async def _checks(self) -> None:
        steps: list[Callable[[], Awaitable[None]]] = [
            self._check_window,
            self._check_resources,
            self._check_transfers,
            self._check_search,
            self._check_thumbnail,
            self._check_preview,
            self._check_gazetteer,
            self._note_keyring,
        ]
        for step in steps:
            try:
                await step()
            except Exception as exc:  # a broken check is a failed check, not a crash
                self._report(False, step.__name__.removeprefix("_check_"), f"error: {exc!r}")

    async def _wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.02)
        return True

    async def _check_window(self) -> None:
        window = self.window
        handle = window.windowHandle()
        shown = await self._wait_until(
            lambda: window.isVisible() and handle is not None and handle.isExposed(), 20
        )
        if shown:
            grab = window.grab()  # renders the whole window as it is on screen
            painted = not grab.isNull() and grab.width() > 0
            self._report(
                painted,
                "window",
                f"shown and painted, {window.width()}x{window.height()} "
                f"(platform {_platform_name()})",
            )
        else:
            self._report(False, "window", "the main window was not shown within 20 s")
        message = window.statusBar().currentMessage()
        if message:
            print(f"     status bar: {message}", file=self.out, flush=True)

    async def _check_resources(self) -> None:
        root = resources_root()
        missing = [name for name in BUNDLED if not any((root / name).iterdir())]
        self._report(not missing, "resources", f"{root} ({', '.join(BUNDLED)})")
        if missing:
            self._report(False, "resources", f"empty or missing: {', '.join(missing)}")

    async def _check_transfers(self) -> None:
        """The download engine's HTTP library (libcurl, a native module a frozen build must
        carry) loads; with no network, nothing is fetched."""
        import pycurl

        self._report(True, "downloads", pycurl.version.split()[0])

    async def _check_search(self) -> None:
        from stacdesk.core.query.search_query import SearchQuery
        from stacdesk.core.search.session import SearchState

        window, ws = self.window, self.window.workspace
        sample = ws.book.sample
        if sample is None:
            self._report(False, "search", "no bundled sample catalog")
            return
        window.search_panel.open_connection(sample)
        opened = await self._wait_until(
            lambda: ws.catalog is not None or ws.open_error is not None, 30
        )
        if not opened or ws.catalog is None:
            self._report(False, "search", f"sample catalog not opened: {ws.open_error}")
            return
        ids = tuple(c.id for c in ws.collections)
        query = SearchQuery(collections=ids, datetime=SAMPLE_PERIOD, limit=PAGE_SIZE)
        task = ws.run_search(query)
        if task is None:
            self._report(False, "search", "the search did not start")
            return
        await task
        session = ws.search
        finished = await self._wait_until(
            lambda: session.state in (SearchState.MORE, SearchState.DONE, SearchState.FAILED), 30
        )
        rows = window.results_panel.model.rowCount()
        ok = finished and session.state is not SearchState.FAILED and len(session.store) > 0
        self._report(
            ok and rows > 0,
            "search",
            f"{len(session.store)} results from {len(ids)} collections of the sample catalog, "
            f"{rows} rows in the list ({session.summary()})"
            + (f"; error: {session.error}" if session.error else ""),
        )

    async def _check_thumbnail(self) -> None:
        """The list shows the first result's quicklook, read from the sample's own files."""
        from PySide6.QtGui import QImage

        panel = self.window.results_panel
        store = self.window.workspace.search.store
        if panel.model.rowCount() == 0:
            self._report(False, "thumbnail", "no result to show a thumbnail for")
            return
        url = store.thumbnails[panel.model.store_row(0)]
        if not url:
            self._report(False, "thumbnail", "the first result has no thumbnail asset")
            return
        shown = await self._wait_until(
            lambda: panel.loader.image(url) is not None or panel.loader.error(url) is not None,
            20,
        )
        image = panel.loader.image(url)
        if image is None:
            problem = panel.loader.error(url) if shown else "not loaded within 20 s"
            self._report(False, "thumbnail", f"{url}: {problem}")
            return
        # Qt's own JPEG plugin must be bundled too (icons, the About box, drag images).
        direct = QImage(str(_local_path(url, resource_path("sample-catalog"))))
        self._report(
            not direct.isNull(),
            "thumbnail",
            f"{Path(urlsplit(url).path).name} shown in the results list "
            f"({image.width()}x{image.height()}); Qt decodes JPEG: {not direct.isNull()}",
        )

    async def _check_preview(self) -> None:
        """A data preview of the sample's first scene with a cloud-optimised file, read in a
        worker as the map does (rasterio and GDAL's data files, which a frozen build must carry)."""
        folder = resource_path("sample-catalog")
        item = await asyncio.to_thread(_first_previewable, folder)
        if item is None:
            self._report(False, "preview", "no item of the sample has a cloud-optimised file")
            return
        preview, gdal = await asyncio.to_thread(_read_preview, item, folder)
        drawn = int((preview.rgba[..., 3] > 0).sum())
        self._report(
            drawn > 0,
            "preview",
            f"{item['id']}: {preview.label}, {preview.detail}; {drawn:,} pixels drawn "
            f"(GDAL {gdal})",
        )

    async def _check_gazetteer(self) -> None:
        from stacdesk.core.geo.gazetteer import search_places

        places = search_places("Praha", limit=3)
        self._report(
            bool(places),
            "gazetteer",
            f"'Praha' -> {places[0].label if places else 'nothing'}",
        )

    async def _note_keyring(self) -> None:
        """Which keyring backend a frozen build found (information: a server may have none)."""
        import keyring

        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        print(f"     keyring: {name}", file=self.out, flush=True)


def _platform_name() -> str:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName()


def _local_path(href: str, base: Path) -> Path:
    """A thumbnail href of the sample: relative to its folder, an absolute path or file: URL."""
    parts = urlsplit(href)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    path = Path(href)
    return path if path.is_absolute() else base / path


def _first_previewable(folder: Path) -> dict | None:
    """The first item of the sample with an asset that is one of its cloud-optimised files."""
    import gzip
    import json

    with gzip.open(folder / "items.ndjson.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            for asset in item["assets"].values():
                local = str(asset.get("href", "")).startswith("data/")
                if local and "cloud-optimized" in str(asset.get("type", "")):
                    return item
    return None


def _read_preview(item: dict, folder: Path) -> tuple[Any, str]:
    """The item's best preview over its whole footprint at 400 px, and GDAL's version; read as
    the window reads it, in the previews' worker process (a frozen build starts itself again
    for it)."""
    import tempfile

    import rasterio

    from stacdesk.core.previews.access import Access
    from stacdesk.core.previews.bands import choose
    from stacdesk.core.previews.cache import PreviewCache
    from stacdesk.core.previews.service import PreviewService

    recipe = choose(item, folder=folder)
    if recipe is None:
        raise ValueError(f"{item['id']} has nothing to preview")
    west, south, east, north = item["bbox"]
    view = (west, south, 180.0 if west > east else east, north)
    with tempfile.TemporaryDirectory(prefix="stacdesk-self-test-") as scratch:
        service = PreviewService(Access(local_root=folder), PreviewCache(Path(scratch)))
        try:
            preview = service.request(recipe, view, 400, 400).result(timeout=120)
        finally:
            service.close()
    return preview, rasterio.__gdal_version__
