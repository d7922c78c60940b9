"""Builds the whole sample catalog and writes it into a folder, deterministically.

Why: one place decides the item counts, the order of collections and items and the exact
bytes of every file, so regenerating gives the same bytes for the same seed.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

from .collection_summary import build_collection, item_interval
from .collection_texts import COLLECTIONS, GENERATOR
from .data_files import SIDE, attach_data_files, items_with_files
from .era5 import build_era5
from .folder_docs import LICENSE, README
from .landsat import build_landsat
from .preview_cogs import SIDE as PREVIEW_SIDE
from .preview_hosts import attach_preview_cogs
from .sentinel1 import build_sentinel1
from .sentinel2 import build_sentinel2
from .stac_item import FAKE_BASE, Json
from .thumbnail_pool import ThumbnailPool

DEFAULT_SEED = 20250630
COUNTS = {"sentinel-2-l2a": 1200, "landsat-c2-l2": 800, "sentinel-1-grd": 900}
COLLECTION_ORDER = ("sentinel-1-grd", "sentinel-2-l2a", "landsat-c2-l2", "era5-pds")


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
    preview_files = attach_preview_cogs(by_coll, seed)
    files = {**data_files, **preview_files}
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
        if stale.relative_to(out).as_posix() not in files:
            stale.unlink()
    for name, data in sorted(files.items()):
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
        preview_files=len(preview_files),
        preview_side=PREVIEW_SIDE,
        side=SIDE,
        data_items="\n".join(
            f"  - `{item_id}`: {', '.join(keys)}" for item_id, keys in items_with_files(by_coll)
        ),
    )
    write_bytes(out / "README.md", readme.encode())
    write_bytes(out / "LICENSE.md", LICENSE.format(generator=GENERATOR).encode())
    return counts
