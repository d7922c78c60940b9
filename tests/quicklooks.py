"""Quicklook images made on the spot, shaped like the thumbnails real STAC providers serve.

Why: the thumbnail service and the P5 benchmark need real image files (JPEG and PNG, grey and
colour, small and 1024 px "large" previews) without any outside data. Smooth noise compresses
like imagery; a seed makes every file the same on every run.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

# name, width, height, mode: like Landsat's 1024/300 px JPEG previews and Sentinel-1's PNGs
QUICKLOOKS: tuple[tuple[str, int, int, str], ...] = (
    ("optical-a_large.jpeg", 1024, 1024, "RGB"),
    ("optical-a_small.jpeg", 300, 300, "RGB"),
    ("optical-b_large.jpeg", 1024, 1024, "RGB"),
    ("optical-b_small.jpeg", 300, 300, "RGB"),
    ("optical-c_large.jpeg", 1024, 1024, "RGB"),
    ("sar-grey.png", 132, 200, "L"),
    ("sar-colour.png", 140, 200, "RGB"),
)


def _field(rng: np.random.Generator, width: int, height: int, bands: int) -> np.ndarray:
    """Smooth random terrain: coarse noise scaled up, plus a little fine grain."""
    coarse = rng.integers(0, 256, size=(height // 32 + 2, width // 32 + 2, bands), dtype=np.uint8)
    layers = [
        np.asarray(Image.fromarray(coarse[..., b]).resize((width, height), Image.BICUBIC))
        for b in range(bands)
    ]
    grain = rng.normal(0.0, 12.0, size=(height, width, bands))
    return np.clip(np.stack(layers, axis=-1) + grain, 0, 255).astype(np.uint8)


def quicklook_bytes(name: str, width: int, height: int, mode: str, seed: int = 0) -> bytes:
    """One encoded image; the format follows the name's suffix."""
    rng = np.random.default_rng([seed, zlib.crc32(name.encode())])
    bands = 1 if mode == "L" else 3
    pixels = _field(rng, width, height, bands)
    image = Image.fromarray(pixels[..., 0] if bands == 1 else pixels, mode)
    out = io.BytesIO()
    if name.endswith(".png"):
        image.save(out, "PNG")
    else:
        image.save(out, "JPEG", quality=80)
    return out.getvalue()


def write_quicklooks(folder: Path, seed: int = 0) -> list[Path]:
    """Write every image of ``QUICKLOOKS`` into ``folder``; their paths, sorted by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, width, height, mode in QUICKLOOKS:
        path = folder / name
        path.write_bytes(quicklook_bytes(name, width, height, mode, seed))
        paths.append(path)
    return sorted(paths)
