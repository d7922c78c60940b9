"""Items from several catalogs into one row per product, as they arrive.

The merge is incremental (each page is merged when it comes, in any order of the sources) and
cheap: candidates are looked up by the key's exact fields, so only the items of the same mission,
tile or orbit are compared by time.
"""

from __future__ import annotations

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


class ProductMerger:
    def __init__(self) -> None:
        self.products: list[Product] = []
        self._candidates: dict[tuple[str, tuple[str, ...]], list[int]] = {}
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
                self._candidates.setdefault((key.mission, key.fields), []).append(row)
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
        for row in self._candidates.get((key.mission, key.fields), ()):
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
