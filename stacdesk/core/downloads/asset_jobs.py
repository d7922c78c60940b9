"""A new download job from a STAC item's asset: its href (resolved against the item's own),
alternates, file name and place in the folder layout, expected size and checksum, S3 options,
and whether it may be copied from a local catalog's folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stacdesk.core.downloads import assets as asset_info
from stacdesk.core.downloads.jobs import DownloadJob
from stacdesk.core.downloads.layout import Layout, filename_for
from stacdesk.core.downloads.local_fetch import trusted_root
from stacdesk.core.downloads.s3_fetch import s3_options


def job_for_asset(
    item: dict[str, Any],
    key: str,
    asset: dict[str, Any],
    root: Path,
    layout: Layout,
    local_roots: tuple[Path, ...],
) -> DownloadJob:
    """The job for ``asset`` (the item's ``key``) under ``root``; its dest is not yet made
    unique among the other jobs' files."""
    item_id = str(item.get("id") or "item")
    collection = str(item.get("collection") or "")
    href = asset_info.resolve_href(item, asset["href"])
    kind = asset.get("type")
    name = filename_for(href, key, kind if isinstance(kind, str) else None)
    alternates = asset_info.alternate_hrefs(item, asset)
    return DownloadJob(
        local_root=trusted_root(item, (href, *alternates), local_roots),
        item_id=item_id,
        collection=collection,
        asset_key=key,
        href=href,
        dest=layout.path_text(root, collection, item_id, key, name),
        root=str(root),
        alternates=alternates,
        expected_size=asset_info.file_size(asset),
        checksum=asset_info.file_checksum(asset),
        s3=s3_options(item, asset),
    )
