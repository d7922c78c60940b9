"""From band values to pixels: decibels for SAR, a percentile contrast stretch, colour maps, and
transparency where there is no data.

Why percentiles of the overview: one bright roof or a few saturated pixels must not turn the
rest of the scene black, and the coarsest overview is a few kilobytes that stand for the whole
file, so every view of one item is drawn with the same stretch.
"""

from __future__ import annotations

import numpy as np

LOW, HIGH = 2.0, 98.0
# A few stops of viridis (perceptually even, readable for colour-blind users) and grey.
COLORMAPS = {
    "viridis": ((68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)),
    "gray": ((0, 0, 0), (255, 255, 255)),
}


def decibels(values: np.ndarray) -> np.ndarray:
    """10·log10 of linear backscatter; zero and negative values have no dB value (NaN)."""
    out = np.full(values.shape, np.nan, dtype=np.float32)
    positive = values > 0
    out[positive] = 10.0 * np.log10(values[positive])
    return out


def limits(values: np.ndarray, low: float = LOW, high: float = HIGH) -> tuple[float, float]:
    """The ``low``–``high`` percentile range of the finite values (0–1 when there are none)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return 0.0, 1.0
    lo, hi = np.percentile(finite, [low, high])
    if hi <= lo:
        hi = lo + 1.0
    return float(lo), float(hi)


def scale(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Values to 0–255 between ``lo`` and ``hi`` (clipped)."""
    scaled = (values.astype(np.float32) - lo) * (255.0 / (hi - lo))
    return np.clip(np.nan_to_num(scaled, nan=0.0), 0, 255).astype(np.uint8)


def colour_table(name: str) -> np.ndarray:
    """A 256×3 lookup table interpolated between the named map's stops."""
    stops = np.asarray(COLORMAPS.get(name, COLORMAPS["gray"]), dtype=np.float32)
    where = np.linspace(0, len(stops) - 1, 256)
    table = np.empty((256, 3), dtype=np.float32)
    for channel in range(3):
        table[:, channel] = np.interp(where, np.arange(len(stops)), stops[:, channel])
    return table.round().astype(np.uint8)


def to_rgba(
    channels: np.ndarray,
    valid: np.ndarray,
    ranges: list[tuple[float, float]],
    colormap: str | None = None,
) -> np.ndarray:
    """``channels`` (n×h×w: three for RGB, one for a colour map) to h×w×4 uint8, transparent
    where ``valid`` is false."""
    height, width = valid.shape
    rgba = np.zeros((height, width, 4), dtype=np.uint8)
    if len(channels) >= 3:
        for index in range(3):
            rgba[..., index] = scale(channels[index], *ranges[index])
    else:
        rgba[..., :3] = colour_table(colormap or "gray")[scale(channels[0], *ranges[0])]
    rgba[..., 3] = np.where(valid, 255, 0)
    return rgba
