"""One STAC item for a product found in several catalogs, keeping every source's hrefs.

The first copy is the item; the others' hrefs of the same asset become its alternates (the STAC
alternate-assets extension, keyed by the source's name), assets only another copy has are added,
and ``stacdesk:sources`` names every copy (catalog, id, collection, self link), so an export or a
later download can go back to any of them.
"""

from __future__ import annotations

import copy
from typing import Any

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
            mine = assets.get(key)
            if mine is None:
                assets[key] = copy.deepcopy(asset)
            elif isinstance(mine, dict) and mine.get("href") != asset["href"]:
                mine.setdefault("alternate:name", first_ref.source)
                mine.setdefault("alternate", {})[ref.source] = {"href": asset["href"]}
                alternated = True
    if assets:
        item["assets"] = assets
    extensions = item.get("stac_extensions")
    if alternated and isinstance(extensions, list) and ALTERNATE_ASSETS not in extensions:
        extensions.append(ALTERNATE_ASSETS)
    elif alternated and not isinstance(extensions, list):
        item["stac_extensions"] = [ALTERNATE_ASSETS]
    return item
