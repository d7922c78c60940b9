"""Does a page of results visibly ignore what was asked? Checked on the first page of a search.

Why: some servers accept ``filter``, ``sortby`` or ``query`` and ignore them without an error
(rustac serve; servers whose conformance claims more than they do). A user who asked for "cloud
cover below 20 %, least cloudy first" must be told when the list is neither. Each check only
speaks when an item proves the point; properties an item lacks prove nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from stacdesk.core.common.datetimes import parse_datetime
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message
from stacdesk.core.query.cql2_filter import Cql2Error, evaluable
from stacdesk.core.query.filters import describe_sortby
from stacdesk.core.query.search_query import SearchQuery

_TIME_FIELDS = frozenset({"datetime", "start_datetime", "end_datetime", "created", "updated"})

IGNORES_IDS = QT_TRANSLATE_NOOP(
    "SearchNotes",
    "The server returned items you did not ask for by id (e.g. %1): it seems to ignore the ids.",
)
IGNORES_FILTER = QT_TRANSLATE_NOOP(
    "SearchNotes",
    "The server returned items that do not match your filter (e.g. %1): it seems to ignore the "
    "filter, so these results are not filtered.",
)
IGNORES_SORT = QT_TRANSLATE_NOOP(
    "SearchNotes",
    "The server did not sort the results as asked (%1): %2 comes before %3. It seems to ignore "
    "sorting; sort the list locally instead.",
)
IGNORES_QUERY = QT_TRANSLATE_NOOP(
    "SearchNotes",
    "The server returned items that do not match your query (e.g. %1 has %2 = %3): it seems to "
    "ignore the query extension.",
)


def check_page(query: SearchQuery, features: Sequence[dict[str, Any]]) -> list[Message]:
    """Notes for every request this page of results visibly ignores."""
    notes = []
    if query.filter is not None and (note := _check_filter(query, features)):
        notes.append(note)
    if query.query and (note := _check_query_extension(query.query, features)):
        notes.append(note)
    if query.sortby and (note := _check_sort(query.sortby, features)):
        notes.append(note)
    if query.ids:
        wanted = set(query.ids)
        strays = [f.get("id") for f in features if f.get("id") not in wanted]
        if strays:
            notes.append(IGNORES_IDS(str(strays[0])))
    return notes


def _check_filter(query: SearchQuery, features: Sequence[dict[str, Any]]) -> Message | None:
    try:
        expr = evaluable(query.filter, query.filter_lang)
    except Cql2Error:
        return None  # we could not parse it either; the server's answer says more
    for feature in features:
        try:
            matched = expr.matches(feature)
        except Exception:
            continue  # a property this item lacks, or an operator cql2 cannot evaluate
        if matched is False:
            return IGNORES_FILTER(str(feature.get("id")))
    return None


def _value(feature: dict[str, Any], name: str) -> Any:
    name = name.removeprefix("properties.")
    if name in ("id", "collection"):
        return feature.get(name)
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        return None
    value = properties.get(name)
    if name == "datetime" and value is None:
        value = properties.get("start_datetime")
    if name in _TIME_FIELDS and isinstance(value, str):
        parsed = parse_datetime(value)
        return None if parsed != parsed else parsed  # NaN: unreadable
    if isinstance(value, bool):
        return None
    return value if isinstance(value, int | float | str) else None


def _comparable(a: Any, b: Any) -> bool:
    numbers = (int, float)
    return (isinstance(a, numbers) and isinstance(b, numbers)) or (
        isinstance(a, str) and isinstance(b, str)
    )


def _check_sort(sortby: Sequence[str], features: Sequence[dict[str, Any]]) -> Message | None:
    keys = [(spec.lstrip("+-"), spec.startswith("-")) for spec in sortby]
    for before, after in itertools.pairwise(features):
        for name, descending in keys:
            a, b = _value(before, name), _value(after, name)
            if a is None or b is None or not _comparable(a, b):
                break  # unknown order from here on for this pair
            if a == b:
                continue
            if (a > b) != descending:
                ids = str(before.get("id")), str(after.get("id"))
                return IGNORES_SORT(describe_sortby(sortby), *ids)
            break
    return None


_QUERY_OPS = {
    "eq": lambda v, x: v == x,
    "neq": lambda v, x: v != x,
    "lt": lambda v, x: v < x,
    "lte": lambda v, x: v <= x,
    "gt": lambda v, x: v > x,
    "gte": lambda v, x: v >= x,
    "in": lambda v, x: v in x,
    "startsWith": lambda v, x: str(v).startswith(str(x)),
    "endsWith": lambda v, x: str(v).endswith(str(x)),
    "contains": lambda v, x: str(x) in str(v),
}


def _check_query_extension(
    query: dict[str, Any], features: Sequence[dict[str, Any]]
) -> Message | None:
    for feature in features:
        for name, ops in query.items():
            value = _value(feature, name)
            if value is None or not isinstance(ops, dict):
                continue
            for op, expected in ops.items():
                test = _QUERY_OPS.get(op)
                if test is None:
                    continue
                try:
                    ok = test(value, expected)
                except TypeError:
                    continue
                if not ok:
                    return IGNORES_QUERY(str(feature.get("id")), name, str(value))
    return None
