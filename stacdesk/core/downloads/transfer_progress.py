"""The engine's side of one fetch attempt: counts bytes, throttles progress events, saves state.

Why throttled: a fast download moves thousands of pieces a second; the panel needs a few
updates a second per job, and the queue only needs ``bytes_done`` now and then (resume reads the
.part file's length, not this figure).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from stacdesk.core.downloads.engine_settings import EngineSettings
from stacdesk.core.downloads.fetching import Opener
from stacdesk.core.downloads.jobs import DownloadJob


class TransferProgress:
    """What a fetcher reports (through its ``TransferThread``), applied to the job."""

    def __init__(
        self,
        job: DownloadJob,
        settings: EngineSettings,
        opener: Opener,
        save: Callable[[DownloadJob], None],
        save_progress: Callable[[int, int], None],
        emit_progress: Callable[[DownloadJob], None],
    ) -> None:
        self.job = job
        self.part = job.part_path
        self.validator = job.validator
        self.opener = opener
        self._settings = settings
        self._save = save  # the whole row, and a job_changed event
        self._save_progress = save_progress  # (job id, bytes done)
        self._emit_progress = emit_progress
        self._last_emit = self._last_save = time.monotonic()
        self._last_bytes = job.bytes_done

    def began(self, offset: int, total: int | None, validator: str | None, note: str) -> None:
        job = self.job
        job.bytes_done = offset
        job.resumed = offset > 0
        self._last_bytes = offset
        if total is not None:
            job.total_size = total
        job.validator = validator
        if note:
            job.note = note
        job.error = ""
        self._save(job)

    def advanced(self, nbytes: int) -> None:
        job = self.job
        job.bytes_done += nbytes
        now = time.monotonic()
        elapsed = now - self._last_emit
        if elapsed >= self._settings.progress_interval:
            rate = (job.bytes_done - self._last_bytes) / elapsed
            job.speed = rate if not job.speed else 0.5 * job.speed + 0.5 * rate
            self._last_emit, self._last_bytes = now, job.bytes_done
            if now - self._last_save >= self._settings.save_interval:
                self._last_save = now
                self._save_progress(job.id, job.bytes_done)
            self._emit_progress(job)
