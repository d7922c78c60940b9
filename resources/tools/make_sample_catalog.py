#!/usr/bin/env python3
"""Generate stacdesk's bundled offline sample catalog (``resources/sample-catalog/``).

Why this exists: the app must start without a network and still show a believable catalog to
search, filter and preview. Every item here is *synthesised* from templates written in this file
(orbit/tile grids, property sets, asset lists) -- no real STAC item is copied and nothing outside
this script is read. The metadata imitates Copernicus Sentinel-1 GRD, Sentinel-2 L2A, Landsat
Collection 2 Level-2 and ERA5 products; the asset hrefs point at ``https://example.invalid/`` and
cannot be downloaded; ``file:checksum`` values of data assets are SHA2-256 multihashes of a pretend
payload string, not of any real file (thumbnail checksums are real: they hash the bundled JPEGs).
A few assets of two Czech scenes are the exception: ``sample_data_files.py`` gives them small real
GeoTIFFs under ``data/``, so downloads can be tried offline.

The output is deterministic for a given ``--seed`` (same bytes on the same library versions), so
regenerating after editing this script gives a reviewable diff.

Usage (from the repository root)::

    uv run python resources/tools/make_sample_catalog.py            # -> resources/sample-catalog/
    uv run python resources/tools/make_sample_catalog.py --out /tmp/cat --seed 7

Dependencies: the standard library, numpy, Pillow and shapely.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import io
import json
import math
import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from sample_data_files import SIDE, attach_data_files, items_with_files
from shapely.affinity import translate
from shapely.geometry import Polygon, box
from shapely.geometry.polygon import orient

UTC = dt.UTC
Json = dict[str, Any]
Ring = list[tuple[float, float]]

GENERATOR = "resources/tools/make_sample_catalog.py"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "sample-catalog"
DEFAULT_SEED = 20250630
FAKE_BASE = "https://example.invalid/sample"
STAC_VERSION = "1.0.0"
T_START = dt.datetime(2023, 1, 1, tzinfo=UTC)
T_END = dt.datetime(2025, 6, 30, 23, 59, 59, tzinfo=UTC)
COUNTS = {"sentinel-2-l2a": 1200, "landsat-c2-l2": 800, "sentinel-1-grd": 900}
ERA5_MONTHS = [(y, m) for y in (2023, 2024) for m in range(1, 13)]  # an + fc -> 48 items
COLLECTION_ORDER = ("sentinel-1-grd", "sentinel-2-l2a", "landsat-c2-l2", "era5-pds")
THUMB_SIZE = 96
JPEG_QUALITY = 70
EUROPE_SHARE = 0.5  # share of scene items placed over Europe ...
CZECHIA_SHARE = 0.3  # ... of which this share falls in Czechia

EXT = {
    "eo": "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
    "proj1": "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
    "proj2": "https://stac-extensions.github.io/projection/v2.0.0/schema.json",
    "sat": "https://stac-extensions.github.io/sat/v1.0.0/schema.json",
    "sar": "https://stac-extensions.github.io/sar/v1.0.0/schema.json",
    "view": "https://stac-extensions.github.io/view/v1.0.0/schema.json",
    "file": "https://stac-extensions.github.io/file/v2.1.0/schema.json",
    "raster": "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
    "mgrs": "https://stac-extensions.github.io/mgrs/v1.0.0/schema.json",
    "grid": "https://stac-extensions.github.io/grid/v1.1.0/schema.json",
    "landsat": "https://stac-extensions.github.io/landsat/v2.0.0/schema.json",
    "sci": "https://stac-extensions.github.io/scientific/v1.0.0/schema.json",
    "datacube": "https://stac-extensions.github.io/datacube/v2.2.0/schema.json",
    "item_assets": "https://stac-extensions.github.io/item-assets/v1.0.0/schema.json",
}
COG = "image/tiff; application=geotiff; profile=cloud-optimized"
MB = 1_000_000


# ------------------------------------------------------------------ small helpers


def iso(t: dt.datetime, digits: int = 3) -> str:
    """RFC 3339 UTC timestamp with a fixed number of fractional digits (stable output)."""
    t = t.astimezone(UTC)
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    if digits <= 0:
        return base + "Z"
    return f"{base}.{t.microsecond:06d}"[: len(base) + 1 + digits] + "Z"


def compact(t: dt.datetime) -> str:
    """The ``YYYYMMDDTHHMMSS`` token used inside product identifiers."""
    return t.strftime("%Y%m%dT%H%M%S")


def fake_file(href: str, size: int) -> Json:
    """Synthetic ``file:*`` fields: the checksum hashes a pretend payload string, not a file."""
    payload = f"stacdesk synthetic payload|{href}|{size}".encode()
    return {"file:size": size, "file:checksum": "1220" + hashlib.sha256(payload).hexdigest()}


def wrap_lon(lon: float) -> float:
    """Normalise a longitude into [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


def beta_cloud(rng: random.Random, climate: str) -> float:
    """Scene cloud cover drawn from a climate-dependent (often U-shaped) distribution."""
    a, b = {
        "arid": (0.35, 4.0),
        "dry": (0.45, 2.0),
        "temperate": (0.55, 0.55),
        "wet": (0.9, 0.6),
        "polar": (0.6, 0.8),
    }[climate]
    return round(100.0 * rng.betavariate(a, b), 2)


# ------------------------------------------------------------------ geodesy

EARTH_R_KM = 6371.0088


def destination(lon: float, lat: float, bearing: float, dist_km: float) -> tuple[float, float]:
    """Great-circle destination; the longitude is *not* wrapped so swaths can cross 180."""
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    d = dist_km / EARTH_R_KM
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(
        math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(l2), math.degrees(p2)


def bearing_between(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Initial great-circle bearing in degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


@dataclass(frozen=True)
class Orbit:
    """A sun-synchronous orbit: enough to place ground tracks and derive headings."""

    inclination: float
    period_min: float

    def track(self, node_lon: float, u: float) -> tuple[float, float]:
        """Ground point at argument of latitude ``u`` (deg) after the ascending node."""
        i, ur = math.radians(self.inclination), math.radians(u)
        lat = math.degrees(math.asin(math.sin(i) * math.sin(ur)))
        dlon = math.degrees(math.atan2(math.cos(i) * math.sin(ur), math.cos(ur)))
        # the sun-synchronous plane is fixed w.r.t. the sun: the Earth turns 0.25 deg/min under it
        return node_lon + dlon - 0.25 * self.period_min * u / 360.0, lat

    def u_of(self, lat: float, ascending: bool) -> float:
        """Argument of latitude at which the track reaches ``lat`` on the given pass."""
        s = math.sin(math.radians(lat)) / math.sin(math.radians(self.inclination))
        u = math.degrees(math.asin(max(-1.0, min(1.0, s))))
        return u if ascending else 180.0 - u

    def heading(self, lat: float, ascending: bool) -> float:
        """Ground-track heading at ``lat`` (deg from north), from a finite difference."""
        u = self.u_of(lat, ascending)
        a, b = self.track(0.0, u - 0.05), self.track(0.0, u + 0.05)
        return bearing_between(a[0], a[1], b[0], b[1])


S1_ORBIT = Orbit(98.18, 12 * 1440 / 175)
S2_ORBIT = Orbit(98.62, 10 * 1440 / 143)
LANDSAT_ORBIT = Orbit(98.2, 16 * 1440 / 233)

# --- UTM (Krueger series, WGS84) for Sentinel-2 MGRS tiles and Landsat projection metadata
_A = 6378137.0
_F = 1 / 298.257223563
_N = _F / (2 - _F)
_AA = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_ALPHA = (
    _N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16,
    13 * _N**2 / 48 - 3 * _N**3 / 5,
    61 * _N**3 / 240,
)
_BETA = (_N / 2 - 2 * _N**2 / 3 + 37 * _N**3 / 96, _N**2 / 48 + _N**3 / 15, 17 * _N**3 / 480)
_DELTA = (2 * _N - 2 * _N**2 / 3 - 2 * _N**3, 7 * _N**2 / 3 - 8 * _N**3 / 5, 56 * _N**3 / 15)
_K0 = 0.9996


def utm_zone(lon: float) -> int:
    """UTM zone number of a longitude (no Norway/Svalbard exceptions)."""
    return int((wrap_lon(lon) + 180.0) // 6.0) % 60 + 1


def utm_forward(lon: float, lat: float, zone: int, south: bool) -> tuple[float, float]:
    """Geographic -> UTM easting/northing in metres."""
    phi, lam = math.radians(lat), math.radians(lon - (zone * 6 - 183))
    c = 2 * math.sqrt(_N) / (1 + _N)
    t = math.sinh(math.atanh(math.sin(phi)) - c * math.atanh(c * math.sin(phi)))
    xi = math.atan2(t, math.cos(lam))
    eta = math.atanh(math.sin(lam) / math.sqrt(1 + t * t))
    e = eta + sum(
        a * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, a in enumerate(_ALPHA, 1)
    )
    n = xi + sum(a * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, a in enumerate(_ALPHA, 1))
    return 500000.0 + _K0 * _AA * e, (10_000_000.0 if south else 0.0) + _K0 * _AA * n


def utm_inverse(easting: float, northing: float, zone: int, south: bool) -> tuple[float, float]:
    """UTM easting/northing in metres -> geographic (lon, lat)."""
    xi = (northing - (10_000_000.0 if south else 0.0)) / (_K0 * _AA)
    eta = (easting - 500000.0) / (_K0 * _AA)
    xp = xi - sum(b * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, b in enumerate(_BETA, 1))
    ep = eta - sum(
        b * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, b in enumerate(_BETA, 1)
    )
    chi = math.asin(math.sin(xp) / math.cosh(ep))
    phi = chi + sum(d * math.sin(2 * j * chi) for j, d in enumerate(_DELTA, 1))
    lam = math.atan2(math.sinh(ep), math.cos(xp))
    return zone * 6 - 183 + math.degrees(lam), math.degrees(phi)


MGRS_BANDS = "CDEFGHJKLMNPQRSTUVWX"
MGRS_COLS = ("ABCDEFGH", "JKLMNPQR", "STUVWXYZ")
MGRS_ROWS = "ABCDEFGHJKLMNPQRSTUV"


def mgrs_square(zone: int, easting: float, northing: float) -> str:
    """Two-letter MGRS 100 km square id (WGS84 lettering)."""
    col = MGRS_COLS[(zone - 1) % 3][int(easting // 100_000) - 1]
    row = MGRS_ROWS[(int(northing // 100_000) + (5 if zone % 2 == 0 else 0)) % 20]
    return col + row


def solar_position(t: dt.datetime, lon: float, lat: float) -> tuple[float, float]:
    """Approximate sun (elevation, azimuth) in degrees -- good to a fraction of a degree."""
    doy = t.timetuple().tm_yday
    hour = t.hour + t.minute / 60 + t.second / 3600
    g = 2 * math.pi / 365 * (doy - 1 + (hour - 12) / 24)
    decl = (
        0.006918
        - 0.399912 * math.cos(g)
        + 0.070257 * math.sin(g)
        - 0.006758 * math.cos(2 * g)
        + 0.000907 * math.sin(2 * g)
        - 0.002697 * math.cos(3 * g)
        + 0.00148 * math.sin(3 * g)
    )
    eqt = 229.18 * (
        0.000075
        + 0.001868 * math.cos(g)
        - 0.032077 * math.sin(g)
        - 0.014615 * math.cos(2 * g)
        - 0.040849 * math.sin(2 * g)
    )
    ha = math.radians((hour * 60 + eqt + 4 * lon) / 4 - 180)
    phi = math.radians(lat)
    cz = math.sin(phi) * math.sin(decl) + math.cos(phi) * math.cos(decl) * math.cos(ha)
    zen = math.acos(max(-1.0, min(1.0, cz)))
    az = math.degrees(
        math.atan2(math.sin(ha), math.cos(ha) * math.sin(phi) - math.tan(decl) * math.cos(phi))
    )
    return 90.0 - math.degrees(zen), (az + 180.0) % 360.0


# ------------------------------------------------------------------ footprints


def swath_ring(lon: float, lat: float, heading: float, along_km: float, across_km: float) -> Ring:
    """A rotated quadrilateral centred on (lon, lat), long axis along ``heading``."""
    front = destination(lon, lat, heading, along_km / 2)
    back = destination(lon, lat, heading + 180.0, along_km / 2)
    ring = [
        destination(*front, heading + 90.0, across_km / 2),
        destination(*front, heading - 90.0, across_km / 2),
        destination(*back, heading - 90.0, across_km / 2),
        destination(*back, heading + 90.0, across_km / 2),
    ]
    # keep the ring continuous around the centre's longitude (no jumps at +-180)
    return [(lon + ((x - lon + 180.0) % 360.0 - 180.0), y) for x, y in ring]


def _ring_coords(poly: Polygon) -> list[list[float]]:
    """Rounded CCW exterior ring without consecutive duplicates."""
    out: list[list[float]] = []
    for x, y in orient(poly, 1.0).exterior.coords:
        pt = [round(x, 6) + 0.0, round(y, 6) + 0.0]
        if not out or out[-1] != pt:
            out.append(pt)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def footprint(ring: Ring) -> tuple[Json, list[float]]:
    """GeoJSON geometry + bbox; rings crossing 180 become an RFC 7946 split MultiPolygon."""
    poly = Polygon(ring)
    minx, _, maxx, _ = poly.bounds
    if minx < -180.0:
        poly = translate(poly, 360.0)
        minx, maxx = minx + 360.0, maxx + 360.0
    if maxx <= 180.0:
        shift = -360.0 if minx >= 180.0 else 0.0
        coords = _ring_coords(translate(poly, shift))
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        return {"type": "Polygon", "coordinates": [coords]}, [min(xs), min(ys), max(xs), max(ys)]
    east = poly.intersection(box(minx - 1.0, -90.0, 180.0, 90.0))
    west = translate(poly.intersection(box(180.0, -90.0, maxx + 1.0, 90.0)), -360.0)
    assert east.geom_type == "Polygon" and west.geom_type == "Polygon", "unexpected split"
    east_c, west_c = _ring_coords(east), _ring_coords(west)
    ys = [c[1] for c in east_c + west_c]
    bbox = [min(c[0] for c in east_c), min(ys), max(c[0] for c in west_c), max(ys)]
    return {"type": "MultiPolygon", "coordinates": [[east_c], [west_c]]}, bbox


# ------------------------------------------------------------------ where scenes go


@dataclass(frozen=True)
class Region:
    """A rough land box: scenes are drawn uniformly inside; climate drives cloud/vegetation."""

    name: str
    west: float
    south: float
    east: float
    north: float
    climate: str

    @property
    def weight(self) -> float:
        """Area-like weight so big regions get proportionally more scenes."""
        mid = math.radians((self.south + self.north) / 2)
        return (self.east - self.west) * (self.north - self.south) * math.cos(mid)


CZECHIA = Region("czechia", 12.1, 48.6, 18.85, 51.05, "temperate")
EUROPE = (
    Region("iberia", -8.5, 37.0, -1.0, 43.0, "dry"),
    Region("france", -1.0, 43.5, 6.5, 49.5, "temperate"),
    Region("germany-benelux", 4.0, 49.5, 14.0, 54.0, "temperate"),
    Region("alps", 6.5, 45.5, 13.5, 47.8, "temperate"),
    Region("poland", 14.5, 50.0, 23.5, 54.0, "temperate"),
    Region("italy", 11.0, 41.5, 16.0, 45.0, "dry"),
    Region("pannonia", 16.5, 45.5, 22.5, 48.5, "temperate"),
    Region("balkans", 19.0, 41.0, 28.0, 45.5, "temperate"),
    Region("ukraine", 24.0, 46.5, 38.0, 51.5, "temperate"),
    Region("baltics", 21.0, 54.0, 28.0, 59.0, "temperate"),
    Region("sweden", 11.0, 57.0, 18.0, 63.0, "temperate"),
    Region("finland", 22.0, 61.0, 30.0, 66.0, "temperate"),
    Region("britain", -3.5, 51.0, 0.5, 55.0, "temperate"),
    Region("anatolia", 28.0, 37.0, 40.0, 40.5, "dry"),
    Region("western-russia", 30.0, 52.0, 45.0, 58.0, "temperate"),
)
WORLD = (
    Region("us-plains", -110.0, 33.0, -85.0, 48.0, "dry"),
    Region("us-east", -90.0, 33.0, -77.0, 42.0, "temperate"),
    Region("canada", -115.0, 50.0, -80.0, 56.0, "temperate"),
    Region("mexico", -107.0, 18.0, -98.0, 27.0, "dry"),
    Region("alaska", -155.0, 61.0, -143.0, 67.0, "polar"),
    Region("amazon", -70.0, -12.0, -50.0, -2.0, "wet"),
    Region("brazil-south", -55.0, -25.0, -42.0, -14.0, "wet"),
    Region("pampas", -66.0, -38.0, -58.0, -28.0, "dry"),
    Region("altiplano", -72.0, -20.0, -66.0, -14.0, "dry"),
    Region("sahara", -8.0, 18.0, 30.0, 30.0, "arid"),
    Region("sahel", -10.0, 10.0, 25.0, 15.0, "dry"),
    Region("congo", 15.0, -8.0, 30.0, 3.0, "wet"),
    Region("east-africa", 30.0, -10.0, 40.0, 8.0, "wet"),
    Region("southern-africa", 18.0, -33.0, 32.0, -20.0, "dry"),
    Region("arabia", 38.0, 17.0, 55.0, 28.0, "arid"),
    Region("iran", 45.0, 28.0, 60.0, 37.0, "arid"),
    Region("kazakhstan", 50.0, 43.0, 80.0, 53.0, "dry"),
    Region("siberia", 60.0, 55.0, 120.0, 66.0, "temperate"),
    Region("india", 74.0, 12.0, 86.0, 28.0, "wet"),
    Region("china", 103.0, 24.0, 118.0, 38.0, "wet"),
    Region("mongolia", 90.0, 42.0, 115.0, 49.0, "dry"),
    Region("indochina", 98.0, 12.0, 106.0, 20.0, "wet"),
    Region("australia", 117.0, -33.0, 150.0, -20.0, "arid"),
)


def pick_region(rng: random.Random) -> Region:
    """Half the scenes over Europe (a good share of those in Czechia), the rest over land."""
    if rng.random() < EUROPE_SHARE:
        if rng.random() < CZECHIA_SHARE:
            return CZECHIA
        return rng.choices(EUROPE, weights=[r.weight for r in EUROPE])[0]
    return rng.choices(WORLD, weights=[r.weight for r in WORLD])[0]


def point_in(rng: random.Random, region: Region) -> tuple[float, float]:
    """Uniform point (on the sphere) inside a region box."""
    s0, s1 = math.sin(math.radians(region.south)), math.sin(math.radians(region.north))
    return rng.uniform(region.west, region.east), math.degrees(math.asin(rng.uniform(s0, s1)))


def pick_time_slot(
    rng: random.Random, first: dt.datetime, repeat: dt.timedelta, ok: Callable[[dt.datetime], bool]
) -> dt.datetime | None:
    """A random repeat-cycle acquisition ``first + k * repeat`` inside the sample period."""
    k0 = math.ceil((T_START - first) / repeat)
    k1 = math.floor((T_END - first) / repeat)
    for _ in range(40):
        t = first + rng.randint(k0, k1) * repeat
        if T_START <= t <= T_END and ok(t):
            return t
    return None


# ------------------------------------------------------------------ thumbnails


def fractal(rng: np.random.Generator, h: int, w: int, beta: float) -> np.ndarray:
    """1/f^beta noise normalised to [0, 1] (spectral synthesis): terrain, clouds, backscatter."""
    spec = np.fft.fft2(rng.standard_normal((h, w)))
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.fftfreq(w)[None, :]
    r = np.sqrt(fx * fx + fy * fy)
    r[0, 0] = 1.0
    spec *= r ** (-beta / 2)
    spec[0, 0] = 0.0
    out = np.fft.ifft2(spec).real
    return (out - out.min()) / (np.ptp(out) + 1e-12)


def blocks(rng: np.random.Generator, h: int, w: int, size: int) -> np.ndarray:
    """Blocky field pattern in [-1, 1] (agricultural parcels)."""
    grid = rng.uniform(-1.0, 1.0, (h // size + 1, w // size + 1))
    return np.kron(grid, np.ones((size, size)))[:h, :w]


def render_optical(rng: np.random.Generator, cloud: float, dryness: float) -> np.ndarray:
    """Terrain in greens/browns with water, parcels and clouds covering ~``cloud`` percent."""
    n = THUMB_SIZE
    elev = fractal(rng, n, n, 3.2)
    moist = fractal(rng, n, n, 2.6)
    water_level = rng.uniform(0.0, 0.3)
    green = np.array([58, 96, 46], float)
    lush = np.array([104, 140, 70], float)
    brown = np.array([156, 130, 92], float)
    veg = lush * moist[..., None] + green * (1 - moist[..., None])
    land = veg * (1 - dryness) + brown * dryness
    if rng.random() < 0.6:
        land = land * (1 + 0.12 * blocks(rng, n, n, int(rng.integers(3, 8)))[..., None])
    land = land * (0.8 + 0.45 * (elev[..., None] - water_level))
    water = np.array([30, 55, 80], float) * (0.9 + 0.2 * moist[..., None])
    img = np.where((elev < np.quantile(elev, water_level * 0.5))[..., None], water, land)
    if cloud > 0.3:
        c = fractal(rng, n, n, 3.4)
        thr = np.quantile(c, 1.0 - cloud / 100.0)
        alpha = np.clip((c - thr) / 0.08, 0.0, 1.0) ** 0.7
        shadow = np.roll(alpha, (4, 5), axis=(0, 1)) * (1 - alpha)
        img = img * (1 - 0.45 * shadow[..., None])
        white = np.array([246, 246, 250], float) * (0.88 + 0.12 * c[..., None])
        img = img * (1 - alpha[..., None]) + white * alpha[..., None]
        img = img * (1 - cloud / 400) + 235 * cloud / 400  # haze
    return np.clip(img, 0, 255).astype(np.uint8)


def render_sar(rng: np.random.Generator, looks: float, smooth: bool) -> np.ndarray:
    """Grey speckled backscatter: dark water, textured land, a few bright (urban) points."""
    n = THUMB_SIZE
    base = fractal(rng, n, n, 3.0 if smooth else 2.4)
    sigma = 0.015 + 0.22 * base**1.5
    if rng.random() < 0.7:
        sigma = sigma * (1 + 0.5 * blocks(rng, n, n, int(rng.integers(3, 7))))
    wet = fractal(rng, n, n, 3.6)
    water = wet < np.quantile(wet, rng.uniform(0.0, 0.25))
    sigma = np.where(water, 0.002 + 0.003 * base, sigma)
    for _ in range(int(rng.integers(0, 6))):
        y, x = rng.integers(0, n, 2)
        sigma[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2] = rng.uniform(0.8, 2.0)
    speckle = rng.gamma(looks, 1.0 / looks, (n, n))
    db = 10 * np.log10(np.maximum(sigma * speckle, 1e-4))
    grey = np.clip((db + 28.0) / 30.0, 0.0, 1.0) * 255
    return np.repeat(grey[..., None], 3, axis=2).astype(np.uint8)


def render_era5(rng: np.random.Generator, month: int) -> np.ndarray:
    """A global 2 m temperature-like colour field for a month (2:1 aspect)."""
    w, h = THUMB_SIZE, THUMB_SIZE // 2
    lat = np.linspace(89.0, -89.0, h)[:, None] * np.ones((1, w))
    s = np.sin(np.radians(lat))
    season = math.cos(2 * math.pi * (month - 7) / 12)
    temp = 28 - 55 * s**2 + 14 * s * season + 8 * (fractal(rng, h, w, 3.0) - 0.5)
    stops = np.array([-40, -10, 5, 15, 25, 35], float)
    cols = np.array(
        [
            [49, 54, 149],
            [116, 173, 209],
            [224, 243, 248],
            [254, 224, 144],
            [244, 109, 67],
            [165, 0, 38],
        ],
        float,
    )
    img = np.stack([np.interp(temp, stops, cols[:, k]) for k in range(3)], axis=-1)
    return np.clip(img, 0, 255).astype(np.uint8)


def rotate_landsat(arr: np.ndarray, angle: float) -> np.ndarray:
    """Landsat browse look: the north-up scene sits rotated on a black background."""
    n = THUMB_SIZE
    im = Image.fromarray(arr).resize((int(n * 0.78),) * 2, Image.Resampling.BILINEAR)
    im = im.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=(0, 0, 0))
    canvas = Image.new("RGB", (n, n), (0, 0, 0))
    canvas.paste(im, ((n - im.width) // 2, (n - im.height) // 2))
    return np.asarray(canvas)


def jpeg_bytes(arr: np.ndarray) -> bytes:
    """Encode an RGB array as a small baseline JPEG."""
    buf = io.BytesIO()
    Image.fromarray(arr, "RGB").save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buf.getvalue()


@dataclass
class ThumbnailPool:
    """~300 quicklooks shared by the items (several items point at the same file)."""

    seed: int
    files: dict[str, bytes] = field(default_factory=dict)
    optical_variants: int = 12
    landsat_variants: int = 8
    sar_iw_variants: int = 48
    sar_ew_variants: int = 12

    def build(self) -> None:
        """Render every image of the pool (deterministic per seed and image index)."""
        idx = 0

        def rng() -> np.random.Generator:
            nonlocal idx
            idx += 1
            return np.random.default_rng([self.seed, idx])

        for bucket in range(10):
            for v in range(self.optical_variants):
                r = rng()
                cc = bucket * 10 + float(r.uniform(0, 10))
                arr = render_optical(r, cc, float(r.uniform(0.0, 0.7)))
                self.files[f"s2-cc{bucket * 10:02d}-{v:02d}.jpg"] = jpeg_bytes(arr)
            for v in range(self.landsat_variants):
                r = rng()
                cc = bucket * 10 + float(r.uniform(0, 10))
                arr = render_optical(r, cc, float(r.uniform(0.0, 0.8)))
                arr = rotate_landsat(arr, float(r.uniform(-15.0, -10.0)))
                self.files[f"landsat-cc{bucket * 10:02d}-{v:02d}.jpg"] = jpeg_bytes(arr)
        for v in range(self.sar_iw_variants):
            self.files[f"s1-iw-{v:02d}.jpg"] = jpeg_bytes(render_sar(rng(), 4.4, False))
        for v in range(self.sar_ew_variants):
            self.files[f"s1-ew-{v:02d}.jpg"] = jpeg_bytes(render_sar(rng(), 10.7, True))
        for y, m in ERA5_MONTHS:
            self.files[f"era5-{y}-{m:02d}.jpg"] = jpeg_bytes(render_era5(rng(), m))

    def asset(self, name: str) -> Json:
        """Thumbnail asset (href relative to the notional item file; real size/checksum)."""
        data = self.files[name]
        return {
            "href": f"thumbnails/{name}",
            "type": "image/jpeg",
            "title": "Thumbnail (synthetic quicklook)",
            "roles": ["thumbnail"],
            "file:size": len(data),
            "file:checksum": "1220" + hashlib.sha256(data).hexdigest(),
        }

    def optical(self, prefix: str, cloud: float, rng: random.Random) -> Json:
        """Pick an optical quicklook whose cloud amount matches the item's eo:cloud_cover."""
        bucket = min(9, int(cloud // 10)) * 10
        n = self.optical_variants if prefix == "s2" else self.landsat_variants
        return self.asset(f"{prefix}-cc{bucket:02d}-{rng.randrange(n):02d}.jpg")

    def sar(self, mode: str, rng: random.Random) -> Json:
        """Pick a speckled SAR quicklook for the acquisition mode."""
        n = self.sar_iw_variants if mode == "IW" else self.sar_ew_variants
        return self.asset(f"s1-{mode.lower()}-{rng.randrange(n):02d}.jpg")


# ------------------------------------------------------------------ shared item parts


def item_links(item_id: str) -> list[Json]:
    """Relative links; hrefs resolve against the sample-catalog folder (see README)."""
    return [
        {"rel": "self", "href": f"./{item_id}.json", "type": "application/geo+json"},
        {"rel": "parent", "href": "./collections.json", "type": "application/json"},
        {"rel": "collection", "href": "./collections.json", "type": "application/json"},
        {"rel": "root", "href": "./collections.json", "type": "application/json"},
    ]


def data_asset(href: str, size: int, extra: Json) -> Json:
    """A data/metadata asset at the fake base with synthetic ``file:*`` fields."""
    asset: Json = {"href": href}
    asset.update(extra)
    asset.update(fake_file(href, size))
    return asset


def make_item(
    cid: str,
    item_id: str,
    geometry: Json,
    bbox: list[float],
    props: Json,
    assets: Json,
    extensions: Iterable[str],
) -> Json:
    """Assemble a STAC 1.0 Item with a stable key order."""
    return {
        "type": "Feature",
        "stac_version": STAC_VERSION,
        "stac_extensions": [EXT[e] for e in extensions],
        "id": item_id,
        "collection": cid,
        "geometry": geometry,
        "bbox": bbox,
        "properties": props,
        "links": item_links(item_id),
        "assets": assets,
    }


# ------------------------------------------------------------------ Sentinel-2 L2A

S2_BANDS = (  # key, common name, description, centre um, fwhm um, gsd m
    ("B01", "coastal", "Coastal aerosol", 0.443, 0.027, 60),
    ("B02", "blue", "Blue", 0.490, 0.098, 10),
    ("B03", "green", "Green", 0.560, 0.045, 10),
    ("B04", "red", "Red", 0.665, 0.038, 10),
    ("B05", "rededge", "Vegetation red edge 1", 0.704, 0.019, 20),
    ("B06", "rededge", "Vegetation red edge 2", 0.740, 0.018, 20),
    ("B07", "rededge", "Vegetation red edge 3", 0.783, 0.028, 20),
    ("B08", "nir", "NIR", 0.842, 0.145, 10),
    ("B8A", "nir08", "Vegetation red edge 4", 0.865, 0.033, 20),
    ("B09", "nir09", "Water vapour", 0.945, 0.026, 60),
    ("B11", "swir16", "SWIR (1.6)", 1.610, 0.143, 20),
    ("B12", "swir22", "SWIR (2.2)", 2.190, 0.242, 20),
)
S2_EXTRA = (  # key, title, gsd, size range in MB at full coverage
    ("AOT", "Aerosol optical thickness (AOT)", 10, (8, 30)),
    ("WVP", "Water vapour (WVP)", 10, (15, 45)),
    ("SCL", "Scene classification map (SCL)", 20, (1, 5)),
    ("visual", "True color image", 10, (110, 260)),
)
S2_META = (  # key, title, file name, type, size range in MB
    ("product-metadata", "Product metadata", "MTD_MSIL2A.xml", "application/xml", (0.05, 0.1)),
    ("granule-metadata", "Granule metadata", "MTD_TL.xml", "application/xml", (0.4, 0.7)),
    ("datastrip-metadata", "Datastrip metadata", "MTD_DS.xml", "application/xml", (1.0, 9.0)),
    ("inspire-metadata", "INSPIRE metadata", "INSPIRE.xml", "application/xml", (0.01, 0.02)),
    ("safe-manifest", "SAFE manifest", "manifest.safe", "application/xml", (0.05, 0.08)),
)
S2_SIZE_MB = {10: (120, 230), 20: (30, 62), 60: (3, 8)}
S2_REF = dt.datetime(2024, 3, 12, 10, 0, 29, tzinfo=UTC)  # an S2B R122 datatake over Czechia
S2_LANE = 360.0 / 143
S2C_TAKEOVER = dt.datetime(2025, 1, 21, tzinfo=UTC)


def s2_band_info(key: str) -> list[Json]:
    """``eo:bands`` for one Sentinel-2 band asset (or the RGB visual)."""
    keys = ("B04", "B03", "B02") if key == "visual" else (key,)
    out = []
    for k, common, desc, centre, fwhm, _ in S2_BANDS:
        if k in keys:
            out.append(
                {
                    "name": k,
                    "common_name": common,
                    "description": f"Band {k[1:].lstrip('0')} - {desc}",
                    "center_wavelength": centre,
                    "full_width_half_max": fwhm,
                }
            )
    return sorted(out, key=lambda b: keys.index(b["name"]))


def s2_asset_templates() -> dict[str, Json]:
    """Per-key asset fields shared by items and the collection's ``item_assets``."""
    out: dict[str, Json] = {}
    for k, _, desc, _, _, gsd in S2_BANDS:
        out[k] = {
            "title": f"Band {k[1:].lstrip('0')} - {desc} - {gsd}m",
            "type": COG,
            "roles": ["data", "reflectance"],
            "gsd": gsd,
            "eo:bands": s2_band_info(k),
        }
    for k, title, gsd, _ in S2_EXTRA:
        out[k] = {"title": title, "type": COG, "roles": ["data"], "gsd": gsd}
        if k == "visual":
            out[k]["roles"] = ["visual"]
            out[k]["eo:bands"] = s2_band_info("visual")
    for k, title, _, mtype, _ in S2_META:
        out[k] = {"title": title, "type": mtype, "roles": ["metadata"]}
    return out


def s2_processing_baseline(t: dt.datetime) -> str:
    """Processing baseline in force at sensing time (N05.09 -> N05.10 -> N05.11)."""
    if t < dt.datetime(2023, 12, 13, tzinfo=UTC):
        return "05.09"
    if t < dt.datetime(2024, 7, 23, tzinfo=UTC):
        return "05.10"
    return "05.11"


def s2_relative_orbit(lon: float) -> int:
    """Relative orbit whose 290 km swath covers ``lon`` (R022/R122/R079 over Czechia)."""
    lane = int((wrap_lon(lon) + 180.0) // S2_LANE)
    return (-lane * 43) % 143 + 1


def s2_tile(lon: float, lat: float) -> tuple[str, int, bool, tuple[float, float, float, float]]:
    """MGRS tile containing the point: (tile id, zone, south, UTM bbox of the 109.8 km tile)."""
    zone, south = utm_zone(lon), lat < 0
    e, n = utm_forward(lon, lat, zone, south)
    e0 = float(min(700_000, max(100_000, math.floor(e / 100_000) * 100_000)))
    n0 = float(math.floor(n / 100_000) * 100_000)
    _, clat = utm_inverse(e0 + 50_000, n0 + 50_000, zone, south)
    band = MGRS_BANDS[min(19, max(0, int((clat + 80) // 8)))]
    tile = f"{zone:02d}{band}{mgrs_square(zone, e0, n0)}"
    return tile, zone, south, (e0, n0 - 9_760.0, e0 + 109_800.0, n0 + 100_040.0)


def s2_percentages(rng: random.Random, cloud: float, climate: str, cold: bool) -> Json:
    """Scene-classification percentages consistent with eo:cloud_cover (sum to ~100)."""
    w = [rng.random() + 0.2, rng.random() + 0.2, rng.random() * 0.6]
    s = sum(w)
    high, medium, cirrus = (cloud * x / s for x in w)
    rest = 100.0 - cloud
    shadow = min(rest, cloud * rng.uniform(0.02, 0.12))
    rest -= shadow
    snow = rest * rng.uniform(0.0, 0.6) if cold else rest * rng.uniform(0.0, 0.002)
    rest -= snow
    water = rest * rng.uniform(0.0, 0.12)
    unclassified = min(rest - water, rng.uniform(0.1, 2.5))
    dark = min(rest - water - unclassified, rng.uniform(0.0, 1.5))
    rest -= water + unclassified + dark
    veg_share = {"arid": 0.05, "dry": 0.35, "temperate": 0.7, "wet": 0.85, "polar": 0.2}[climate]
    veg = rest * min(1.0, max(0.0, veg_share + rng.uniform(-0.15, 0.15)))
    values = {
        "s2:high_proba_clouds_percentage": high,
        "s2:medium_proba_clouds_percentage": medium,
        "s2:thin_cirrus_percentage": cirrus,
        "s2:cloud_shadow_percentage": shadow,
        "s2:vegetation_percentage": veg,
        "s2:not_vegetated_percentage": rest - veg,
        "s2:water_percentage": water,
        "s2:snow_ice_percentage": snow,
        "s2:unclassified_percentage": unclassified,
        "s2:dark_features_percentage": dark,
    }
    return {k: round(v, 6) + 0.0 for k, v in values.items()}


def s2_cut(rng: random.Random, tile_box: Polygon, heading: float) -> Polygon:
    """Cut a tile along the swath edge (partial coverage), keeping 15-90 % of it."""
    cx, cy = tile_box.centroid.x, tile_box.centroid.y
    h = math.radians(heading)
    dx, dy = math.sin(h), math.cos(h)  # along-track direction in the UTM plane
    nx, ny = dy, -dx
    side = rng.choice((-1.0, 1.0))
    for _ in range(20):
        off = rng.uniform(-50_000, 50_000)
        big = 400_000.0
        px, py = cx + nx * off, cy + ny * off
        half = Polygon(
            [
                (px - dx * big, py - dy * big),
                (px + dx * big, py + dy * big),
                (px + dx * big + side * nx * big, py + dy * big + side * ny * big),
                (px - dx * big + side * nx * big, py - dy * big + side * ny * big),
            ]
        )
        part = tile_box.intersection(half)
        if part.geom_type == "Polygon" and 0.15 <= part.area / tile_box.area <= 0.9:
            return part
    return tile_box


def build_sentinel2(rng: random.Random, thumbs: ThumbnailPool, count: int) -> list[Json]:
    """Sentinel-2 L2A tiles on the MGRS grid, sensed on the real 10-day/5-day repeat pattern."""
    cid = "sentinel-2-l2a"
    templates = s2_asset_templates()
    items: dict[str, Json] = {}
    while len(items) < count:
        region = pick_region(rng)
        lon, lat = point_in(rng, region)
        tile, zone, south, (x0, y0, x1, y1) = s2_tile(lon, lat)
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        clon, clat = utm_inverse((x0 + x1) / 2, (y0 + y1) / 2, zone, south)
        rel = s2_relative_orbit(clon)
        platform = rng.choice(("sentinel-2a", "sentinel-2b"))
        offset = (rel - 122) % 143 * dt.timedelta(days=10) / 143
        first = (
            S2_REF
            + offset
            + (dt.timedelta(days=5) if platform != "sentinel-2b" else dt.timedelta())
        )

        def sunny(t: dt.datetime, clon: float = clon, clat: float = clat) -> bool:
            return solar_position(t, clon, clat)[0] > 8.0

        t0 = pick_time_slot(rng, first, dt.timedelta(days=10), sunny)
        if t0 is None:
            continue
        if platform == "sentinel-2a" and t0 >= S2C_TAKEOVER:
            platform = "sentinel-2c"
        sensing = t0 + dt.timedelta(milliseconds=rng.randrange(1000))
        plat = "S2" + platform[-1].upper()
        baseline = s2_processing_baseline(sensing)
        generated = (sensing + dt.timedelta(seconds=rng.randint(4000, 14000))).replace(
            microsecond=0
        )
        item_id = (
            f"{plat}_MSIL2A_{compact(sensing)}_N{baseline.replace('.', '')}_R{rel:03d}"
            f"_T{tile}_{compact(generated)}"
        )
        if item_id in items:
            continue
        tile_poly = Polygon(corners)
        heading = S2_ORBIT.heading(clat, ascending=False)
        part = s2_cut(rng, tile_poly, heading) if rng.random() < 0.3 else tile_poly
        coverage = part.area / tile_poly.area
        ring = [utm_inverse(x, y, zone, south) for x, y in part.exterior.coords]
        geometry, bbox = footprint(ring)
        cloud = beta_cloud(rng, region.climate)
        cold = abs(clat) > 45 and sensing.month in ((12, 1, 2) if clat > 0 else (6, 7, 8))
        elev, azim = solar_position(sensing, clon, clat)
        epoch = {"sentinel-2a": 2015.47, "sentinel-2b": 2017.18, "sentinel-2c": 2024.68}[platform]
        years = sensing.year + sensing.timetuple().tm_yday / 365.25 - epoch
        absolute = int(years * 365.25 * 143 / 10) + rng.randint(0, 3)
        doy = sensing.timetuple().tm_yday
        esd = 1 - 0.01672 * math.cos(math.radians(0.9856 * (doy - 4)))
        centre = f"2{platform[-1].upper()}PS"
        base = f"{FAKE_BASE}/{cid}/{tile[:2]}/{tile[2]}/{tile[3:]}/{sensing.year}/{sensing.month}"
        base = f"{base}/{item_id}"
        props: Json = {
            "datetime": iso(sensing),
            "platform": platform,
            "constellation": "sentinel-2",
            "instruments": ["msi"],
            "eo:cloud_cover": cloud,
            "proj:code": f"EPSG:{(32700 if south else 32600) + zone}",
            "proj:bbox": [x0, y0, x1, y1],
            "proj:centroid": {"lat": round(clat, 5), "lon": round(clon, 5)},
            "grid:code": f"MGRS-{tile}",
            "mgrs:utm_zone": zone,
            "mgrs:latitude_band": tile[2],
            "mgrs:grid_square": tile[3:],
            "sat:orbit_state": "descending",
            "sat:relative_orbit": rel,
            "sat:absolute_orbit": absolute,
            "view:sun_azimuth": round(azim, 4),
            "view:sun_elevation": round(elev, 4),
            "s2:mgrs_tile": tile,
            "s2:product_type": "S2MSI2A",
            "s2:processing_baseline": baseline,
            "s2:product_uri": f"{item_id}.SAFE",
            "s2:generation_time": iso(generated, 6),
            "s2:datatake_id": f"G{plat}_{compact(sensing)}_{absolute:06d}_N{baseline}",
            "s2:datatake_type": "INS-NOBS",
            "s2:datastrip_id": (
                f"{plat}_OPER_MSI_L2A_DS_{centre}_{compact(generated)}_S{compact(sensing)}_N{baseline}"
            ),
            "s2:granule_id": (
                f"{plat}_OPER_MSI_L2A_TL_{centre}_{compact(generated)}_A{absolute:06d}"
                f"_T{tile}_N{baseline}"
            ),
            "s2:mean_solar_zenith": round(90.0 - elev, 6),
            "s2:mean_solar_azimuth": round(azim, 6),
            "s2:reflectance_conversion_factor": round(1 / esd**2, 9),
            "s2:nodata_pixel_percentage": round(100.0 * (1 - coverage), 6) + 0.0,
            "s2:saturated_defective_pixel_percentage": 0.0,
            "s2:degraded_msi_data_percentage": round(rng.uniform(0, 0.03), 4),
            **s2_percentages(rng, cloud, "polar" if abs(clat) > 66 else region.climate, cold),
            "created": iso(generated + dt.timedelta(minutes=rng.randint(10, 90))),
        }
        assets: Json = {"thumbnail": thumbs.optical("s2", cloud, rng)}
        fill = max(0.05, coverage)
        for key, tpl in templates.items():
            if "metadata" in tpl["roles"]:
                fname, lo, hi = next((m[2], *m[4]) for m in S2_META if m[0] == key)
                size = int(rng.uniform(lo, hi) * MB)
                assets[key] = data_asset(f"{base}/{fname}", size, tpl)
                continue
            gsd = tpl["gsd"]
            lo, hi = next((e[3] for e in S2_EXTRA if e[0] == key), S2_SIZE_MB[gsd])
            size = int(rng.uniform(lo, hi) * MB * fill)
            px = int(109_800 // gsd)
            extra = dict(tpl)
            extra["proj:shape"] = [px, px]
            extra["proj:transform"] = [float(gsd), 0.0, x0, 0.0, -float(gsd), y1]
            assets[key] = data_asset(f"{base}/{key}.tif", size, extra)
        items[item_id] = make_item(
            cid,
            item_id,
            geometry,
            bbox,
            props,
            assets,
            ("eo", "proj2", "sat", "view", "mgrs", "grid", "file"),
        )
    return list(items.values())


# ------------------------------------------------------------------ Landsat C2 L2

LANDSAT_REF = dt.datetime(2023, 10, 23, 17, 43, 43, tzinfo=UTC)  # LC09 path 034 row 032
LANDSAT_SR = (  # key, band file, OLI band, common name, title, description, centre, fwhm
    (
        "coastal",
        "SR_B1",
        "OLI_B1",
        "coastal",
        "Coastal/Aerosol Band",
        "Coastal/Aerosol",
        0.44,
        0.02,
    ),
    ("blue", "SR_B2", "OLI_B2", "blue", "Blue Band", "Visible blue", 0.48, 0.06),
    ("green", "SR_B3", "OLI_B3", "green", "Green Band", "Visible green", 0.56, 0.06),
    ("red", "SR_B4", "OLI_B4", "red", "Red Band", "Visible red", 0.65, 0.04),
    ("nir08", "SR_B5", "OLI_B5", "nir08", "Near Infrared Band 0.8", "Near infrared", 0.87, 0.03),
    (
        "swir16",
        "SR_B6",
        "OLI_B6",
        "swir16",
        "Short-wave Infrared Band 1.6",
        "Short-wave infrared",
        1.61,
        0.09,
    ),
    (
        "swir22",
        "SR_B7",
        "OLI_B7",
        "swir22",
        "Short-wave Infrared Band 2.2",
        "Short-wave infrared",
        2.2,
        0.19,
    ),
)
LANDSAT_ST = (  # key, file suffix, title, roles, scale, offset, data type, MB range
    (
        "lwir11",
        "ST_B10",
        "Surface Temperature Band",
        ["data", "temperature"],
        0.00341802,
        149.0,
        "uint16",
        (45, 80),
    ),
    (
        "atran",
        "ST_ATRAN",
        "Atmospheric Transmittance Band",
        ["data"],
        0.0001,
        0.0,
        "int16",
        (8, 20),
    ),
    ("cdist", "ST_CDIST", "Cloud Distance Band", ["data"], 0.01, 0.0, "int16", (5, 15)),
    ("drad", "ST_DRAD", "Downwelled Radiance Band", ["data"], 0.001, 0.0, "int16", (8, 20)),
    ("urad", "ST_URAD", "Upwelled Radiance Band", ["data"], 0.001, 0.0, "int16", (8, 20)),
    ("trad", "ST_TRAD", "Thermal Radiance Band", ["data"], 0.001, 0.0, "int16", (40, 70)),
    ("emis", "ST_EMIS", "Emissivity Band", ["data"], 0.0001, 0.0, "int16", (15, 35)),
    (
        "emsd",
        "ST_EMSD",
        "Emissivity Standard Deviation Band",
        ["data"],
        0.0001,
        0.0,
        "int16",
        (10, 25),
    ),
    (
        "qa",
        "ST_QA",
        "Surface Temperature Quality Assessment Band",
        ["data"],
        0.01,
        0.0,
        "int16",
        (20, 45),
    ),
)
LANDSAT_QA = (  # key, file suffix, title, roles
    (
        "qa_pixel",
        "QA_PIXEL",
        "Pixel Quality Assessment Band",
        ["cloud", "cloud-shadow", "snow-ice", "water-mask"],
    ),
    (
        "qa_radsat",
        "QA_RADSAT",
        "Radiometric Saturation and Terrain Occlusion Quality Assessment Band",
        ["saturation"],
    ),
    ("qa_aerosol", "SR_QA_AEROSOL", "Aerosol Quality Assessment Band", ["data-mask", "water-mask"]),
)
LANDSAT_META = (  # key, file suffix, title, type
    ("mtl.json", "MTL.json", "Product Metadata File (json)", "application/json"),
    ("mtl.txt", "MTL.txt", "Product Metadata File (txt)", "text/plain"),
    ("mtl.xml", "MTL.xml", "Product Metadata File (xml)", "application/xml"),
    ("ang", "ANG.txt", "Angle Coefficients File", "text/plain"),
)


def landsat_asset_templates() -> dict[str, tuple[str, Json]]:
    """Landsat asset key -> (file suffix, shared asset fields)."""
    out: dict[str, tuple[str, Json]] = {}
    for key, fname, oli, common, title, desc, centre, fwhm in LANDSAT_SR:
        out[key] = (
            fname,
            {
                "title": title,
                "description": f"Collection 2 Level-2 {title} ({fname}) Surface Reflectance",
                "type": COG,
                "roles": ["data", "reflectance"],
                "gsd": 30,
                "eo:bands": [
                    {
                        "name": oli,
                        "common_name": common,
                        "description": desc,
                        "center_wavelength": centre,
                        "full_width_half_max": fwhm,
                    }
                ],
                "raster:bands": [
                    {
                        "nodata": 0,
                        "data_type": "uint16",
                        "scale": 2.75e-05,
                        "offset": -0.2,
                        "spatial_resolution": 30,
                    }
                ],
            },
        )
    for key, fname, title, roles, scale, offset, dtype, _ in LANDSAT_ST:
        tpl: Json = {
            "title": title,
            "type": COG,
            "roles": roles,
            "raster:bands": [
                {
                    "nodata": 0 if dtype == "uint16" else -9999,
                    "data_type": dtype,
                    "scale": scale,
                    "offset": offset,
                    "spatial_resolution": 30,
                }
            ],
        }
        if key == "lwir11":
            tpl["gsd"] = 100
            tpl["eo:bands"] = [
                {
                    "name": "TIRS_B10",
                    "common_name": "lwir11",
                    "description": "Long-wave infrared",
                    "center_wavelength": 10.9,
                    "full_width_half_max": 0.59,
                }
            ]
        out[key] = (fname, tpl)
    for key, fname, title, roles in LANDSAT_QA:
        out[key] = (
            fname,
            {
                "title": title,
                "type": COG,
                "roles": roles,
                "raster:bands": [{"nodata": 1 if key == "qa_pixel" else 0, "data_type": "uint16"}],
            },
        )
    for key, fname, title, mtype in LANDSAT_META:
        out[key] = (fname, {"title": title, "type": mtype, "roles": ["metadata"]})
    return out


def wrs2_center(path: int, row: int) -> tuple[float, float]:
    """Approximate WRS-2 scene centre (calibrated so path 191 / row 025 lies over Czechia)."""
    along = (60 - row) * 360.0 / 248
    lat = math.degrees(
        math.asin(math.sin(math.radians(LANDSAT_ORBIT.inclination)) * math.sin(math.radians(along)))
    )
    return wrap_lon((200.7 - path) * 360.0 / 233), lat


def wrs2_path_row(lon: float, lat: float) -> tuple[int, int]:
    """Nearest daytime WRS-2 path/row for a point."""
    s = math.sin(math.radians(lat)) / math.sin(math.radians(LANDSAT_ORBIT.inclination))
    along = math.degrees(math.asin(max(-1.0, min(1.0, s))))
    row = max(1, min(122, round(60 - along * 248 / 360.0)))
    path = (round(200.7 - wrap_lon(lon) * 233 / 360.0) - 1) % 233 + 1
    return path, row


def build_landsat(rng: random.Random, thumbs: ThumbnailPool, count: int) -> list[Json]:
    """Landsat 8/9 Level-2 scenes on the WRS-2 grid, on the 16-day/8-day repeat pattern."""
    cid = "landsat-c2-l2"
    templates = landsat_asset_templates()
    items: dict[str, Json] = {}
    polar = [(18.0, 78.3, "polar"), (-40.0, 72.0, "polar")]  # Svalbard, central Greenland
    while len(items) < count:
        if polar and len(items) >= count // 2:
            plon, plat, climate = polar.pop()
        else:
            region = pick_region(rng)
            plon, plat = point_in(rng, region)
            climate = region.climate
        path, row = wrs2_path_row(plon, plat)
        clon, clat = wrs2_center(path, row)
        platform = rng.choice(("landsat-8", "landsat-9"))
        orbit_index = (path - 34) * 102 % 233
        first = (
            LANDSAT_REF
            + orbit_index * dt.timedelta(days=16) / 233
            + (row - 32) * dt.timedelta(seconds=23.92)
            + (dt.timedelta(days=8) if platform == "landsat-8" else dt.timedelta())
        )

        def sunny(t: dt.datetime, clon: float = clon, clat: float = clat) -> bool:
            return solar_position(t, clon, clat)[0] > 10.0

        t0 = pick_time_slot(rng, first, dt.timedelta(days=16), sunny)
        if t0 is None:
            continue
        sensing = t0 + dt.timedelta(milliseconds=rng.randrange(1000))
        pnum = platform[-1]
        correction = "L2SP" if rng.random() < 0.93 else "L2SR"
        cloud = beta_cloud(rng, climate)
        category = "T2" if cloud > 75 and rng.random() < 0.5 else "T1"
        item_id = f"LC0{pnum}_{correction}_{path:03d}{row:03d}_{sensing:%Y%m%d}_02_{category}"
        if item_id in items:
            continue
        processed = sensing + dt.timedelta(days=rng.randint(3, 14))
        product = (
            f"LC0{pnum}_{correction}_{path:03d}{row:03d}_{sensing:%Y%m%d}_{processed:%Y%m%d}"
            f"_02_{category}"
        )
        heading = LANDSAT_ORBIT.heading(clat, ascending=False)
        ring = swath_ring(clon, clat, heading, 180.0, 185.0)
        geometry, bbox = footprint(ring)
        zone = utm_zone(clon)
        utm = [utm_forward(x, y, zone, False) for x, y in ring]
        xmin = math.floor((min(p[0] for p in utm) - 15) / 30) * 30 + 15
        ymax = math.ceil((max(p[1] for p in utm) - 15) / 30) * 30 + 15
        xmax = math.ceil((max(p[0] for p in utm) - 15) / 30) * 30 + 15
        ymin = math.floor((min(p[1] for p in utm) - 15) / 30) * 30 + 15
        elev, azim = solar_position(sensing, clon, clat)
        props: Json = {
            "datetime": iso(sensing),
            "platform": platform,
            "constellation": "landsat",
            "instruments": ["oli", "tirs"],
            "eo:cloud_cover": cloud,
            "gsd": 30,
            "proj:epsg": 32600 + zone,
            "proj:shape": [int((ymax - ymin) // 30), int((xmax - xmin) // 30)],
            "proj:transform": [30.0, 0.0, float(xmin), 0.0, -30.0, float(ymax)],
            "proj:centroid": {"lat": round(clat, 5), "lon": round(clon, 5)},
            "grid:code": f"WRS2-{path:03d}{row:03d}",
            "view:off_nadir": 0,
            "view:sun_azimuth": round(azim, 8),
            "view:sun_elevation": round(elev, 8),
            "sci:doi": "10.5066/P9OGBGM6",
            "landsat:wrs_type": "2",
            "landsat:wrs_path": f"{path:03d}",
            "landsat:wrs_row": f"{row:03d}",
            "landsat:collection_category": category,
            "landsat:collection_number": "02",
            "landsat:correction": correction,
            "landsat:scene_id": f"LC{pnum}{path:03d}{row:03d}{sensing:%Y%j}LGN00",
            "landsat:cloud_cover_land": round(min(100.0, max(0.0, cloud + rng.uniform(-3, 3))), 2),
            "created": iso(processed + dt.timedelta(hours=rng.randint(2, 40))),
        }
        base = f"{FAKE_BASE}/{cid}/{sensing.year}/{path:03d}/{row:03d}/{product}"
        assets: Json = {"thumbnail": thumbs.optical("landsat", cloud, rng)}
        st_sizes = {k: mb for k, *_, mb in LANDSAT_ST}
        for key, (suffix, tpl) in templates.items():
            if correction == "L2SR" and key in st_sizes:
                continue  # surface temperature is not produced for L2SR scenes
            if "metadata" in tpl["roles"]:
                size = rng.randint(9_000, 70_000) if key != "ang" else rng.randint(110_000, 130_000)
            elif key in st_sizes:
                size = int(rng.uniform(*st_sizes[key]) * MB)
            elif key.startswith("qa_"):
                size = int(rng.uniform(1.5, 9.0) * MB)
            else:
                size = int(rng.uniform(55, 95) * MB)
            ext = suffix.rsplit(".", 1)[1] if "." in suffix else "TIF"
            name = suffix.rsplit(".", 1)[0]
            assets[key] = data_asset(f"{base}/{product}_{name}.{ext}", size, tpl)
        items[item_id] = make_item(
            cid,
            item_id,
            geometry,
            bbox,
            props,
            assets,
            ("eo", "proj1", "view", "landsat", "sci", "raster", "grid", "file"),
        )
    return list(items.values())


# ------------------------------------------------------------------ Sentinel-1 GRD

S1_NODE_REF = dt.datetime(2024, 5, 26, 16, 29, 28, tzinfo=UTC)  # S1A orbit 54045 (R073) node
S1_ABS_REF = 54045
S1_LANE = 360.0 / 175
S1_LANE_REF = 98  # lane of the R073 ascending node (local time 18:00)
S1_SLICE_U = 25.0 / (S1_ORBIT.period_min * 60) * 360.0
S1C_START = dt.datetime(2025, 4, 1, tzinfo=UTC)
S1_MODES: dict[str, Json] = {
    "IW": {
        "product": "GRDH",
        "resolution": "high",
        "along_km": 170.0,
        "across_km": 250.0,
        "seconds": 25,
        "shape": (16700, 25400),
        "sar": {
            "sar:resolution_range": 20,
            "sar:resolution_azimuth": 22,
            "sar:pixel_spacing_range": 10,
            "sar:pixel_spacing_azimuth": 10,
            "sar:looks_range": 5,
            "sar:looks_azimuth": 1,
            "sar:looks_equivalent_number": 4.4,
        },
    },
    "EW": {
        "product": "GRDM",
        "resolution": "medium",
        "along_km": 400.0,
        "across_km": 400.0,
        "seconds": 60,
        "shape": (10400, 10600),
        "sar": {
            "sar:resolution_range": 93,
            "sar:resolution_azimuth": 87,
            "sar:pixel_spacing_range": 40,
            "sar:pixel_spacing_azimuth": 40,
            "sar:looks_range": 6,
            "sar:looks_azimuth": 2,
            "sar:looks_equivalent_number": 10.7,
        },
    },
}
S1_POL_CODES = {("VV", "VH"): "SDV", ("VV",): "SSV", ("HH", "HV"): "SDH", ("HH",): "SSH"}
# (target lon, lat, ascending, mode, polarisations): antimeridian crossings and polar scenes
S1_SPECIAL = (
    (180.0, -17.3, True, "IW", ("VV", "VH")),  # Fiji
    (180.0, -16.6, False, "IW", ("VV", "VH")),  # Fiji (Vanua Levu)
    (180.0, 66.4, True, "IW", ("VV", "VH")),  # Chukotka
    (180.0, 71.0, False, "EW", ("HH", "HV")),  # Wrangel Island
    (180.0, -77.5, True, "EW", ("HH", "HV")),  # Ross Ice Shelf
    (-32.0, 79.0, False, "EW", ("HH", "HV")),  # north-east Greenland
    (17.0, 78.5, True, "EW", ("HH", "HV")),  # Svalbard
    (-62.0, -69.5, False, "EW", ("HH", "HV")),  # Antarctic Peninsula
    (-80.0, 79.5, True, "EW", ("HH", "HV")),  # Ellesmere Island
)


@dataclass(frozen=True)
class S1Frame:
    """A slice position on one relative orbit: repeats every 12 days with the same footprint."""

    rel: int
    u: float
    lon: float
    lat: float
    heading: float


def s1_frame(lon: float, lat: float, ascending: bool, lane_shift: int = 0) -> S1Frame:
    """Snap a point to the nearest S1 track (relative orbit) and 25 s slice."""
    u = S1_ORBIT.u_of(lat, ascending)
    u = round(u / S1_SLICE_U) * S1_SLICE_U
    node = lon - (S1_ORBIT.track(0.0, u)[0])
    lane = math.floor((wrap_lon(node) + 180.0) / S1_LANE) + lane_shift
    rel = ((S1_LANE_REF - lane) * 73 + 72) % 175 + 1
    node_lon = -180.0 + (lane + 0.5) * S1_LANE
    clon, clat = S1_ORBIT.track(node_lon, u)
    a = S1_ORBIT.track(node_lon, u - 0.05)
    b = S1_ORBIT.track(node_lon, u + 0.05)
    return S1Frame(rel, u, wrap_lon(clon), clat, bearing_between(a[0], a[1], b[0], b[1]))


def s1_special_frame(lon: float, lat: float, ascending: bool) -> S1Frame:
    """The candidate frame whose centre is closest to the target longitude."""
    cands = [s1_frame(lon, lat, ascending, shift) for shift in (-2, -1, 0, 1, 2)]
    return min(cands, key=lambda f: abs(wrap_lon(f.lon - lon)))


def build_sentinel1(rng: random.Random, thumbs: ThumbnailPool, count: int) -> list[Json]:
    """Sentinel-1 GRD slices on the 175-orbit/12-day track grid (S1A, plus S1C from 2025)."""
    cid = "sentinel-1-grd"
    items: dict[str, Json] = {}
    specials = list(S1_SPECIAL)
    while len(items) < count:
        if specials and rng.random() < 0.05:
            tlon, tlat, ascending, mode, pols = specials.pop(0)
            frame = s1_special_frame(tlon, tlat, ascending)
        else:
            region = pick_region(rng)
            tlon, tlat = point_in(rng, region)
            ascending = rng.random() < 0.5
            mode = "IW"
            pols = ("VV", "VH") if rng.random() < 0.9 else ("VV",)
            frame = s1_frame(tlon, tlat, ascending)
        spec = S1_MODES[mode]
        node_first = S1_NODE_REF + (frame.rel - 73) % 175 * dt.timedelta(
            minutes=S1_ORBIT.period_min
        )
        mid_first = node_first + dt.timedelta(minutes=S1_ORBIT.period_min * frame.u / 360.0)
        mid = pick_time_slot(rng, mid_first, dt.timedelta(days=12), lambda t: True)
        if mid is None:
            continue
        orbits = round((mid - mid_first) / dt.timedelta(days=12)) * 175
        absolute = S1_ABS_REF + (frame.rel - 73) % 175 + orbits
        platform = "sentinel-1a"
        c_mid = mid + dt.timedelta(days=6)  # S1C flies the same tracks, 180 deg out of phase
        if c_mid >= S1C_START and rng.random() < 0.5 and c_mid <= T_END:
            platform, mid = "sentinel-1c", c_mid
            absolute = absolute + 88 - 56875  # S1C counts its orbits from its own launch
        mid = mid + dt.timedelta(microseconds=rng.randrange(1_000_000))
        half = dt.timedelta(seconds=spec["seconds"] / 2)
        start, end = mid - half, mid + half
        datatake = (
            int(431654 + (absolute - S1_ABS_REF) * 9.51)
            if platform == "sentinel-1a"
            else (int(absolute * 9.5))
        )
        plat = "S1" + platform[-1].upper()
        polcode = S1_POL_CODES[pols]
        item_id = (
            f"{plat}_{mode}_{spec['product']}_1{polcode}_{compact(start)}_{compact(end)}"
            f"_{absolute:06d}_{datatake:06X}"
        )
        if item_id in items:
            continue
        product_id = f"{item_id}_{rng.randrange(65536):04X}"
        ring = swath_ring(frame.lon, frame.lat, frame.heading, spec["along_km"], spec["across_km"])
        geometry, bbox = footprint(ring)
        east = bbox[2] + 360.0 if bbox[0] > bbox[2] else bbox[2]
        rows, cols = (int(v * rng.uniform(0.97, 1.03)) for v in spec["shape"])
        processed = end + dt.timedelta(minutes=rng.randint(40, 300))
        total = rng.randint(4, 16)
        props: Json = {
            "datetime": iso(mid, 6),
            "start_datetime": iso(start, 6),
            "end_datetime": iso(end, 6),
            "platform": platform,
            "constellation": "sentinel-1",
            "instruments": ["c-sar"],
            "sar:frequency_band": "C",
            "sar:center_frequency": 5.405,
            "sar:observation_direction": "right",
            "sar:instrument_mode": mode,
            "sar:polarizations": list(pols),
            "sar:product_type": "GRD",
            **spec["sar"],
            "sat:platform_international_designator": (
                "2014-016A" if platform == "sentinel-1a" else "2024-235A"
            ),
            "sat:orbit_state": "ascending" if frame.u < 90 or frame.u > 270 else "descending",
            "sat:absolute_orbit": absolute,
            "sat:relative_orbit": frame.rel,
            "proj:epsg": 4326,
            "proj:bbox": list(bbox),
            "proj:shape": [rows, cols],
            "proj:transform": [
                round((east - bbox[0]) / cols, 12),
                0.0,
                bbox[0],
                0.0,
                -round((bbox[3] - bbox[1]) / rows, 12),
                bbox[3],
            ],
            "proj:centroid": {"lat": round(frame.lat, 5), "lon": round(frame.lon, 5)},
            "s1:instrument_configuration_ID": "7" if platform == "sentinel-1a" else "1",
            "s1:datatake_id": str(datatake),
            "s1:product_timeliness": rng.choice(("Fast-24h", "Fast-24h", "NRT-3h")),
            "s1:processing_level": "1",
            "s1:resolution": spec["resolution"],
            "s1:orbit_source": rng.choice(("RESORB", "POEORB")),
            "s1:slice_number": str(rng.randint(1, total)),
            "s1:total_slices": str(total),
            "s1:product_identifier": product_id,
            "s1:processing_datetime": iso(processed, 6),
            "created": iso(processed + dt.timedelta(minutes=rng.randint(5, 60))),
        }
        base = (
            f"{FAKE_BASE}/{cid}/{mid.year}/{mid.month}/{mid.day}/{mode}/{polcode[1:]}/{product_id}"
        )
        assets: Json = {"thumbnail": thumbs.sar(mode, rng)}
        for pol in pols:
            p = pol.lower()
            size = (
                int(rng.uniform(800, 1100) * MB) if mode == "IW" else int(rng.uniform(90, 140) * MB)
            )
            assets[p] = data_asset(
                f"{base}/measurement/{mode.lower()}-{p}.tiff",
                size,
                {
                    "title": f"{pol} Data",
                    "type": COG,
                    "roles": ["data"],
                    "raster:bands": [{"nodata": 0, "data_type": "uint16"}],
                },
            )
        assets["safe-manifest"] = data_asset(
            f"{base}/manifest.safe",
            rng.randint(18_000, 26_000),
            {"title": "Manifest File", "type": "application/xml", "roles": ["metadata"]},
        )
        for pol in pols:
            p = pol.lower()
            for kind, title, folder, mb in (
                ("product", "Product Schema", "annotation", (1.5, 4.5)),
                ("calibration", "Calibration Schema", "annotation/calibration", (0.9, 2.0)),
                ("noise", "Noise Schema", "annotation/calibration", (0.3, 1.2)),
            ):
                fname = (
                    f"{kind}-{mode.lower()}-{p}.xml"
                    if kind != "product"
                    else f"{mode.lower()}-{p}.xml"
                )
                assets[f"schema-{kind}-{p}"] = data_asset(
                    f"{base}/{folder}/{fname}",
                    int(rng.uniform(*mb) * MB),
                    {"title": f"{pol} {title}", "type": "application/xml", "roles": ["metadata"]},
                )
        items[item_id] = make_item(
            cid, item_id, geometry, bbox, props, assets, ("sar", "sat", "proj1", "raster", "file")
        )
    return list(items.values())


# ------------------------------------------------------------------ ERA5

ERA5_AN = (  # variable, title, unit
    ("air_pressure_at_mean_sea_level", "Mean sea level pressure", "Pa"),
    ("air_temperature_at_2_metres", "2 metre temperature", "K"),
    ("dew_point_temperature_at_2_metres", "2 metre dewpoint temperature", "K"),
    ("eastward_wind_at_100_metres", "100 metre U wind component", "m s-1"),
    ("eastward_wind_at_10_metres", "10 metre U wind component", "m s-1"),
    ("northward_wind_at_100_metres", "100 metre V wind component", "m s-1"),
    ("northward_wind_at_10_metres", "10 metre V wind component", "m s-1"),
    ("sea_surface_temperature", "Sea surface temperature", "K"),
    ("surface_air_pressure", "Surface pressure", "Pa"),
)
ERA5_FC = (
    ("air_temperature_at_2_metres_1hour_Maximum", "Maximum 2 metre temperature (hourly)", "K"),
    ("air_temperature_at_2_metres_1hour_Minimum", "Minimum 2 metre temperature (hourly)", "K"),
    (
        "integral_wrt_time_of_surface_direct_downwelling_shortwave_flux_in_air_1hour_Accumulation",
        "Surface solar radiation downwards (hourly accumulation)",
        "J m-2",
    ),
    ("precipitation_amount_1hour_Accumulation", "Total precipitation (hourly accumulation)", "m"),
)


def build_era5(rng: random.Random, thumbs: ThumbnailPool) -> list[Json]:
    """Monthly global ERA5 analysis (an) and forecast (fc) Zarr items: datetime is null."""
    cid = "era5-pds"
    items: list[Json] = []
    geometry = {
        "type": "Polygon",
        "coordinates": [
            [[-180.0, -90.0], [180.0, -90.0], [180.0, 90.0], [-180.0, 90.0], [-180.0, -90.0]]
        ],
    }
    for y, m in ERA5_MONTHS:
        start = dt.datetime(y, m, 1, tzinfo=UTC)
        nxt = dt.datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=UTC)
        end = nxt - dt.timedelta(hours=1)
        hours = int((nxt - start) / dt.timedelta(hours=1))
        for kind, variables in (("an", ERA5_AN), ("fc", ERA5_FC)):
            item_id = f"era5-pds-{y}-{m:02d}-{kind}"
            props: Json = {
                "datetime": None,
                "start_datetime": iso(start, 0),
                "end_datetime": iso(end, 0),
                "era5:kind": kind,
                "cube:dimensions": {
                    "time": {
                        "type": "temporal",
                        "extent": [iso(start, 0), iso(end, 0)],
                        "step": "PT1H",
                    },
                    "lon": {
                        "type": "spatial",
                        "axis": "x",
                        "extent": [0.0, 359.75],
                        "step": 0.25,
                        "reference_system": 4326,
                    },
                    "lat": {
                        "type": "spatial",
                        "axis": "y",
                        "extent": [-90.0, 90.0],
                        "step": -0.25,
                        "reference_system": 4326,
                    },
                },
                "cube:variables": {
                    var: {
                        "type": "data",
                        "dimensions": ["time", "lat", "lon"],
                        "unit": unit,
                        "description": title,
                        "shape": [hours, 721, 1440],
                    }
                    for var, title, unit in variables
                },
            }
            assets: Json = {"thumbnail": thumbs.asset(f"era5-{y}-{m:02d}.jpg")}
            for var, title, _ in variables:
                href = f"{FAKE_BASE}/{cid}/{y}/{m:02d}/{var}.zarr"
                size = int(hours * rng.uniform(1.6, 2.4) * MB)
                assets[var] = data_asset(
                    href, size, {"title": title, "type": "application/vnd+zarr", "roles": ["data"]}
                )
            items.append(
                make_item(
                    cid,
                    item_id,
                    geometry,
                    [-180.0, -90.0, 180.0, 90.0],
                    props,
                    assets,
                    ("datacube", "file"),
                )
            )
    return items


# ------------------------------------------------------------------ collections

SYNTHETIC_NOTE = (
    "SYNTHETIC SAMPLE DATA for offline demos of stacdesk. The items imitate the metadata of the "
    "real product but describe no real acquisition; they were generated by "
    f"`{GENERATOR}`. Asset links point at the non-resolvable host example.invalid and cannot be "
    "downloaded, except a few bands of two Czech scenes that are small local GeoTIFFs of noise "
    "(under data/); thumbnails are rendered noise, not imagery."
)


@dataclass(frozen=True)
class CollectionInfo:
    """Hand-written, realistic descriptive fields of one collection."""

    cid: str
    title: str
    about: str
    keywords: tuple[str, ...]
    attribution: str
    providers: tuple[Json, ...]
    about_link: tuple[str, str]
    extensions: tuple[str, ...]


GENERATOR_PROVIDER: Json = {
    "name": "stacdesk sample generator",
    "description": "Synthesised these metadata records and quicklooks; no real data is hosted.",
    "roles": ["processor", "host"],
}
COLLECTIONS = (
    CollectionInfo(
        "sentinel-1-grd",
        "Sentinel-1 Level-1 GRD (offline sample)",
        "Sentinel-1 carries a C-band synthetic aperture radar that images day and night, through "
        "cloud. Ground Range Detected (GRD) products are detected, multi-looked and projected to "
        "ground range: Interferometric Wide swath (IW) covers 250 km at about 20 m resolution, "
        "Extra Wide swath (EW) 400 km at about 90 m for polar and maritime monitoring.",
        ("Copernicus", "ESA", "Sentinel", "Sentinel-1", "SAR", "C-band", "GRD"),
        "Contains modified Copernicus Sentinel data 2023-2025",
        (
            {
                "name": "ESA",
                "description": "Producer of the real Sentinel-1 products this sample imitates.",
                "roles": ["producer", "licensor"],
                "url": "https://sentinels.copernicus.eu/web/sentinel/missions/sentinel-1",
            },
        ),
        (
            "https://sentinels.copernicus.eu/web/sentinel/user-guides/sentinel-1-sar",
            "About the real product: Sentinel-1 SAR user guide",
        ),
        ("sar", "sat"),
    ),
    CollectionInfo(
        "sentinel-2-l2a",
        "Sentinel-2 Level-2A (offline sample)",
        "Sentinel-2 carries the MultiSpectral Instrument (MSI): 13 bands from visible to "
        "short-wave infrared at 10, 20 and 60 m, with a five-day revisit at the equator. Level-2A "
        "products are bottom-of-atmosphere reflectance in 110 x 110 km MGRS tiles, with a scene "
        "classification map and per-scene cloud statistics.",
        ("Copernicus", "ESA", "Sentinel", "Sentinel-2", "MSI", "Reflectance", "L2A"),
        "Contains modified Copernicus Sentinel data 2023-2025",
        (
            {
                "name": "ESA",
                "description": "Producer of the real Sentinel-2 products this sample imitates.",
                "roles": ["producer", "licensor"],
                "url": "https://sentinels.copernicus.eu/web/sentinel/missions/sentinel-2",
            },
        ),
        (
            "https://sentinels.copernicus.eu/web/sentinel/user-guides/sentinel-2-msi",
            "About the real product: Sentinel-2 MSI user guide",
        ),
        ("eo", "sat", "view"),
    ),
    CollectionInfo(
        "landsat-c2-l2",
        "Landsat Collection 2 Level-2 (offline sample)",
        "Landsat 8 and 9 carry the Operational Land Imager (OLI) and the Thermal Infrared Sensor "
        "(TIRS). Collection 2 Level-2 science products provide surface reflectance and surface "
        "temperature for 185 km WRS-2 scenes with a 16-day repeat per satellite (8 days combined).",
        ("Landsat", "USGS", "NASA", "OLI", "TIRS", "Reflectance", "Temperature"),
        "Landsat data courtesy of the U.S. Geological Survey",
        (
            {
                "name": "USGS",
                "description": "Producer of the real Landsat products this sample imitates.",
                "roles": ["producer", "processor", "licensor"],
                "url": "https://www.usgs.gov/landsat-missions",
            },
            {
                "name": "NASA",
                "description": "Builds and launches the Landsat satellites.",
                "roles": ["producer"],
                "url": "https://landsat.gsfc.nasa.gov/",
            },
        ),
        (
            "https://www.usgs.gov/landsat-missions/landsat-collection-2-level-2-science-products",
            "About the real product: Landsat Collection 2 Level-2 science products",
        ),
        ("eo", "view", "sci"),
    ),
    CollectionInfo(
        "era5-pds",
        "ERA5 reanalysis, monthly Zarr (offline sample)",
        "ERA5 is ECMWF's fifth-generation atmospheric reanalysis, produced by the Copernicus "
        "Climate Change Service: hourly global fields on a 0.25 degree grid. Each item is one "
        "month of either analysis (an) or forecast (fc) variables stored as Zarr.",
        ("ERA5", "ECMWF", "Copernicus", "C3S", "Reanalysis", "Climate", "Zarr"),
        "Contains modified Copernicus Climate Change Service information 2023-2024",
        (
            {
                "name": "ECMWF",
                "description": "Producer of the real ERA5 reanalysis this sample imitates.",
                "roles": ["producer", "licensor"],
                "url": "https://www.ecmwf.int/",
            },
        ),
        (
            "https://confluence.ecmwf.int/display/CKB/ERA5%3A+data+documentation",
            "About the real product: ERA5 data documentation",
        ),
        ("datacube",),
    ),
)


def parse_time(s: str) -> dt.datetime:
    """Parse the timestamps this script writes."""
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def item_interval(item: Json) -> tuple[dt.datetime, dt.datetime]:
    """(start, end) of an item's acquisition."""
    p = item["properties"]
    start = p.get("start_datetime") or p["datetime"]
    end = p.get("end_datetime") or p["datetime"]
    return parse_time(start), parse_time(end)


def summarise(items: list[Json]) -> Json:
    """Collection ``summaries`` computed from the items (so they always match)."""
    skip = {
        "datetime",
        "start_datetime",
        "end_datetime",
        "created",
        "proj:bbox",
        "proj:shape",
        "proj:transform",
        "proj:centroid",
        "cube:dimensions",
        "cube:variables",
    }
    wanted_lists = {
        "platform",
        "constellation",
        "instruments",
        "sat:orbit_state",
        "sar:instrument_mode",
        "sar:polarizations",
        "sar:frequency_band",
        "sar:center_frequency",
        "sar:product_type",
        "sar:observation_direction",
        "sar:resolution_range",
        "sar:resolution_azimuth",
        "sar:pixel_spacing_range",
        "sar:pixel_spacing_azimuth",
        "sar:looks_range",
        "sar:looks_azimuth",
        "sar:looks_equivalent_number",
        "s1:resolution",
        "s1:product_timeliness",
        "sat:platform_international_designator",
        "gsd",
        "proj:epsg",
        "proj:code",
        "s2:processing_baseline",
        "s2:product_type",
        "landsat:collection_category",
        "landsat:correction",
        "era5:kind",
    }
    ranges = {"eo:cloud_cover", "view:sun_elevation", "sat:relative_orbit"}
    out: Json = {}
    for key in sorted({k for it in items for k in it["properties"]} - skip):
        values = [it["properties"][key] for it in items if key in it["properties"]]
        if key in ranges:
            out[key] = {"minimum": min(values), "maximum": max(values)}
        elif key in wanted_lists:
            if key == "instruments":  # list-valued field: summarise the individual values
                values = [v for vs in values for v in vs]
            uniq: list[Any] = []
            for v in values:
                if v not in uniq:
                    uniq.append(v)
            out[key] = sorted(uniq, key=json.dumps)
    return out


def item_assets_of(items: list[Json]) -> Json:
    """``item_assets``: the union of asset keys with their static fields (no href/file)."""
    out: Json = {}
    for it in items:
        for key, asset in it["assets"].items():
            if key not in out:
                out[key] = {
                    k: v
                    for k, v in asset.items()
                    if k
                    not in ("href", "file:size", "file:checksum", "proj:shape", "proj:transform")
                }
    return dict(sorted(out.items()))


def build_collection(info: CollectionInfo, items: list[Json]) -> Json:
    """A STAC 1.0 Collection whose extent and summaries are computed from its items."""
    crosses = any(it["bbox"][0] > it["bbox"][2] for it in items)
    west = -180.0 if crosses else min(it["bbox"][0] for it in items)
    east = 180.0 if crosses else max(it["bbox"][2] for it in items)
    south = min(it["bbox"][1] for it in items)
    north = max(it["bbox"][3] for it in items)
    times = [item_interval(it) for it in items]
    t0 = min(t[0] for t in times)
    t1 = max(t[1] for t in times)
    digits = 0 if info.cid == "era5-pds" else 6
    return {
        "type": "Collection",
        "stac_version": STAC_VERSION,
        "stac_extensions": [EXT["item_assets"], *(EXT[e] for e in info.extensions)],
        "id": info.cid,
        "title": info.title,
        "description": f"{SYNTHETIC_NOTE}\n\n{info.about}\n\nAttribution: {info.attribution}.",
        "keywords": [*info.keywords, "synthetic", "sample data", "offline demo"],
        "license": "CC0-1.0",
        "attribution": info.attribution,
        "providers": [*info.providers, GENERATOR_PROVIDER],
        "extent": {
            "spatial": {"bbox": [[west, south, east, north]]},
            "temporal": {"interval": [[iso(t0, digits), iso(t1, digits)]]},
        },
        "summaries": summarise(items),
        "item_assets": item_assets_of(items),
        "links": [
            {"rel": "self", "href": "./collections.json", "type": "application/json"},
            {"rel": "root", "href": "./collections.json", "type": "application/json"},
            {"rel": "parent", "href": "./collections.json", "type": "application/json"},
            {
                "rel": "license",
                "href": "./LICENSE.md",
                "type": "text/markdown",
                "title": "CC0-1.0 (synthetic sample data)",
            },
            {
                "rel": "about",
                "href": info.about_link[0],
                "type": "text/html",
                "title": info.about_link[1],
            },
        ],
    }


# ------------------------------------------------------------------ docs

README = """# stacdesk offline sample catalog

**Synthetic sample data.** Everything in this folder was generated by
`{generator}` (seed {seed}). It lets stacdesk start without a network and
still offer a believable catalog to search in-process. The items imitate the metadata of real
products, but **no item describes a real acquisition**.

| collection | items |
|---|---|
{rows}
| **total** | **{total}** |

Time range 2023-01-01 .. 2025-06-30 (ERA5: monthly, 2023-2024). About half of the scenes lie over
Europe, many of them over Czechia; the rest spread over land elsewhere. A few Sentinel-1 footprints
cross the antimeridian (written as split `MultiPolygon`s per RFC 7946, with `bbox` west > east) and
a few are polar.

## Files

- `collections.json` -- a JSON list of the four STAC 1.0 Collections (extent, `summaries` and
  `item_assets` computed from the items; `attribution` is a plain top-level convenience field
  holding the credit line the real product would require).
- `items.ndjson.gz` -- all STAC 1.0 Items, one per line (gzip-compressed NDJSON), sorted by
  collection, then time, then id. Filter on each item's `collection` field.
- `thumbnails/*.jpg` -- {thumbs} small rendered quicklooks (fractal terrain and clouds matched
  to `eo:cloud_cover`, speckled grey for SAR, a colour field for ERA5), shared between items.
- `data/<collection>/<item id>/<asset>.tif` -- {data_files} small real GeoTIFFs ({side} x {side}
  pixels of noise on the scene's grid) standing in for some bands of these items, so downloads
  work offline:
{data_items}
- `README.md`, `LICENSE.md` -- this description and the licence.

## Links and hrefs

- Relative hrefs resolve against this folder, as if every item were a file here: the thumbnail
  asset of an item is `thumbnails/<name>.jpg`; item links `self` -> `./<id>.json` (notional; the
  items live in `items.ndjson.gz`), `parent`/`collection`/`root` -> `./collections.json`.
- **Data-asset hrefs are fake** (`{base}/...`): `example.invalid` is a reserved
  domain that never resolves, so those can't be downloaded (stacdesk says so at once). The
  exceptions are the assets under `data/` (above) and the thumbnails: both are files of this
  folder, which stacdesk copies into the download folder like any download.
- `file:size` and `file:checksum` of the fake data assets are **synthetic**: the checksum is the
  SHA2-256 multihash (`1220` + hex digest) of the pretend payload string
  `stacdesk synthetic payload|<href>|<file:size>`, not of any real file. Those of the thumbnails
  and of the files under `data/` are real and match the bundled files.
- Sentinel-2 items use the projection extension v2.0 (`proj:code`), Sentinel-1 and Landsat items
  v1.1 (`proj:epsg`), as different real catalogs do.

## Regenerate

From the repository root:

    uv run python {generator}                 # rewrites this folder
    uv run python {generator} --out /tmp/cat  # somewhere else

The output is deterministic for a fixed `--seed` (byte-identical with the same numpy/Pillow).
`tests/test_sample_catalog.py` checks the catalog and the determinism.

## Licence

See `LICENSE.md`: the synthetic data is dedicated to the public domain (CC0 1.0); the generator
script is part of stacdesk (MIT).
"""

LICENSE = """# Licence of the sample catalog

## Synthetic data: CC0 1.0

The files in this folder (`collections.json`, `items.ndjson.gz`, `thumbnails/*.jpg`,
`data/**/*.tif`) are synthetic: they were generated by `{generator}` from templates written
in that script, not copied from any real catalog, and they contain no real imagery.

To the extent possible under law, the stacdesk authors have waived all copyright and related or
neighbouring rights to this synthetic sample data, under the Creative Commons CC0 1.0 Universal
Public Domain Dedication: https://creativecommons.org/publicdomain/zero/1.0/legalcode

## Generator: MIT

The generator script is part of stacdesk and distributed under the project's licence (MIT, see
the project metadata).

## Real products and their attribution

The collections imitate real products whose own terms differ. Their credit lines are kept in each
collection's `attribution` field so the application can show them as it would for real data:

- Sentinel-1 / Sentinel-2: "Contains modified Copernicus Sentinel data [year]" (Legal notice on
  the use of Copernicus Sentinel Data and Service Information; free, full and open access).
- Landsat: "Landsat data courtesy of the U.S. Geological Survey" (public domain).
- ERA5: "Contains modified Copernicus Climate Change Service information [year]" (Copernicus
  licence).

Asset hrefs point at `example.invalid` and are not downloadable, except the noise GeoTIFFs under
`data/`; no real data is redistributed.
"""


# ------------------------------------------------------------------ main


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file only if its content changed (keeps mtimes stable for unchanged files)."""
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def generate(out: Path, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Build the whole catalog into ``out``; returns item counts per collection."""
    thumbs = ThumbnailPool(seed)
    thumbs.build()

    def rng_for(cid: str) -> random.Random:
        return random.Random(f"{seed}/{cid}")

    by_coll: dict[str, list[Json]] = {
        "sentinel-1-grd": build_sentinel1(
            rng_for("sentinel-1-grd"), thumbs, COUNTS["sentinel-1-grd"]
        ),
        "sentinel-2-l2a": build_sentinel2(
            rng_for("sentinel-2-l2a"), thumbs, COUNTS["sentinel-2-l2a"]
        ),
        "landsat-c2-l2": build_landsat(rng_for("landsat-c2-l2"), thumbs, COUNTS["landsat-c2-l2"]),
        "era5-pds": build_era5(rng_for("era5-pds"), thumbs),
    }
    for items in by_coll.values():
        items.sort(key=lambda it: (item_interval(it)[0], it["id"]))
    data_files = attach_data_files(by_coll, seed)
    collections = [build_collection(info, by_coll[info.cid]) for info in COLLECTIONS]
    collections.sort(key=lambda c: COLLECTION_ORDER.index(c["id"]))

    out.mkdir(parents=True, exist_ok=True)
    tdir = out / "thumbnails"
    tdir.mkdir(exist_ok=True)
    for stale in sorted(tdir.glob("*.jpg")):
        if stale.name not in thumbs.files:
            stale.unlink()
    for name, data in sorted(thumbs.files.items()):
        write_bytes(tdir / name, data)
    for stale in sorted((out / "data").rglob("*.tif")):
        if stale.relative_to(out).as_posix() not in data_files:
            stale.unlink()
    for name, data in sorted(data_files.items()):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        write_bytes(out / name, data)

    write_bytes(
        out / "collections.json",
        (json.dumps(collections, indent=2, ensure_ascii=False) + "\n").encode(),
    )
    lines = [
        json.dumps(it, separators=(",", ":"), ensure_ascii=False)
        for cid in COLLECTION_ORDER
        for it in by_coll[cid]
    ]
    raw = ("\n".join(lines) + "\n").encode()
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    write_bytes(out / "items.ndjson.gz", buf.getvalue())

    counts = {cid: len(by_coll[cid]) for cid in COLLECTION_ORDER}
    rows = "\n".join(f"| `{cid}` | {n} |" for cid, n in counts.items())
    readme = README.format(
        generator=GENERATOR,
        seed=seed,
        rows=rows,
        total=sum(counts.values()),
        thumbs=len(thumbs.files),
        base=FAKE_BASE,
        data_files=len(data_files),
        side=SIDE,
        data_items="\n".join(
            f"  - `{item_id}`: {', '.join(keys)}" for item_id, keys in items_with_files(by_coll)
        ),
    )
    write_bytes(out / "README.md", readme.encode())
    write_bytes(out / "LICENSE.md", LICENSE.format(generator=GENERATOR).encode())
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)"
    )
    ap.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)"
    )
    args = ap.parse_args(argv)
    counts = generate(args.out, args.seed)
    print(json.dumps({"out": str(args.out), "items": counts, "total": sum(counts.values())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
