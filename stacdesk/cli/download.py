"""``stacdesk download ITEMS``: the download manager's engine, headless.

The queue lives in the destination folder (``.stacdesk-downloads.sqlite3``), so running the same
command again resumes partial files and skips assets already complete and verified; the folder
is the same STAC catalog the window writes. Exit status 0 only when every requested asset is
complete and verified; otherwise 1 with one line per asset that is not.

Local file hrefs are copied only from the folders of local catalogs: the bundled sample, saved
local connections, ITEMS given as a catalog folder or ``catalog.json``/``collection.json``, and
``--local-catalog DIR``. An item file (ndjson …) may hold a remote server's items, so its own
folder is not trusted.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from stacdesk.cli.shared import RunError, UsageError, csv_list, parse_headers, say, whole_number

QUEUE_FILE = ".stacdesk-downloads.sqlite3"
PROGRESS_EVERY_S = 5.0


def count(text: str) -> int:
    """A number of downloads at once: more than 64 would only get the client throttled."""
    return whole_number(text, 1, 64)


def add_parser(commands: Any) -> None:
    download = commands.add_parser(
        "download",
        help="download assets of items (ndjson, GeoJSON, stac-geoparquet, or - for stdin)",
        description="Download the assets of STAC items into a folder that is a STAC catalog. "
        "Re-running the same command resumes and skips what is complete and verified. Exit "
        "status 0 only when every requested asset is complete and verified.",
        epilog="Example: stacdesk search URL --bbox 5,45,15,55 | stacdesk download - "
        "--roles data --dest scenes",
    )
    download.add_argument(
        "items", nargs="+", metavar="ITEMS", help="item files (ndjson, GeoJSON, geoparquet) or -"
    )
    which = download.add_mutually_exclusive_group()
    which.add_argument("--assets", metavar="K1,K2", help="asset keys to download")
    which.add_argument("--roles", metavar="R1,R2", help="asset roles to download (e.g. data)")
    download.add_argument("--dest", metavar="DIR", help="download folder (default: Downloads)")
    download.add_argument("--concurrency", type=count, default=4, metavar="N", help="at once (4)")
    download.add_argument(
        "--per-host", type=count, default=2, metavar="N", help="at once per host (2)"
    )
    download.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="HTTP header for the asset hosts of these items (repeatable)",
    )
    download.add_argument(
        "--connection",
        metavar="NAME",
        help="use this saved connection's credentials and signing (its hosts only)",
    )
    download.add_argument(
        "--local-catalog",
        action="append",
        default=[],
        metavar="DIR",
        help="copy local files of the items from this catalog folder (repeatable; the bundled "
        "sample and saved local connections are always allowed)",
    )
    download.set_defaults(run=run)


def _read_items(sources: list[str]) -> list[dict[str, Any]]:
    from stacdesk.core.catalogs.local_formats import read_items_bytes, read_local

    items: list[dict[str, Any]] = []
    for source in sources:
        if source == "-":
            found = read_items_bytes(sys.stdin.buffer.read())
        else:
            path = Path(source).expanduser()
            if not path.exists():
                raise UsageError(f"no such items file: {source}")
            found = read_local(path)
        for note in found.problems:
            say(f"note: {note}")
        items += found.items
    return items


def local_roots(args: argparse.Namespace) -> list[Path]:
    """The folders local file hrefs may be copied from (see the module's docstring)."""
    from stacdesk.cli.sources import connection_book
    from stacdesk.core.catalogs.local_catalog import folder_of

    candidates = [Path(c.url) for c in connection_book().all() if c.kind == "local"]
    for source in args.items:
        path = Path(source).expanduser()
        if source != "-" and (path.is_dir() or path.name in ("catalog.json", "collection.json")):
            candidates.append(path)
    candidates += [Path(d) for d in args.local_catalog]
    roots = [folder for path in candidates if (folder := folder_of(path)) is not None]
    return list(dict.fromkeys(roots))


def _credentials(args: argparse.Namespace, items: list[dict[str, Any]]) -> tuple[Any, Any, Any]:
    """(credentials(url) → headers, sign_href, renew after a 401) from --header or --connection.

    ``--header`` values go only to the hosts the items' assets live on, never to a host a
    redirect leads to; a connection's credentials follow its own host list.
    """
    from stacdesk.cli.sources import connection_book
    from stacdesk.core.auth import host_of
    from stacdesk.core.catalogs.opening import connection_auth
    from stacdesk.core.downloads.assets import alternate_hrefs, assets_of, resolve_href

    headers = parse_headers(args.header)
    auth = None
    if args.connection:
        connection = connection_book().find(args.connection)
        if connection is None:
            raise UsageError(f"unknown connection {args.connection!r}")
        auth = connection_auth(connection)
    hosts = {
        host_of(href)
        for item in items
        for asset in assets_of(item).values()
        for href in (resolve_href(item, asset["href"]), *alternate_hrefs(item, asset))
    }

    def credentials(url: str) -> Mapping[str, str]:
        out: dict[str, str] = dict(auth.headers_for(url)) if auth is not None else {}
        if headers and host_of(url) in hosts:
            out.update(headers)
        return out

    def renew(url: str, refused: Mapping[str, str]) -> bool:
        """After a 401: a connection's OIDC token is renewed (a --header stays as it is)."""
        return auth.refused(url, refused) if auth is not None else False

    sign: Callable[[str, str], str] | None = None
    if auth is not None:
        sign = auth.sign_href
    return credentials, sign, renew


def run(args: argparse.Namespace) -> int:
    from stacdesk.config import app_paths
    from stacdesk.core.downloads.assets import pick_assets

    items = _read_items(args.items)
    if not items:
        raise UsageError("no STAC items to download in " + ", ".join(args.items))
    keys, roles = csv_list(args.assets), csv_list(args.roles)
    wanted = sum(len(pick_assets(item, keys, roles)) for item in items)
    if not wanted:
        raise RunError("none of the items has an asset matching " + _which(keys, roles))
    dest = Path(args.dest).expanduser() if args.dest else app_paths().downloads
    jobs = asyncio.run(_download(items, keys, roles, dest, args, _credentials(args, items)))
    return _report(jobs, dest)


def _which(keys: tuple[str, ...], roles: tuple[str, ...]) -> str:
    if keys:
        return "--assets " + ",".join(keys)
    if roles:
        return "--roles " + ",".join(roles)
    return "(any asset)"


async def _download(
    items: list[dict[str, Any]],
    keys: tuple[str, ...],
    roles: tuple[str, ...],
    dest: Path,
    args: argparse.Namespace,
    auth: tuple[Any, Any, Any],
) -> list[Any]:
    credentials, sign, renew = auth
    from stacdesk.core.downloads.engine import DownloadEngine, EngineSettings
    from stacdesk.core.downloads.jobs import JobState
    from stacdesk.core.downloads.store import JobStore

    dest.mkdir(parents=True, exist_ok=True)
    settings = EngineSettings(folder=dest, max_concurrent=args.concurrency, per_host=args.per_host)
    roots = local_roots(args)
    engine = DownloadEngine(
        JobStore(dest / QUEUE_FILE),
        settings,
        credentials=credentials,
        sign_href=sign,
        local_roots=lambda: roots,
        renew_credentials=renew,
    )
    done_before = {j.id for j in engine.jobs.values() if j.state is JobState.DONE}

    def on_changed(job: Any) -> None:
        if job.id in wanted_ids and job.state.finished:
            label = f"{job.collection}/{job.item_id}/{job.asset_key}"
            if job.state is JobState.DONE:
                say(f"done {label} ({_size(job.size)})")
            else:
                say(f"{job.state.value} {label}: {job.error or job.note}")

    wanted_ids: set[int] = set()
    engine.job_changed.connect(on_changed)
    try:
        jobs = engine.add_items(items, keys, roles, folder=dest)
        wanted_ids.update(j.id for j in jobs)
        skipped = sum(1 for j in jobs if j.id in done_before and j.state is JobState.DONE)
        if skipped:
            say(f"{skipped} of {len(jobs)} assets already complete and verified: skipped")
        engine.start()
        last = time.monotonic()
        while not all(engine.jobs[j.id].state.finished for j in jobs):
            await asyncio.sleep(0.1)
            if time.monotonic() - last >= PROGRESS_EVERY_S:
                last = time.monotonic()
                say(_progress(engine, jobs))
        return [engine.jobs[j.id] for j in jobs]
    finally:
        await engine.close()


def _progress(engine: Any, jobs: list[Any]) -> str:
    current = [engine.jobs[j.id] for j in jobs]
    finished = sum(1 for j in current if j.state.finished)
    moved = sum(j.bytes_done for j in current)
    return f"{finished}/{len(current)} assets finished, {_size(moved)} transferred"


def _size(value: int | None) -> str:
    if value is None:
        return "size unknown"
    size = float(value)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{value} B"


def _report(jobs: list[Any], dest: Path) -> int:
    from stacdesk.core.downloads.jobs import JobState

    done = [j for j in jobs if j.state is JobState.DONE and Path(j.dest).is_file()]
    bad = [j for j in jobs if j not in done]
    if not bad:
        say(f"all {len(done)} assets complete and verified in {dest}")
        return 0
    for job in bad:
        reason = job.error or job.note or job.state.value
        say(f"not complete: {job.collection}/{job.item_id}/{job.asset_key}: {reason}")
    if any(j.error.startswith("Local file hrefs") for j in bad):
        say("note: --local-catalog DIR allows copying the files of a catalog folder on disk")
    raise RunError(
        f"{len(bad)} of {len(jobs)} assets not complete; run the same command again to retry"
    )
