"""Great circles and sun-synchronous ground tracks on a spherical Earth.

Why: footprints, headings and relative orbits are placed as the real satellites would see them,
so the sample's geometry looks like real acquisitions (swaths tilted along the track).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def wrap_lon(lon: float) -> float:
    """Normalise a longitude into [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


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
