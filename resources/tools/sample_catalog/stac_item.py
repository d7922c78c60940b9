"""The parts every synthetic STAC item shares: links, data assets, timestamps and extensions.

Why here: all four mission builders and the collections write the same STAC 1.0 shapes with the
same stable key order and fixed timestamp precision, so the output stays byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

Json = dict[str, Any]

STAC_VERSION = "1.0.0"
FAKE_BASE = "https://example.invalid/sample"

EXT = {
    "eo": "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
    "proj1": "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
    "proj2": "https://stac-extensions.github.io/projection/v2.0.0/schema.json",
    "sat": "https://stac-extensions.github.io/sat/v1.0.0/schema.json",
    "sar": "https://stac-extensions.github.io/sar/v1.0.0/schema.json",
    "view": "https://stac-extensions.github.io/view/v1.0.0/schema.json",
    "file": "https://stac-extensions.github.io/file/v2.1.0/schema.json",
    "raster": "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
    "mgrs": "https://stac-extensions.github.io/mgrs/v1.0.0/schema.json",
    "grid": "https://stac-extensions.github.io/grid/v1.1.0/schema.json",
    "landsat": "https://stac-extensions.github.io/landsat/v2.0.0/schema.json",
    "sci": "https://stac-extensions.github.io/scientific/v1.0.0/schema.json",
    "datacube": "https://stac-extensions.github.io/datacube/v2.2.0/schema.json",
    "item_assets": "https://stac-extensions.github.io/item-assets/v1.0.0/schema.json",
}
COG = "image/tiff; application=geotiff; profile=cloud-optimized"
MB = 1_000_000


def iso(t: dt.datetime, digits: int = 3) -> str:
    """RFC 3339 UTC timestamp with a fixed number of fractional digits (stable output)."""
    t = t.astimezone(dt.UTC)
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    if digits <= 0:
        return base + "Z"
    return f"{base}.{t.microsecond:06d}"[: len(base) + 1 + digits] + "Z"


def compact(t: dt.datetime) -> str:
    """The ``YYYYMMDDTHHMMSS`` token used inside product identifiers."""
    return t.strftime("%Y%m%dT%H%M%S")


def fake_file(href: str, size: int) -> Json:
    """Synthetic ``file:*`` fields: the checksum hashes a pretend payload string, not a file."""
    payload = f"stacdesk synthetic payload|{href}|{size}".encode()
    return {"file:size": size, "file:checksum": "1220" + hashlib.sha256(payload).hexdigest()}


def item_links(item_id: str) -> list[Json]:
    """Relative links; hrefs resolve against the sample-catalog folder (see README)."""
    return [
        {"rel": "self", "href": f"./{item_id}.json", "type": "application/geo+json"},
        {"rel": "parent", "href": "./collections.json", "type": "application/json"},
        {"rel": "collection", "href": "./collections.json", "type": "application/json"},
        {"rel": "root", "href": "./collections.json", "type": "application/json"},
    ]


def data_asset(href: str, size: int, extra: Json) -> Json:
    """A data/metadata asset at the fake base with synthetic ``file:*`` fields."""
    asset: Json = {"href": href}
    asset.update(extra)
    asset.update(fake_file(href, size))
    return asset


def make_item(
    cid: str,
    item_id: str,
    geometry: Json,
    bbox: list[float],
    props: Json,
    assets: Json,
    extensions: Iterable[str],
) -> Json:
    """Assemble a STAC 1.0 Item with a stable key order."""
    return {
        "type": "Feature",
        "stac_version": STAC_VERSION,
        "stac_extensions": [EXT[e] for e in extensions],
        "id": item_id,
        "collection": cid,
        "geometry": geometry,
        "bbox": bbox,
        "properties": props,
        "links": item_links(item_id),
        "assets": assets,
    }
