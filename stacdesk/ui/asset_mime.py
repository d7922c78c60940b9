"""Assets on the clipboard of drag and drop: what the downloads panel accepts and what a file
manager gets.

A drag carries the items and asset keys (our own MIME type, for the downloads panel) plus
``text/uri-list``: the local file for an asset already downloaded, else its remote http(s) URL.

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

ASSETS_MIME = "application/x-stacdesk-assets"

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
        asset = (item.get("assets") or {}).get(key) or {}
        href = asset.get("href") if isinstance(asset, dict) else None
        if isinstance(href, str) and href.startswith(("http://", "https://")):
            urls.append(QUrl(href))
    if urls:
        mime.setUrls(urls)
        mime.setText("\n".join(u.toString() for u in urls))
    return mime


def assets_from_mime(mime: QMimeData) -> list[tuple[dict[str, Any], str]]:
    """The (item, key) pairs of our own drags; [] for anything else or anything malformed."""
    if not mime.hasFormat(ASSETS_MIME):
        return []
    try:
        entries = orjson.loads(bytes(mime.data(ASSETS_MIME).data()))
    except orjson.JSONDecodeError:
        return []
    if not isinstance(entries, list):
        return []
    return [
        (e["item"], e["key"])
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("item"), dict) and isinstance(e.get("key"), str)
    ]
