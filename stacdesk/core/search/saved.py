"""Saved searches and the search history, kept in one JSON file beside the connections.

A saved search is the whole search — connection, query and area of interest — under a name, plus
the ids it returned so far, so re-running it can say which results are new since the last run.
The history keeps the last ``HISTORY_SIZE`` searches run, newest first. A damaged file is set
aside (never silently overwritten) and the app starts with an empty library.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

from stacdesk.config import app_paths
from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.common.events import Event
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, joined
from stacdesk.core.geo.geometry import BOX, Aoi
from stacdesk.core.query.search_query import DEFAULT_PAGE_SIZE, SearchQuery

HISTORY_SIZE = 50
FILE_VERSION = 1

FILTERED = QT_TRANSLATE_NOOP("SavedSearch", "filtered")


def default_path() -> Path:
    return app_paths().config / "searches.json"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------- (de)serialise


def query_to_dict(query: SearchQuery) -> dict[str, Any]:
    """Only the fields that are set, as JSON values: the search's own keyword arguments."""
    return query.search_kwargs()


def query_from_dict(data: dict[str, Any]) -> SearchQuery:
    """The inverse of ``query_to_dict``; raises ValueError/TypeError for malformed data."""
    bbox = data.get("bbox")
    max_items = data.get("max_items")
    return SearchQuery(
        collections=tuple(str(c) for c in data.get("collections", ())),
        datetime=data.get("datetime") or None,
        bbox=(
            (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3]))
            if bbox is not None
            else None
        ),
        intersects=data.get("intersects"),
        ids=tuple(str(i) for i in data.get("ids", ())),
        filter=data.get("filter"),
        filter_lang=data.get("filter_lang"),
        sortby=tuple(str(s) for s in data.get("sortby", ())),
        limit=int(data.get("limit", DEFAULT_PAGE_SIZE)),
        max_items=int(max_items) if max_items is not None else None,
        query=data.get("query") or None,
    )


def aoi_to_dict(aoi: Aoi | None) -> dict[str, Any] | None:
    if aoi is None:
        return None
    return {
        "kind": aoi.kind,
        "geometry": mapping(aoi.geometry),
        "bbox": list(aoi.bbox) if aoi.bbox is not None else None,
    }


def aoi_from_dict(data: dict[str, Any] | None) -> Aoi | None:
    if not data:
        return None
    bbox = data.get("bbox")
    return Aoi(
        str(data["kind"]),
        shape(data["geometry"]),
        (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])) if bbox else None,
    )


@dataclass
class StoredSearch:
    """A search worth running again. History entries have no name and no seen ids."""

    connection: Connection
    query: SearchQuery
    aoi: Aoi | None = None
    name: str = ""
    created: str = field(default_factory=_now)
    last_run: str | None = None
    seen_ids: list[str] = field(default_factory=list)

    def effective_query(self) -> SearchQuery:
        """The query as sent: the AOI becomes bbox/intersects unless the query has its own."""
        if self.aoi is not None and self.query.bbox is None and self.query.intersects is None:
            return self.query.with_changes(**self.aoi.query_fields())
        return self.query

    def same_search(self, other: StoredSearch) -> bool:
        return (
            self.connection == other.connection
            and query_to_dict(self.query) == query_to_dict(other.query)
            and aoi_to_dict(self.aoi) == aoi_to_dict(other.aoi)
        )

    def describe(self) -> str:
        """One line for a menu: catalog, collections, area, dates."""
        q = self.query
        parts = [self.connection.name]
        if q.collections:
            parts.append(", ".join(q.collections[:3]) + ("…" if len(q.collections) > 3 else ""))
        if self.aoi is not None:
            parts.append(self.aoi.describe())
        elif q.bbox is not None:
            parts.append(BOX(", ".join(f"{v:g}" for v in q.bbox)))
        elif q.intersects is not None:
            parts.append(str(q.intersects.get("type", "geometry")))
        if q.datetime:
            parts.append(q.datetime)
        if q.filter is not None:
            parts.append(FILTERED())
        return joined(parts)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "connection": self.connection.to_dict(),
            "query": query_to_dict(self.query),
            "aoi": aoi_to_dict(self.aoi),
            "created": self.created,
            "last_run": self.last_run,
        }
        if self.name:
            data["name"] = self.name
            data["seen_ids"] = self.seen_ids
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoredSearch:
        return cls(
            connection=Connection.from_dict(data["connection"]),
            query=query_from_dict(data.get("query") or {}),
            aoi=aoi_from_dict(data.get("aoi")),
            name=str(data.get("name", "")),
            created=str(data.get("created") or _now()),
            last_run=data.get("last_run"),
            seen_ids=[str(i) for i in data.get("seen_ids", [])],
        )


