"""From what the user set (cloud cover, form conditions, raw CQL2, ids, sort) to search parameters.

Why one place: the same inputs must become CQL2-JSON for a server with the filter extension, the
query extension for one that only has that (Earth Search), and nothing — with a note saying so —
for one that has neither. Raw CQL2 text is validated with the ``cql2`` package before it is sent,
so a typo is reported next to the editor instead of as an HTTP 400 after a round trip.
pystac-client turns the CQL2-JSON into CQL2 text for GET requests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message
from stacdesk.core.query.capabilities import Capabilities
from stacdesk.core.query.cql2_filter import Cql2Error, filter_to_json
from stacdesk.core.query.queryables import CLOUD_COVER
from stacdesk.core.query.search_query import SearchQuery

#: CQL2 comparison operators the form offers, and their query-extension names
QUERY_EXTENSION_OPS = {"=": "eq", "<>": "neq", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}
OPERATORS_BY_KIND: dict[str, tuple[str, ...]] = {
    "number": ("<=", ">=", "=", "<>", "<", ">"),
    "integer": ("=", "<=", ">=", "<>", "<", ">"),
    "enum": ("=", "<>"),
    "string": ("=", "<>", "like"),
    "datetime": (">=", "<="),
    "date": (">=", "<="),
    "boolean": ("=",),
}
_ID_SPLIT = re.compile(r"[\s,;]+")


class FilterError(ValueError):
    """Input that cannot become a filter; the message is shown next to the control."""


@dataclass(frozen=True)
class Condition:
    """``name op value`` from the filter form; ``kind`` is the queryable's input kind."""

    name: str
    op: str
    value: Any
    kind: str = "string"

    def to_cql2(self) -> dict[str, Any]:
        if self.op not in (*QUERY_EXTENSION_OPS, "like"):
            raise FilterError(f"Unknown operator {self.op!r} for {self.name}.")
        value: Any = self.value
        if self.kind == "datetime":
            value = {"timestamp": str(value)}
        elif self.kind == "date":
            value = {"date": str(value)}
        return {"op": self.op, "args": [{"property": self.name}, value]}

    def to_query(self) -> tuple[str, dict[str, Any]]:
        """The same condition in the query extension (no ``like`` there)."""
        if self.op not in QUERY_EXTENSION_OPS:
            raise FilterError(f"The query extension has no {self.op!r} operator.")
        return self.name, {QUERY_EXTENSION_OPS[self.op]: self.value}


@dataclass(frozen=True)
class SortKey:
    field: str
    descending: bool = False

    def as_sortby(self) -> str:
        return f"{'-' if self.descending else '+'}{self.field}"


def cloud_cover_condition(maximum: float) -> Condition:
    return Condition(CLOUD_COVER, "<=", float(maximum), "number")


def parse_cql2_text(text: str) -> dict[str, Any]:
    """Validated CQL2 text as CQL2-JSON; FilterError with position and expectation otherwise."""
    try:
        return filter_to_json(text)
    except Cql2Error as exc:
        raise FilterError(str(exc)) from None


def parse_ids(text: str) -> tuple[str, ...]:
    """Item ids separated by spaces, commas, semicolons or new lines, without repeats."""
    return tuple(dict.fromkeys(part for part in _ID_SPLIT.split(text.strip()) if part))


def and_all(expressions: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    if not expressions:
        return None
    if len(expressions) == 1:
        return expressions[0]
    return {"op": "and", "args": list(expressions)}


@dataclass(frozen=True)
class SearchInputs:
    """The filter-ish inputs of the search panel, before they meet a server's capabilities."""

    cloud_cover_max: float | None = None
    conditions: tuple[Condition, ...] = ()
    cql2_text: str = ""
    ids: tuple[str, ...] = ()
    sort: tuple[SortKey, ...] = ()


@dataclass
class AppliedInputs:
    """The query to send, plus notes on anything that could not be sent as asked."""

    query: SearchQuery
    notes: list[str]


def apply_inputs(
    query: SearchQuery,
    inputs: SearchInputs,
    capabilities: Capabilities,
    cloud_cover_via: str | None = None,
) -> AppliedInputs:
    """Put the inputs into ``query`` the way this server understands them.

    ``cloud_cover_via`` is ``"filter"`` or ``"query"`` (see ``Capabilities.cloud_cover_via``);
    None means pick by capability. Nothing is dropped silently: each input that cannot be sent
    becomes a note, and an invalid CQL2 text is left out with its error as a note.
    """
    notes: list[str] = []
    cql: list[dict[str, Any]] = []
    query_ext: dict[str, dict[str, Any]] = {}
    conditions = list(inputs.conditions)
    if inputs.cloud_cover_max is not None:
        via = cloud_cover_via or (
            "filter" if capabilities.filter else "query" if capabilities.query else None
        )
        if via == "query":
            name, ops = cloud_cover_condition(inputs.cloud_cover_max).to_query()
            query_ext.setdefault(name, {}).update(ops)
        elif via == "filter":
            conditions.insert(0, cloud_cover_condition(inputs.cloud_cover_max))
        else:
            notes.append(
                "The cloud-cover limit was not applied: the server offers neither CQL2 filtering "
                "nor the query extension."
            )
    for condition in conditions:
        if capabilities.filter:
            cql.append(condition.to_cql2())
        elif capabilities.query and condition.op in QUERY_EXTENSION_OPS:
            name, ops = condition.to_query()
            query_ext.setdefault(name, {}).update(ops)
        else:
            notes.append(f"The condition on {condition.name} was not applied: {_no_filter()}")
    if inputs.cql2_text.strip():
        try:
            parsed = parse_cql2_text(inputs.cql2_text)
        except FilterError as exc:
            notes.append(f"Your CQL2 filter was not applied because it is invalid: {exc}")
        else:
            if capabilities.filter:
                cql.append(parsed)
            else:
                notes.append(f"Your CQL2 filter was not applied: {_no_filter()}")
    changes: dict[str, Any] = {}
    expression = and_all(cql)
    if expression is not None:
        changes["filter"], changes["filter_lang"] = expression, None
    if query_ext:
        changes["query"] = query_ext
    if inputs.ids:
        changes["ids"] = inputs.ids
    if inputs.sort:
        if capabilities.sort:
            changes["sortby"] = tuple(key.as_sortby() for key in inputs.sort)
        else:
            notes.append(
                "Results are not sorted as asked: the server does not declare sorting, so they "
                "come in its own order."
            )
    return AppliedInputs(query.with_changes(**changes), notes)


def _no_filter() -> str:
    return "the server offers no CQL2 filtering."


DESCENDING = QT_TRANSLATE_NOOP("SearchNotes", "%1 descending")
ASCENDING = QT_TRANSLATE_NOOP("SearchNotes", "%1 ascending")
AND_THEN = QT_TRANSLATE_NOOP("SearchNotes", "%1, %2")


def describe_sortby(sortby: Iterable[str]) -> Message | str:
    """The order asked for in words ("eo:cloud_cover ascending, datetime descending")."""
    parts = [
        (DESCENDING if spec.startswith("-") else ASCENDING)(
            spec.lstrip("+-").removeprefix("properties.")
        )
        for spec in sortby
    ]
    if not parts:
        return ""
    described = parts[-1]
    for part in reversed(parts[:-1]):
        described = AND_THEN(part, described)
    return described
