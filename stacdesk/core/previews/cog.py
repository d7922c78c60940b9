"""Is a GeoTIFF cloud-optimised? Its overview levels, tiling and size, and whether a preview may
read it by ranges or would need the whole file.

Why it matters: a tiled file with overviews is previewed from a few tiles of one overview level
(kilobytes); a striped file without overviews needs every strip for any view, so the preview
refuses until the user asks for the whole file. A JPEG 2000 is treated like the striped file:
GDAL decodes even a small view of one from much of its codestream, so a large one is read only
when asked (a small or local one without asking).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.previews.access import Source
from stacdesk.core.previews.errors import NeedsWholeFile, PreviewError

NOT_OPTIMISED = QT_TRANSLATE_NOOP("Previews", "not cloud-optimised (%1)")
JPEG2000 = QT_TRANSLATE_NOOP("Previews", "a JPEG 2000, not cloud-optimised")
STRIPS = QT_TRANSLATE_NOOP("Previews", "strips")
NO_OVERVIEWS = QT_TRANSLATE_NOOP("Previews", "no overviews")

#: Files this small are read whole without asking (the question would cost more than the bytes).
SMALL_FILE = 1_000_000
#: A level this small needs no overview below it to be read cheaply.
SMALL_SIDE = 1024


@dataclass(frozen=True)
class CogInfo:
    """What the file's header says; ``overviews`` are the decimation factors (2, 4, 8 …)."""

    width: int
    height: int
    count: int
    dtype: str
    crs: str | None
    res: tuple[float, float]
    block: tuple[int, int]  # rows, columns of band 1's blocks
    overviews: tuple[int, ...]
    nodata: float | None
    size: int | None
    driver: str = "GTiff"

    @property
    def tiled(self) -> bool:
        rows, columns = self.block  # strips span the whole width, a few rows each
        return not (columns == self.width and rows < self.height)

    @property
    def jpeg2000(self) -> bool:
        return self.driver.startswith("JP2")

    @property
    def cloud_optimised(self) -> bool:
        if self.jpeg2000:
            return False
        return self.tiled and (bool(self.overviews) or max(self.width, self.height) <= SMALL_SIDE)

    def describe(self) -> str:
        """One line for the status bar and the tests' failure messages."""
        layout = "JPEG 2000" if self.jpeg2000 else "tiled" if self.tiled else "striped"
        levels = ", ".join(f"1/{f}" for f in self.overviews) or "none"
        return f"{self.width}×{self.height}×{self.count} {self.dtype}, {layout}, overviews {levels}"


def inspect(dataset: Any, size: int | None) -> CogInfo:
    """Read the header of an open rasterio dataset (no pixel is read)."""
    if dataset.crs is None:
        raise PreviewError("the file has no coordinate reference system: it cannot be placed")
    rows, columns = dataset.block_shapes[0]
    return CogInfo(
        width=dataset.width,
        height=dataset.height,
        count=dataset.count,
        dtype=str(dataset.dtypes[0]),
        crs=dataset.crs.to_string(),
        res=(abs(dataset.res[0]), abs(dataset.res[1])),
        block=(rows, columns),
        overviews=tuple(dataset.overviews(1)),
        nodata=dataset.nodata,
        size=size,
        driver=str(dataset.driver),
    )


def _cheap(source: Source) -> bool:
    """A small file, or a local one (reading it costs no download)."""
    small = source.size is not None and source.size <= SMALL_FILE
    return small or not source.path.startswith("/vsi")


def require_ranges(source: Source) -> None:
    """Raise ``NeedsWholeFile`` when the server cannot send parts of the file (checked before
    GDAL opens it: GDAL would fail, or fetch everything)."""
    if not source.ranges and not _cheap(source):
        raise NeedsWholeFile("the server does not support Range requests", source.size)


def require_cog(info: CogInfo, source: Source) -> None:
    """Raise ``NeedsWholeFile`` unless a view can be read from a few tiles (or it is cheap)."""
    if not _cheap(source) and not info.cloud_optimised:
        if info.jpeg2000:
            raise NeedsWholeFile(JPEG2000(), source.size)
        reason = STRIPS() if not info.tiled else NO_OVERVIEWS()
        raise NeedsWholeFile(NOT_OPTIMISED(reason), source.size)


def overview_level(info: CogInfo, needed_res: float) -> int | None:
    """The coarsest level whose pixels are still at least as fine as ``needed_res`` (source
    units per view pixel); None for full resolution. ``overview_level=i`` opens factor i."""
    best: int | None = None
    base = min(info.res)
    for index, factor in enumerate(info.overviews):
        if base * factor <= needed_res:
            best = index
    return best
