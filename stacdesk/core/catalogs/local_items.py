"""What an item read from disk becomes: hrefs made absolute, a self link that finds the file
again, and collections synthesized when the files carry none.

Why apart from the readers (``local_formats``): every format (Parquet, ndjson, GeoJSON, a static
catalog) ends here, so a local result can still be opened, exported or downloaded once it has
left its folder.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

Json = dict[str, Any]
# A URL scheme of two letters or more (a Windows drive letter is one): http, s3, … but not file
_REMOTE_SCHEME = re.compile(r"(?!file:)[a-z][a-z0-9+.-]+:", re.IGNORECASE)


@dataclass
class LocalItems:
    """Items and collections read from disk, with notes on what was skipped."""

    items: list[Json]
    collections: list[Json]
    title: str
    problems: list[str] = field(default_factory=list)


def local_target(href: str, base: Path) -> Path | None:
    """The file a link points to, when it is on this disk; None for web or cloud links."""
    if _REMOTE_SCHEME.match(href):  # most hrefs: decided without parsing (opening the sample
        return None  # checks ~54,000 of them)
    parts = urlsplit(href)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if parts.scheme and len(parts.scheme) > 1:  # http, s3, … (a Windows drive letter is 1)
        return None
    target = Path(unquote(href))
    return target if target.is_absolute() else (base / target)


def prepared_item(item: Json, base: Path, own_file: Path | None = None) -> Json:
    """Relative asset hrefs point next to the item file: make them absolute file paths.

    ``own_file``: the item's own JSON file; a relative (or missing) self link becomes its absolute
    path, so the item can be found again once it is out of its folder (exports, copies).
    """
    if own_file is not None:
        _set_self_link(item, str(own_file.resolve()))
    assets = item.get("assets")
    if isinstance(assets, dict):
        for asset in assets.values():
            href = asset.get("href") if isinstance(asset, dict) else None
            if isinstance(href, str) and href:
                target = local_target(href, base)
                if target is not None and not href.startswith("file:"):
                    asset["href"] = str(target.resolve())
    return item


def _set_self_link(item: Json, path: str) -> None:
    links = item.get("links")
    if not isinstance(links, list):
        links = item["links"] = []
    for link in links:
        if isinstance(link, dict) and link.get("rel") == "self":
            href = link.get("href")
            if not isinstance(href, str) or local_target(href, Path(".")) is not None:
                link["href"] = path  # a relative one (or a file path): the file read is the item
            return
    links.append({"rel": "self", "href": path, "type": "application/geo+json"})


def synthesized_collections(items: list[Json]) -> list[Json]:
    """Collections named by the items themselves (files rarely carry collection.json)."""
    extents: dict[str, list[float]] = {}
    for item in items:
        cid = str(item.get("collection") or "")
        bbox = item.get("bbox")
        box = extents.setdefault(cid, [math.inf, math.inf, -math.inf, -math.inf])
        if isinstance(bbox, list | tuple) and len(bbox) in (4, 6):
            west, south = bbox[0], bbox[1]
            east, north = (bbox[2], bbox[3]) if len(bbox) == 4 else (bbox[3], bbox[4])
            box[:] = [min(box[0], west), min(box[1], south), max(box[2], east), max(box[3], north)]
    collections = []
    for cid, box in extents.items():
        spatial = [box] if math.isfinite(box[0]) else [[-180.0, -90.0, 180.0, 90.0]]
        collections.append(
            {
                "type": "Collection",
                "id": cid,
                "title": cid or "(items without a collection)",
                "description": "",
                "extent": {"spatial": {"bbox": spatial}, "temporal": {"interval": [[None, None]]}},
            }
        )
    return collections
