"""UTM projection (Krueger series, WGS84) and MGRS tile lettering.

Why: Sentinel-2 tiles sit on the MGRS grid and Landsat scenes carry UTM projection metadata;
both need forward and inverse UTM without a projection library.
"""

from __future__ import annotations

import math

from .geodesy import wrap_lon

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
