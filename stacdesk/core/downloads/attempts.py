"""One job's attempts until it is done or given up: retries with backoff (or the server's
Retry-After), the asset's alternate hrefs (best first, ``source_choice``; the next one after a
refusal, a missing file or bytes that fail the check), and one fresh download when a resumed
file fails its check. Fetchers never retry by themselves; this is the one place that decides.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.downloads.engine_settings import EngineSettings
from stacdesk.core.downloads.fetching import (
    FatalError,
    SourceError,
    TransferThread,
    TransientError,
    part_size,
    remove_quietly,
)
from stacdesk.core.downloads.finishing import VerificationError, verify_checksum
from stacdesk.core.downloads.jobs import DownloadJob
from stacdesk.core.downloads.sources import Sources

REMOVED = QT_TRANSLATE_NOOP("Downloads", "%1; the file was removed")
GAVE_UP = QT_TRANSLATE_NOOP(
    "Downloads", "%1 (gave up after %Ln attempts)", "%1 (gave up after %Ln attempt)", 1
)
RETRYING = QT_TRANSLATE_NOOP("Downloads", "%1; retrying in %Ln s", "%1; retrying in %Ln s", 1)


def backoff_delay(settings: EngineSettings, misses: int, retry_after: float | None) -> float:
    """Retry-After when the server gave one; else exponential backoff with equal jitter."""
    if retry_after is not None:
        return min(retry_after, settings.max_retry_after)
    ceiling = min(settings.backoff_cap, settings.backoff_base * 2 ** (misses - 1))
    return ceiling / 2 + random.uniform(0, ceiling / 2)


class JobAttempts:
    """Runs a job's attempts; the engine hands in how to save, fail and finish a job
    (``finish(job, check_size)``: raises VerificationError when the size is wrong)."""

    def __init__(
        self,
        settings: EngineSettings,
        sources: Sources,
        transfer_for: Callable[[DownloadJob], TransferThread],
        save: Callable[[DownloadJob], None],
        fail: Callable[[DownloadJob, str], None],
        finish: Callable[[DownloadJob, bool], Awaitable[None]],
    ) -> None:
        self.settings = settings
        self.sources = sources
        self.choice = sources.choice
        self._transfer_for = transfer_for
        self._save = save
        self._fail = fail
        self._finish = finish

    def _ordered(self, job: DownloadJob) -> list[str]:
        """The best source first; a file begun at one source goes on there (its part is
        worth more than a faster host), the others ordered behind it."""
        if job.source in job.hrefs and part_size(job.part_path) > 0:
            rest = [href for href in job.hrefs if href != job.source]
            return [job.source, *self.choice.order(rest)]
        return self.choice.order(job.hrefs)

    async def download(self, job: DownloadJob) -> None:
        # the order may read the keyring (whether a login is stored): off the loop
        hrefs = await asyncio.to_thread(self._ordered, job) if len(job.hrefs) > 1 else job.hrefs
        index = 0
        fresh_again = False  # a resumed file that fails the check is fetched whole once
        misses = 0  # failed attempts in a row without new bytes
        source_errors: list[str] = []
        while True:
            href = hrefs[index]
            if job.source != href:
                first, job.source = not job.source, href
                if not first:  # the first is written with the answer (``began``): it has no
                    self._save(job)  # bytes on disk before that
            transfer = self._transfer_for(job)
            started = time.monotonic()
            try:
                await self.sources.fetch(href, job, transfer)
                fetched = job.bytes_done - (transfer.size_before or 0)
                self.choice.speeds.record(href, fetched, time.monotonic() - started)
                verified = await verify_checksum(job)
                await self._finish(job, not verified)  # check the size unless verified
                return
            except SourceError as exc:
                source_errors.append(exc.message)
                index += 1
                if index >= len(hrefs):
                    self._fail(job, "; ".join(dict.fromkeys(source_errors)))
                    return
                remove_quietly(job.part_path)
                job.validator, job.bytes_done = None, 0
                job.note = f"Using an alternate href ({exc.message} on the previous one)."
                self._save(job)
            except VerificationError as exc:
                remove_quietly(job.part_path)
                job.validator, job.bytes_done = None, 0
                if (not job.resumed or fresh_again) and index + 1 < len(hrefs):
                    index += 1  # this source's whole file is wrong: another source's may not be
                    job.note = f"{exc.message} at {href}; downloading from the next source."
                    self._save(job)
                    continue
                if not job.resumed or fresh_again:  # the whole file is wrong: no retry helps
                    self._fail(job, REMOVED(exc.message))
                    return
                fresh_again = True
                job.attempts += 1
                job.note = f"{exc.message}; downloading again."
                self._save(job)
            except TransientError as exc:
                job.attempts += 1
                before = transfer.size_before  # None: the attempt never reached its thread
                grew = before is not None and part_size(job.part_path) > before
                misses = 1 if grew else misses + 1
                if misses >= self.settings.max_attempts:
                    self._fail(job, GAVE_UP(exc.message, n=misses))
                    return
                delay = backoff_delay(self.settings, misses, exc.retry_after)
                job.error = RETRYING(exc.message, n=round(delay))
                self._save(job)
                await asyncio.sleep(delay)
                job.error = ""
            except FatalError as exc:
                self._fail(job, exc.message)
                return
