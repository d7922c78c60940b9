"""Shared pytest configuration: Qt without a display, an isolated home, the real-server fixtures."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.servers.fixtures"]

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own settings, data and cache folders, never the developer's."""
    home = tmp_path / "stacdesk-home"
    monkeypatch.setenv("STACDESK_HOME", str(home))
    return home


@pytest.fixture
def qloop(qapp) -> Iterator[asyncio.AbstractEventLoop]:
    """An asyncio loop run by Qt's event loop (qasync), as in the app; qtbot.wait* drives it."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    workers = ThreadPoolExecutor(4, thread_name_prefix="stacdesk-test")
    loop.set_default_executor(workers)  # plain threads: qasync's QThreads abort at exit
    asyncio.set_event_loop(loop)
    yield loop
    for task in asyncio.all_tasks(loop):
        task.cancel()
    workers.shutdown(wait=True, cancel_futures=True)
    asyncio.set_event_loop(None)
