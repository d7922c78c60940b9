"""Reading fields of STAC JSON that may hold anything.

A server can send ``"roles": true`` or ``"links": 1``; ``item.get("links") or []`` then iterates an
integer and raises. These accessors give an empty container for any value of the wrong kind.
"""

from __future__ import annotations

from typing import Any


def list_field(obj: Any, key: str) -> list[Any]:
    """``obj[key]`` when ``obj`` is an object and the value a list, else []."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, list) else []


def dict_field(obj: Any, key: str) -> dict[str, Any]:
    """``obj[key]`` when ``obj`` is an object and the value an object, else {}."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}
