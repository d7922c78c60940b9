"""JSON bytes of whatever a server sent, even what orjson refuses to write.

The standard library reads lone UTF-16 surrogates (``"\\ud800"``) and integers beyond 64 bits;
orjson refuses to write both (and Qt garbles surrogates). One odd item must not fail a page, an
export or a download, so such values are written scrubbed: surrogates replaced, huge integers as
text.
"""

from __future__ import annotations

from typing import Any

import orjson


def scrubbed(value: Any) -> Any:
    """A copy orjson can encode (see the module docstring)."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**64:
        return str(value)
    if isinstance(value, dict):
        return {scrubbed(k): scrubbed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrubbed(v) for v in value]
    return value


def json_bytes(value: Any, option: int = 0) -> bytes:
    """``orjson.dumps(value)``, writing the scrubbed copy when orjson refuses the value."""
    try:
        return orjson.dumps(value, option=option)
    except TypeError:
        return orjson.dumps(scrubbed(value), default=str, option=option | orjson.OPT_NON_STR_KEYS)
