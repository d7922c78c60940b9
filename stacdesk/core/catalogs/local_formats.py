"""Read STAC items from files on disk, whatever shape they come in.

Analysts keep results as stac-geoparquet, ndjson (maybe gzipped), a GeoJSON FeatureCollection, a
single item, or a static catalog (``catalog.json`` with child/item links — what a stacdesk download
folder is). Every reader returns the same thing: plain item dicts plus the collections found, with
relative asset hrefs made absolute so a local search result can still be opened or downloaded
(``local_items``).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import orjson

from stacdesk.core.catalogs.local_index import IndexedItems, read_indexed
from stacdesk.core.catalogs.local_items import (
    Json,
    LocalItems,
    local_target,
    prepared_item,
    synthesized_collections,
)
from stacdesk.core.catalogs.local_parquet import ParquetItems, clean_feature, read_parquet
from stacdesk.core.catalogs.problems import (
    FEATURES_NOT_ITEMS,
    LINES_SKIPPED,
    LINKED_UNREADABLE,
    REMOTE_NOT_FOLLOWED,
)
from stacdesk.core.common.errors import CatalogError
from stacdesk.core.common.json_fields import list_field

PARQUET_SUFFIXES = (".parquet", ".geoparquet")
NDJSON_SUFFIXES = (".ndjson", ".jsonl", ".geojsonl", ".geojsons")
JSON_SUFFIXES = (".json", ".geojson")
MAX_CATALOG_FILES = 200_000  # a walk that finds more is a mistake (a link loop, the wrong folder)


def read_local(path: Path) -> LocalItems:
    """Read items from a file or folder; raise CatalogError with a one-line reason on failure."""
    path = Path(path).expanduser()
    if not path.exists():
        raise CatalogError(f"No such file or folder: {path}")
    if path.is_file() and path.name == "collections.json":  # picked in a folder-less file dialog
        path = path.parent
    try:
        found = _read_folder(path) if path.is_dir() else _read_file(path)
    except CatalogError:
        raise
    except (OSError, ValueError, orjson.JSONDecodeError) as exc:
        raise CatalogError(f"Cannot read {path}: {_reason(exc)}") from exc
    if not found.collections:
        items = found.items
        if isinstance(items, ParquetItems):
            found.collections = items.synthesized_collections()
        else:
            outlines = items.outlines() if isinstance(items, IndexedItems) else items
            found.collections = synthesized_collections(outlines)
    return found


def looks_like_catalog(path: Path) -> bool:
    """A cheap guess whether a dropped file or folder is STAC items (vs. an area-of-interest file).

    Folders, Parquet and ndjson are; a JSON file is when its start mentions ``stac_version``
    (plain GeoJSON areas do not).
    """
    path = Path(path)
    if path.is_dir():
        return True
    suffix, gzipped = _suffixes(path)
    if suffix in PARQUET_SUFFIXES or suffix in NDJSON_SUFFIXES:
        return True
    if suffix not in JSON_SUFFIXES or not path.is_file():
        return False
    try:
        with gzip.open(path, "rb") if gzipped else open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return b'"stac_version"' in head


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:200]


# ------------------------------------------------------------------------------------- files


def _suffixes(path: Path) -> tuple[str, bool]:
    """The meaningful suffix (lower case) and whether the file is gzipped."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    return Path(name).suffix, gzipped


def _read_file(path: Path) -> LocalItems:
    suffix, gzipped = _suffixes(path)
    if suffix in PARQUET_SUFFIXES and not gzipped:
        return read_parquet(path)  # read as searched: a million items are never all decoded
    if suffix in NDJSON_SUFFIXES:
        indexed = read_indexed(path)  # the bundled sample: columns precomputed, items on demand
        if indexed is not None:
            return indexed
        items, problems = read_ndjson(path)
        return LocalItems(items, [], path.name, problems)
    data = _read_json(path)
    return _from_json_value(data, path)


def _open_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def _read_json(path: Path) -> Any:
    data = _open_bytes(path)
    if data[:4] == b"PAR1":
        raise CatalogError(f"{path.name} is a Parquet file: name it .parquet to open it")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    # Not one JSON document: maybe newline-delimited items under another name.
    items, problems = _ndjson_lines(data.splitlines(), path)
    if not items:
        raise CatalogError(f"{path} is neither JSON nor newline-delimited JSON items.")
    return {"type": "FeatureCollection", "features": items, "_problems": problems}


def _from_json_value(data: Any, path: Path) -> LocalItems:
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise CatalogError(f"{path} is a FeatureCollection without a features list.")
        items = [prepared_item(f, path.parent) for f in features if _is_item(f)]
        problems = list(data.get("_problems", []))
        if len(items) != len(features):
            problems.append(FEATURES_NOT_ITEMS(path.name, n=len(features) - len(items)))
        return LocalItems(items, [], path.name, problems)
    if kind == "Feature":
        return LocalItems([prepared_item(data, path.parent)], [], path.name)
    if kind in ("Catalog", "Collection"):
        return read_static_catalog(path, data)
    if isinstance(data, list):
        items = [prepared_item(f, path.parent) for f in data if _is_item(f)]
        if items:
            return LocalItems(items, [], path.name)
    raise CatalogError(
        f"{path} is not STAC items: expected a FeatureCollection, an item, a catalog.json or "
        "a collection.json."
    )


def _is_item(value: Any) -> bool:
    return isinstance(value, dict) and value.get("type") == "Feature" and "id" in value


def read_ndjson(path: Path) -> tuple[list[Json], list[str]]:
    """Items of a newline-delimited JSON file (gzipped or not); bad lines are skipped and noted."""
    return _ndjson_lines(_open_bytes(path).splitlines(), path)


def _ndjson_lines(lines: list[bytes], path: Path) -> tuple[list[Json], list[str]]:
    items: list[Json] = []
    bad = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            bad += 1
            continue
        if _is_item(value):
            items.append(prepared_item(value, path.parent))
        else:
            bad += 1
    if bad and not items:
        raise CatalogError(f"{path} has no readable STAC items ({bad} unreadable lines).")
    problems = [LINES_SKIPPED(path.name, n=bad)] if bad else []
    return items, problems


def read_geoparquet(path: Path) -> list[Json]:
    """Items of a stac-geoparquet file, read with rustac (no DuckDB involved).

    The whole file at once (tests compare against it); a catalog opened from a file reads it as
    searched (``local_parquet``). The nulls of properties only some items have are dropped
    again (``clean_feature``).
    """
    import rustac

    try:
        data = rustac.read_sync(str(path))
    except Exception as exc:  # RustacError for unreadable or non-STAC Parquet
        raise CatalogError(f"Cannot read {path} as stac-geoparquet: {_reason(exc)}") from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise CatalogError(f"{path} holds no STAC items.")
    return [clean_feature(f, path.parent) for f in features if isinstance(f, dict)]


def read_items_bytes(data: bytes, label: str = "<stdin>") -> LocalItems:
    """Items piped in: a FeatureCollection, an item, or ndjson (``stacdesk search … | …``)."""
    base = Path.cwd() / label
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        items, problems = _ndjson_lines(data.splitlines(), base)
        return LocalItems(items, [], label, problems)
    if isinstance(value, dict) and value.get("type") in ("Catalog", "Collection"):
        raise CatalogError(f"{label} is a catalog: give its path instead of piping it.")
    return _from_json_value(value, base)


# ----------------------------------------------------------------------------------- folders


