"""The bundled offline basemap (Natural Earth land, coastlines and borders) as plain arrays.

No Qt here: the map panel turns the arrays into paths itself (for pyqtgraph, ``arrayToQPath`` with
``connect="finite"``), while tests and hit-testing can use them as they are. Coordinates are lon/lat
degrees; one NaN separates consecutive rings or polylines. Built by
``resources/tools/make_basemap.py``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Levels of detail, coarsest first, named after the Natural Earth scale (1:110m, 1:50m).
LODS: tuple[str, ...] = ("110m", "50m")

#: A level is good enough down to this many degrees per screen pixel. 1:110m data has detail
#: of roughly 0.1-0.3°, so it is used while the whole world or a continent fits the view; from
#: there on 1:50m (about 4x the vertices) keeps coastlines from looking angular.
LOD_MIN_DEGREES_PER_PIXEL: dict[str, float] = {"110m": 0.15, "50m": 0.0}


@dataclass(frozen=True)
class BasemapLevel:
    """One level of detail: filled land rings and stroked coastline/border lines.

    ``land_*`` holds closed rings, outer rings and holes alike (e.g. the Caspian Sea), so fill them
    as one path with the odd-even rule. ``lines_*`` draws each topology arc once, so borders
    shared by two countries are not doubled. All arrays are float32 and read-only.
    """

    lod: str
    land_x: np.ndarray
    land_y: np.ndarray
    lines_x: np.ndarray
    lines_y: np.ndarray


@dataclass(frozen=True)
class Basemap:
    """All levels of detail, coarsest first, and where the data came from (for an About box)."""

    levels: tuple[BasemapLevel, ...]
    source: str

    @property
    def lods(self) -> tuple[str, ...]:
        """Level names, coarsest first."""
        return tuple(level.lod for level in self.levels)

    def level(self, lod: str) -> BasemapLevel:
        """The level called ``lod`` (``"110m"`` or ``"50m"``)."""
        for level in self.levels:
            if level.lod == lod:
                return level
        raise KeyError(f"no basemap level {lod!r}; have {', '.join(self.lods)}")

    def for_resolution(self, degrees_per_pixel: float) -> BasemapLevel:
        """The level to draw at the view's current zoom."""
        return self.level(choose_lod(degrees_per_pixel, self.lods))


def _frozen(array: np.ndarray, key: str) -> np.ndarray:
    """A read-only float32 copy, so a frozen Basemap cannot be changed through its arrays."""
    if array.ndim != 1:
        raise ValueError(f"basemap array {key} should be one-dimensional, is {array.shape}")
    out = np.ascontiguousarray(array, dtype=np.float32)
    out.flags.writeable = False
    return out


def load_basemap(path: Path) -> Basemap:
    """Read ``basemap.npz``; raise ``ValueError`` if it lacks a level's arrays."""
    with np.load(path, allow_pickle=False) as data:
        lods = tuple(str(lod) for lod in data["lods"]) if "lods" in data.files else LODS
        source = str(data["source"]) if "source" in data.files else ""
        levels = []
        for lod in lods:
            arrays: dict[str, np.ndarray] = {}
            for kind in ("land", "lines"):
                for axis in ("x", "y"):
                    key = f"{kind}_{lod}_{axis}"
                    if key not in data.files:
                        raise ValueError(f"{path} has no array {key}")
                    arrays[f"{kind}_{axis}"] = _frozen(data[key], key)
            for kind in ("land", "lines"):
                if arrays[f"{kind}_x"].shape != arrays[f"{kind}_y"].shape:
                    raise ValueError(f"{path}: {kind}_{lod} x and y differ in length")
            levels.append(BasemapLevel(lod=lod, **arrays))
    return Basemap(levels=tuple(levels), source=source)


def choose_lod(degrees_per_pixel: float, lods: tuple[str, ...] = LODS) -> str:
    """The coarsest level still detailed enough at ``degrees_per_pixel`` (of the view's width).

    Coarse data keeps a zoomed-out world cheap to draw; finer data only when zoomed in. A zoom that
    is not a positive finite number (a view not laid out yet) gets the coarsest level.
    """
    if not lods:
        raise ValueError("no levels of detail to choose from")
    if not np.isfinite(degrees_per_pixel) or degrees_per_pixel <= 0:
        return lods[0]
    for lod in lods:
        if degrees_per_pixel >= LOD_MIN_DEGREES_PER_PIXEL.get(lod, 0.0):
            return lod
    return lods[-1]


def split_parts(x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """NaN-separated coordinates as a list of ``(n, 2)`` arrays, one per ring or polyline.

    For hit-testing and tests; drawing code should pass the NaN-separated arrays on as they are.
    """
    xy = np.column_stack([np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)])
    breaks = np.flatnonzero(np.isnan(xy).any(axis=1))
    bounds = np.concatenate([[-1], breaks, [len(xy)]])
    return [xy[a + 1 : b] for a, b in itertools.pairwise(bounds) if b - a > 1]
