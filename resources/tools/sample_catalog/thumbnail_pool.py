"""A shared pool of quicklook JPEGs that items point at.

Why: rendering one picture per item would make the bundled catalog large; a few hundred
shared files, picked to match each item's cloud cover or radar mode, keep it small.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

import numpy as np

from .quicklook_rendering import jpeg_bytes, render_era5, render_optical, render_sar, rotate_landsat
from .sample_period import ERA5_MONTHS
from .stac_item import Json


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
