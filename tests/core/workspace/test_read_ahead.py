"""A catalog read ahead (at start-up, while the window builds its panels) is taken by ``open``.

The app starts reading its start catalog before the panels exist; once read, ``open`` shows it
at once, so the panels paint once with the collections listed (what P8 times). A read ahead for
another connection, or one still running, must not change what ``open`` ends with.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from stacdesk.core.catalogs.connections import ConnectionBook
from stacdesk.core.workspace.state import Workspace
from stacdesk.resources import resource_path


def _book(tmp_path: Path) -> ConnectionBook:
    book = ConnectionBook(tmp_path / "connections.json", resource_path("sample-catalog"))
    assert book.sample is not None
    return book


def test_a_finished_read_ahead_opens_the_catalog_before_open_returns(tmp_path: Path) -> None:
    book = _book(tmp_path)
    with ThreadPoolExecutor(1) as executor:

        async def scenario() -> tuple[bool, int, list[bool]]:
            workspace = Workspace(book)
            seen: list[bool] = []
            workspace.catalog_changed.connect(lambda: seen.append(workspace.opening))
            workspace.read_ahead(book.sample, executor)
            # One worker: once a later task ran, the read is over, as by the time the panels
            # exist at start-up.
            executor.submit(lambda: None).result(timeout=60)
            opened = workspace.open(book.sample)
            open_now = workspace.catalog is not None and not workspace.opening
            await opened
            return open_now, len(workspace.collections), seen

        open_now, collections, seen = asyncio.run(scenario())
    assert open_now
    assert collections > 0
    assert seen == [True, False]  # opening, then open: the same events as a read after open


def test_a_read_ahead_of_another_catalog_is_dropped_and_a_running_one_is_awaited(
    tmp_path: Path,
) -> None:
    book = _book(tmp_path)
    broken = book.add_url("http://127.0.0.1:9/stac")  # nothing listens on the discard port
    with ThreadPoolExecutor(1) as executor:

        async def scenario() -> tuple[str, int, str | None]:
            workspace = Workspace(book)
            workspace.read_ahead(broken, executor)
            await workspace.open(book.sample)  # another connection: read afresh
            first = workspace.catalog.title if workspace.catalog else ""
            workspace.read_ahead(broken, executor)
            await workspace.open(broken)  # possibly still running: awaited, its error shown
            return first, len(workspace.collections), workspace.open_error

        title, collections, error = asyncio.run(scenario())
    assert title  # the sample opened, not the read ahead of the other one
    assert collections == 0
    assert error  # the failed read ahead is reported like any failed open
