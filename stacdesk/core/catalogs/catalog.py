"""The one interface every kind of catalog offers: its collections, and a search as pages.

Both methods block (HTTP, disk): callers run them in worker threads (see ``paging.Pager``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stacdesk.core.query.search_query import SearchQuery


@dataclass(frozen=True)
class CollectionInfo:
    """What the collection picker needs to show and clamp dates with."""

    id: str
    title: str
    description: str = ""
    temporal: tuple[str | None, str | None] = (None, None)
    bbox: tuple[float, float, float, float] | None = None
    # what it holds (platforms, product types), for matching collections between catalogs
    summaries: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict[str, Any]:
        """The metadata that collection matching reads, in STAC's shape."""
        return {"id": self.id, "title": self.title, "summaries": self.summaries}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CollectionInfo:
        extent = data.get("extent") or {}
        interval = _first((extent.get("temporal") or {}).get("interval"))  # [[start, end]]
        bbox = _first((extent.get("spatial") or {}).get("bbox"))
        return cls(
            id=str(data.get("id", "")),
            title=str(data.get("title") or data.get("id") or ""),
            description=str(data.get("description") or ""),
            temporal=(
                (interval[0], interval[1])
                if isinstance(interval, list) and len(interval) == 2
                else (None, None)
            ),
            bbox=_bbox_2d(bbox),
            summaries=summaries if isinstance(summaries := data.get("summaries"), dict) else {},
        )


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _bbox_2d(bbox: Any) -> tuple[float, float, float, float] | None:
    """A 2-D bbox from a STAC 4- or 6-number bbox; None for anything malformed."""
    try:
        if isinstance(bbox, list) and len(bbox) == 4:
            return (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3]))
        if isinstance(bbox, list) and len(bbox) == 6:
            return (float(bbox[0]), float(bbox[1]), float(bbox[3]), float(bbox[4]))
    except (TypeError, ValueError):
        pass
    return None


@dataclass
class Page:
    """One page of a search, as the server sent it (features still plain dicts)."""

    features: list[dict[str, Any]]
    number_matched: int | None = None
    number_matched_estimated: bool = False
    url: str = ""
    problems: list[str] = field(default_factory=list)
    # each feature's JSON as the server sent it (None where unknown), when the source has it
    raw_features: list[bytes | None] | None = None


class PageSource(Protocol):
    """A forward-only cursor over a search's pages. ``next_page`` returns None at the end.

    A page that failed can be asked for again: the cursor only moves on after a success, so a
    retry never skips or repeats a page.
    """

    method: str

    def next_page(self) -> Page | None: ...

    def close(self) -> None: ...


class Catalog(Protocol):
    """A STAC API, or a catalog on disk searched in-process."""

    title: str
    url: str

    def collections(self) -> list[CollectionInfo]: ...

    def search(self, query: SearchQuery) -> PageSource: ...
