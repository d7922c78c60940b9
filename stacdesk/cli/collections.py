"""``stacdesk collections SOURCE``: one ``id<TAB>title`` line per collection, for scripts and
for finding the ids ``stacdesk search --collections`` takes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stacdesk.cli.shared import EXIT_OK, add_source, parse_headers, say


def add_parser(commands: Any) -> None:
    collections = commands.add_parser(
        "collections",
        help="list collection ids and titles",
        description="List the collections of a STAC API, saved connection or local catalog: "
        "one 'id<TAB>title' line each.",
    )
    add_source(collections)
    collections.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from stacdesk.cli.sources import open_source
    from stacdesk.core.common import plural

    headers = parse_headers(args.header)
    catalog = open_source(args.source, headers)
    collections = catalog.collections()
    out = sys.stdout
    for info in collections:
        out.write(f"{info.id}\t{info.title}\n")
    out.flush()
    say(f"{plural.count(len(collections), 'collection')} ({getattr(catalog, 'url', '')})")
    return EXIT_OK
