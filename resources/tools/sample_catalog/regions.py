"""Where scenes go: land boxes with a climate, weighted towards Europe and Czechia.

Why: the sample must be dense where stacdesk is demonstrated (Czechia, Europe) yet cover the
world; the climate of a region drives cloud cover and vegetation.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

EUROPE_SHARE = 0.5  # share of scene items placed over Europe ...
CZECHIA_SHARE = 0.3  # ... of which this share falls in Czechia


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
