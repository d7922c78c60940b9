"""Which item of a mosaic is drawn on top: as selected (the current result), the newest, or the
least cloudy, the user's choice. Apart from ``mosaic`` so the window can order a selection
without importing the reading side (GDAL loads only when a preview is first read).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

ORDERS = ("selection", "newest", "least cloudy")  # which item is drawn on top


def on_top_first(items: Sequence[dict[str, Any]], order: str) -> list[int]:
    """Indexes of ``items`` (the current result first), the one drawn on top first: as
    selected, the newest (by start time), or the least cloudy (``eo:cloud_cover``; items
    without one under those with one). Ties keep the selection's order."""
    if order not in ORDERS[1:]:
        return list(range(len(items)))

    def key(index: int) -> tuple[float, int]:
        props = items[index].get("properties")
        props = props if isinstance(props, dict) else {}
        if order == "newest":
            when = props.get("datetime") or props.get("start_datetime")
            return (-_seconds(when), index)
        cloud = props.get("eo:cloud_cover")
        usable = isinstance(cloud, int | float) and not isinstance(cloud, bool)
        return (float(cloud) if usable else float("inf"), index)

    return sorted(range(len(items)), key=key)


def _seconds(value: object) -> float:
    """An RFC 3339 time as POSIX seconds (items without a readable one sort last)."""
    if not isinstance(value, str):
        return float("-inf")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return float("-inf")
