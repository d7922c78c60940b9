"""A STAC item made readable: properties grouped by extension with units and dates, asset and link
rows, the item's own web links.

Why in the core: the details panel, the CLI and tests show items the same way, and the rules
(which prefix means which extension, which field is in degrees) are data, not widgets. Every
function accepts whatever a server sent — missing fields, wrong types, odd values — and returns
text, never raises.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from stacdesk.core.common.datetimes import parse_datetime
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Phrase

# Extension prefixes in the order analysts look at them; others follow alphabetically.
GROUP_TITLES: dict[str, Phrase] = {
    "": QT_TRANSLATE_NOOP("ItemDetails", "General"),
    "eo": QT_TRANSLATE_NOOP("ItemDetails", "Electro-optical (eo)"),
    "sar": QT_TRANSLATE_NOOP("ItemDetails", "SAR (sar)"),
    "sat": QT_TRANSLATE_NOOP("ItemDetails", "Satellite orbit (sat)"),
    "view": QT_TRANSLATE_NOOP("ItemDetails", "View geometry (view)"),
    "proj": QT_TRANSLATE_NOOP("ItemDetails", "Projection (proj)"),
    "s1": QT_TRANSLATE_NOOP("ItemDetails", "Sentinel-1 (s1)"),
    "s2": QT_TRANSLATE_NOOP("ItemDetails", "Sentinel-2 (s2)"),
    "s3": QT_TRANSLATE_NOOP("ItemDetails", "Sentinel-3 (s3)"),
    "landsat": QT_TRANSLATE_NOOP("ItemDetails", "Landsat (landsat)"),
    "mgrs": QT_TRANSLATE_NOOP("ItemDetails", "MGRS grid (mgrs)"),
    "grid": QT_TRANSLATE_NOOP("ItemDetails", "Grid (grid)"),
    "processing": QT_TRANSLATE_NOOP("ItemDetails", "Processing (processing)"),
    "card4l": QT_TRANSLATE_NOOP("ItemDetails", "CARD4L (card4l)"),
    "raster": QT_TRANSLATE_NOOP("ItemDetails", "Raster (raster)"),
    "file": QT_TRANSLATE_NOOP("ItemDetails", "File (file)"),
    "storage": QT_TRANSLATE_NOOP("ItemDetails", "Storage (storage)"),
    "cube": QT_TRANSLATE_NOOP("ItemDetails", "Datacube (cube)"),
    "sci": QT_TRANSLATE_NOOP("ItemDetails", "Scientific citation (sci)"),
    "timestamps": QT_TRANSLATE_NOOP("ItemDetails", "Timestamps"),
}
GENERAL_ORDER = (
    "title",
    "description",
    "datetime",
    "start_datetime",
    "end_datetime",
    "platform",
    "constellation",
    "mission",
    "instruments",
    "gsd",
    "created",
    "updated",
    "license",
    "providers",
)
DATE_KEYS = re.compile(r"(^|:|_)(datetime|created|updated|published|expires|unpublished)$|_time$")
DEGREE_KEYS = re.compile(r"^view:|angle|azimuth|elevation|zenith|_lat$|_lon$|heading")
PERCENT_KEYS = re.compile(r"cloud_cover|snow_cover|_percentage$|percent")
METRE_KEYS = re.compile(r"^gsd$|resolution|pixel_spacing")
MAX_TEXT = 400
YES = QT_TRANSLATE_NOOP("ItemDetails", "yes")
NO = QT_TRANSLATE_NOOP("ItemDetails", "no")
NONE = QT_TRANSLATE_NOOP("ItemDetails", "(none)")
NOT_AN_ASSET = QT_TRANSLATE_NOOP("ItemDetails", "(not an asset object)")
OTHER_GROUP = QT_TRANSLATE_NOOP("ItemDetails", "%1 (%1)")


@dataclass(frozen=True)
class PropertyRow:
    key: str
    text: str


@dataclass(frozen=True)
class PropertyGroup:
    prefix: str
    title: str
    rows: tuple[PropertyRow, ...]


@dataclass(frozen=True)
class AssetRow:
    key: str
    title: str
    roles: str
    media_type: str
    size: str
    href: str
    checksum: str


@dataclass(frozen=True)
class LinkRow:
    rel: str
    title: str
    media_type: str
    href: str


def human_size(value: Any) -> str:
    """``file:size`` bytes as ``1.4 GiB``; empty for anything that is not a byte count."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return ""
    if value < 0:
        return ""
    size = float(value)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def format_datetime_text(value: str, formats: ValueFormats | None = None) -> str | None:
    """An RFC 3339 string as ``2024-05-01 10:00:00 UTC``; None when it is not one."""
    epoch = parse_datetime(value)
    if math.isnan(epoch):
        return None
    if formats is not None and formats.date_time is not None:
        return formats.date_time(epoch) or None
    try:
        when = datetime.fromtimestamp(epoch, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    text = when.strftime("%Y-%m-%d %H:%M:%S")
    if when.microsecond:
        text += f".{when.microsecond // 1000:03d}"
    return text + " UTC"


def _number(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    return f"{value:.6g}"


def _unit(key: str) -> str:
    """The unit a numeric property is in, by the conventions of the STAC extensions."""
    name = key.lower()
    if "looks" in name or name.endswith(("orbit", "_count", "_id")):
        return ""
    if PERCENT_KEYS.search(name):
        return " %"
    if METRE_KEYS.search(name):
        return " m"
    if name.endswith("center_frequency"):
        return " GHz"
    if DEGREE_KEYS.search(name):
        return "°"
    return ""


def _compact_json(value: Any) -> str:
    try:
        text = orjson.dumps(value, default=str).decode()
    except (TypeError, orjson.JSONEncodeError):
        text = repr(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


@dataclass(frozen=True)
class ValueFormats:
    """How numbers, sizes and times are written: in English by default (the command line,
    tests); the window passes its locale's (``stacdesk.ui.locale_format``)."""

    number: Callable[[float], str] = _number
    size: Callable[[Any], str] = human_size
    date_time: Callable[[float], str] | None = None  # epoch → text; None: the English UTC form


ENGLISH = ValueFormats()


def format_value(key: str, value: Any, formats: ValueFormats = ENGLISH) -> str:
    """A property value as a person reads it: units, dates, lists; never raises."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return YES() if value else NO()
    if key == "proj:epsg" and isinstance(value, int):
        return f"EPSG:{value}"
    if key.endswith("file:size") or key == "size":
        return formats.size(value) or _compact_json(value)
    if isinstance(value, int | float):
        return formats.number(value) + _unit(key)
    if isinstance(value, str):
        if DATE_KEYS.search(key.lower()) or (len(value) >= 19 and value[10:11] in ("T", "t")):
            readable = format_datetime_text(value, formats)
            if readable is not None:
                return readable
        return value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
    if isinstance(value, list) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
    ):
        unit = _unit(key) if value and all(isinstance(v, int | float) for v in value) else ""
        text = ", ".join(formats.number(v) if isinstance(v, int | float) else v for v in value)
        text = text + unit if text else NONE()
        return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
    return _compact_json(value)


def prefix_of(key: str) -> str:
    return key.split(":", 1)[0].lower() if ":" in key else ""


def group_properties(properties: Any, formats: ValueFormats = ENGLISH) -> list[PropertyGroup]:
    """Properties grouped by extension prefix, General first, known extensions in a fixed order."""
    if not isinstance(properties, dict):
        return []
    groups: dict[str, list[PropertyRow]] = {}
    for key, value in properties.items():
        key = str(key)
        groups.setdefault(prefix_of(key), []).append(
            PropertyRow(key, format_value(key, value, formats))
        )
    order = list(GROUP_TITLES)

    def group_rank(prefix: str) -> tuple[int, str]:
        return (order.index(prefix), "") if prefix in order else (len(order), prefix)

    def row_rank(row: PropertyRow) -> tuple[int, str]:
        if row.key in GENERAL_ORDER:
            return GENERAL_ORDER.index(row.key), ""
        return len(GENERAL_ORDER), row.key.lower()

    return [
        PropertyGroup(
            prefix,
            GROUP_TITLES[prefix]() if prefix in GROUP_TITLES else OTHER_GROUP(prefix),
            tuple(sorted(groups[prefix], key=row_rank)),
        )
        for prefix in sorted(groups, key=group_rank)
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else _compact_json(value)


def asset_rows(item: dict[str, Any], formats: ValueFormats = ENGLISH) -> list[AssetRow]:
    """One row per asset, in the item's order; assets that are not objects are shown as such."""
    assets = item.get("assets")
    if not isinstance(assets, dict):
        return []
    rows = []
    for key, asset in assets.items():
        if not isinstance(asset, dict):
            rows.append(AssetRow(str(key), NOT_AN_ASSET(), "", "", "", "", ""))
            continue
        roles = asset.get("roles")
        roles_text = ", ".join(map(str, roles)) if isinstance(roles, list) else _text(roles)
        rows.append(
            AssetRow(
                key=str(key),
                title=_text(asset.get("title")),
                roles=roles_text,
                media_type=_text(asset.get("type")),
                size=formats.size(asset.get("file:size")),
                href=_text(asset.get("href")),
                checksum=_text(asset.get("file:checksum")),
            )
        )
    return rows


def link_rows(item: dict[str, Any]) -> list[LinkRow]:
    links = item.get("links")
    if not isinstance(links, list):
        return []
    return [
        LinkRow(
            _text(link.get("rel")),
            _text(link.get("title")),
            _text(link.get("type")),
            _text(link.get("href")),
        )
        for link in links
        if isinstance(link, dict)
    ]


def self_link(item: dict[str, Any], catalog_url: str | None = None) -> str | None:
    """The item's ``self`` link; for an API catalog without one, the standard item URL."""
    for link in link_rows(item):
        if link.rel == "self" and link.href:
            return link.href
    item_id, collection = item.get("id"), item.get("collection")
    if catalog_url and catalog_url.startswith(("http://", "https://")) and item_id and collection:
        from urllib.parse import quote

        base = catalog_url.rstrip("/")
        collection_part, item_part = quote(str(collection), safe=""), quote(str(item_id), safe="")
        return f"{base}/collections/{collection_part}/items/{item_part}"
    return None


def web_link(item: dict[str, Any], catalog_url: str | None = None) -> str | None:
    """What "open in the browser" opens: an HTML page of the item if the catalog links one,
    else its JSON ``self`` link; only http(s) (never a local path a catalog claims)."""
    links = link_rows(item)
    for rel in ("alternate", "preview"):
        for link in links:
            if link.rel == rel and "html" in link.media_type and link.href.startswith("http"):
                return link.href
    href = self_link(item, catalog_url)
    return href if href and href.startswith(("http://", "https://")) else None
