"""One STAC item for a product found in several catalogs, keeping every source's hrefs.

The first copy is the item; the others' hrefs of the same file become its alternates (the STAC
alternate-assets extension, keyed by the source's name: the same asset key and media type, or the
same file name, and never a stated size or checksum that differs, so a download may switch between
them and check the bytes against what any source states), other assets are added (a key already
taken by another file gets ``@source``),
and ``stacdesk:sources`` names every copy (catalog, id, collection, self link), so an export or a
later download can go back to any of them.
"""

from __future__ import annotations

import copy
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from stacdesk.core.products.product_merge import SourceRef

ALTERNATE_ASSETS = "https://stac-extensions.github.io/alternate-assets/v1.2.0/schema.json"


def self_href(item: dict[str, Any]) -> str | None:
    """The item's ``self`` link, where its catalog serves it."""
    links = item.get("links")
    for link in links if isinstance(links, list) else []:
        if (
            isinstance(link, dict)
            and link.get("rel") == "self"
            and isinstance(link.get("href"), str)
        ):
            return link["href"]
    return None


def _assets(item: dict[str, Any]) -> dict[str, Any]:
    assets = item.get("assets")
    return assets if isinstance(assets, dict) else {}


def _basename(href: str) -> str:
    return PurePosixPath(urlsplit(href).path).name.lower()


def _contradict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both state a size or a checksum, and they differ: not the same bytes."""
    return any(
        field in a and field in b and a[field] != b[field]
        for field in ("file:size", "file:checksum")
    )


def _same_file_key(assets: dict[str, Any], key: str, asset: dict[str, Any]) -> str | None:
    """The key of the merged item's asset that is the same file as ``asset``: the same key
    (and media type, when both say) or the same file name, never a stated size or checksum
    that differs. Another provider's conversion (a COG of a JPEG 2000 band) is another file."""
    href_name = _basename(asset["href"])
    for mine_key, mine in assets.items():
        if not isinstance(mine, dict) or not isinstance(mine.get("href"), str):
            continue
        if _contradict(mine, asset):
            continue
        same_type = mine.get("type") == asset.get("type") or not (
            mine.get("type") and asset.get("type")
        )
        if (mine_key == key and same_type) or (href_name and _basename(mine["href"]) == href_name):
            return mine_key
    return None


def merged_item(copies: list[tuple[SourceRef, dict[str, Any]]]) -> dict[str, Any]:
    """The product as one item; a product with one copy comes back unchanged but for its
    ``stacdesk:sources``."""
    first_ref, first = copies[0]
    item = copy.deepcopy(first)
    properties = item.setdefault("properties", {})
    if not isinstance(properties, dict):
        properties = item["properties"] = {}
    properties["stacdesk:sources"] = [
        {"source": ref.source, "id": ref.item_id, "collection": ref.collection}
        | ({"self": href} if (href := self_href(other)) else {})
        for ref, other in copies
    ]
    assets = _assets(item)
    alternated = False
    for ref, other in copies[1:]:
        for key, asset in _assets(other).items():
            if not isinstance(asset, dict) or not isinstance(asset.get("href"), str):
                continue
            match = _same_file_key(assets, key, asset)
            if match is None:
                # another file (or one only this copy has): an asset of its own, never mixed
                assets[key if key not in assets else f"{key}@{ref.source}"] = copy.deepcopy(asset)
                continue
            mine = assets[match]
            if mine.get("href") == asset["href"]:
                continue
            mine.setdefault("alternate:name", first_ref.source)
            mine.setdefault("alternate", {})[ref.source] = {"href": asset["href"]}
            for field in ("file:size", "file:checksum"):  # what one source states holds for all
                if field in asset and field not in mine:
                    mine[field] = asset[field]
            alternated = True
    if assets:
        item["assets"] = assets
    extensions = item.get("stac_extensions")
    if alternated and isinstance(extensions, list) and ALTERNATE_ASSETS not in extensions:
        extensions.append(ALTERNATE_ASSETS)
    elif alternated and not isinstance(extensions, list):
        item["stac_extensions"] = [ALTERNATE_ASSETS]
    return item
