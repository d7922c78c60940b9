"""Which collections of other catalogs hold the same kind of product as a chosen one.

Catalogs name their collections differently (``sentinel1-grd`` / ``sentinel-1-grd``; CESNET's and
the Data Space's Sentinel-2 L2A against ``sentinel-2-l2a`` elsewhere); what they hold shows in the
metadata: the constellation and platforms of the summaries, the product type or processing level,
and the id and title. A match is a proposal the user may edit; an unknown kind matches only the
same id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MISSIONS = (
    ("sentinel-1", r"sentinel[-_ ]?1|\bs1[abc]?\b"),
    ("sentinel-2", r"sentinel[-_ ]?2|\bs2[abc]?\b"),
    ("sentinel-3", r"sentinel[-_ ]?3|\bs3[ab]?\b"),
    ("sentinel-5p", r"sentinel[-_ ]?5p|\bs5p\b"),
    ("landsat", r"landsat"),
    ("era5", r"era5"),
)
PRODUCTS = (
    ("L2A", r"l2a\b|level[-_ ]?2a|s2msi2a"),
    ("L1C", r"l1c\b|level[-_ ]?1c\b(?!.*ground range)|s2msi1c"),
    ("GRD", r"\bgrd|ground range"),
    ("SLC", r"\bslc\b|single look"),
    ("OCN", r"\bocn\b"),
    ("L2", r"\bl2\b|level[-_ ]?2\b|-l2$"),
    ("L1", r"\bl1\b|level[-_ ]?1\b|-l1$"),
)


@dataclass(frozen=True)
class CollectionKind:
    mission: str
    product: str  # "" when the metadata does not say


def _summary_texts(collection: dict[str, Any], *keys: str) -> list[str]:
    summaries = collection.get("summaries")
    summaries = summaries if isinstance(summaries, dict) else {}
    texts: list[str] = []
    for key in keys:
        values = summaries.get(key)
        if isinstance(values, list):
            texts += [v for v in values if isinstance(v, str)]
    return texts


def _first(patterns: tuple[tuple[str, str], ...], texts: list[str]) -> str:
    for text in texts:
        lowered = text.lower().replace("_", "-")
        for name, pattern in patterns:
            if re.search(pattern, lowered):
                return name
    return ""


def _own_text(collection: dict[str, Any], key: str) -> list[str]:
    value = collection.get(key)
    return [value] if isinstance(value, str) else []


def collection_kind(collection: Any) -> CollectionKind | None:
    """The mission and product level a collection holds, or None when its metadata names no
    known mission."""
    if not isinstance(collection, dict):
        return None
    named = _own_text(collection, "id") + _own_text(collection, "title")
    platforms = _summary_texts(collection, "constellation", "platform")
    mission = _first(MISSIONS, platforms + named)
    if not mission:
        return None
    types = _summary_texts(
        collection, "s2:product_type", "sar:product_type", "product:type", "processing:level"
    )
    return CollectionKind(mission, _first(PRODUCTS, types + named))


def counterparts(chosen: Any, others: list[Any]) -> list[str]:
    """Ids of ``others`` (one catalog's collections) holding what ``chosen`` holds: the same id
    when there is one, else every collection of the same mission and product level."""
    chosen_id = chosen.get("id") if isinstance(chosen, dict) else None
    ids = [c.get("id") for c in others if isinstance(c, dict) and isinstance(c.get("id"), str)]
    kind = collection_kind(chosen)
    same_kind = [
        c["id"]
        for c in others
        if isinstance(c, dict)
        and isinstance(c.get("id"), str)
        and kind is not None
        and collection_kind(c) == kind
        and kind.product
    ]
    if chosen_id in ids and (not same_kind or chosen_id in same_kind):
        return [chosen_id]
    return same_kind
