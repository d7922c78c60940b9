"""Items from several catalogs into one row per product, as they arrive.

The merge is incremental (each page is merged when it comes, in any order of the sources) and
cheap: candidates are looked up by the key's exact fields, then by time (the products of one
mission and tile or orbit are kept sorted by time, and only those within the tolerance are
compared), so a new product costs a bisect, not a walk of every earlier pass over its tile (a
year of one Sentinel-2 tile is ~70 products; the merge runs on the GUI thread).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from typing import Any

from stacdesk.core.products.product_identity import ProductKey, product_key


@dataclass(frozen=True)
class SourceRef:
    """One catalog's copy of a product: where it came from, under which id and collection."""

    source: str
    item_id: str
    collection: str


@dataclass
class Product:
    key: ProductKey | None
    sources: list[SourceRef] = field(default_factory=list)

    @property
    def source_names(self) -> list[str]:
        """The catalogs holding the product, each once, in the order they answered."""
        return list(dict.fromkeys(ref.source for ref in self.sources))


@dataclass(frozen=True)
class Placement:
    row: int  # the product's row
    new_row: bool  # the item started a product
    new_source: bool  # the item added a copy the row did not list yet


class _Near:
    """The products of one mission and fields, as (time, row) sorted by time, and the largest
    tolerance among them: which rows a key's time can match is a bisect. A time that is no
    number compares as matching any (as ``ProductKey.matches`` does), so such rows are always
    candidates."""

    __slots__ = ("reach", "timed", "untimed")

    def __init__(self) -> None:
        self.timed: list[tuple[float, int]] = []
        self.untimed: list[int] = []
        self.reach = 0.0

    def add(self, key: ProductKey, row: int) -> None:
        if math.isnan(key.time):
            self.untimed.append(row)
            return
        insort(self.timed, (key.time, row))
        self.reach = max(self.reach, key.tolerance)

    def rows_near(self, key: ProductKey) -> list[int]:
        """Rows whose time is within either tolerance of the key's, lowest row first (the
        product listed first wins, as it always did)."""
        if math.isnan(key.time):
            near = self.timed
        else:
            reach = max(self.reach, key.tolerance)
            lo = bisect_left(self.timed, (key.time - reach, -1))
            hi = bisect_right(self.timed, (key.time + reach, math.inf))
            near = self.timed[lo:hi]
        if len(near) == 1 and not self.untimed:
            return [near[0][1]]
        return sorted([row for _time, row in near] + self.untimed)


class ProductMerger:
    def __init__(self) -> None:
        self.products: list[Product] = []
        self._candidates: dict[tuple[str, tuple[str, ...]], _Near] = {}
        self._seen: dict[tuple[str, str], int] = {}  # (source, item id) → row

    def __len__(self) -> int:
        return len(self.products)

    def add(self, source: str, item: Any) -> Placement:
        return self.place(_ref(source, item), product_key(item))

    def place(self, ref: SourceRef, key: ProductKey | None) -> Placement:
        """Place one item (its key computed beforehand, e.g. in a worker); an item seen before
        (a page answered twice, an id repeated) changes nothing."""
        seen = self._seen.get((ref.source, ref.item_id)) if ref.item_id else None
        if seen is not None:
            return Placement(seen, False, False)
        row = self._match(key)
        if row is None:
            row = len(self.products)
            self.products.append(Product(key, [ref]))
            if key is not None:
                self._candidates.setdefault((key.mission, key.fields), _Near()).add(key, row)
            placement = Placement(row, True, True)
        else:
            self.products[row].sources.append(ref)
            placement = Placement(row, False, True)
        if ref.item_id:
            self._seen[(ref.source, ref.item_id)] = row
        return placement

    def _match(self, key: ProductKey | None) -> int | None:
        if key is None:
            return None
        near = self._candidates.get((key.mission, key.fields))
        for row in near.rows_near(key) if near is not None else ():
            known = self.products[row].key
            if known is not None and known.matches(key):
                return row
        return None


def _ref(source: str, item: Any) -> SourceRef:
    item = item if isinstance(item, dict) else {}
    item_id, collection = item.get("id"), item.get("collection")
    return SourceRef(
        source,
        item_id if isinstance(item_id, str) else "",
        collection if isinstance(collection, str) else "",
    )
