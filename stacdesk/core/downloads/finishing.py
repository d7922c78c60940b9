"""Finishing a file whose bytes are all in: check it is the right one, then give it its name.

Why the order: the .part file becomes the asset's file only once its checksum (or, without one,
its size) matches, so a file at its final name is always a verified one. The checksum is
hashed on the job's task (a thread per file, in parallel); the size check and the rename are
the engine's recorder thread's (``job_recorder``).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from stacdesk.core.downloads.checksum import ChecksumError, file_digest, parse_multihash
from stacdesk.core.downloads.fetching import FetchError, describe_os_error
from stacdesk.core.downloads.jobs import DownloadJob


class VerificationError(FetchError):
    """The file is whole but not the right one (checksum or size)."""


async def verify_checksum(job: DownloadJob) -> bool:
    """Raise VerificationError unless the .part file has the asset's checksum (hashed in a
    thread); False when there is none to check (then ``check_size`` must)."""
    if not job.checksum:
        return False
    try:
        checksum = parse_multihash(job.checksum)
    except ChecksumError as exc:
        job.note = f"{exc}; checked the size instead."
        return False
    loop = asyncio.get_running_loop()
    try:
        digest = await loop.run_in_executor(None, file_digest, job.part_path, checksum)
    except OSError as exc:
        raise describe_os_error(exc, job.part_path) from exc
    if not checksum.matches(digest):
        raise VerificationError(f"Checksum mismatch ({checksum.name})")
    return True


def check_size(job: DownloadJob) -> None:
    """Raise VerificationError unless the .part file has the size the catalog or server said."""
    try:
        size = os.stat(job.dest + ".part").st_size  # job.part_path, without pathlib
    except FileNotFoundError:
        size = 0
    expected = job.expected_size if job.expected_size is not None else job.total_size
    if expected is not None and size != expected:
        raise VerificationError(f"Size mismatch: got {size:,} bytes, expected {expected:,}")


def move_into_place(job: DownloadJob) -> None:
    """Rename the verified .part file to its final name; the job's sizes become the file's."""
    try:
        os.replace(job.dest + ".part", job.dest)
        job.bytes_done = os.stat(job.dest).st_size
    except OSError as exc:
        raise describe_os_error(exc, Path(job.dest)) from exc
    job.total_size = job.bytes_done
    job.error = ""
