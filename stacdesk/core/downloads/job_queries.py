"""Questions the panel, the item panel and the CLI ask of the jobs: overall progress, and where
an asset was downloaded."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from stacdesk.core.downloads.jobs import DownloadJob, JobState


def totals(jobs: Iterable[DownloadJob]) -> tuple[int, int | None]:
    """(bytes done, bytes in all) of jobs not cancelled (a finished file counts its size, a
    running one what it has so far); the total is None when a size is unknown."""
    done, total = 0, 0
    unknown = False
    for job in jobs:
        if job.state is JobState.CANCELLED:
            continue
        size = job.size
        done += size if job.state is JobState.DONE and size is not None else job.bytes_done
        if size is None:
            unknown = True
        else:
            total += size
    return done, None if unknown else total


def local_file(
    jobs: Iterable[DownloadJob], item_id: str, collection: str, asset_key: str
) -> Path | None:
    """Where this asset was downloaded, if it was and the file is still there."""
    for job in jobs:
        if (
            job.state is JobState.DONE
            and (job.item_id, job.collection, job.asset_key) == (item_id, collection, asset_key)
            and Path(job.dest).is_file()
        ):
            return Path(job.dest)
    return None
