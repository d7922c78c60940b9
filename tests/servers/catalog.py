"""A generated test catalog and the ground truth of searches over it.

Why: server answers are only worth testing against an independent truth. The catalog comes from
the project's own generator (``generated_catalog.py``: synthetic items, deterministic per seed),
and ``expected_ids`` recomputes what a STAC API item search must return with shapely and plain
datetime arithmetic, following the STAC API item-search semantics; it never reads the generator's
choices, only the items.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from tests.servers.generated_catalog import generate

DEFAULT_FAMILIES: tuple[str, ...] = (
    "sentinel-2-l2a",
    "landsat-c2-l2",
    "sentinel-1-grd",
    "era5-pds",
)
DEFAULT_COUNT = 1500
DEFAULT_SEED = 7


def shared_dir() -> Path:
    """The ``shared`` folder beside the repository checkout, or ``$STACDESK_SHARED``.

    Only the real-data tier reads it (see ``real_data_dir``); a clone without it still passes.
    """
    env = os.environ.get("STACDESK_SHARED")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2].parent / "shared"


def real_data_dir() -> Path:
    """The recorded real STAC data (``<shared>/stac-data``); may be absent."""
    return shared_dir() / "stac-data"


def real_data_missing() -> str | None:
    """Why the real-data tier cannot run here, or None when the recorded data is present."""
    real = real_data_dir() / "real"
    if not real.is_dir():
        return (
            f"recorded real STAC data not found at {real}: it sits in a 'shared' folder beside "
            "the checkout (set STACDESK_SHARED to its location)"
        )
    return None


@dataclass
class GeneratedCatalog:
    """A catalog written by ``generated_catalog.py``: one folder per collection under ``root``."""

    root: Path
    collections: list[dict[str, Any]]
    items: list[dict[str, Any]]
    base_url: str = ""
    items_by_collection: dict[str, list[dict[str, Any]]] = field(init=False)

    def __post_init__(self) -> None:
        self.items_by_collection = {c["id"]: [] for c in self.collections}
        for item in self.items:
            self.items_by_collection.setdefault(item["collection"], []).append(item)

    @property
    def collection_ids(self) -> list[str]:
        """Collection ids in generation order."""
        return [c["id"] for c in self.collections]

    def collection_path(self, collection_id: str) -> Path:
        """The collection's ``collection.json``."""
        return self.root / collection_id / "collection.json"

    def items_path(self, collection_id: str) -> Path:
        """The collection's ``items.ndjson``."""
        return self.root / collection_id / "items.ndjson"

    @classmethod
    def load(cls, root: Path, base_url: str = "") -> GeneratedCatalog:
        """Read a catalog folder previously written by ``generated_catalog.py``."""
        collections = json.loads((root / "collections.json").read_text())
        items: list[dict[str, Any]] = []
        for coll in collections:
            with open(root / coll["id"] / "items.ndjson", encoding="utf-8") as fh:
                items.extend(json.loads(line) for line in fh if line.strip())
        return cls(root=root, collections=collections, items=items, base_url=base_url)


def generate_catalog(
    out: Path,
    *,
    base_url: str,
    count: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    families: Sequence[str] = DEFAULT_FAMILIES,
    parquet: bool = False,
) -> GeneratedCatalog:
    """Write the project's synthetic catalog into ``out`` and load it back.

    ``base_url`` should be ``<asset server>/assets`` so thumbnail hrefs resolve. ERA5 adds its
    monthly series (48 items) on top of ``count``.
    """
    generate(out, base_url=base_url, count=count, seed=seed, families=families, parquet=parquet)
    return GeneratedCatalog.load(out, base_url=base_url)


# ---------------------------------------------------------------- ground truth

Interval = tuple[dt.datetime | None, dt.datetime | None]


def parse_rfc3339(value: str) -> dt.datetime:
    """An RFC 3339 timestamp as an aware UTC datetime (naive input is taken as UTC)."""
    text = value.strip().upper()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    parsed = dt.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def parse_interval(value: str) -> Interval:
    """The search ``datetime`` parameter: an instant, or ``a/b`` with ``..`` or '' as open end."""
    if "/" not in value:
        instant = parse_rfc3339(value)
        return instant, instant
    start, end = value.split("/", 1)
    lo = None if start.strip() in ("", "..") else parse_rfc3339(start)
    hi = None if end.strip() in ("", "..") else parse_rfc3339(end)
    return lo, hi


def item_interval(item: Mapping[str, Any]) -> Interval:
    """An item's temporal extent: start/end_datetime when both are set, else the instant.

    This is pgstac's rule (``stac_daterange``) and rustac's; items whose ``datetime`` is null
    (ERA5 monthly means) always carry start/end.
    """
    props = item.get("properties") or {}
    start, end = props.get("start_datetime"), props.get("end_datetime")
    if start and end:
        return parse_rfc3339(start), parse_rfc3339(end)
    instant = props.get("datetime")
    if instant:
        t = parse_rfc3339(instant)
        return t, t
    return None, None


def bbox_geometry(bbox: Sequence[float]) -> BaseGeometry:
    """A search bbox as a geometry; west > east crosses the antimeridian and becomes two boxes.

    A 6-number bbox (with heights) is reduced to its 2-D footprint.
    """
    if len(bbox) == 6:
        west, south, _, east, north, _ = bbox
    elif len(bbox) == 4:
        west, south, east, north = bbox
    else:
        raise ValueError(f"bbox needs 4 or 6 numbers, got {bbox!r}")
    if west > east:
        return shapely.union(box(west, south, 180.0, north), box(-180.0, south, east, north))
    return box(west, south, east, north)


def expected_ids(
    items: Iterable[Mapping[str, Any]],
    collections: str | Iterable[str] | None = None,
    bbox: Sequence[float] | None = None,
    intersects: Mapping[str, Any] | BaseGeometry | None = None,
    datetime: str | None = None,
) -> set[str]:
    """Ids of the items an item search with these parameters must return.

    Spatial: the item geometry intersects the bbox / ``intersects`` geometry (planar, as pgstac
    and rustac do; null geometries never match). Temporal: the item extent overlaps the closed
    interval. ``bbox`` and ``intersects`` are mutually exclusive, as in the spec.
    """
    if bbox is not None and intersects is not None:
        raise ValueError("bbox and intersects are mutually exclusive")
    wanted = {collections} if isinstance(collections, str) else collections
    wanted = set(wanted) if wanted is not None else None
    area: BaseGeometry | None = None
    if bbox is not None:
        area = bbox_geometry(bbox)
    elif intersects is not None:
        area = intersects if isinstance(intersects, BaseGeometry) else shape(intersects)
    if area is not None:
        shapely.prepare(area)
    lo, hi = parse_interval(datetime) if datetime else (None, None)

    result: set[str] = set()
    for item in items:
        if wanted is not None and item.get("collection") not in wanted:
            continue
        if area is not None:
            geom = item.get("geometry")
            if not geom or not area.intersects(shape(geom)):
                continue
        if datetime:
            start, end = item_interval(item)
            if start is None or end is None:
                continue
            if (lo is not None and end < lo) or (hi is not None and start > hi):
                continue
        result.add(item["id"])
    return result