def _read_folder(folder: Path) -> LocalItems:
    if (folder / "catalog.json").is_file():
        return read_static_catalog(folder / "catalog.json")
    collections_file = folder / "collections.json"
    collection_file = folder / "collection.json"
    for name in ("items.parquet", "items.ndjson.gz", "items.ndjson"):
        if (folder / name).is_file():
            found = _read_file(folder / name)
            if collections_file.is_file():
                found.collections = _collections_list(collections_file)
            elif collection_file.is_file():
                found.collections = _collections_list(collection_file)
            found.title = folder.name
            return found
    if collection_file.is_file():
        return read_static_catalog(collection_file)
    if collections_file.is_file():  # one folder per collection (make_catalog.py's layout)
        return _read_collection_folders(folder, _collections_list(collections_file))
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and _suffixes(p)[0] in (*PARQUET_SUFFIXES, *NDJSON_SUFFIXES)
    )
    if not files:
        raise CatalogError(
            f"{folder} holds no catalog.json, collection.json or item files "
            "(.parquet, .ndjson, .json)."
        )
    merged = LocalItems([], [], folder.name)
    for file in files:
        part = _read_file(file)
        merged.items += part.items
        merged.problems += part.problems
    return merged


def _collections_list(path: Path) -> list[Json]:
    data = _read_json(path)
    if isinstance(data, dict) and isinstance(data.get("collections"), list):
        data = data["collections"]
    elif isinstance(data, dict) and data.get("type") == "Collection":
        data = [data]
    if not isinstance(data, list):
        raise CatalogError(f"{path} is not a list of collections.")
    return [c for c in data if isinstance(c, dict) and c.get("id")]


def _read_collection_folders(folder: Path, collections: list[Json]) -> LocalItems:
    merged = LocalItems([], collections, folder.name)
    for collection in collections:
        sub = folder / str(collection["id"])
        for name in ("items.parquet", "items.ndjson.gz", "items.ndjson"):
            if (sub / name).is_file():
                part = _read_file(sub / name)
                merged.items += part.items
                merged.problems += part.problems
                break
    return merged


def read_static_catalog(root: Path, data: Any = None) -> LocalItems:
    """Walk a static catalog from its ``catalog.json`` / ``collection.json``: children and items.

    Only links to local files are followed; the rest are counted in ``problems``. Items without
    a ``collection`` take the id of the collection that links to them.
    """
    found = LocalItems([], [], root.parent.name or root.name)
    seen: set[Path] = set()
    remote = unreadable = 0
    stack: list[tuple[Path, Any, str | None]] = [(root, data, None)]
    while stack:
        path, value, parent_collection = stack.pop()
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        if len(seen) > MAX_CATALOG_FILES:
            raise CatalogError(f"{root} links to more than {MAX_CATALOG_FILES:,} files; stopped.")
        if value is None:
            try:
                value = _read_json(path)
            except (OSError, CatalogError, orjson.JSONDecodeError):
                if path == root:
                    raise
                unreadable += 1
                continue
        if not isinstance(value, dict):
            unreadable += 1
            continue
        kind = value.get("type")
        if kind == "Feature":
            _add_item(found, prepared_item(value, path.parent, path), parent_collection)
            continue
        if kind == "FeatureCollection":
            for feature in list_field(value, "features"):
                if _is_item(feature):
                    _add_item(found, prepared_item(feature, path.parent), parent_collection)
            continue
        if kind == "Collection":
            found.collections.append(value)
            parent_collection = str(value.get("id") or parent_collection or "")
        if path == root and value.get("title"):
            found.title = str(value["title"])
        for link in reversed(list_field(value, "links")):
            if not isinstance(link, dict) or link.get("rel") not in ("child", "item", "items"):
                continue
            href = link.get("href")
            target = local_target(href, path.parent) if isinstance(href, str) else None
            if target is None:
                remote += 1
                continue
            if link.get("rel") == "items" and _suffixes(target)[0] not in JSON_SUFFIXES:
                try:
                    part = _read_file(target)
                except (OSError, CatalogError):
                    unreadable += 1
                    continue
                for item in part.items:
                    _add_item(found, item, parent_collection)
                continue
            stack.append((target, None, parent_collection))  # reversed above: popped in order
    if remote:
        found.problems.append(REMOTE_NOT_FOLLOWED(n=remote))
    if unreadable:
        found.problems.append(LINKED_UNREADABLE(n=unreadable))
    return found


def _add_item(found: LocalItems, item: Json, parent_collection: str | None) -> None:
    if not item.get("collection") and parent_collection:
        item["collection"] = parent_collection
    found.items.append(item)
