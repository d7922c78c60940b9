"""The overall progress the panel and the CLI show: bytes done of bytes in all, over the jobs
not cancelled (a finished file counts its size, a running one what it has so far)."""

from __future__ import annotations

from collections.abc import Iterable

from stacdesk.core.downloads.jobs import DownloadJob, JobState


def totals(jobs: Iterable[DownloadJob]) -> tuple[int, int | None]:
    """(bytes done, bytes in all); the total is None when a size is unknown."""
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
