"""Read a view: for each file of a recipe, only the overview level the view's pixel size needs
and only the tiles inside the view, reprojected to the map's coordinates (plain lon/lat,
EPSG:4326) by GDAL's warper, then stretched into RGBA.

Blocking and slow by nature (network, decoding): the caller runs ``read_view`` in a worker and
passes ``cancelled`` so a view that moved on stops at the next step. rasterio is imported here,
when the first preview is read, never at start-up.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.previews import cog, stretch
from stacdesk.core.previews.access import Access, Source, gdal_options, open_source
from stacdesk.core.previews.bands import Recipe
from stacdesk.core.previews.errors import OutsideView, PreviewError
from stacdesk.core.previews.preview import Bbox, Preview
from stacdesk.core.previews.whole_file import fetch_whole

OUTSIDE_WORLD = QT_TRANSLATE_NOOP("Previews", "the view is outside the world")
OVERVIEW = QT_TRANSLATE_NOOP("Previews", "overview 1/%1 of %2")
FULL = QT_TRANSLATE_NOOP("Previews", "full resolution of %1")

Grid = tuple[Bbox, int, int]  # lon/lat bounds, columns, rows
MAP_CRS = "EPSG:4326"
MAX_SIDE = 2048  # a preview is never larger than this, whatever the screen


class PreviewCancelled(Exception):
    """The view or the selection changed while reading: the result is no longer wanted."""


def explain(error: Exception) -> PreviewError:
    """GDAL's message turned into one a user can act on."""
    text = str(error)
    for code in ("401", "403"):
        if f"HTTP response code: {code}" in text:
            return PreviewError(f"access refused (HTTP {code}) while reading the file's tiles")
    if "HTTP response code" in text:
        return PreviewError(f"the server failed while reading tiles: {text.splitlines()[0]}")
    if "not recognized as" in text or "not a supported file format" in text:
        return PreviewError("not a GeoTIFF GDAL can read")
    return PreviewError(f"a tile could not be read or decoded: {text.splitlines()[0][:160]}")


def _footprint(dataset: Any) -> Bbox:
    """The file's lon/lat bounds; one that crosses the antimeridian spans all longitudes."""
    from rasterio.warp import transform_bounds

    west, south, east, north = transform_bounds(dataset.crs, MAP_CRS, *dataset.bounds, 21)
    if west > east:
        west, east = -180.0, 180.0
    return west, max(south, -90.0), east, min(north, 90.0)


def _intersection(a: Bbox, b: Bbox) -> Bbox | None:
    west, south = max(a[0], b[0]), max(a[1], b[1])
    east, north = min(a[2], b[2]), min(a[3], b[3])
    return (west, south, east, north) if west < east and south < north else None


def clipped_view(view: Bbox, width: int, height: int) -> Grid:
    """The view inside the world's lon/lat, with the screen's pixels that stay in it (at most
    ``MAX_SIDE`` a side)."""
    west, south, east, north = view
    dx, dy = (east - west) / max(width, 1), (north - south) / max(height, 1)
    clipped = (max(west, -180.0), max(south, -90.0), min(east, 180.0), min(north, 90.0))
    if clipped[0] >= clipped[2] or clipped[1] >= clipped[3]:
        raise PreviewError(OUTSIDE_WORLD())
    columns = max(1, round((clipped[2] - clipped[0]) / dx))
    rows = max(1, round((clipped[3] - clipped[1]) / dy))
    shrink = max(1.0, columns / MAX_SIDE, rows / MAX_SIDE)
    return clipped, max(1, int(columns / shrink)), max(1, int(rows / shrink))


def _bands_in(bands: list[int], count: int, visual: bool) -> list[int]:
    """The bands to read; a grey visual asset (one band) is drawn as grey RGB."""
    if visual:
        return [min(band, count) for band in bands]
    missing = [band for band in bands if band > count]
    if missing:
        raise PreviewError(f"the file has no band {missing[0]} (it has {count})")
    return bands


class _Opener:
    """Opens one file at a chosen overview level, inside the file's GDAL options (credentials,
    S3 endpoint), from the network or from bytes read whole; closes everything on exit."""

    def __init__(self, source: Source, options: dict[str, str], data: bytes | None) -> None:
        self.source = source
        self.options = options
        self.data = data
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Callable[..., Any]:
        import rasterio
        from rasterio.io import MemoryFile

        self._stack.enter_context(rasterio.Env(**self.options))
        memory = self._stack.enter_context(MemoryFile(self.data)) if self.data else None

        def open_level(level: int | None = None) -> Any:
            kwargs = {"overview_level": level} if level is not None else {}
            if memory is not None:
                return memory.open(**kwargs)
            return rasterio.open(self.source.path, **kwargs)

        return open_level

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


