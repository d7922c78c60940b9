"""Headless stacdesk: ``stacdesk search`` / ``collections`` / ``download`` on the window's core.

No Qt is imported on this path (a test checks ``sys.modules``), so the commands run on servers and
in CI. Bad input gives one line on stderr and exit status 2; a failure while running (network,
server, disk) gives one line and status 1; never a traceback.

This module is the entry only: the window's start imports it for ``wants_cli`` and
``COMMANDS_HELP``, so the commands (one module each, sharing ``cli.shared``) are imported only
when a command runs.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence

COMMANDS = ("search", "collections", "download")

COMMANDS_HELP = """\
commands (run headless, no window; `stacdesk COMMAND --help` for details):
  stacdesk search SOURCE [--collections A,B] [--bbox W,S,E,N | --intersects GEOJSON|WKT|@FILE]
                  [--datetime RANGE] [--filter CQL2] [--sortby [+|-]FIELD] [--ids A,B]
                  [--limit N] [--max-items N] [--method auto|GET|POST] [--header 'Name: value']...
                  [--format ndjson|geojson|csv|geoparquet|urls|metalink] [-o FILE]
      Search a STAC API URL, a saved connection's name, or a local catalog (stac-geoparquet,
      ndjson, GeoJSON, catalog.json tree). Items go to stdout as ndjson unless -o/--format say
      otherwise; the numbers matched and returned go to stderr.
  stacdesk collections SOURCE
      List the collection ids and titles of a source.
  stacdesk download ITEMS... [--assets K1,K2 | --roles R1,R2] [--dest DIR] [--concurrency N]
                  [--per-host N] [--header 'Name: value']... [--connection NAME]
      Download assets of items (ndjson / GeoJSON / stac-geoparquet files, or - for stdin) into a
      folder that is a STAC catalog; re-running resumes and skips what is complete and verified.

exit status: 0 success, 1 failure while running (network, server, files), 2 bad input.
"""


def wants_cli(argv: Sequence[str]) -> bool:
    """True when the arguments name a headless command (the window is not started)."""
    return bool(argv) and argv[0] in COMMANDS


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; each command module adds its own subparser."""
    from stacdesk import __version__
    from stacdesk.cli import collections, download, search
    from stacdesk.cli.shared import Parser

    parser = Parser(
        prog="stacdesk",
        description="A desktop product browser for STAC catalogs; headless commands below.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"stacdesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in (search, collections, download):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a headless command; returns the exit status."""
    from stacdesk.cli.shared import (
        EXIT_OK,
        EXIT_RUNTIME,
        EXIT_USAGE,
        RunError,
        UsageError,
        join_dash_values,
        say,
    )
    from stacdesk.core.common.errors import CatalogError, describe_error

    arguments = join_dash_values(sys.argv[1:] if argv is None else argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            args = build_parser().parse_args(arguments)
            if getattr(args, "run", None) is None:
                raise UsageError("no command given: try `stacdesk --help`")
            run: Callable[[argparse.Namespace], int] = args.run
            code = run(args)
        for warning in _unique(caught):  # after success only: a failure is one line
            say(f"note: {warning}")
        return code
    except UsageError as exc:
        say(f"error: {exc}")
        return EXIT_USAGE
    except (RunError, CatalogError) as exc:
        say(f"error: {exc}")
        return EXIT_RUNTIME
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except Exception as exc:  # the last net: a message, never a traceback
        say(f"error: {describe_error(exc)}")
        return EXIT_RUNTIME


def _unique(caught: list[warnings.WarningMessage]) -> list[str]:
    return list(dict.fromkeys(" ".join(str(w.message).split()) for w in caught))


def _silence_stdout() -> None:
    """After the reader of stdout went away, keep Python's exit flush from raising again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
