"""A catalog of items on disk, searched in-process: the bundled sample and local item files.

Items are read once into columns (bbox, time range, collection; an indexed file brings them, see
``local_index``, and a stac-geoparquet file is read as searched, see ``local_parquet``) so a
search is a numpy mask plus an exact shapely test on the few candidates, then the CQL2 filter on
what is left, with the same semantics as a STAC API item search (pgstac's: an item's extent is
start/end_datetime when both are set, else its datetime).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import box, shape

from stacdesk.core.catalogs.catalog import CollectionInfo, Page
from stacdesk.core.catalogs.local_formats import read_local
from stacdesk.core.catalogs.local_index import IndexedItems, ItemColumns
from stacdesk.core.catalogs.local_parquet import ParquetItems
from stacdesk.core.common.datetimes import parse_interval
from stacdesk.core.common.errors import CatalogError
from stacdesk.core.query.cql2_filter import ItemFilter
from stacdesk.core.query.search_query import SearchQuery

TOP_LEVEL_SORT_FIELDS = {"id", "collection"}


def _boxes(bbox: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    """A bbox as one or two boxes, split when it crosses the antimeridian (west > east)."""
    west, south, east, north = bbox
    if west > east:
        return [(west, south, 180.0, north), (-180.0, south, east, north)]
    return [bbox]


def _sort_field(spec: str) -> tuple[str, bool]:
    """``"-properties.eo:cloud_cover"`` → (``"eo:cloud_cover"``, descending)."""
    spec = spec.strip()
    descending = spec.startswith("-")
    name = spec.lstrip("+-").strip().removeprefix("properties.")
    if not name:
        raise CatalogError(f"Cannot sort by {spec!r}: no field name.")
    return name, descending


class LocalCatalog:
    """Items held in memory with a column index; ``search`` gives pages like an API would."""

    def __init__(
        self,
        title: str,
        url: str,
        items: Sequence[dict[str, Any]],
        collections: list[dict[str, Any]],
    ) -> None:
        self.title = title
        self.url = url
        self.search_method = "local"
        self._items = items
        self._collections = collections
        # an indexed file brings its columns; other items are read for them here
        indexed = isinstance(items, IndexedItems | ParquetItems)
        columns = items.columns if indexed else ItemColumns.of(items)
        self._ids = columns.ids
        self._collection_ids = columns.collection_ids
        self._t0, self._t1, self._bbox = columns.t0, columns.t1, columns.bbox
        self._geometries: dict[int, Any] = {}
        self.problems: list[str] = []

    @classmethod
    def open(cls, path: Path, title: str | None = None) -> LocalCatalog:
        """Items from any local source ``local_formats.read_local`` knows: a stac-geoparquet,
        ndjson(.gz) or GeoJSON file, a single item, a static catalog tree, or a folder of these."""
        found = read_local(Path(path))
        catalog = cls(title or found.title, str(path), found.items, found.collections)
        catalog.problems = found.problems
        return catalog

    @classmethod
    def from_folder(cls, folder: Path, title: str | None = None) -> LocalCatalog:
        """A folder with ``collections.json`` and ``items.ndjson[.gz]`` (the bundled sample)."""
        return cls.open(folder, title or Path(folder).name)

    def collections(self) -> list[CollectionInfo]:
        return [CollectionInfo.from_dict(c) for c in self._collections if isinstance(c, dict)]

    def __len__(self) -> int:
        return len(self._items)

    def _geometry(self, row: int) -> Any:
        if row not in self._geometries:
            try:
                self._geometries[row] = shape(self._items[row]["geometry"])
            except Exception:  # missing or malformed geometry (shapely raises several kinds)
                self._geometries[row] = None
        return self._geometries[row]

    def matching_rows(self, query: SearchQuery) -> np.ndarray:
        """Row numbers of the items the query matches, in the order a search returns them."""
        item_filter = (
            ItemFilter(query.filter, query.filter_lang) if query.filter is not None else None
        )
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
        if item_filter is not None:
            rows = np.asarray(
                [r for r in rows if item_filter.matches(self._items[int(r)])], dtype=np.int64
            )
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
        """Newest first by default, as most STAC APIs answer (a stac-geoparquet file: its own
        order, see ``local_parquet``); any property can be a sort key.

        Items without a value for a key come last, whichever the direction.
        """
        rows = np.asarray(rows, dtype=np.int64)
        if not sortby and isinstance(self._items, ParquetItems):
            return rows  # the file's own order: an export reads each row group once
        fields = [_sort_field(spec) for spec in (sortby or ("-datetime",))]
        if len(rows) < 2:
            return rows
        keys: list[np.ndarray] = []
        for name, descending in fields:
            rank, missing = self._sort_rank(name, rows)
            keys += [missing, -rank if descending else rank]
        # np.lexsort sorts by the last key first: missing-ness, then the value, per field in order.
        order = np.lexsort(list(reversed(keys)))
        return rows[order]

    def _sort_rank(self, name: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A float rank per row for ``name`` and whether the row has no value."""
        if name == "datetime":
            values = self._t0[rows]
            missing = np.isnan(values)
            return np.nan_to_num(values, nan=0.0), missing
        if name in TOP_LEVEL_SORT_FIELDS:
            raw = list((self._ids if name == "id" else self._collection_ids)[rows])
        else:
            raw = [self._property(int(r), name) for r in rows]
        missing = np.array([v is None for v in raw], dtype=bool)
        if all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in raw if v is not None
        ):
            values = np.array([float(v) if v is not None else 0.0 for v in raw], dtype=float)
            return values, missing
        text = np.array(["" if v is None else str(v) for v in raw], dtype=object)
        _, inverse = np.unique(text.astype(str), return_inverse=True)
        return inverse.astype(float), missing

    def _property(self, row: int, name: str) -> Any:
        props = self._items[row].get("properties")
        return props.get(name) if isinstance(props, dict) else None

    def search(self, query: SearchQuery) -> LocalPageSource:
        return LocalPageSource(self, query)

    def item(self, row: int) -> dict[str, Any]:
        return self._items[row]

    def items_at(self, rows: np.ndarray) -> list[dict[str, Any]]:
        """A page's items; a stac-geoparquet file converts them together (``local_parquet``)."""
        if isinstance(self._items, ParquetItems):
            return self._items.items_at(rows)
        return [self._items[int(r)] for r in rows]


