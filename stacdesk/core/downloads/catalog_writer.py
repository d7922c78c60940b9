"""Keep the download folder a valid STAC catalog.

Layout written: ``catalog.json`` at the root with a child link per collection;
``<collection>/catalog.json`` (a Catalog, since we don't hold the full Collection metadata) with
an item link per downloaded item; each item's JSON beside its assets, with the hrefs of
downloaded assets rewritten to relative local paths (the others keep their remote hrefs).
Written after every completed download, atomically (temp file + rename).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import orjson

from stacdesk.core.common.json_fields import dict_field, list_field
from stacdesk.core.downloads.assets import self_href
from stacdesk.core.downloads.jobs import DownloadJob
from stacdesk.core.downloads.layout import safe_name

STAC_VERSION = "1.0.0"
CATALOG = "catalog.json"
_OWN_RELS = frozenset({"self", "root", "parent"})
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def collection_dir(root: Path, collection: str) -> Path:
    return root / safe_name(collection or "no-collection")


def item_json_path(job: DownloadJob) -> Path:
    """Beside the asset; ``<item_id>.json`` unless an asset already has that name."""
    return Path(_item_json_file(job))


def _item_json_file(job: DownloadJob) -> str:
    """``item_json_path`` as a string: the per-file steps use strings, not pathlib, whose
    parsing was a fifth of the recorder's time per small file (benchmarks P6-small)."""
    name = safe_name(job.item_id, "item")
    return os.path.join(os.path.dirname(job.dest), f"{name}.json")


def reserved_paths(job: DownloadJob) -> list[str]:
    """Files the writer will create for this job: no asset may take these names."""
    collection = safe_name(job.collection or "no-collection")
    item_dir = os.path.dirname(job.dest)
    return [
        os.path.join(job.root, CATALOG),
        os.path.join(job.root, collection, CATALOG),
        os.path.join(item_dir, f"{safe_name(job.item_id, 'item')}.json"),
    ]


def _rel(target: Path | str, start: Path | str) -> str:
    """The relative href from ``start`` (a folder) to ``target``. Four per downloaded item: for
    absolute POSIX paths without dot segments (what the layout makes) the common prefix is
    cut off directly, ``os.path.relpath`` (several times slower) does the rest."""
    to, at = str(target).split("/"), str(start).split("/")
    if os.sep != "/" or to[0] or at[0] or {".", ".."} & {*to, *at}:
        return Path(os.path.relpath(target, start)).as_posix()
    if at[-1] == "":  # the root folder
        at.pop()
    if to[-1] == "":
        to.pop()
    common = 0
    for mine, theirs in zip(to, at, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


_temp_names = itertools.count()


def _temp_file(folder: str, path: str) -> tuple[int, str]:
    """A new private file beside ``path`` (as ``tempfile.mkstemp`` makes, 0600) named by a
    counter: mkstemp's random names cost more than the rest of a small item's write (P6-small)."""
    name = f".tmp-{os.getpid()}-{next(_temp_names)}-{os.path.basename(path)}"
    tmp = os.path.join(folder, name[:200])
    try:
        return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600), tmp
    except FileExistsError:  # another process's leftover of the same name
        return tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")


def _write_json(path: Path | str, data: dict[str, Any]) -> None:
    path = os.fspath(path)
    folder = os.path.dirname(path) or "."
    try:  # the folder is there (an asset's file is) but for the catalogs' first write
        fd, tmp = _temp_file(folder, path)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = _temp_file(folder, path)
    try:
        with open(fd, "wb", buffering=0, closefd=True) as f:
            f.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _catalog(
    path: Path, catalog_id: str, title: str, root: Path, parent: Path | None
) -> dict[str, Any]:
    existing = _read_json(path)
    if existing and existing.get("type") == "Catalog":
        return existing
    links = [{"rel": "root", "href": _rel(root / CATALOG, path.parent), "type": "application/json"}]
    if parent is not None:
        links.append(
            {"rel": "parent", "href": _rel(parent, path.parent), "type": "application/json"}
        )
    return {
        "type": "Catalog",
        "stac_version": STAC_VERSION,
        "id": catalog_id,
        "title": title,
        "description": f"{title} — files downloaded with stacdesk.",
        "links": links,
    }


CatalogHeader = tuple[str, str, Path, Path | None]  # id, title, root folder, parent catalog


