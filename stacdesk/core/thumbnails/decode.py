"""Turn whatever a server sent as a thumbnail into small RGBA pixels, or a readable reason why not.

Runs in a worker thread. Servers send HTML error pages as ``image/png``, truncated files, 16-bit
grey PNGs and full-size quicklooks of 10,000 pixels a side; all of them must end as either a
downscaled image or a short message, never an exception in the GUI or a stall.

Pillow is imported by the functions that decode, in the worker, not with the module: the window's
start (which makes the thumbnail service) does not wait for it.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL import Image

# Beyond this many pixels we refuse to decode (a decompression bomb or an absurd quicklook).
DEFAULT_MAX_PIXELS = 64_000_000


class ThumbnailError(Exception):
    """A thumbnail that cannot be shown; the message is meant for a tooltip."""


@dataclass(frozen=True)
class DecodedImage:
    width: int
    height: int
    rgba: bytes  # width * height * 4 bytes, RGBA8888, rows top to bottom
    shrunk: bool = False  # the source was larger than the size cap

    def encode(self) -> bytes:
        """Compact bytes for the disk cache: JPEG when opaque, PNG when it has transparency."""
        from PIL import Image

        image = Image.frombytes("RGBA", (self.width, self.height), self.rgba)
        out = io.BytesIO()
        alpha = np.frombuffer(self.rgba, np.uint8)[3::4]
        if alpha.size and alpha.min() == 255:
            image.convert("RGB").save(out, "JPEG", quality=90)
        else:
            image.save(out, "PNG", compress_level=1)
        return out.getvalue()


def _looks_like_text(data: bytes) -> str | None:
    head = data[:256].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "the server sent a web page instead of an image"
    if head.startswith((b"{", b"[")):
        return "the server sent JSON instead of an image"
    return None


def _to_8bit(image: Image.Image) -> Image.Image:
    """16-bit and float grey images (common for SAR quicklooks) stretched to 8 bits."""
    from PIL import Image

    values = np.asarray(image, dtype=np.float64)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return Image.new("L", image.size)
    lo, hi = np.percentile(finite, [1, 99])
    if hi <= lo:
        hi = lo + 1
    scaled = np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo) * 255, 0, 255)
    return Image.fromarray(scaled.astype(np.uint8), "L")


def decode_thumbnail(
    data: bytes, max_side: int, max_pixels: int = DEFAULT_MAX_PIXELS
) -> DecodedImage:
    """Decode ``data`` and shrink it to fit ``max_side`` × ``max_side``; ThumbnailError if bad."""
    if not data:
        raise ThumbnailError("the server sent an empty file")
    text = _looks_like_text(data)
    if text:
        raise ThumbnailError(text)
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: we check size ourselves
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                if width <= 0 or height <= 0:
                    raise ThumbnailError("the image has no pixels")
                if width * height > max_pixels:
                    raise ThumbnailError(f"the image is too large to preview ({width}×{height})")
                opened.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced scale
                image = _shrink(_loaded(opened), max_side)
    except ThumbnailError:
        raise
    except Image.DecompressionBombError:
        raise ThumbnailError("the image is too large to preview") from None
    except UnidentifiedImageError:
        raise ThumbnailError("not an image format that can be read") from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        raise ThumbnailError(f"the image is damaged ({exc})") from None
    except Exception as exc:  # Pillow plug-ins raise odd things on odd files
        raise ThumbnailError(f"the image cannot be read ({type(exc).__name__})") from None
    shrunk = (image.width, image.height) != (width, height)
    return DecodedImage(image.width, image.height, image.tobytes(), shrunk)


def decode_file(path: Path, max_side: int, max_pixels: int) -> DecodedImage:
    """``decode_thumbnail`` of a local file (a local catalog's thumbnail)."""
    try:
        size = os.path.getsize(path)
        if size > 64 * 2**20:
            raise ThumbnailError("the image file is too large to preview")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ThumbnailError("the thumbnail file does not exist") from None
    except OSError as exc:
        raise ThumbnailError(f"cannot read the thumbnail file ({exc.strerror})") from None
    return decode_thumbnail(data, max_side, max_pixels)


def _loaded(image: Image.Image) -> Image.Image:
    """The first frame, fully read (a truncated file raises here, not later), in RGBA."""
    image.seek(0)
    image.load()
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        image = _to_8bit(image)
    return image.convert("RGBA")


def _shrink(image: Image.Image, max_side: int) -> Image.Image:
    from PIL import Image

    if image.width > max_side or image.height > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return image
