"""Each catalog's version of one query: the collection ids mapped to what that catalog calls them.

The user picks collections in one catalog; another may name the same product ``S2_MSI_L2A``.
The mapping is proposed from what the collections hold (``products.collection_match``) and said
in a note, so a surprising match shows; the user's own choices (``overrides``) come first; a
catalog holding none of them is not searched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.products.collection_match import counterparts
from stacdesk.core.query.search_query import SearchQuery

SEARCHED_AS = QT_TRANSLATE_NOOP("SourceQueries", "%1 is searched as %2")
SEARCHED_AS_CHOSEN = QT_TRANSLATE_NOOP("SourceQueries", "%1 is searched as %2 (your choice)")
NOTHING = QT_TRANSLATE_NOOP("SourceQueries", "nothing")
HOLDS_NONE = QT_TRANSLATE_NOOP("SourceQueries", "holds none of %1; not searched")


@dataclasses.dataclass(frozen=True)
class SourceQuery:
    """A catalog's query (None: it holds none of the collections) and what the mapping did."""

    query: SearchQuery | None
    notes: tuple[str, ...] = ()


def reference_collections(
    listings: Sequence[Sequence[CollectionInfo] | None],
) -> dict[str, CollectionInfo]:
    """Every collection id any catalog lists (the first listing wins), to match others against."""
    reference: dict[str, CollectionInfo] = {}
    for infos in listings:
        for info in infos or ():
            reference.setdefault(info.id, info)
    return reference


def query_for(
    query: SearchQuery,
    own: Sequence[CollectionInfo] | None,
    reference: dict[str, CollectionInfo],
    overrides: Mapping[str, Sequence[str]] | None = None,
) -> SourceQuery:
    """``query`` for a catalog listing ``own`` (None: it cannot list them, the ids go as they
    are); ``overrides[cid]`` is the user's choice for ``cid`` there (empty: none)."""
    overrides = overrides or {}
    if not query.collections or (own is None and not overrides):
        return SourceQuery(query)
    mapped: list[str] = []
    notes: list[str] = []
    for cid in query.collections:
        if cid in overrides:
            found = list(overrides[cid])
            chosen = ", ".join(found) or NOTHING()
            notes.append(SEARCHED_AS_CHOSEN(cid, chosen))
        else:
            found = proposed(cid, own, reference)
            if found and found != [cid]:
                notes.append(SEARCHED_AS(cid, ", ".join(found)))
        mapped += [f for f in found if f not in mapped]
    if not mapped:
        none = HOLDS_NONE(", ".join(query.collections))
        return SourceQuery(None, (*notes, none))
    return SourceQuery(dataclasses.replace(query, collections=tuple(mapped)), tuple(notes))


def proposed(
    cid: str, own: Sequence[CollectionInfo] | None, reference: dict[str, CollectionInfo]
) -> list[str]:
    """The collections of a catalog listing ``own`` proposed for ``cid`` (unlisted: the id)."""
    if own is None:
        return [cid]
    if cid not in reference:
        return []
    return counterparts(reference[cid].as_dict(), [info.as_dict() for info in own])
