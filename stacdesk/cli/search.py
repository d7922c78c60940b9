"""``stacdesk search SOURCE``: the window's search, headless, with items to stdout or a file.

The query is built with the window's own rules (AOI parsing, CQL2 checks, date intervals), so a
search copied from the window ("Copy as stacdesk command") returns the same items. ndjson to
stdout is streamed page by page, and so is every format to a file or stdout: a million results
never sit in memory. A file is written under a temporary name and moved into place once complete;
when the search fails part way, the items written so far are left under ``FILE.partial`` and the
message says how many. A search matching more than ``--ask-above`` results (the server's count,
or an estimate from the first page) asks before paging them all, and is refused without
``--all`` when nobody can answer (stdin or stderr not a terminal); nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from stacdesk.cli.shared import (
    EXIT_OK,
    RunError,
    UsageError,
    add_source,
    csv_list,
    parse_headers,
    positive_int,
    say,
)

FORMATS = ("ndjson", "geojson", "csv", "geoparquet", "urls", "metalink")
DEFAULT_ASK_ABOVE = 1_000_000  # core.search.match_count's, not imported at start-up


def add_parser(commands: Any) -> None:
    search = commands.add_parser(
        "search",
        help="search a STAC API or a local catalog; items to stdout",
        description="Search a STAC API, a saved connection or a local catalog file/folder. "
        "Items are written as ndjson to stdout unless -o/--format say otherwise; the number "
        "matched and returned go to stderr.",
        epilog="Values starting with '-' may follow the option (--bbox -10,40,5,50 --sortby "
        "-datetime). Exit status: 0 success, 1 failure while running, 2 bad input.",
    )
    add_source(search, several=True)
    search.add_argument("--collections", metavar="A,B", help="collection ids, comma separated")
    where = search.add_mutually_exclusive_group()
    where.add_argument("--bbox", metavar="W,S,E,N", help="lon/lat box; W > E crosses ±180°")
    where.add_argument(
        "--intersects",
        metavar="GEOJSON|WKT|@FILE",
        help="area as GeoJSON, WKT, or @path of a GeoJSON/WKT file",
    )
    search.add_argument(
        "--datetime",
        metavar="RANGE",
        help="RFC 3339 instant or interval: 2024-01-01/2024-06-30, 2024-05-01T00:00:00Z/..",
    )
    search.add_argument(
        "--filter", metavar="CQL2", help="CQL2 text (eo:cloud_cover < 10) or CQL2 JSON"
    )
    search.add_argument(
        "--sortby", metavar="[+|-]FIELD", help="sort keys, comma separated; '-' for descending"
    )
    search.add_argument("--ids", metavar="A,B", help="item ids, comma separated")
    search.add_argument(
        "--limit", type=positive_int, metavar="N", help="page size asked of the server (100)"
    )
    search.add_argument("--max-items", type=positive_int, metavar="N", help="stop after N items")
    search.add_argument(
        "--all",
        action="store_true",
        help="page every result even when the search matches more than --ask-above (without "
        "it such a search asks first, or is refused when nobody can answer)",
    )
    search.add_argument(
        "--ask-above",
        type=int,
        default=DEFAULT_ASK_ABOVE,
        metavar="N",
        help=f"ask before paging more than N results (default {DEFAULT_ASK_ABOVE:,}; 0 never "
        "asks); the count is the server's numberMatched, else an estimate from the first page",
    )
    search.add_argument(
        "--method",
        type=str.upper,
        choices=("AUTO", "GET", "POST"),
        default="AUTO",
        metavar="auto|GET|POST",
        help="HTTP method of the search: auto (the catalog's advertised method, falling back "
        "to GET when an anonymous POST is refused), GET or POST",
    )
    search.add_argument(
        "--format",
        choices=FORMATS,
        metavar="|".join(FORMATS),
        help="output format (default: from -o's extension, else ndjson)",
    )
    search.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    search.add_argument("--assets", metavar="K1,K2", help="asset keys for csv/urls/metalink output")
    search.add_argument("--roles", metavar="R1,R2", help="asset roles for csv/urls/metalink output")
    search.set_defaults(run=run)


def parse_datetime_range(text: str) -> str:
    """The interval as pystac-client sends it (dates expanded to whole days), checked."""
    from pystac_client.item_search import ItemSearch

    from stacdesk.core.common.datetimes import parse_interval

    try:
        value = ItemSearch("http://127.0.0.1/search", datetime=text).get_parameters()["datetime"]
        parse_interval(value)
    except Exception as exc:  # pystac-client raises bare Exception for bad components
        raise UsageError(f"--datetime {text!r} is not a date or interval: {exc}") from None
    return str(value)


def parse_area(args: argparse.Namespace) -> dict[str, Any]:
    """``bbox=`` or ``intersects=`` for the query, with the window's AOI rules and messages."""
    from shapely.geometry import mapping

    from stacdesk.core.geo.aoi_parse import AoiError, parse_aoi_text, parse_bbox, read_aoi_file

    try:
        if args.bbox is not None:
            parts = [p for p in args.bbox.replace(" ", ",").split(",") if p]
            if len(parts) != 4:
                raise AoiError(f"expected 4 numbers W,S,E,N, got {len(parts)}")
            try:
                numbers = [float(p) for p in parts]
            except ValueError:
                raise AoiError("W,S,E,N must be numbers") from None
            parsed = parse_bbox(*numbers)
            fields = parsed.aoi.query_fields()
        elif args.intersects is not None:
            text = args.intersects
            if text.startswith("@"):
                parsed = read_aoi_file(Path(text[1:]).expanduser())
            else:
                parsed = parse_aoi_text(text)
            fields = {"intersects": mapping(parsed.aoi.geometry)}
        else:
            return {}
    except AoiError as exc:
        option = "--bbox" if args.bbox is not None else "--intersects"
        raise UsageError(f"{option}: {exc}") from None
    for note in parsed.notes:
        say(f"note: {note}")
    return fields


