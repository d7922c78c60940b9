"""Queryables: the properties a server can filter on, JSON-schema types turned into input kinds.

Why: a filter form must offer the properties that exist for the chosen collections, with the right
input (a number box with bounds, a list of allowed values, a date, plain text). Each collection has
its own ``/collections/{id}/queryables``; the form shows their union. When a collection's document
cannot be loaded, the others (or the catalog-wide ``/queryables``) still count, and the problem is
reported next to the form instead of failing the search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

from stacdesk.core.common.errors import describe_error, http_status
from stacdesk.core.common.message import QT_TRANSLATE_NOOP

QUERYABLES_FAILED = QT_TRANSLATE_NOOP("Queryables", "Queryables could not be loaded: %1")
COLLECTION_FAILED = QT_TRANSLATE_NOOP("Queryables", "Queryables of %1 could not be loaded: %2")
CATALOG_WIDE = QT_TRANSLATE_NOOP(
    "Queryables",
    "The server has no queryables per collection; the form shows the catalog-wide ones.",
)

CLOUD_COVER = "eo:cloud_cover"
KINDS = ("number", "integer", "enum", "datetime", "date", "string", "boolean", "geometry", "other")
#: handled by their own controls (map, date range, ids, collections), not by the filter form
SPECIAL = frozenset({"geometry", "datetime", "id", "collection", "start_datetime", "end_datetime"})


@dataclass(frozen=True)
class Queryable:
    """One property a filter may name, as CQL2 names it (``eo:cloud_cover``)."""

    name: str
    title: str
    kind: str = "string"
    enum: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""
    collections: tuple[str, ...] = ()

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "integer")

    @property
    def sortable(self) -> bool:
        return self.kind in ("number", "integer", "datetime", "date", "string", "enum")


@dataclass
class QueryablesResult:
    """The merged queryables and the problems met while loading them."""

    queryables: list[Queryable] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    loaded: int = 0  # documents read; 0 means the server's queryables are unknown

    @property
    def known(self) -> bool:
        return self.loaded > 0

    def get(self, name: str) -> Queryable | None:
        return next((q for q in self.queryables if q.name == name), None)

    def form_fields(self) -> list[Queryable]:
        """The queryables the filter form offers (special ones have their own controls)."""
        return [q for q in self.queryables if q.name not in SPECIAL and q.kind != "geometry"]


def _alternative(definition: dict[str, Any]) -> dict[str, Any]:
    """The first non-null branch of an ``anyOf`` / ``oneOf``, merged over the definition."""
    for key in ("anyOf", "oneOf"):
        branches = definition.get(key)
        if isinstance(branches, list):
            for branch in branches:
                if isinstance(branch, dict) and branch.get("type") != "null":
                    return {**definition, **branch}
    return definition


def _type(definition: dict[str, Any]) -> str | None:
    kind = definition.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    return kind if isinstance(kind, str) else None


def _bound(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def parse_queryable(name: str, definition: Any, collection: str | None = None) -> Queryable:
    """One JSON-schema property definition as a Queryable with an input kind."""
    name = name.removeprefix("properties.")
    definition = _alternative(definition) if isinstance(definition, dict) else {}
    kind = _type(definition)
    ref = str(definition.get("$ref") or "")
    enum = definition.get("enum")
    if isinstance(enum, list) and enum:
        input_kind = "enum"
    elif kind in ("number", "integer", "boolean"):
        input_kind = kind
    elif kind == "string":
        fmt = definition.get("format")
        input_kind = "datetime" if fmt == "date-time" else "date" if fmt == "date" else "string"
    elif name == "geometry" or "geojson" in ref.lower():
        input_kind = "geometry"
    elif kind is None and (ref or not definition):
        input_kind = "string"
    else:
        input_kind = "other"
    if input_kind == "enum" and isinstance(enum, list):
        values = tuple(v for v in enum if isinstance(v, str | int | float | bool))
    else:
        values = ()
    title = definition.get("title")
    return Queryable(
        name=name,
        title=str(title) if isinstance(title, str) and title else name,
        kind=input_kind,
        enum=values,
        minimum=_bound(definition.get("minimum")),
        maximum=_bound(definition.get("maximum")),
        description=str(definition.get("description") or ""),
        collections=(collection,) if collection else (),
    )


def parse_queryables(schema: Any, collection: str | None = None) -> list[Queryable]:
    """The properties of a queryables JSON schema; anything malformed is skipped."""
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(properties, dict):
        return []
    return [
        parse_queryable(str(name), definition, collection)
        for name, definition in properties.items()
        if isinstance(name, str) and name
    ]


def _merge_pair(a: Queryable, b: Queryable) -> Queryable:
    kind = a.kind if a.kind == b.kind else _common_kind(a.kind, b.kind)
    enum = tuple(dict.fromkeys((*a.enum, *b.enum))) if kind == "enum" else ()
    lows = [v for v in (a.minimum, b.minimum) if v is not None]
    highs = [v for v in (a.maximum, b.maximum) if v is not None]
    return replace(
        a,
        kind=kind,
        enum=enum,
        minimum=min(lows) if len(lows) == 2 else None,
        maximum=max(highs) if len(highs) == 2 else None,
        description=a.description or b.description,
        collections=tuple(dict.fromkeys((*a.collections, *b.collections))),
    )


def _common_kind(a: str, b: str) -> str:
    if {a, b} == {"number", "integer"}:
        return "number"
    if {a, b} <= {"enum", "string"}:
        return "string"
    return "other"


def merge_queryables(groups: Iterable[Sequence[Queryable]]) -> list[Queryable]:
    """The union of several collections' queryables, in first-seen order."""
    merged: dict[str, Queryable] = {}
    for group in groups:
        for queryable in group:
            known = merged.get(queryable.name)
            merged[queryable.name] = queryable if known is None else _merge_pair(known, queryable)
    return list(merged.values())


def collection_queryables_href(api_url: str, collection: str) -> str:
    """``/collections/{id}/queryables`` with the id encoded (ids may contain ``|`` or ``/``)."""
    return f"{api_url.rstrip('/')}/collections/{quote(collection, safe='')}/queryables"


def load_queryables(
    get_json: Callable[[str], Any],
    api_url: str,
    collections: Sequence[str],
    catalog_href: str | None = None,
) -> QueryablesResult:
    """Fetch and merge the queryables of ``collections`` (or the whole catalog's).

    ``get_json(href)`` does the blocking HTTP (with the connection's credentials). A collection
    whose document fails is reported; the catalog-wide document is used when every one fails.
    """
    result = QueryablesResult()
    groups: list[list[Queryable]] = []
    missing = 0  # answered 404: the server has no such documents, which is not a failure
    for collection in collections:
        href = collection_queryables_href(api_url, collection)
        try:
            groups.append(parse_queryables(get_json(href), collection))
            result.loaded += 1
        except Exception as exc:
            missing += http_status(exc) == 404
            result.problems.append(COLLECTION_FAILED(repr(collection), describe_error(exc, href)))
    if not result.loaded:
        href = catalog_href or f"{api_url.rstrip('/')}/queryables"
        try:
            groups.append(parse_queryables(get_json(href)))
            result.loaded += 1
        except Exception as exc:
            result.problems.append(QUERYABLES_FAILED(describe_error(exc, href)))
        else:
            if collections and missing == len(collections):  # none exist: not an error
                result.problems = [CATALOG_WIDE()]
    result.queryables = merge_queryables(groups)
    return result
