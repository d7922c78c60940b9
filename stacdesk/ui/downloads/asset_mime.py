"""Assets and results on the clipboard of drag and drop: what the downloads panel accepts and
what a file manager gets.

A drag of assets carries the items and asset keys (our own MIME type, for the downloads panel)
plus ``text/uri-list``: the local file for an asset already downloaded, else its remote http(s)
URL. A drag of whole results carries the items (another MIME type: dropped on the downloads
panel they open the bulk dialog, since a result's assets can add up to gigabytes) and the same
URL list over all their assets.

Delayed file promises — "drop now, the app writes the file into the drop folder later" — are not
something Qt 6 offers portably: on Windows they need ``CFSTR_FILEDESCRIPTOR``/``FILECONTENTS``
through a native ``QWindowsMimeConverter``; on macOS ``NSFilePromiseProvider`` (no Qt API); on
X11 the XDS protocol (Dolphin only, no Qt support); Wayland has none. So a not-yet-downloaded
asset is offered as its URL: Dolphin (KIO) fetches it, Explorer/Finder make a shortcut, browsers
and terminals get the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QMimeData, QUrl

from stacdesk.core.common.json_fields import dict_field
from stacdesk.core.downloads.assets import assets_of

ASSETS_MIME = "application/x-stacdesk-assets"
ITEMS_MIME = "application/x-stacdesk-items"

LocalFile = Callable[[dict[str, Any], str], Path | None]


def assets_mime(pairs: list[tuple[dict[str, Any], str]], local_file: LocalFile) -> QMimeData:
    """MIME data for (item, asset key) pairs."""
    mime = QMimeData()
    mime.setData(ASSETS_MIME, orjson.dumps([{"item": item, "key": key} for item, key in pairs]))
    urls = []
    for item, key in pairs:
        path = local_file(item, key)
        if path is not None:
            urls.append(QUrl.fromLocalFile(str(path)))
            continue
        asset = dict_field(item, "assets").get(key)
        href = asset.get("href") if isinstance(asset, dict) else None
        if isinstance(href, str) and href.startswith(("http://", "https://")):
            urls.append(QUrl(href))
    if urls:
        mime.setUrls(urls)
        mime.setText("\n".join(u.toString() for u in urls))
    return mime


def assets_from_mime(mime: QMimeData) -> list[tuple[dict[str, Any], str]]:
    """The (item, key) pairs of our own drags; [] for anything else or anything malformed."""
    return [
        (e["item"], e["key"])
        for e in _json_list(mime, ASSETS_MIME)
        if isinstance(e, dict) and isinstance(e.get("item"), dict) and isinstance(e.get("key"), str)
    ]


def results_mime(items: list[dict[str, Any]], local_file: LocalFile) -> QMimeData:
    """MIME data for whole results: the items, and every asset as a local file or URL."""
    pairs = [(item, key) for item in items for key in assets_of(item)]
    mime = assets_mime(pairs, local_file)
    mime.removeFormat(ASSETS_MIME)  # a drop must not queue every asset unasked
    mime.setData(ITEMS_MIME, orjson.dumps(items))
    return mime


def items_from_mime(mime: QMimeData) -> list[dict[str, Any]]:
    """The items of a results drag; [] for anything else or anything malformed."""
    return [item for item in _json_list(mime, ITEMS_MIME) if isinstance(item, dict)]


def _json_list(mime: QMimeData, fmt: str) -> list[Any]:
    """The JSON list our own drag put under ``fmt``; [] when absent or malformed (a drop from
    another program may carry anything)."""
    if not mime.hasFormat(fmt):
        return []
    try:
        value = orjson.loads(bytes(mime.data(fmt).data()))
    except orjson.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []
