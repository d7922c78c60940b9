"""Which queued job starts next: oldest first, within a global and a per-host limit.

Why per-host lists: picking the next job by scanning every queued job costs O(jobs) per start,
so a queue of 10,000 jobs would slow each completion; here a start costs O(hosts).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from urllib.parse import urlsplit

from stacdesk.core.downloads.jobs import DownloadJob, JobState


def host_key(href: str) -> str:
    """What the per-host limit counts: the host (with port), or the bucket for s3://."""
    parts = urlsplit(href)
    if parts.scheme == "s3":
        return f"s3://{parts.netloc}"
    return parts.netloc.lower() or parts.scheme or "local"


class HostQueue:
    """Queued job ids per host, in order, and the host each running job holds a slot of."""

    def __init__(self) -> None:
        self._waiting: dict[str, dict[int, None]] = {}  # host -> queued job ids, in order
        self._waiting_host: dict[int, str] = {}
        self._running: dict[int, str] = {}  # job id -> host

    def track(self, job: DownloadJob) -> None:
        """Keep the waiting lists in step with the job's state (call on every change)."""
        host = self._waiting_host.pop(job.id, None)
        if host is not None:
            self._waiting[host].pop(job.id, None)
        if job.state is JobState.QUEUED:
            host = host_key(job.source or job.href)
            self._waiting.setdefault(host, {})[job.id] = None
            self._waiting_host[job.id] = host

    def next(self, per_host: int) -> tuple[int, str] | None:
        """The oldest waiting job whose host has a free slot, and that host; None if none."""
        running: dict[str, int] = {}
        for host in self._running.values():
            running[host] = running.get(host, 0) + 1
        best: tuple[int, str] | None = None
        for host, ids in self._waiting.items():
            if ids and running.get(host, 0) < per_host:
                head = next(iter(ids))
                if best is None or head < best[0]:
                    best = (head, host)
        return best

    def started(self, job_id: int, host: str) -> None:
        self._running[job_id] = host

    def ended(self, job_id: int) -> None:
        self._running.pop(job_id, None)

    @contextlib.contextmanager
    def lent(self, job_id: int) -> Iterator[None]:
        """The running job's slot is free for another inside the block, back if it raises.
        Why: a finished transfer waits for the recorder's batch (its file's rename, its row),
        which with many small files was a third of each slot's time (benchmarks P6-small);
        the bytes are in, so the next file's transfer needn't wait for that."""
        host = self._running.pop(job_id, None)
        try:
            yield
        except BaseException:  # retried, or ended by the engine: the slot back till then
            if host is not None:
                self._running[job_id] = host
            raise
