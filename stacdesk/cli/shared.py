"""What every headless command shares: the exit statuses and the two errors that map to them, the
one-line parser, stderr notes, and the parsing of option values (numbers, comma lists, headers).

Commands import this module and never each other, so a command can be added or removed without
touching the rest; the entry (``stacdesk.cli``) turns the errors into exit statuses.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

EXIT_OK, EXIT_RUNTIME, EXIT_USAGE = 0, 1, 2
# Options whose value may start with "-" (a west longitude, a descending sort key): argparse would
# take "--bbox -10,40,5,50" for two options, so such pairs are joined as "--bbox=-10,40,5,50".
VALUE_OPTIONS = frozenset(
    {"--bbox", "--sortby", "--intersects", "--filter", "--datetime", "--ids", "--collections"}
)


class UsageError(Exception):
    """Bad input on the command line: exit status 2."""


class RunError(Exception):
    """A failure while running: exit status 1."""


class Parser(argparse.ArgumentParser):
    """argparse that reports an error as one line (no usage dump) and exits with status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def say(message: str) -> None:
    """One line on stderr: stdout carries only the command's data (items, collection ids)."""
    print(f"stacdesk: {message}", file=sys.stderr, flush=True)


def join_dash_values(argv: Sequence[str]) -> list[str]:
    """``--bbox -10,40,5,50`` as ``--bbox=-10,40,5,50`` for the options in VALUE_OPTIONS."""
    out: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in VALUE_OPTIONS and i + 1 < len(args) and args[i + 1].startswith("-"):
            out.append(f"{arg}={args[i + 1]}")
            i += 2
            continue
        out.append(arg)
        i += 1
    return out


def whole_number(text: str, low: int = 1, high: int | None = None) -> int:
    """``text`` as an int within [low, high], or the argparse error naming the bounds."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if high is not None and not low <= value <= high:
        raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {value}")
    if value < low:
        raise argparse.ArgumentTypeError(f"must be at least {low}, got {value}")
    return value


def positive_int(text: str) -> int:
    return whole_number(text)


def csv_list(text: str | None) -> tuple[str, ...]:
    """``"a, b,,c"`` as ``("a", "b", "c")``; None or "" as ``()``."""
    if not text:
        return ()
    return tuple(part.strip() for part in text.split(",") if part.strip())


def parse_headers(values: Sequence[str]) -> dict[str, str]:
    """Repeated ``--header 'Name: value'`` options as a dict; a malformed one is bad input."""
    headers: dict[str, str] = {}
    for value in values:
        name, sep, content = value.partition(":")
        if not sep or not name.strip() or any(c.isspace() for c in name.strip()):
            raise UsageError(f"--header {value!r} is not 'Name: value'")
        headers[name.strip()] = content.strip()
    return headers


def add_source(parser: argparse.ArgumentParser, several: bool = False) -> None:
    """SOURCE (or SOURCE … with ``several``) and ``--header``: what search and collections read
    from."""
    what = "STAC API URL (http…), saved connection name, or local catalog file/folder"
    if several:
        parser.add_argument(
            "sources",
            metavar="SOURCE",
            nargs="+",
            help=f"{what}; several sources are searched at once, one line per product",
        )
    else:
        parser.add_argument("source", metavar="SOURCE", help=what)
    parser.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="HTTP header sent with every API request (repeatable)",
    )
