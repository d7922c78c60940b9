"""The CSV export: one row per item with the columns people sort in a spreadsheet, plus one
``asset:KEY`` column per chosen asset.

``self_href`` is where the item's own JSON lives (an absolute URL or file path), or empty: a
relative self link such as ``./<id>.json`` names nothing once the CSV has left the catalog folder.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO, Any
from urllib.parse import urlsplit

from stacdesk.core.downloads.assets import self_href
from stacdesk.core.export.asset_choice import AssetChoice

Json = dict[str, Any]
CSV_COLUMNS = (
    "id",
    "collection",
    "datetime",
    "cloud_cover",
    "bbox_west",
    "bbox_south",
    "bbox_east",
    "bbox_north",
    "self_href",
)


def _datetime_text(props: Json) -> str:
    if isinstance(props.get("datetime"), str):
        return props["datetime"]
    start, end = props.get("start_datetime"), props.get("end_datetime")
    if isinstance(start, str) or isinstance(end, str):
        return f"{start or '..'}/{end or '..'}"
    return ""


def _bbox4(item: Json) -> list[Any]:
    bbox = item.get("bbox")
    if isinstance(bbox, list | tuple) and len(bbox) == 4:
        return list(bbox)
    if isinstance(bbox, list | tuple) and len(bbox) == 6:
        return [bbox[0], bbox[1], bbox[3], bbox[4]]
    return ["", "", "", ""]


def item_json_href(item: Json) -> str:
    """Where the item's own JSON is: an absolute URL or file path, else "".

    A relative self link (``./<id>.json`` in a catalog folder) means nothing in a CSV that has
    left that folder, so it is left out rather than written as if it were an address.
    """
    href = self_href(item) or ""
    if len(urlsplit(href).scheme) > 1:  # http, s3, file… (a Windows drive letter is 1)
        return href
    absolute = PurePosixPath(href).is_absolute() or PureWindowsPath(href).is_absolute()
    return href if href and absolute else ""


def csv_row(item: Json, asset_columns: list[str], choice: AssetChoice) -> list[Any]:
    props = item.get("properties") if isinstance(item.get("properties"), dict) else {}
    cloud = props.get("eo:cloud_cover")
    hrefs = dict((k, a["href"]) for k, a in choice.select(item))
    return [
        item.get("id", ""),
        item.get("collection") or "",
        _datetime_text(props),
        cloud if isinstance(cloud, int | float) and not isinstance(cloud, bool) else "",
        *_bbox4(item),
        item_json_href(item),
        *(hrefs.get(k, "") for k in asset_columns),
    ]


def write_csv(items: Iterable[Json], out: IO[str], choice: AssetChoice | None = None) -> int:
    """One row per item; one ``asset:KEY`` column per chosen asset key (none unless chosen)."""
    if choice is None:
        choice = AssetChoice(keys=(), roles=())
    items = list(items)
    if choice.everything:
        asset_columns: list[str] = []
    else:
        found: dict[str, None] = dict.fromkeys(choice.keys)
        for item in items:
            found.update(dict.fromkeys(k for k, _ in choice.select(item)))
        asset_columns = list(found)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *(f"asset:{k}" for k in asset_columns)])
    for item in items:
        writer.writerow(csv_row(item, asset_columns, choice))
    return len(items)