class Reader:
    """Reads previews with one ``Access``; remembers each file's probe and stretch so panning
    over one item costs tile reads only. Safe to use from several worker threads."""

    def __init__(self, access: Access | None = None) -> None:
        self.access = access or Access()
        self._lock = threading.Lock()
        self._sources: dict[str, Source] = {}
        self._limits: dict[tuple[str, int, bool], tuple[float, float]] = {}
        self._footprints: dict[str, Bbox] = {}  # lon/lat bounds of files opened before
        self._whole: dict[str, bytes] = {}  # files the user chose to read whole (this session)

    def source(self, href: str) -> Source:
        """The file as probed once per session; a local file is looked at again each time (a
        ``stat``), so one changed on disk is read again with a fresh stretch and footprint."""
        with self._lock:
            known = self._sources.get(href)
        if known is None or (not known.url and not known.path.startswith("/vsi")):
            fresh = open_source(href, self.access)
            with self._lock:
                if known is not None and fresh.version != known.version:
                    self._forget(href)
                self._sources[href] = known = fresh
        return known

    def _forget(self, href: str) -> None:
        """A file changed: its stretch and footprint are found again (hold the lock)."""
        self._footprints.pop(href, None)
        for key in [k for k in self._limits if k[0] == href]:
            del self._limits[key]

    def read_view(
        self,
        recipe: Recipe,
        view: Bbox,
        width: int,
        height: int,
        whole_file: bool = False,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Preview:
        """The recipe drawn over ``view`` (lon/lat) at ``width``×``height`` screen pixels,
        cropped to the data's footprint. Raises ``PreviewError`` with a message for the item."""
        view, width, height = clipped_view(view, width, height)
        grid: Grid | None = None
        channels: list[np.ndarray] = []
        masks: list[np.ndarray] = []
        ranges: list[tuple[float, float]] = []
        details: list[str] = []
        for href in recipe.hrefs:
            if cancelled():
                raise PreviewCancelled
            with self._lock:
                footprint = self._footprints.get(href)
            if footprint is not None and _intersection(view, footprint) is None:
                raise OutsideView  # known from an earlier view: not even opened (pans of mosaics)
            bands = [c.band for c in recipe.channels if c.href == href]
            grid, data, valid, limits, detail = self._read_file(
                recipe, href, bands, view, (width, height), grid, whole_file, cancelled
            )
            channels.extend(data)
            masks.append(valid)
            ranges.extend(limits)
            details.append(detail)
        assert grid is not None
        valid = np.logical_and.reduce(masks)
        values = np.stack(channels).astype(np.float32)
        values[:, ~valid] = np.nan
        rgba = stretch.to_rgba(values, valid, ranges, recipe.colormap)
        names = tuple(c.name for c in recipe.channels)
        return Preview(rgba, values, grid[0], names, recipe.label, "; ".join(details))

    def _read_file(
        self,
        recipe: Recipe,
        href: str,
        bands: list[int],
        view: Bbox,
        screen: tuple[int, int],
        grid: Grid | None,
        whole_file: bool,
        cancelled: Callable[[], bool],
    ) -> tuple[Grid, list[np.ndarray], np.ndarray, list[tuple[float, float]], str]:
        from rasterio.errors import RasterioError

        source = self.source(href)
        data = self._whole_bytes(source, whole_file)
        try:
            with _Opener(source, gdal_options(source, self.access), data) as open_level:
                with open_level() as dataset:
                    info = cog.inspect(dataset, source.size)
                    if not whole_file:
                        cog.require_cog(info, source)
                    bands = _bands_in(bands, dataset.count, recipe.visual)
                    footprint = _footprint(dataset)
                    with self._lock:
                        self._footprints[href] = footprint
                    grid = grid or self._grid(footprint, view, screen)
                    needed = self._needed_res(dataset, grid)
                limits = [self._limits_of(href, b, recipe, info, open_level) for b in bands]
                if cancelled():
                    raise PreviewCancelled
                level = cog.overview_level(info, needed)
                with open_level(level) as dataset:
                    values, valid = self._warp(dataset, bands, grid, recipe.decibels)
        except RasterioError as error:
            raise self.explain_remote(source, error) from None
        described = info.describe()
        factor = OVERVIEW(str(info.overviews[level]), described) if level is not None else None
        return grid, values, valid, limits, factor or FULL(described)

    def explain_remote(self, source: Source, error: Exception) -> PreviewError:
        """GDAL could not open a file the probe found fine: ask the server again, so a refusal
        (403 after the first range, an expired signature) is named rather than "unreadable"."""
        if source.url and "not recognized" in str(error):
            try:
                open_source(source.href, self.access)
            except PreviewError as now:
                return PreviewError(f"{now} while reading the file's tiles")
        return explain(error)

    def _whole_bytes(self, source: Source, whole_file: bool) -> bytes | None:
        """The file's bytes when the user chose to read it whole; None to read by ranges."""
        if not whole_file:
            cog.require_ranges(source)
            return None
        if source.ranges:
            return None  # GDAL reads the strips in place
        with self._lock:
            data = self._whole.get(source.href)
        if data is None:
            data = fetch_whole(source, self.access)
            with self._lock:
                self._whole = {source.href: data}  # keep one: these are large
        return data

    @staticmethod
    def _grid(footprint: Bbox, view: Bbox, screen: tuple[int, int]) -> Grid:
        """The output grid: the view's pixels (its lattice) that cover the data, so previews of
        one view line up pixel for pixel (a mosaic pastes them without resampling)."""
        box = _intersection(view, footprint)
        if box is None:
            raise OutsideView
        west, _, _, north = view
        dx = (view[2] - view[0]) / screen[0]
        dy = (view[3] - view[1]) / screen[1]
        col0 = max(0, math.floor((box[0] - west) / dx))
        col1 = min(screen[0], max(col0 + 1, math.ceil((box[2] - west) / dx)))
        row0 = max(0, math.floor((north - box[3]) / dy))
        row1 = min(screen[1], max(row0 + 1, math.ceil((north - box[1]) / dy)))
        bounds = (west + col0 * dx, north - row1 * dy, west + col1 * dx, north - row0 * dy)
        return bounds, col1 - col0, row1 - row0

    @staticmethod
    def _needed_res(dataset: Any, grid: Grid) -> float:
        """Source-CRS units per output pixel (the finest of the two axes)."""
        from rasterio.warp import transform_bounds

        box, width, height = grid
        west, south, east, north = transform_bounds(MAP_CRS, dataset.crs, *box, 21)
        return min(abs(east - west) / width, abs(north - south) / height)

    def _limits_of(
        self, href: str, band: int, recipe: Recipe, info: cog.CogInfo, open_level: Any
    ) -> tuple[float, float]:
        """The stretch of one band, from the coarsest overview (once per file and band)."""
        if recipe.visual and info.dtype == "uint8":
            return 0.0, 255.0
        key = (href, band, recipe.decibels)
        with self._lock:
            known = self._limits.get(key)
        if known is not None:
            return known
        level = len(info.overviews) - 1 if info.overviews else None
        with open_level(level) as dataset:
            array = dataset.read(band, masked=True).astype(np.float32).filled(np.nan)
        if recipe.decibels:
            array = stretch.decibels(array)
        found = stretch.limits(array)
        with self._lock:
            self._limits[key] = found
        return found

    @staticmethod
    def _warp(
        dataset: Any, bands: list[int], grid: Grid, decibels: bool
    ) -> tuple[list[np.ndarray], np.ndarray]:
        from rasterio.enums import Resampling
        from rasterio.transform import from_bounds
        from rasterio.vrt import WarpedVRT

        box, width, height = grid
        options: dict[str, Any] = {
            "crs": MAP_CRS,
            "transform": from_bounds(*box, width, height),
            "width": width,
            "height": height,
            "resampling": Resampling.nearest,  # real values, so the cursor shows what is there
        }
        if dataset.nodata is not None:
            options["nodata"] = dataset.nodata
        else:
            options["add_alpha"] = True
        with WarpedVRT(dataset, **options) as vrt:
            if dataset.nodata is not None:
                read = vrt.read(bands, masked=True)
                valid = ~np.ma.getmaskarray(read).any(axis=0)
                values = read.astype(np.float32).filled(np.nan)
            else:
                values = vrt.read(bands).astype(np.float32)
                valid = vrt.read(vrt.count) > 0
        if decibels:
            values = stretch.decibels(values)
        return list(values), valid
