"""The bundled basemap loads, is sane lon/lat data, and puts land and sea where they belong."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely

from stacdesk.core.geo.basemap import LODS, Basemap, choose_lod, load_basemap, split_parts

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
BASEMAP = RESOURCES / "basemap" / "basemap.npz"


@pytest.fixture(scope="module")
def basemap() -> Basemap:
    return load_basemap(BASEMAP)


def _land_hits(basemap: Basemap, lod: str, lon: float, lat: float) -> int:
    """How many land rings contain the point; odd means land (the odd-even fill rule)."""
    level = basemap.level(lod)
    rings = split_parts(level.land_x, level.land_y)
    point = shapely.Point(lon, lat)
    return sum(shapely.Polygon(ring).contains(point) for ring in rings if len(ring) >= 4)


def test_file_is_small_and_has_both_levels(basemap: Basemap) -> None:
    assert BASEMAP.stat().st_size < 3_000_000
    assert basemap.lods == LODS
    assert "Natural Earth" in basemap.source
    assert (RESOURCES / "basemap" / "LICENSE.md").is_file()


@pytest.mark.parametrize("lod", LODS)
@pytest.mark.parametrize("kind", ["land", "lines"])
def test_arrays_are_finite_lon_lat_between_separators(
    basemap: Basemap, lod: str, kind: str
) -> None:
    level = basemap.level(lod)
    x, y = getattr(level, f"{kind}_x"), getattr(level, f"{kind}_y")
    assert x.dtype == np.float32 and y.dtype == np.float32
    assert x.shape == y.shape and x.size > 1000
    assert not x.flags.writeable
    # NaN separators are in the same places in x and y, never doubled, never at the ends.
    assert np.array_equal(np.isnan(x), np.isnan(y))
    assert not np.isnan(x[0]) and not np.isnan(x[-1])
    nan = np.isnan(x)
    assert not (nan[:-1] & nan[1:]).any()
    parts = split_parts(x, y)
    assert len(parts) == nan.sum() + 1
    for part in parts:
        assert len(part) >= 2
        assert np.isfinite(part).all()
        assert (part[:, 0] >= -180).all() and (part[:, 0] <= 180).all()
        assert (part[:, 1] >= -90).all() and (part[:, 1] <= 90).all()
        # Nothing wraps across the antimeridian as a line streaking over the whole map; only a
        # land ring closing Antarctica may run along the map's bottom edge, the south pole.
        long = np.abs(np.diff(part[:, 0])) >= 180
        along_pole = (part[:-1, 1] <= -89.9) & (part[1:, 1] <= -89.9)
        assert not (long & ~along_pole).any()
        if kind == "lines":
            assert not long.any()


@pytest.mark.parametrize("lod", LODS)
def test_land_rings_are_closed(basemap: Basemap, lod: str) -> None:
    level = basemap.level(lod)
    for ring in split_parts(level.land_x, level.land_y):
        assert len(ring) >= 4
        assert np.array_equal(ring[0], ring[-1])


def test_finer_level_has_more_detail(basemap: Basemap) -> None:
    coarse, fine = basemap.level("110m"), basemap.level("50m")
    assert fine.lines_x.size > 3 * coarse.lines_x.size
    assert fine.land_x.size > 3 * coarse.land_x.size


@pytest.mark.parametrize("lod", LODS)
@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [
        ("Prague", 14.42, 50.08),
        ("Brasília", -47.88, -15.79),
        ("Alice Springs", 133.88, -23.70),
        ("Chukotka, east of 180°", -172.0, 66.0),
        ("Antarctic interior", 0.0, -85.0),
        ("south pole", 45.0, -89.5),
    ],
)
def test_known_land_points(basemap: Basemap, lod: str, name: str, lon: float, lat: float) -> None:
    assert _land_hits(basemap, lod, lon, lat) % 2 == 1, name


@pytest.mark.parametrize("lod", LODS)
@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [
        ("mid Atlantic", -30.0, 30.0),
        ("central Pacific", -150.0, 0.0),
        ("Indian Ocean", 80.0, -30.0),
        ("Caspian Sea, a hole in the land", 50.5, 42.0),
        ("Bering Strait", -169.0, 65.8),
    ],
)
def test_known_sea_points(basemap: Basemap, lod: str, name: str, lon: float, lat: float) -> None:
    assert _land_hits(basemap, lod, lon, lat) % 2 == 0, name


def test_borders_are_not_doubled(basemap: Basemap) -> None:
    """Each arc is stored once, so no line segment appears twice (either direction)."""
    level = basemap.level("50m")
    segments: set[tuple[float, float, float, float]] = set()
    duplicates = 0
    for part in split_parts(level.lines_x, level.lines_y):
        for (x0, y0), (x1, y1) in zip(part[:-1].tolist(), part[1:].tolist(), strict=True):
            key = (x0, y0, x1, y1) if (x0, y0) <= (x1, y1) else (x1, y1, x0, y0)
            duplicates += key in segments
            segments.add(key)
    assert duplicates == 0


def test_lines_skip_the_antimeridian_cut(basemap: Basemap) -> None:
    """Natural Earth cuts polygons at ±180°; that cut is not a coastline and is not drawn."""
    for lod in LODS:
        level = basemap.level(lod)
        for part in split_parts(level.lines_x, level.lines_y):
            on_edge = np.abs(part[:, 0]) >= 180 - 1e-4
            assert not (on_edge[:-1] & on_edge[1:]).any()


def test_choose_lod() -> None:
    assert choose_lod(360 / 1000) == "110m"  # the whole world in a 1000 px wide view
    assert choose_lod(0.5) == "110m"
    assert choose_lod(0.05) == "50m"  # a country filling the view
    assert choose_lod(1e-6) == "50m"
    assert choose_lod(float("nan")) == "110m"
    assert choose_lod(0.0) == "110m"
    assert choose_lod(0.01, ("110m",)) == "110m"


def test_for_resolution_and_unknown_level(basemap: Basemap) -> None:
    assert basemap.for_resolution(1.0).lod == "110m"
    assert basemap.for_resolution(0.01).lod == "50m"
    with pytest.raises(KeyError):
        basemap.level("10m")


def test_load_rejects_incomplete_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.npz"
    np.savez(path, lods=np.array(["110m"]), land_110m_x=np.zeros(3, np.float32))
    with pytest.raises(ValueError, match="land_110m_y"):
        load_basemap(path)


def test_split_parts() -> None:
    x = np.array([0, 1, np.nan, 2, 3, 4], dtype=np.float32)
    y = np.array([0, 1, np.nan, 2, 3, 4], dtype=np.float32)
    parts = split_parts(x, y)
    assert [len(p) for p in parts] == [2, 3]
    assert parts[1][0].tolist() == [2.0, 2.0]
