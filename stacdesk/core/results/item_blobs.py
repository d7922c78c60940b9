"""How the store keeps each result's JSON: zstd-compressed, or plain until compressed later.

Why zstd (pyarrow's, already loaded by the window for sorting and text search): at level 1 it
compresses item JSON smaller than zlib at level 1 (about 0.23 against 0.25 of the raw bytes for
Sentinel-2 items) in well under half the time, and the time is per item of every page (zlib
took ~0.2 ms an item, 100 ms of a 500-item page's 140 ms of columns on the 2-core machine). It
releases the GIL, as zlib does.

A compressed blob is ``MARK``, the JSON's length (4 bytes, little-endian; pyarrow's zstd must be
told it), then one zstd frame. Plain JSON of an object starts with ``{``, so the two never mix
up. Blobs live only in memory, never on disk: the format can change with the code.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

MARK = b"\x00"
LEVEL = 1
_HEADER = len(MARK) + 4

_local = threading.local()  # one codec per thread: pyarrow does not promise that one is shareable


def _codec() -> pa.Codec:
    codec: pa.Codec | None = getattr(_local, "codec", None)
    if codec is None:
        import pyarrow as pa  # at first use: the command line's start need not load it

        codec = _local.codec = pa.Codec("zstd", compression_level=LEVEL)
    return codec


def compress(json: bytes) -> bytes:
    """One item's JSON as the store keeps it."""
    return MARK + len(json).to_bytes(4, "little") + _codec().compress(json, asbytes=True)


def compress_all(blobs: Iterable[bytes]) -> list[bytes]:
    """Plain item JSON compressed; blobs compressed already are kept as they are."""
    return [compress(b) if b[:1] == b"{" else b for b in blobs]


def json_of_blob(blob: bytes) -> bytes:
    """An item's JSON from its stored form, compressed or still plain."""
    if blob[:1] == b"{":
        return blob
    if blob[:1] != MARK or len(blob) < _HEADER:
        raise ValueError("not a stored item")
    size = int.from_bytes(blob[1:_HEADER], "little")
    view = memoryview(blob)[_HEADER:]
    return _codec().decompress(view, decompressed_size=size, asbytes=True)
