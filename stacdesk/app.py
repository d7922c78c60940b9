"""Start stacdesk: parse arguments, build the Qt application on a qasync loop, open the window."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from stacdesk import __version__
from stacdesk.config import app_paths

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from stacdesk.core.catalogs.connections import Connection, ConnectionBook
    from stacdesk.core.downloads.store import JobStore
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.startup_timer import FirstPaint
    from stacdesk.ui.main_window import MainWindow


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from stacdesk.cli import COMMANDS_HELP

    parser = argparse.ArgumentParser(
        prog="stacdesk",
        usage="stacdesk [--connection NAME_OR_URL | --sample]\n       stacdesk COMMAND ...",
        description="A desktop product browser for STAC catalogs. Without a command it opens "
        "the window.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"stacdesk {__version__}")
    parser.add_argument(
        "--connection", metavar="NAME_OR_URL", help="open this saved connection or STAC API URL"
    )
    parser.add_argument(
        "--sample", action="store_true", help="start on the bundled offline sample catalog"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="search the bundled sample catalog in an offscreen window, print what worked and "
        "exit (0: all passed); needs no network",
    )
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="print the time from process start to the first painted window as JSON and exit",
    )
    return parser.parse_args(argv)


SETTLE_AFTER_MS = 1500  # start-up objects are exempted from collection once the window is up


def _skip_httpx_command_line() -> None:
    """``import httpx`` also imports its own command-line tool (rich, click, pygments: ~0.2 s)
    whenever those happen to be installed. A None entry makes that optional import fail fast,
    which httpx handles; its client is unaffected."""
    sys.modules.setdefault("httpx._main", None)  # type: ignore[assignment]


def main(argv: Sequence[str] | None = None) -> int:
    _skip_httpx_command_line()
    from stacdesk import cli

    if cli.wants_cli(sys.argv[1:] if argv is None else argv):  # headless: no Qt imported
        return cli.main(sys.argv[1:] if argv is None else argv)
    # Start-up makes objects that live until exit: the collector would walk them again and again
    # for nothing (~110 collections, 20-30 ms before the window is complete). The GUI thread's
    # own collector (``gc_guard``) takes over once the frame is up.
    gc.disable()
    args = parse_args(argv)
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Plain Python worker threads for blocking HTTP and parsing; qasync's default QThreads
    # abort the process when they are still alive at exit.
    workers = ThreadPoolExecutor(8, thread_name_prefix="stacdesk")
    # The download queue's SQLite file is opened (made, on a first start) while the window's
    # libraries are imported: its wait is on the disk (10-30 ms), theirs on the CPU.
    job_store = workers.submit(_open_job_store)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from stacdesk.startup_checks import Startup
    from stacdesk.startup_timer import FirstPaint
    from stacdesk.ui.app_icon import app_icon
    from stacdesk.ui.main_window import MainWindow
    from stacdesk.ui.translation import LANGUAGE_SETTING
    from stacdesk.ui.translation import install as install_translation

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("stacdesk")
    app.setOrganizationName("stacdesk")
    app.setDesktopFileName("stacdesk")  # matches packaging/stacdesk.desktop (Wayland app id)
    app.setWindowIcon(app_icon())
    startup = Startup(app_paths())  # repairs damaged user files and says so in the status bar
    settings = startup.settings()
    install_translation(app, str(settings.value(LANGUAGE_SETTING, "system")))
    # The frame goes on screen first; the slow imports and the panels follow (main_window.py).
    window = MainWindow(None, settings)
    first_paint = FirstPaint(window)
    window.show()
    first_paint.wait()
    if not window.isVisible():  # closed before it was complete
        workers.shutdown(wait=False)
        gc.enable()
        return 0

    import qasync

    from stacdesk.core.workspace.state import Workspace
    from stacdesk.resources import resource_path
    from stacdesk.ui.downloads.downloads_setup import make_engine
    from stacdesk.ui.gc_guard import MainThreadGarbageCollector

    collector = MainThreadGarbageCollector(app)
    loop = qasync.QEventLoop(app)
    loop.set_default_executor(workers)
    asyncio.set_event_loop(loop)

    book = startup.connections(resource_path("sample-catalog"))
    download_folder = startup.download_folder()
    workspace = Workspace(book)
    connection = None if args.self_test else _start_connection(args, book, settings)
    if connection is not None:
        # Read while the panels are imported and built: a local catalog is open before they
        # first paint, so they paint once with it, not once empty and again when it opens.
        workspace.read_ahead(connection, workers)
    # The download engine lives as long as the app: closing the window stops the transfers
    # (they stay queued in SQLite) and the next start resumes them.
    downloads = make_engine(settings, workspace, download_folder, job_store.result())
    window.populate(workspace, downloads)
    first_paint.watch(window.map_panel, window.docks.values())
    _ready_when_catalog_opens(workspace, first_paint)
    startup.announce(window)
    # A full collection of the start-up heap takes a while: after the first paint, not before.
    QTimer.singleShot(SETTLE_AFTER_MS, collector.settle)
    if args.self_test:
        code = _run_probe(loop, workers, window, None)
        collector.stop()
        return code
    if connection is None:
        first_paint.mark_ready()
    elif not (args.sample or args.connection or settings.value("connection/last", "")):
        window.search_panel.catalog_chooser.open_first(connection)  # the sample if unreachable
    else:  # read ahead above, or (a remote catalog) still being read while the panels paint
        window.search_panel.open_connection(connection)
    if args.measure_startup:
        code = _run_probe(loop, workers, window, first_paint)
        collector.stop()
        return code
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
        loop.run_until_complete(downloads.close())
    workers.shutdown(wait=False, cancel_futures=True)
    collector.stop()
    return 0


def _start_connection(
    args: argparse.Namespace, book: ConnectionBook, settings: QSettings
) -> Connection | None:
    """The catalog the window opens with: the sample, the one asked for, or the last one."""
    from stacdesk.core.catalogs.connections import DEFAULT_CONNECTION

    if args.sample:
        return book.sample
    if args.connection:
        return book.find(args.connection) or book.add_url(args.connection)
    return book.find(str(settings.value("connection/last", ""))) or DEFAULT_CONNECTION


def _open_job_store() -> JobStore:
    """Runs in a worker at start: the download queue (``make_engine`` takes it)."""
    from stacdesk.core.downloads.store import JobStore

    return JobStore.default()


def _ready_when_catalog_opens(workspace: Workspace, probe: FirstPaint) -> None:
    """The window is complete once its start catalog is open (or failed to open) and painted:
    every panel built and painted and the collections listed, ready to search (what P8 times;
    the probe waits for the panels' paint and for what the open changed to be painted)."""

    def on_catalog_changed() -> None:
        if workspace.opening or (workspace.catalog is None and workspace.open_error is None):
            return
        workspace.catalog_changed.disconnect(on_catalog_changed)
        probe.mark_ready()

    workspace.catalog_changed.connect(on_catalog_changed)


def _run_probe(
    loop: asyncio.AbstractEventLoop,
    workers: ThreadPoolExecutor,
    window: MainWindow,
    first_paint: FirstPaint | None,
) -> int:
    """``--self-test`` / ``--measure-startup``: run the check on the window, close it, exit."""

    async def probe() -> int:
        if first_paint is not None:
            from stacdesk.startup_timer import print_report

            await first_paint.finished.wait()
            print_report(first_paint)
            return 0
        from stacdesk.self_test import SelfTest

        return await SelfTest(window).run()

    with loop:
        code = loop.run_until_complete(probe())
        window.close()
        # Let what the window started (thumbnail loads, searches) end before the loop closes.
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    workers.shutdown(wait=False, cancel_futures=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
