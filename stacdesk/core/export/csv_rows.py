"""The CSV export: one row per item with the columns people sort in a spreadsheet, plus one
``asset:KEY`` column per chosen asset.

``self_href`` is where the item's own JSON lives (an absolute URL or file path), or empty: a
relative self link such as ``./<id>.json`` names nothing once the CSV has left the catalog folder.
"""

from __future__ import annotations

import csv
import pickle
import tempfile
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
    """One row per item; one ``asset:KEY`` column per chosen asset key (none unless chosen).

    Streamed: rows are written as items arrive. Only when roles choose the assets are the
    columns unknown until the last item; the rows then wait in a spool file on disk (not in
    memory), and the header and rows follow once every item was seen.
    """
    if choice is None:
        choice = AssetChoice(keys=(), roles=())
    writer = csv.writer(out, lineterminator="\n")
    if not choice.roles:  # no asset columns, or exactly the chosen keys: known up front
        asset_columns = [] if choice.everything else list(dict.fromkeys(choice.keys))
        writer.writerow([*CSV_COLUMNS, *(f"asset:{k}" for k in asset_columns)])
        count = 0
        for item in items:
            writer.writerow(csv_row(item, asset_columns, choice))
            count += 1
        return count
    return _write_spooled(items, writer, choice)


def _write_spooled(items: Iterable[Json], writer: Any, choice: AssetChoice) -> int:
    """Rows with their hrefs by key to a spool, then the header (every key found) and rows."""
    found: dict[str, None] = dict.fromkeys(choice.keys)
    count = 0
    with tempfile.TemporaryFile() as spool:
        for item in items:
            hrefs = dict((k, a["href"]) for k, a in choice.select(item))
            found.update(dict.fromkeys(hrefs))
            pickle.dump((csv_row(item, [], choice), hrefs), spool, pickle.HIGHEST_PROTOCOL)
            count += 1
        asset_columns = list(found)
        writer.writerow([*CSV_COLUMNS, *(f"asset:{k}" for k in asset_columns)])
        spool.seek(0)
        for _ in range(count):
            row, hrefs = pickle.load(spool)  # our own spool, written just above
            writer.writerow([*row, *(hrefs.get(k, "") for k in asset_columns)])
    return count
