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

    def __len__(self) -> int:
        return len(self.products)

    def add(self, source: str, item: Any) -> Placement:
        """Place one item of ``source``; an item seen before (a page answered twice) changes
        nothing."""
        key = product_key(item)
        ref = _ref(source, item)
        if key is not None:
            bucket = self._candidates.setdefault((key.mission, key.fields), [])
            for row in bucket:
                product = self.products[row]
                if product.key is not None and product.key.matches(key):
                    if ref in product.sources:
                        return Placement(row, False, False)
                    product.sources.append(ref)
                    return Placement(row, False, True)
            bucket.append(len(self.products))
        self.products.append(Product(key, [ref]))
        return Placement(len(self.products) - 1, True, True)


def _ref(source: str, item: Any) -> SourceRef:
    item = item if isinstance(item, dict) else {}
    item_id, collection = item.get("id"), item.get("collection")
    return SourceRef(
        source,
        item_id if isinstance(item_id, str) else "",
        collection if isinstance(collection, str) else "",
    )
