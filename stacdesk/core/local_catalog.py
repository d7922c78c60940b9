"""A catalog of items on disk, searched in-process: the bundled sample and local item files.

Items are read once into columns (bbox, time range, collection) so a search is a numpy mask plus an
exact shapely test on the few candidates, with the same semantics as a STAC API item search.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import shapely
from shapely.geometry import box, shape

from stacdesk.core.catalog import CollectionInfo, Page
from stacdesk.core.datetimes import parse_datetime, parse_interval
from stacdesk.core.errors import CatalogError
from stacdesk.core.query import SearchQuery

SORTABLE = {"datetime", "id", "eo:cloud_cover", "collection"}


def _read_lines(path: Path) -> Iterator[bytes]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for line in handle:
            if line.strip():
                yield line


def _absolute_hrefs(item: dict[str, Any], base: Path) -> None:
    """Relative asset hrefs point into the catalog folder; make them absolute file paths."""
    assets = item.get("assets")
    if not isinstance(assets, dict):
        return
    for asset in assets.values():
        href = asset.get("href") if isinstance(asset, dict) else None
        if isinstance(href, str) and href and "://" not in href and not href.startswith("/"):
            asset["href"] = str((base / href).resolve())


def _time_range(props: dict[str, Any]) -> tuple[float, float]:
    instant = parse_datetime(props.get("datetime"))
    if not np.isnan(instant):
        return instant, instant
    return parse_datetime(props.get("start_datetime")), parse_datetime(props.get("end_datetime"))


def _boxes(bbox: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    """A bbox as one or two boxes, split when it crosses the antimeridian (west > east)."""
    west, south, east, north = bbox
    if west > east:
        return [(west, south, 180.0, north), (-180.0, south, east, north)]
    return [bbox]


class LocalCatalog:
    """Items held in memory with a column index; ``search`` gives pages like an API would."""

    def __init__(
        self,
        title: str,
        url: str,
        items: list[dict[str, Any]],
        collections: list[dict[str, Any]],
    ) -> None:
        self.title = title
        self.url = url
        self.search_method = "local"
        self._items = items
        self._collections = collections
        n = len(items)
        self._ids = np.array([str(i.get("id", "")) for i in items], dtype=object)
        self._collection_ids = np.array(
            [str(i.get("collection") or "") for i in items], dtype=object
        )
        self._t0 = np.full(n, np.nan)
        self._t1 = np.full(n, np.nan)
        self._bbox = np.full((n, 4), np.nan)
        for row, item in enumerate(items):
            props = item.get("properties") if isinstance(item.get("properties"), dict) else {}
            self._t0[row], self._t1[row] = _time_range(props)
            bbox = item.get("bbox")
            if isinstance(bbox, list) and len(bbox) == 4:
                self._bbox[row] = bbox
            elif isinstance(bbox, list) and len(bbox) == 6:
                self._bbox[row] = [bbox[0], bbox[1], bbox[3], bbox[4]]
        self._geometries: dict[int, Any] = {}

    @classmethod
    def from_folder(cls, folder: Path, title: str | None = None) -> LocalCatalog:
        """A folder with ``collections.json`` and ``items.ndjson[.gz]`` (the bundled sample)."""
        try:
            collections = orjson.loads((folder / "collections.json").read_bytes())
            items_file = next(
                p for p in (folder / "items.ndjson.gz", folder / "items.ndjson") if p.exists()
            )
            items = []
            for line in _read_lines(items_file):
                item = orjson.loads(line)
                if isinstance(item, dict):
                    _absolute_hrefs(item, folder)
                    items.append(item)
        except (OSError, StopIteration, orjson.JSONDecodeError) as exc:
            raise CatalogError(f"Cannot read the local catalog in {folder}: {exc}") from exc
        if not isinstance(collections, list):
            raise CatalogError(f"{folder / 'collections.json'} is not a list of collections.")
        return cls(title or folder.name, str(folder), items, collections)

    def collections(self) -> list[CollectionInfo]:
        return [CollectionInfo.from_dict(c) for c in self._collections if isinstance(c, dict)]

    def __len__(self) -> int:
        return len(self._items)

    def _geometry(self, row: int) -> Any:
        if row not in self._geometries:
            try:
                self._geometries[row] = shape(self._items[row]["geometry"])
            except (KeyError, TypeError, ValueError, AttributeError):
                self._geometries[row] = None
        return self._geometries[row]

    def matching_rows(self, query: SearchQuery) -> np.ndarray:
        """Row numbers of the items the query matches, in the order a search returns them."""
        if query.filter is not None:
            raise CatalogError("Filters are not supported on local catalogs yet.")
        mask = np.ones(len(self._items), dtype=bool)
        if query.collections:
            mask &= np.isin(self._collection_ids, list(query.collections))
        if query.ids:
            mask &= np.isin(self._ids, list(query.ids))
        if query.datetime:
            try:
                start, end = parse_interval(query.datetime)
            except ValueError as exc:
                raise CatalogError(f"Invalid date range: {exc}") from exc
            with np.errstate(invalid="ignore"):
                mask &= (self._t1 >= start) & (self._t0 <= end)
        area = None
        if query.bbox is not None:
            area = shapely.union_all([box(*b) for b in _boxes(query.bbox)])
        elif query.intersects is not None:
            try:
                area = shape(query.intersects)
            except (TypeError, ValueError, AttributeError) as exc:
                raise CatalogError(f"Invalid intersects geometry: {exc}") from exc
        rows = np.flatnonzero(mask)
        if area is not None:
            rows = self._intersecting(rows, area)
        return self._sorted(rows, query.sortby)

    def _intersecting(self, rows: np.ndarray, area: Any) -> np.ndarray:
        west, south, east, north = area.bounds
        b = self._bbox[rows]
        with np.errstate(invalid="ignore"):
            crosses = b[:, 0] > b[:, 2]
            candidate = (
                (b[:, 1] <= north)
                & (b[:, 3] >= south)
                & (crosses | ((b[:, 0] <= east) & (b[:, 2] >= west)))
            )
        candidate |= np.isnan(b).any(axis=1)  # no bbox: decide from the geometry
        hits = [
            r
            for r in rows[candidate]
            if (g := self._geometry(int(r))) is not None and g.intersects(area)
        ]
        return np.asarray(hits, dtype=np.int64)

    def _sorted(self, rows: np.ndarray, sortby: tuple[str, ...]) -> np.ndarray:
        """Newest first by default, as most STAC APIs answer; ``sortby`` keys applied last first."""
        fields = sortby or ("-datetime",)
        order = rows
        for spec in reversed(fields):
            descending = spec.startswith("-")
            name = spec.lstrip("+-").removeprefix("properties.")
            if name not in SORTABLE:
                raise CatalogError(f"Cannot sort a local catalog by {name!r}.")
            keys = self._sort_keys(name, order)
            index = np.argsort(keys, kind="stable")
            if descending:
                index = (
                    index[::-1]
                    if name in ("id", "collection")
                    else np.argsort(-keys, kind="stable")
                )
            order = order[index]
        return order

    def _sort_keys(self, name: str, rows: np.ndarray) -> np.ndarray:
        if name == "datetime":
            return np.nan_to_num(self._t0[rows], nan=-np.inf)
        if name == "eo:cloud_cover":
            values = [self._items[r].get("properties", {}).get("eo:cloud_cover") for r in rows]
            return np.array([v if isinstance(v, int | float) else np.inf for v in values], float)
        column = self._ids if name == "id" else self._collection_ids
        return np.asarray(column[rows], dtype=str)

    def search(self, query: SearchQuery) -> LocalPageSource:
        return LocalPageSource(self, query)

    def item(self, row: int) -> dict[str, Any]:
        return self._items[row]


class LocalPageSource:
    """Pages over a local search's matches; the matching itself runs on the first page request."""

    method = "local"

    def __init__(self, catalog: LocalCatalog, query: SearchQuery) -> None:
        self._catalog = catalog
        self._query = query
        self._rows: np.ndarray | None = None
        self._position = 0

    def next_page(self) -> Page | None:
        if self._rows is None:
            rows = self._catalog.matching_rows(self._query)
            if self._query.max_items is not None:
                rows = rows[: self._query.max_items]
            self._rows = rows
        if self._position >= len(self._rows):
            return None
        chunk = self._rows[self._position : self._position + self._query.limit]
        self._position += len(chunk)
        return Page(
            features=[self._catalog.item(int(r)) for r in chunk],
            number_matched=len(self._rows),
            url=self._catalog.url,
        )

    def close(self) -> None:
        self._rows = np.empty(0, dtype=np.int64)
