"""Shared pytest configuration: Qt without a display, an isolated home, the real-server fixtures."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read the window's English texts: the app's language follows the locale (a test of
# the Czech window sets its own).
for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ[name] = "C.UTF-8"

# Collect garbage only on the main thread, as the app does (stacdesk/ui/gc_guard.py): a collection
# triggered in a worker thread that frees a Qt object crashes the process.
gc.disable()

pytest_plugins = ["tests.servers.fixtures"]

REPO = Path(__file__).resolve().parents[1]


def pytest_sessionfinish() -> None:
    """Hand gc back to Python with nothing pending, so shutdown frees no Qt backlog."""
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def collect_garbage_on_main_thread() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own settings, data and cache folders, never the developer's."""
    home = tmp_path / "stacdesk-home"
    monkeypatch.setenv("STACDESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[object]:
    """Every test gets an empty in-memory keyring: secrets never reach the developer's real one."""
    import keyring

    from tests.servers.auth_doubles import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


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
    # already_running=True marked the loop as running; without this, asyncio.run() in any later
    # (core) test fails with "cannot be called from a running event loop".
    asyncio.events._set_running_loop(None)