class CatalogLinks:
    """The catalog.json files a run of downloads extends: each read once, its links added in
    memory, written by ``flush``.

    Why: a collection catalog has a link per item, so reading and rewriting it after every
    download costs O(items) each, O(items²) for a bulk job (10,000 thumbnails). The engine
    flushes at least every second while downloads go on and whenever the queue empties, then
    ``forget``s, so edits made to the files between runs are read again.
    """

    def __init__(self) -> None:
        self._open: dict[Path, tuple[dict[str, Any], set[tuple[str, str]]]] = {}
        self._dirty: dict[Path, None] = {}
        self._places: dict[tuple[str, str], tuple[Path, CatalogHeader, Path, CatalogHeader]] = {}

    def places(self, root: str, collection: str) -> tuple[Path, CatalogHeader, Path, CatalogHeader]:
        """A collection's catalog and the root's, with their headers (made once, not per file)."""
        known = self._places.get((root, collection))
        if known is None:
            top = Path(root)
            col_catalog = collection_dir(top, collection) / CATALOG
            known = self._places[(root, collection)] = (
                col_catalog,
                (collection, collection, top, top / CATALOG),
                top / CATALOG,
                ("stacdesk-downloads", "stacdesk downloads", top, None),
            )
        return known

    def add(self, path: Path, header: CatalogHeader, rel: str, href: str, title: str) -> None:
        entry = self._open.get(path)
        if entry is None:
            catalog = _catalog(path, *header)
            links = catalog.setdefault("links", [])
            known = {
                (str(link.get("rel")), str(link.get("href")))
                for link in links
                if isinstance(link, dict)
            }
            entry = self._open[path] = (catalog, known)
            if not path.exists():
                self._dirty[path] = None
        catalog, known = entry
        if (rel, href) not in known:
            known.add((rel, href))
            catalog["links"].append(
                {"rel": rel, "href": href, "type": "application/json", "title": title}
            )
            self._dirty[path] = None

    @property
    def pending(self) -> bool:
        return bool(self._dirty)

    def flush(self) -> None:
        """Write every catalog with new links (atomically, like every file here)."""
        dirty, self._dirty = self._dirty, {}
        for path in dirty:
            _write_json(path, self._open[path][0])

    def forget(self) -> None:
        self.flush()
        self._open.clear()


def write_item(
    item: dict[str, Any], done: Iterable[DownloadJob], links: CatalogLinks | None = None
) -> Path:
    """Write the item JSON for its downloaded assets and link it from the catalogs above
    (written now, or by ``links.flush`` when the caller keeps them)."""
    done = list(done)
    first = done[0]
    root = first.root
    item_path = _item_json_file(first)
    item_dir = os.path.dirname(item_path)
    out = dict(item)
    assets = {k: dict(v) for k, v in dict_field(item, "assets").items() if isinstance(v, dict)}
    base = self_href(item)
    remote_base = bool(base and "://" in base)
    local = {job.asset_key: job for job in done}
    for key, asset in assets.items():
        href = asset.get("href")
        if key in local:
            asset["href"] = _rel(local[key].dest, item_dir)
        elif isinstance(href, str) and not urlsplit(href).scheme and remote_base:
            asset["href"] = urljoin(base, href)  # the others stay remote, and absolute
    out["assets"] = assets
    col_catalog = os.path.join(root, safe_name(first.collection or "no-collection"), CATALOG)
    item_links = []
    for link in list_field(item, "links"):
        if not isinstance(link, dict) or link.get("rel") in _OWN_RELS:
            continue
        link = dict(link)
        href = link.get("href")
        if isinstance(href, str) and not urlsplit(href).scheme and remote_base:
            link["href"] = urljoin(base, href)
        item_links.append(link)
    item_links.append(
        {
            "rel": "root",
            "href": _rel(os.path.join(root, CATALOG), item_dir),
            "type": "application/json",
        }
    )
    item_links.append(
        {"rel": "parent", "href": _rel(col_catalog, item_dir), "type": "application/json"}
    )
    if base:
        item_links.append({"rel": "via", "href": base, "type": "application/geo+json"})
    out["links"] = item_links
    _write_json(item_path, out)
    kept = links if links is not None else CatalogLinks()
    link_item(first, kept)
    if links is None:
        kept.flush()
    return Path(item_path)


def link_item(job: DownloadJob, links: CatalogLinks) -> None:
    """Link the item JSON of ``job``'s item from its collection's catalog, and that from the
    root catalog (in ``links``: written by its ``flush``); a link already there is kept."""
    collection = job.collection or "no-collection"
    col_catalog, col_header, root_catalog, root_header = links.places(job.root, collection)
    item_href = _rel(_item_json_file(job), os.path.dirname(col_catalog))
    links.add(col_catalog, col_header, "item", item_href, job.item_id)
    child_href = _rel(col_catalog, job.root)
    links.add(root_catalog, root_header, "child", child_href, collection)


def lists_local_files(done: Iterable[DownloadJob]) -> bool:
    """Whether the item JSON beside these (one item's) files already points at each of them."""
    done = list(done)
    item_path = item_json_path(done[0])
    data = _read_json(item_path)
    if data is None:
        return False
    assets = dict_field(data, "assets")
    for job in done:
        asset = assets.get(job.asset_key)
        href = _rel(Path(job.dest), item_path.parent)
        if not isinstance(asset, dict) or asset.get("href") != href:
            return False
    return True
