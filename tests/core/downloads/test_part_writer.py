"""PartWriter, the engine's one way into .part files: pieces of any size land in order, through
two reused buffers and a disk thread, and whatever arrived is on disk when the transfer breaks."""

from __future__ import annotations

import asyncio
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from stacdesk.core.downloads.fetching import PartWriter, open_file
from tests.servers.flaky_files import make_bytes

CHUNK = 4096


@dataclass
class Recorder:
    """The engine's side of a transfer, reduced to what PartWriter calls."""

    part: Path
    chunk_size: int = CHUNK
    validator: str | None = None
    opener: object = open_file
    writer: ThreadPoolExecutor | None = None
    advanced_by: list[int] = field(default_factory=list)

    def began(self, offset: int, total: int | None, validator: str | None, note: str) -> None:
        pass

    def advanced(self, nbytes: int) -> None:
        self.advanced_by.append(nbytes)


def pieces(data: bytes, seed: int) -> list[bytes]:
    """``data`` cut at random points: pieces from 1 byte to three chunks."""
    rng = random.Random(seed)
    out, at = [], 0
    while at < len(data):
        size = rng.choice([1, 7, CHUNK // 4 - 1, CHUNK // 4, CHUNK - 1, CHUNK, 3 * CHUNK + 5])
        out.append(data[at : at + size])
        at += size
    return out


@pytest.mark.parametrize("threaded", [True, False])
@pytest.mark.parametrize("seed", range(4))
def test_pieces_of_any_size_land_in_order(tmp_path: Path, seed: int, threaded: bool) -> None:
    data = make_bytes(200_000, seed=seed)
    head = 10_000
    part = tmp_path / "a.part"
    part.write_bytes(data[:head] + b"junk past the resume offset")
    with ThreadPoolExecutor(2) as pool:
        transfer = Recorder(part, writer=pool if threaded else None)

        async def go() -> None:
            with PartWriter(transfer, head) as writer:  # type: ignore[arg-type]
                for piece in pieces(data[head:], seed):
                    await writer.write(piece)
                await writer.finish()

        asyncio.run(go())
    assert part.read_bytes() == data
    assert sum(transfer.advanced_by) == len(data) - head
    assert max(transfer.advanced_by) <= 3 * CHUNK + 5


def test_what_arrived_is_kept_when_the_transfer_breaks(tmp_path: Path) -> None:
    data = make_bytes(50_000, seed=9)
    part = tmp_path / "b.part"
    with ThreadPoolExecutor(1) as pool:
        transfer = Recorder(part, writer=pool)

        async def go() -> None:
            with PartWriter(transfer, 0) as writer:  # type: ignore[arg-type]
                for piece in pieces(data, 1):
                    await writer.write(piece)
                raise ConnectionResetError("the server hung up")

        with pytest.raises(ConnectionResetError):
            asyncio.run(go())
    assert part.read_bytes() == data  # the gathered, unsubmitted tail too
    assert sum(transfer.advanced_by) == len(data)
