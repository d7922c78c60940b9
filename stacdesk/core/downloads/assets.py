"""Which assets of an item to download, and what the catalog says about each (href, alternates,
size, checksum) — plain functions over item dicts, shared by the panel, the bulk dialog and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

from stacdesk.core.common.json_fields import list_field


def self_href(item: dict[str, Any]) -> str | None:
    for link in list_field(item, "links"):
        if (
            isinstance(link, dict)
            and link.get("rel") == "self"
            and isinstance(link.get("href"), str)
        ):
            return link["href"]
    return None


def resolve_href(item: dict[str, Any], href: str) -> str:
    """Relative hrefs are relative to the item's self link (only when that is remote)."""
    if urlsplit(href).scheme:
        return href
    base = self_href(item)
    if base and urlsplit(base).scheme in ("http", "https", "s3"):
        return urljoin(base, href)
    return href


def assets_of(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    assets = item.get("assets")
    if not isinstance(assets, dict):
        return {}
    return {
        str(k): v
        for k, v in assets.items()
        if isinstance(v, dict) and isinstance(v.get("href"), str)
    }


def alternate_hrefs(item: dict[str, Any], asset: dict[str, Any]) -> tuple[str, ...]:
    """The alternate-assets extension: ``asset["alternate"] = {name: {"href": …}}``."""
    alternate = asset.get("alternate")
    if not isinstance(alternate, dict):
        return ()
    hrefs = [
        resolve_href(item, alt["href"])
        for alt in alternate.values()
        if isinstance(alt, dict) and isinstance(alt.get("href"), str)
    ]
    return tuple(hrefs)


def file_size(asset: dict[str, Any]) -> int | None:
    size = asset.get("file:size")
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        return size
    return None


def file_checksum(asset: dict[str, Any]) -> str | None:
    value = asset.get("file:checksum")
    return value if isinstance(value, str) and value.strip() else None


def pick_assets(
    item: dict[str, Any], keys: Iterable[str] = (), roles: Iterable[str] = ()
) -> list[str]:
    """Asset keys matching any of ``keys`` or having any of ``roles`` (both empty: all)."""
    keys, roles = set(keys), set(roles)
    chosen = []
    for key, asset in assets_of(item).items():
        asset_roles = {r for r in list_field(asset, "roles") if isinstance(r, str)}
        if (not keys and not roles) or key in keys or asset_roles & roles:
            chosen.append(key)
    return chosen


def total_size(
    items: Iterable[dict[str, Any]], keys: Iterable[str] = (), roles: Iterable[str] = ()
) -> tuple[int, int, int]:
    """(known bytes, assets with a known size, assets without one) for a bulk download."""
    keys, roles = tuple(keys), tuple(roles)
    known = with_size = without = 0
    for item in items:
        assets = assets_of(item)
        for key in pick_assets(item, keys, roles):
            size = file_size(assets[key])
            if size is None:
                without += 1
            else:
                known += size
                with_size += 1
    return known, with_size, without
