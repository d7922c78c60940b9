"""What the user asked for, as one immutable value shared by the window, the CLI and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True)
class SearchQuery:
    """An item search. Fields left empty are not sent; ``limit`` is the page size, always sent.

    ``datetime`` is an RFC 3339 interval such as ``"2024-01-01T00:00:00Z/.."``. ``bbox`` may cross
    the antimeridian (west > east), as the STAC API allows. ``intersects`` is a GeoJSON geometry.
    """

    collections: tuple[str, ...] = ()
    datetime: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    intersects: dict[str, Any] | None = field(default=None, hash=False, compare=True)
    ids: tuple[str, ...] = ()
    filter: str | dict[str, Any] | None = field(default=None, hash=False)
    filter_lang: str | None = None
    query: dict[str, Any] | None = field(default=None, hash=False)  # the query extension
    sortby: tuple[str, ...] = ()
    limit: int = DEFAULT_PAGE_SIZE
    max_items: int | None = None

    def __post_init__(self) -> None:
        if self.bbox is not None and self.intersects is not None:
            raise ValueError("a search takes either a bbox or an intersects geometry, not both")
        if self.limit < 1:
            raise ValueError("the page size (limit) must be at least 1")

    def with_changes(self, **changes: Any) -> SearchQuery:
        return replace(self, **changes)

    def search_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``pystac_client.Client.search`` (only what is set)."""
        kwargs: dict[str, Any] = {"limit": self.limit}
        if self.collections:
            kwargs["collections"] = list(self.collections)
        if self.datetime:
            kwargs["datetime"] = self.datetime
        if self.bbox is not None:
            kwargs["bbox"] = list(self.bbox)
        if self.intersects is not None:
            kwargs["intersects"] = self.intersects
        if self.ids:
            kwargs["ids"] = list(self.ids)
        if self.filter is not None:
            kwargs["filter"] = self.filter
            if self.filter_lang:
                kwargs["filter_lang"] = self.filter_lang
        if self.query:
            kwargs["query"] = self.query
        if self.sortby:
            kwargs["sortby"] = list(self.sortby)
        if self.max_items is not None:
            kwargs["max_items"] = self.max_items
        return kwargs
