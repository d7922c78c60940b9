"""Decode a search page item by item, so that no single call holds the GIL for long.

A page of 500 Sentinel-2 items is ~6 MB of JSON. Decoded in one call (orjson or json), that call
holds the GIL for 40-60 ms, and the GUI thread, which needs the GIL to paint, freezes for as long.
msgspec first cuts the page into raw slices without building objects (a few ms), then each item is
decoded on its own: the interpreter can switch threads between items.

JSON that the fast decoders refuse but the standard library reads (lone UTF-16 surrogates,
integers beyond 64 bits) is decoded by the standard library instead: slower, but one odd item does
not cost the whole page.

The item slices are kept too (``decode_items``): each is that item's JSON exactly as the server
wrote it, which the result store keeps instead of encoding the decoded item again (~40 us an
item, on the worker that shares the GIL with the window).
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
import orjson


class PageJsonError(ValueError):
    """The page is not JSON at all."""


def _value(raw: msgspec.Raw) -> Any:
    view = memoryview(raw)
    try:
        return orjson.loads(view)
    except orjson.JSONDecodeError:
        return json.loads(bytes(view))


def _whole(text: str | bytes) -> Any:
    """Anything but a clean JSON object, read in one go by the standard library, the most lenient
    reader (rare: error pages, odd servers)."""
    try:
        return json.loads(text)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError alike
        raise PageJsonError(str(exc)) from exc


def decode_page(text: str | bytes) -> Any:
    """The page as Python objects: a dict of its members when it is a JSON object (``features``
    decoded item by item when it is an array), else whatever the JSON held."""
    return decode_items(text)[0]


def decode_items(text: str | bytes) -> tuple[Any, list[bytes | None] | None]:
    """``decode_page``, and beside it each feature's own JSON bytes (None for a feature only the
    standard library could read), in the order of ``features``; None when the page has no
    list of features to slice."""
    try:
        members = msgspec.json.decode(text, type=dict[str, msgspec.Raw])
    except (msgspec.ValidationError, msgspec.DecodeError):
        return _whole(text), None
    page: dict[str, Any] = {}
    raws: list[bytes | None] | None = None
    try:
        for key, raw in members.items():
            if key == "features":
                try:
                    items = msgspec.json.decode(raw, type=list[msgspec.Raw])
                except msgspec.ValidationError:
                    page[key] = _value(raw)
                    continue
                page[key], raws = _items(items)
            else:
                page[key] = _value(raw)
    except ValueError:
        return _whole(text), None
    return page, raws


def _items(items: list[msgspec.Raw]) -> tuple[list[Any], list[bytes | None]]:
    values: list[Any] = []
    raws: list[bytes | None] = []
    for item in items:
        view = memoryview(item)
        try:
            values.append(orjson.loads(view))
            raws.append(bytes(view))
        except orjson.JSONDecodeError:
            values.append(json.loads(bytes(view)))
            raws.append(None)  # orjson can't read it back later: the store encodes it itself
    return values, raws
