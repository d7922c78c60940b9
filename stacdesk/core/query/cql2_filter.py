"""CQL2 filters evaluated in-process, so local catalogs answer ``filter`` like a STAC API does.

The ``cql2`` package parses text and JSON and evaluates an expression against an item
(``Expr.matches``). It raises when a property the filter names is missing; SQL servers treat that
comparison as unknown, and an unknown filter does not match, so that becomes ``False`` here.

Older CQL2 drafts (and many pystac-client scripts) name the comparisons ``eq``, ``lte``, ``gt``…;
servers still accept them, but ``cql2`` reads them as unknown functions it cannot evaluate. For
evaluation only they are renamed to the standard symbols (``evaluable``); what is sent to a server
stays as the user wrote it.
"""

from __future__ import annotations

import json
import re
from typing import Any

import cql2

from stacdesk.core.common.errors import CatalogError

_POSITION = re.compile(r"-->\s*(\d+):(\d+)")


class Cql2Error(CatalogError, ValueError):
    """A filter that cannot be parsed; the message says where and what was expected."""


def _describe(exc: Exception, text: str) -> str:
    """The parser's multi-line report as one line: position and what it expected."""
    raw = str(exc)
    where = _POSITION.search(raw)
    expected = next(
        (
            line.split("=", 1)[1].strip()
            for line in raw.splitlines()
            if line.strip().startswith("=")
        ),
        "",
    )
    if where and expected:
        return f"Invalid CQL2 filter {text!r} at column {where.group(2)}: {expected}."
    first = next((line.strip() for line in raw.splitlines() if line.strip()), "cannot parse it")
    return f"Invalid CQL2 filter {text!r}: {first}"


def parse_filter(value: str | dict[str, Any], lang: str | None = None) -> cql2.Expr:
    """A parsed and validated expression from CQL2 text or a CQL2 JSON object.

    Raises ``Cql2Error`` with a one-line message for anything that is not valid CQL2.
    """
    if isinstance(value, str) and lang == "cql2-json":
        try:
            return parse_filter(cql2.parse_json(value).to_json())
        except Exception as exc:
            raise Cql2Error(_describe(exc, value)) from exc
    if isinstance(value, str) and not value.strip():
        raise Cql2Error("The CQL2 filter is empty.")
    try:
        expr = cql2.parse_text(value) if isinstance(value, str) else cql2.Expr(value)
        expr.validate()
    except Exception as exc:  # cql2 raises plain Exception for JSON, ParseError for text
        shown = value if isinstance(value, str) else str(value)[:120]
        raise Cql2Error(_describe(exc, shown)) from exc
    return expr


def filter_to_json(value: str | dict[str, Any], lang: str | None = None) -> dict[str, Any]:
    """CQL2 JSON of a filter (text is converted), e.g. for a POST body."""
    return parse_filter(value, lang).to_json()


_LEGACY_OPERATORS = {"eq": "=", "neq": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


def standard_operators(node: Any) -> Any:
    """A CQL2 JSON tree with the legacy comparison names (``lte``…) renamed to the symbols."""
    if isinstance(node, list):
        return [standard_operators(child) for child in node]
    if not isinstance(node, dict):
        return node
    renamed = {key: standard_operators(value) for key, value in node.items()}
    op = renamed.get("op")
    if isinstance(op, str) and "args" in renamed:
        renamed["op"] = _LEGACY_OPERATORS.get(op.lower(), op)
    return renamed


def evaluable(value: str | dict[str, Any], lang: str | None = None) -> cql2.Expr:
    """An expression ``cql2`` can evaluate against items: ``parse_filter`` plus legacy names."""
    if isinstance(value, str) and lang == "cql2-json":
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise Cql2Error(_describe(exc, value)) from exc
    if isinstance(value, dict):
        value = standard_operators(value)
    return parse_filter(value, None if isinstance(value, dict) else lang)


class ItemFilter:
    """A compiled filter: ``matches(item)`` is True only when the expression is true."""

    def __init__(self, value: str | dict[str, Any], lang: str | None = None) -> None:
        self.expr = evaluable(value, lang)

    def matches(self, item: dict[str, Any]) -> bool:
        try:
            return bool(self.expr.matches(item))
        except Exception:  # a missing property or a type mismatch: unknown, so no match
            return False


def filter_text(value: str | dict[str, Any]) -> str:
    """A search's filter as CQL2 text for the editor (JSON that cql2 cannot read stays JSON)."""
    if isinstance(value, str):
        return value
    try:
        return cql2.Expr(value).to_text()
    except Exception:  # cql2 raises its own error types for what it cannot express
        return json.dumps(value)