def build_query(args: argparse.Namespace) -> Any:
    import orjson

    from stacdesk.core.query.cql2_filter import Cql2Error, parse_filter
    from stacdesk.core.query.search_query import DEFAULT_PAGE_SIZE, SearchQuery

    # No filter-lang: pystac-client then sends CQL2 text on GET and CQL2 JSON on POST, converting
    # as needed (an explicit filter-lang would make it send text in a POST body: HTTP 400).
    filter_value: Any = None
    if args.filter is not None:
        text = args.filter.strip()
        if text.startswith("{"):
            try:
                filter_value = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                raise UsageError(f"--filter is not valid CQL2 JSON: {exc}") from None
        else:
            filter_value = text
        try:
            parse_filter(filter_value)
        except Cql2Error as exc:
            raise UsageError(f"--filter: {exc}") from None
    sortby = csv_list(args.sortby)
    for key in sortby:
        if not key.lstrip("+-").strip():
            raise UsageError(f"--sortby {args.sortby!r}: a sort key has no field name")
    return SearchQuery(
        collections=csv_list(args.collections),
        datetime=parse_datetime_range(args.datetime) if args.datetime else None,
        ids=csv_list(args.ids),
        filter=filter_value,
        sortby=sortby,
        limit=args.limit or DEFAULT_PAGE_SIZE,
        max_items=args.max_items,
        **parse_area(args),
    )


class _Items:
    """The search's items page by page, duplicates dropped, with what stderr should report."""

    def __init__(self, source: Any) -> None:
        from stacdesk.core.common.seen_ids import SeenIds

        self.source = source
        self.number_matched: int | None = None
        self.returned = 0
        self.notes: list[str] = []
        self.error: str | None = None
        self._seen = SeenIds()  # 8 bytes an id: a million results stay flat in memory
        self._first: Any = None  # the page ``first_page`` fetched, kept for ``pages``
        self._first_error: Exception | None = None
        self._peeked = False

    def first_page(self) -> Any:
        """The first page, fetched now (its count decides whether to ask) and kept for
        ``pages``; None at once when the search ends or fails (``pages`` then says so)."""
        if not self._peeked:
            self._peeked = True
            try:
                self._first = self.source.next_page()
            except Exception as exc:  # reported by ``pages``, as any failed page
                self._first_error = exc
        return self._first

    def _next_page(self) -> Any:
        if self._peeked:
            self._peeked, page, error = False, self._first, self._first_error
            self._first = self._first_error = None
            if error is not None:
                raise error
            return page
        return self.source.next_page()

    def pages(self) -> Iterator[list[dict[str, Any]]]:
        from stacdesk.core.common.errors import describe_error

        while True:
            try:
                page = self._next_page()
            except Exception as exc:  # the first failure ends the search; items so far are kept
                self.error = describe_error(exc)
                return
            if page is None:
                return
            if page.number_matched is not None:
                self.number_matched = page.number_matched
            for note in page.problems:
                if note not in self.notes:
                    self.notes.append(note)
            new = self._seen.fresh(str(feature.get("id")) for feature in page.features)
            fresh = [feature for feature, keep in zip(page.features, new, strict=True) if keep]
            self.returned += len(fresh)
            yield fresh

    def pages_items(self) -> Iterator[dict[str, Any]]:
        """Item by item; a failed page just ends the items (stdout shows what came, then the
        error)."""
        for page in self.pages():
            yield from page

    def stream(self) -> Iterator[dict[str, Any]]:
        """Item by item; a failed page ends the stream with ``ItemsStopped`` (the exporter then
        keeps what it wrote under a ``.partial`` name)."""
        from stacdesk.core.export.writers import ItemsStopped

        for page in self.pages():
            yield from page
        if self.error:
            raise ItemsStopped(self.error)


