"""What a STAC API can do, read from its landing page and ``/conformance``.

Why: servers differ a lot (rustac ignores filters and sorting silently, CESNET only answers GET,
Earth Search has the query extension but no CQL2). The search panel enables only what the server
declares, and says why a control is off. Conformance URIs change version between releases
(``v1.0.0-rc.2/item-search#filter``, ``v1.1.0/item-search#sort``), so classes are matched by their
stable part, not by the whole URI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from stacdesk.core.common.json_fields import list_field
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message, Phrase

QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"

_ITEM_SEARCH = re.compile(r"api\.stacspec\.org/[^/]+/item-search$")
_FILTER = re.compile(r"api\.stacspec\.org/[^/]+/item-search#filter$")
_SORT = re.compile(r"api\.stacspec\.org/[^/]+/item-search#sort$")
_FIELDS = re.compile(r"api\.stacspec\.org/[^/]+/item-search#fields$")
_QUERY = re.compile(r"api\.stacspec\.org/[^/]+/item-search#query$")
_COLLECTION_SEARCH = re.compile(r"api\.stacspec\.org/[^/]+/collection-search$")
_FREE_TEXT = re.compile(r"api\.stacspec\.org/[^/]+/collection-search#free-text$")
_CQL2_TEXT = re.compile(r"(/conf/cql2-text$|item-search#filter:cql-text$)")
_CQL2_JSON = re.compile(r"(/conf/cql2-json$|item-search#filter:cql-json$)")

LABELS: dict[str, Phrase] = {
    "post_search": QT_TRANSLATE_NOOP("Capabilities", "POST search"),
    "filter": QT_TRANSLATE_NOOP("Capabilities", "CQL2 filter"),
    "sort": QT_TRANSLATE_NOOP("Capabilities", "sorting"),
    "fields": QT_TRANSLATE_NOOP("Capabilities", "fields"),
    "query": QT_TRANSLATE_NOOP("Capabilities", "query extension"),
    "collection_search": QT_TRANSLATE_NOOP("Capabilities", "collection search"),
    "free_text": QT_TRANSLATE_NOOP("Capabilities", "free-text collection search"),
}
BASIC_ONLY = QT_TRANSLATE_NOOP("Capabilities", "basic item search only")
AND_MORE = QT_TRANSLATE_NOOP("Capabilities", "%1, %2")  # one more feature in the list
# Why a control is off; the server's and a local catalog's sentences are separate phrases, as
# the subject changes the whole sentence in other languages.
NO_SORT = {
    "api": QT_TRANSLATE_NOOP(
        "Capabilities",
        "This server does not declare sorting (item-search#sort), so results come in its own "
        "order.",
    ),
    "local": QT_TRANSLATE_NOOP(
        "Capabilities",
        "A local catalog does not declare sorting (item-search#sort), so results come in its "
        "own order.",
    ),
}
NO_FILTER = {
    "api": QT_TRANSLATE_NOOP(
        "Capabilities",
        "This server does not declare CQL2 filtering (item-search#filter); a filter would be "
        "ignored or rejected.",
    ),
    "local": QT_TRANSLATE_NOOP(
        "Capabilities",
        "A local catalog does not declare CQL2 filtering (item-search#filter); a filter would "
        "be ignored or rejected.",
    ),
}
NO_FEATURE = {
    "api": QT_TRANSLATE_NOOP("Capabilities", "This server does not declare %1."),
    "local": QT_TRANSLATE_NOOP("Capabilities", "A local catalog does not declare %1."),
}


def search_methods(landing: dict[str, Any]) -> set[str]:
    """The methods of the landing page's ``search`` links (a link without one means GET)."""
    return {
        str(link.get("method") or "GET").upper()
        for link in list_field(landing, "links")
        if isinstance(link, dict) and link.get("rel") == "search"
    }


@dataclass(frozen=True)
class Capabilities:
    """One flag per feature the search panel may use; ``why_not`` explains a missing one."""

    item_search: bool = True
    get_search: bool = True
    post_search: bool = False
    filter: bool = False
    cql2_text: bool = False
    cql2_json: bool = False
    sort: bool = False
    fields: bool = False
    query: bool = False
    collection_search: bool = False
    free_text: bool = False
    queryables_href: str | None = None
    source: str = "api"

    @classmethod
    def from_server(cls, landing: dict[str, Any], conformance: Iterable[str] = ()) -> Capabilities:
        """Capabilities from the landing page and the ``/conformance`` classes (both merged)."""
        classes = {str(c).rstrip("/") for c in list_field(landing, "conformsTo") if c}
        classes |= {str(c).rstrip("/") for c in conformance if c}
        links = [x for x in list_field(landing, "links") if isinstance(x, dict)]
        methods = search_methods(landing)

        def has(pattern: re.Pattern[str]) -> bool:
            return any(pattern.search(c) for c in classes)

        filter_ = has(_FILTER)
        text, json_ = has(_CQL2_TEXT), has(_CQL2_JSON)
        if filter_ and not (text or json_):
            text = json_ = True  # filter declared without a language: both are required by it
        queryables = next(
            (x.get("href") for x in links if x.get("rel") == QUERYABLES_REL and x.get("href")),
            None,
        )
        collection_search = has(_COLLECTION_SEARCH)
        return cls(
            item_search=has(_ITEM_SEARCH) or bool(methods),
            get_search="GET" in methods or not methods,
            post_search="POST" in methods,
            filter=filter_,
            cql2_text=filter_ and text,
            cql2_json=filter_ and json_,
            sort=has(_SORT),
            fields=has(_FIELDS),
            query=has(_QUERY),
            collection_search=collection_search,
            free_text=collection_search and has(_FREE_TEXT),
            queryables_href=str(queryables) if queryables else None,
        )

    @classmethod
    def for_local(cls) -> Capabilities:
        """A catalog searched in-process: CQL2 and sorting by a few fields, no server."""
        return cls(
            post_search=False,
            filter=True,
            cql2_text=True,
            cql2_json=True,
            sort=True,
            source="local",
        )

    def cloud_cover_via(self, queryable: bool, queryables_known: bool) -> str | None:
        """How a cloud-cover limit can be sent: ``"filter"``, ``"query"`` or None.

        CQL2 when ``eo:cloud_cover`` is a listed queryable; the query extension when that is all
        the server has (Earth Search) and the queryables don't rule the property out.
        """
        if self.filter and queryable:
            return "filter"
        if self.query and (queryable or not queryables_known):
            return "query"
        return None

    def why_not(self, feature: str) -> Message | None:
        """Why ``feature`` is unavailable (None when it is available)."""
        if getattr(self, feature, False):
            return None
        where = "local" if self.source == "local" else "api"
        if feature == "sort":
            return NO_SORT[where]()
        if feature == "filter":
            return NO_FILTER[where]()
        label = LABELS.get(feature)
        return NO_FEATURE[where](label() if label is not None else feature)

    def summary(self) -> Message:
        """The features declared, as a list ("POST search, CQL2 filter, sorting")."""
        on = [label() for name, label in LABELS.items() if getattr(self, name)]
        if not on:
            return BASIC_ONLY()
        listed = on[-1]
        for label in reversed(on[:-1]):
            listed = AND_MORE(label, listed)
        return listed

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def capabilities_of(catalog: object) -> Capabilities:
    """The capabilities of any catalog (local catalogs have no conformance to read)."""
    found = getattr(catalog, "capabilities", None)
    if isinstance(found, Capabilities):
        return found
    return Capabilities.for_local()