class LocalPageSource:
    """Pages over a local search's matches; the matching itself runs on the first page request."""

    method = "local"

    def __init__(self, catalog: LocalCatalog, query: SearchQuery) -> None:
        self._catalog = catalog
        self._query = query
        self._rows: np.ndarray | None = None
        self._matched = 0
        self._position = 0

    def next_page(self) -> Page | None:
        if self._rows is None:
            rows = self._catalog.matching_rows(self._query)
            self._matched = len(rows)
            if self._query.max_items is not None:
                rows = rows[: self._query.max_items]
            self._rows = rows
        if self._position >= len(self._rows):
            return None
        chunk = self._rows[self._position : self._position + self._query.limit]
        self._position += len(chunk)
        return Page(
            features=self._catalog.items_at(chunk),
            number_matched=self._matched,
            url=self._catalog.url,
        )

    def close(self) -> None:
        self._rows = np.empty(0, dtype=np.int64)


def folder_of(path: Path | str) -> Path | None:
    """The folder of a catalog on disk: itself, or the folder of an item file / catalog.json."""
    path = Path(path).expanduser()
    if not path.exists():
        return None
    folder = path if path.is_dir() else path.parent
    return folder.resolve() if folder.is_dir() else None


def catalog_folder(catalog: object) -> Path | None:
    """The folder a local catalog was read from; None for any other catalog. Its files are the
    ones that may be copied as downloads: the catalog is on this disk, so its word about its
    own folder is the user's."""
    return folder_of(catalog.url) if isinstance(catalog, LocalCatalog) else None