def _output_format(args: argparse.Namespace) -> str:
    from stacdesk.core.export.writers import format_for_path

    if args.format:
        return str(args.format)
    if args.output:
        guessed = format_for_path(Path(args.output))
        if guessed is None:
            raise UsageError(
                f"cannot tell the format from {args.output!r}: add --format ({'|'.join(FORMATS)})"
            )
        return guessed
    return "ndjson"


def _write_stream(pages: Iterator[list[dict[str, Any]]], out: IO[bytes]) -> None:
    from stacdesk.core.common.json_bytes import json_bytes

    for page in pages:
        out.write(b"".join(json_bytes(item) + b"\n" for item in page))
        out.flush()


def run(args: argparse.Namespace) -> int:
    from stacdesk.cli.search_size import confirm_size
    from stacdesk.cli.sources import check_collections, open_source
    from stacdesk.core.common import plural
    from stacdesk.core.export.writers import (
        AssetChoice,
        IncompleteExport,
        export_items,
        export_stream,
    )

    headers = parse_headers(args.header)
    query = build_query(args)
    fmt = _output_format(args)
    if fmt == "geoparquet" and not args.output:
        raise UsageError("--format geoparquet needs -o FILE (Parquet is not written to stdout)")
    choice = AssetChoice(keys=csv_list(args.assets), roles=csv_list(args.roles))
    method = None if args.method == "AUTO" else args.method
    if len(args.sources) > 1:
        from stacdesk.cli.search_several import run_several

        return run_several(args, query, fmt, choice, headers, method)
    catalog = open_source(args.sources[0], headers, method)
    check_collections(catalog, query.collections)
    _warn_ignored_for_local(catalog, args)
    source = catalog.search(query)
    items = _Items(source)
    confirm_size(args, query, catalog, items.first_page())
    result_note = ""
    if fmt == "ndjson" and not args.output:
        _write_stream(items.pages(), sys.stdout.buffer)
    elif args.output:
        try:
            result = export_items(items.stream(), Path(args.output), fmt, choice)
        except IncompleteExport as exc:
            kept = f"{plural.count(exc.written, 'item')} written to {exc.partial}"
            raise RunError(
                f"{exc.reason}; {kept if exc.partial else 'no items written'}, "
                f"{args.output} not written (the search did not finish)"
            ) from None
        items.notes += result.notes
        result_note = f", written to {args.output}"
    else:
        export_stream(items.pages_items(), sys.stdout.buffer, fmt, choice)
        sys.stdout.buffer.flush()
    used = getattr(source, "method", "")
    if items.error:  # one line: what failed, and how much was kept
        kept = f" ({plural.count(items.returned, 'item')} written first)" if items.returned else ""
        raise RunError(f"{items.error}{kept}")
    for note in items.notes:
        say(f"note: {note}")
    matched = "unknown" if items.number_matched is None else f"{items.number_matched:,}"
    say(
        f"{matched} matched, {items.returned:,} returned{result_note} "
        f"({used} {getattr(catalog, 'url', '')})".replace("( ", "(")
    )
    return EXIT_OK


def _warn_ignored_for_local(catalog: Any, args: argparse.Namespace) -> None:
    if getattr(catalog, "search_method", "") != "local":
        return
    for note in getattr(catalog, "problems", []):
        say(f"note: {note}")
    if args.header or args.method != "AUTO":
        say("note: --header and --method do not apply to a local catalog; ignored")
