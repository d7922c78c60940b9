"""When two items are the same product: the missions' identity rules, one table.

Each rule turns an item into a ``ProductKey``: fields that must be equal, details that must agree
where both items state them, and an acquisition time that may differ by a tolerance (catalogs
date a Sentinel-2 tile by the datatake's start or by the tile's own sensing time, up to a quarter
of an hour later). The key comes from the mission's product name when the item carries one (as
its id or in a property), else from the properties the name is made of. An item no rule can key
stays a product of its own: merging too little costs a duplicate row, merging too much hides a
product.

The rules (mission: fields that must be equal; details; the time compared, its tolerance):

- Sentinel-2: satellite, level (L1C/L2A), MGRS tile, processing baseline; relative orbit and
  generation time; the datatake's sensing start (1 s), else ``datetime`` (30 minutes, less than
  an orbit, so the neighbouring pass over a tile stays apart).
- Sentinel-1: satellite, mode, type, resolution, level, polarisations, absolute orbit, datatake;
  the slice's start (2 s).
- Landsat: satellite, level (L2SP, L2SR…), WRS path and row, collection, tier; the acquisition
  day (1 day).
- Any other item: its id; ``datetime`` (1 s).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from stacdesk.core.common.datetimes import parse_datetime
from stacdesk.core.products.product_names import (
    NamedProduct,
    landsat_id,
    sentinel1_name,
    sentinel2_datatake,
    sentinel2_name,
)

Details = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ProductKey:
    """Items are the same product when ``mission`` and ``fields`` are equal, the ``details`` both
    state agree, and their ``time``s (epoch seconds) differ by at most the larger tolerance."""

    mission: str
    fields: tuple[str, ...]
    time: float
    tolerance: float
    details: Details = ()

    def matches(self, other: ProductKey) -> bool:
        if self.mission != other.mission or self.fields != other.fields:
            return False
        if abs(self.time - other.time) > max(self.tolerance, other.tolerance):
            return False
        theirs = dict(other.details)
        return all(theirs.get(name, value) == value for name, value in self.details)


def _name_time(text: str) -> float:
    fmt = "%Y%m%dT%H%M%S" if "T" in text else "%Y%m%d"
    return datetime.strptime(text, fmt).replace(tzinfo=UTC).timestamp()


def _named(
    parse: Callable[[str], NamedProduct | None], texts: list[Any], tolerance: float
) -> ProductKey | None:
    for text in texts:
        if isinstance(text, str) and (named := parse(text)) is not None:
            time = _name_time(named.time)
            return ProductKey(named.mission, named.fields, time, tolerance, named.details)
    return None


def _text(properties: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = properties.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
            return str(value)
    return ""


def _platform(properties: dict[str, Any], mission: str) -> str:
    """The satellite as product names write it: ``sentinel-2a`` / ``Sentinel-2A`` /
    ``SENTINEL-2A`` → ``S2A``; ``landsat-8`` → ``08``."""
    platform = _text(properties, "platform").lower().replace("_", "-")
    m = re.fullmatch(rf"{mission}-?([a-z]|\d{{1,2}})", platform)
    if m is None:
        return ""
    if mission == "landsat":
        return m[1].zfill(2)
    return f"S{mission[-1]}{m[1].upper()}"


def _time(properties: dict[str, Any], *keys: str) -> float:
    for key in keys:
        value = parse_datetime(properties.get(key))
        if not math.isnan(value):
            return value
    return math.nan


def _stamp(value: float) -> str:
    return "" if math.isnan(value) else datetime.fromtimestamp(value, UTC).strftime("%Y%m%dT%H%M%S")


S2_LEVELS = {"S2MSI2A": "L2A", "S2MSI1C": "L1C", "L2": "L2A", "L2A": "L2A", "L1C": "L1C"}
S2_EXACT, S2_SENSING = 1.0, 1800.0


def _sentinel2_tile(p: dict[str, Any], granule: str) -> str:
    tile = _text(p, "s2:mgrs_tile").lstrip("T") or _text(p, "grid:code").removeprefix("MGRS-")
    if not tile and (m := re.search(r"_T(\d{2}[A-Z]{3})(?:_|$)", granule)):
        tile = m[1]
    mgrs = (_text(p, "mgrs:utm_zone"), _text(p, "mgrs:latitude_band"), _text(p, "mgrs:grid_square"))
    if not tile and all(mgrs) and mgrs[0].isdigit():
        tile = f"{int(mgrs[0]):02d}{mgrs[1]}{mgrs[2]}"
    return tile


def _sentinel2(item_id: str, p: dict[str, Any]) -> ProductKey | None:
    texts = [p.get("s2:product_uri"), item_id, p.get("s2:product_identifier"), p.get("title")]
    if (named := _named(sentinel2_name, texts, S2_EXACT)) is not None:
        return named
    sat = _platform(p, "sentinel-2")
    level = S2_LEVELS.get(_text(p, "s2:product_type", "product:type", "processing:level"), "")
    granule = _text(p, "s2:granule_id", "s2:tile_id")
    baseline = _text(p, "s2:processing_baseline", "processing:version").replace(".", "")
    if not baseline and (m := re.search(r"_N(\d{2})\.?(\d{2})(?:_|$)", granule)):
        baseline = m[1] + m[2]
    time, tolerance = _time(p, "datetime", "start_datetime"), S2_SENSING
    if datatake := sentinel2_datatake(_text(p, "s2:datatake_id")):
        sat, baseline = sat or datatake[0], baseline or datatake[2]
        time, tolerance = _name_time(datatake[1]), S2_EXACT
    fields = (sat, level, _sentinel2_tile(p, granule), baseline)
    if not all(fields) or math.isnan(time):
        return None
    orbit = _text(p, "sat:relative_orbit")
    details = (
        ("orbit", orbit.zfill(3) if orbit.isdigit() else ""),
        ("generated", _stamp(_time(p, "s2:generation_time", "processing:datetime"))),
    )
    details = tuple((name, value) for name, value in details if value)
    return ProductKey("sentinel-2", fields, time, tolerance, details)


S1_POLARISATIONS = {("VH", "VV"): "DV", ("HH", "HV"): "DH", ("VV",): "SV", ("HH",): "SH"}
S1_RESOLUTIONS = {"full": "F", "high": "H", "medium": "M"}
S1_TOLERANCE = 2.0


def _sentinel1(item_id: str, p: dict[str, Any]) -> ProductKey | None:
    texts = [item_id, p.get("s1:product_identifier"), p.get("title")]
    if (named := _named(sentinel1_name, texts, S1_TOLERANCE)) is not None:
        return named
    polarisations = p.get("sar:polarizations")
    pol = ""
    if isinstance(polarisations, list) and all(isinstance(x, str) for x in polarisations):
        pol = S1_POLARISATIONS.get(tuple(sorted(x.upper() for x in polarisations)), "")
    kind = _text(p, "sar:product_type").upper()
    resolution = "_" if kind == "SLC" else S1_RESOLUTIONS.get(_text(p, "s1:resolution").lower(), "")
    datatake = _text(p, "s1:datatake_id")
    orbit = _text(p, "sat:absolute_orbit")
    fields = (
        _platform(p, "sentinel-1"),
        _text(p, "sar:instrument_mode").upper(),
        kind,
        resolution,
        _text(p, "s1:processing_level"),
        pol,
        str(int(orbit)) if orbit.isdigit() else "",
        f"{int(datatake):06X}" if datatake.isdigit() else "",
    )
    time = _time(p, "start_datetime", "datetime")
    if not all(fields) or math.isnan(time):
        return None
    return ProductKey("sentinel-1", fields, time, S1_TOLERANCE)


LANDSAT_TOLERANCE = 86400.0


def _landsat(item_id: str, p: dict[str, Any]) -> ProductKey | None:
    texts = [item_id, p.get("landsat:product_id")]
    if (named := _named(landsat_id, texts, LANDSAT_TOLERANCE)) is not None:
        return named
    fields = (
        _platform(p, "landsat"),
        _text(p, "landsat:correction"),
        _text(p, "landsat:wrs_path").zfill(3),
        _text(p, "landsat:wrs_row").zfill(3),
        _text(p, "landsat:collection_number"),
        _text(p, "landsat:collection_category"),
    )
    time = _time(p, "datetime", "start_datetime")
    if not all(fields) or "000" in fields[2:4] or math.isnan(time):
        return None
    return ProductKey("landsat", fields, time - time % 86400, LANDSAT_TOLERANCE)


RULES: tuple[Callable[[str, dict[str, Any]], ProductKey | None], ...] = (
    _sentinel2,
    _sentinel1,
    _landsat,
)
OTHER_TOLERANCE = 1.0


def product_key(item: Any) -> ProductKey | None:
    """The item's identity by the first rule that can key it; by id and time otherwise; None for
    an item without an id or a time (it stays a product of its own)."""
    if not isinstance(item, dict):
        return None
    properties = item.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    item_id = item.get("id") if isinstance(item.get("id"), str) else ""
    for rule in RULES:
        if (key := rule(item_id, properties)) is not None:
            return key
    time = _time(properties, "datetime", "start_datetime")
    if not item_id or math.isnan(time):
        return None
    return ProductKey("other", (item_id,), time, OTHER_TOLERANCE)
