"""Rendered quicklook pictures: fractal terrain and clouds, speckled SAR, ERA5 colour fields.

Why: thumbnails must look plausible for their item (cloud amount, radar texture) while being
noise, not imagery, so the sample redistributes no real data.
"""

from __future__ import annotations

import io
import math

import numpy as np
from PIL import Image

THUMB_SIZE = 96
JPEG_QUALITY = 70


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
