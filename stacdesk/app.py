"""Start stacdesk: parse arguments, build the Qt application on a qasync loop, open the window."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from stacdesk import __version__
from stacdesk.config import app_paths


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="stacdesk", description="A desktop product browser for STAC catalogs."
    )
    parser.add_argument("--version", action="version", version=f"stacdesk {__version__}")
    parser.add_argument(
        "--connection", metavar="NAME_OR_URL", help="open this saved connection or STAC API URL"
    )
    parser.add_argument(
        "--sample", action="store_true", help="start on the bundled offline sample catalog"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from stacdesk.core.connections import DEFAULT_CONNECTION, ConnectionBook
    from stacdesk.core.workspace import Workspace
    from stacdesk.resources import resource_path
    from stacdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("stacdesk")
    app.setOrganizationName("stacdesk")
    loop = qasync.QEventLoop(app)
    # Plain Python worker threads for blocking HTTP and parsing; qasync's default QThreads
    # abort the process when they are still alive at exit.
    workers = ThreadPoolExecutor(8, thread_name_prefix="stacdesk")
    loop.set_default_executor(workers)
    asyncio.set_event_loop(loop)

    paths = app_paths()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    book = ConnectionBook(paths.connections_file, resource_path("sample-catalog"))
    workspace = Workspace(book)
    window = MainWindow(workspace, settings)
    window.show()

    if args.sample:
        connection = book.sample
    elif args.connection:
        connection = book.find(args.connection) or book.add_url(args.connection)
    else:
        connection = book.find(str(settings.value("connection/last", ""))) or DEFAULT_CONNECTION
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    with loop:
        if connection is not None:
            loop.call_soon(window.search_panel.open_connection, connection)
        loop.run_until_complete(closed.wait())
    workers.shutdown(wait=False, cancel_futures=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