class SearchLibrary:
    """Saved searches by name and the history of the last searches; ``changed()`` on any edit."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.changed: Event[[]] = Event()
        self.saved: list[StoredSearch] = []
        self.history: list[StoredSearch] = []
        self.load_problem: str | None = None
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            saved = [StoredSearch.from_dict(d) for d in data.get("saved", [])]
            history = [StoredSearch.from_dict(d) for d in data.get("history", [])]
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            self.load_problem = f"The saved searches file was damaged ({exc}); set aside."
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(".json.broken"))
            return
        self.saved = saved
        self.history = history[:HISTORY_SIZE]

    def _save(self) -> None:
        data = {
            "version": FILE_VERSION,
            "saved": [s.to_dict() for s in self.saved],
            "history": [h.to_dict() for h in self.history],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)
        self.changed.emit()

    def find(self, name: str) -> StoredSearch | None:
        return next((s for s in self.saved if s.name == name), None)

    def save(
        self,
        name: str,
        connection: Connection,
        query: SearchQuery,
        aoi: Aoi | None = None,
        seen_ids: list[str] | None = None,
    ) -> StoredSearch:
        """Save (or replace) a search by name; ``seen_ids`` are the results already looked at."""
        name = name.strip()
        if not name:
            raise ValueError("A saved search needs a name.")
        entry = StoredSearch(connection, query, aoi, name=name)
        if seen_ids is not None:
            entry.seen_ids = list(dict.fromkeys(seen_ids))
            entry.last_run = _now()
        old = self.find(name)
        if old is not None:
            if old.same_search(entry) and seen_ids is None:
                entry.seen_ids, entry.last_run = old.seen_ids, old.last_run
            entry.created = old.created
            self.saved[self.saved.index(old)] = entry
        else:
            self.saved.append(entry)
        self._save()
        return entry

    def remove(self, name: str) -> None:
        self.saved = [s for s in self.saved if s.name != name]
        self._save()

    def record(self, connection: Connection, query: SearchQuery, aoi: Aoi | None) -> StoredSearch:
        """Put a search that was run at the top of the history (moved there if already in it)."""
        entry = StoredSearch(connection, query, aoi, last_run=_now())
        self.history = [h for h in self.history if not h.same_search(entry)]
        self.history.insert(0, entry)
        del self.history[HISTORY_SIZE:]
        self._save()
        return entry

    def clear_history(self) -> None:
        self.history = []
        self._save()

    def start_rerun(self, name: str) -> RerunTracker:
        entry = self.find(name)
        if entry is None:
            raise KeyError(name)
        return RerunTracker(self, entry)

    def _store_seen(self, entry: StoredSearch, seen: list[str]) -> None:
        current = self.find(entry.name)
        if current is None:
            return  # deleted meanwhile
        index = self.saved.index(current)
        self.saved[index] = replace(current, seen_ids=seen, last_run=_now())
        self._save()


class RerunTracker:
    """One re-run of a saved search: which results are new compared with the runs before.

    ``update(ids)`` takes the ids loaded so far (pages arrive one by one), returns the new ones
    and stores every id seen, so the next run compares against this one. Ids seen in earlier runs
    but not returned now are kept (a result that comes back later is not "new").
    """

    def __init__(self, library: SearchLibrary, entry: StoredSearch) -> None:
        self.library = library
        self.entry = entry
        self.first_run = entry.last_run is None
        self.baseline = frozenset(entry.seen_ids)
        self.new_ids: list[str] = []
        self.query: SearchQuery | None = None  # the query this re-run sent (set by the runner)

    def update(self, ids: list[str]) -> list[str]:
        new = [] if self.first_run else [i for i in ids if i not in self.baseline]
        self.new_ids = new
        seen = list(dict.fromkeys([*self.entry.seen_ids, *ids]))
        self.library._store_seen(self.entry, seen)
        return new
