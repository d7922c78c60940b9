"""One asset download and the states it moves through.

A job is plain data so the SQLite store, the engine and the panel can share it; the engine is the
only writer of its state.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        """No more work will happen unless the user retries."""
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)

    @property
    def active(self) -> bool:
        """Waiting for or holding a download slot."""
        return self in (JobState.QUEUED, JobState.RUNNING)


@dataclass
class DownloadJob:
    """One asset to fetch into ``dest``; ``id`` is 0 until the store assigns one."""

    item_id: str
    collection: str
    asset_key: str
    href: str
    dest: str  # the final file; the download goes to dest + ".part" first
    root: str  # the download folder (the STAC catalog written there)
    alternates: tuple[str, ...] = ()
    expected_size: int | None = None  # file:size
    checksum: str | None = None  # file:checksum (multihash, hex)
    s3: dict[str, Any] = field(default_factory=dict)  # requester_pays / region / endpoint
    local_root: str = ""  # the local catalog's folder its local hrefs may be copied from
    id: int = 0
    state: JobState = JobState.QUEUED
    bytes_done: int = 0
    total_size: int | None = None  # as learnt from the server (Content-Length / Content-Range)
    error: str = ""
    note: str = ""  # what happened on the way (restarted from 0, alternate href used, …)
    attempts: int = 0
    validator: str | None = None  # ETag or Last-Modified for If-Range
    source: str = ""  # the href being (or last) fetched: the main one or an alternate
    created: float = field(default_factory=time.time)
    finished_at: float | None = None
    speed: float = 0.0  # bytes/s while running (not stored)
    resumed: bool = False  # the last attempt appended to an earlier one's bytes (not stored)

    @property
    def eta(self) -> float | None:
        """Seconds left at the current speed, if known."""
        size = self.size
        if self.state is not JobState.RUNNING or not self.speed or size is None:
            return None
        return max(0.0, (size - self.bytes_done) / self.speed)

    @property
    def retryable(self) -> bool:
        """Failed, cancelled, or done but its file is gone."""
        return self.state in (JobState.FAILED, JobState.CANCELLED) or (
            self.state is JobState.DONE and not Path(self.dest).exists()
        )

    @property
    def part_path(self) -> Path:
        return Path(self.dest + ".part")

    @property
    def filename(self) -> str:
        return Path(self.dest).name

    @property
    def size(self) -> int | None:
        """The best known size: the catalog's file:size, else what the server said."""
        return self.expected_size if self.expected_size is not None else self.total_size

    @property
    def item_key(self) -> str:
        return f"{self.collection}\x1f{self.item_id}"

    @property
    def hrefs(self) -> tuple[str, ...]:
        """The main href first, then the alternates, without repeats."""
        return tuple(dict.fromkeys((self.href, *self.alternates)))

    def copy(self) -> DownloadJob:
        """A copy that shares nothing mutable (a field-by-field copy: ``dataclasses.replace``
        runs ``__init__`` again, a few times slower, once per finished file)."""
        twin = object.__new__(DownloadJob)
        twin.__dict__.update(self.__dict__)
        twin.s3 = dict(self.s3)
        return twin
