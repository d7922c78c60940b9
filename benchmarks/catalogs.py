"""Benchmark catalogs made by the tests' generator, kept between runs (large ones take a while).

The cache is keyed on the generator's own source (the test generator and every module under
resources/tools, the sample generator's package included): editing either makes new catalogs
instead of timing stale ones.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

from tests.servers.catalog import GeneratedCatalog
from tests.servers.generated_catalog import SAMPLE_TOOLS, generate

CACHE = Path(__file__).resolve().parent / "out" / "catalogs"
BASE_URL = "http://127.0.0.1:9/assets"  # hrefs are never fetched by these benchmarks
COLLECTION = "sentinel-2-l2a"
REPO = Path(__file__).resolve().parents[1]
GENERATOR_SOURCES = (
    REPO / "tests" / "servers" / "generated_catalog.py",
    *sorted(SAMPLE_TOOLS.rglob("*.py")),  # the sample generator's command and its package
)


def generator_key() -> str:
    """A short digest of the generator's code (every module, named by its path in the repo)."""
    digest = hashlib.sha256()
    for source in GENERATOR_SOURCES:
        digest.update(source.relative_to(REPO).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def sentinel2_folder(count: int, seed: int = 7) -> Path:
    """``count`` synthetic Sentinel-2 L2A items on disk, generated once per count, seed and
    generator (not read back: a large catalog's items are many GiB as dicts)."""
    folder = CACHE / f"synthetic-s2-{count}-{seed}-{generator_key()}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        generate(folder, base_url=BASE_URL, count=count, seed=seed, families=(COLLECTION,))
        done.touch()
    return folder


def sentinel2_catalog(count: int, seed: int = 7) -> GeneratedCatalog:
    """``count`` synthetic Sentinel-2 L2A items, generated once per count, seed and generator."""
    return GeneratedCatalog.load(sentinel2_folder(count, seed), base_url=BASE_URL)


def _copied_lines(items_file: Path, count: int) -> Iterator[bytes]:
    """``count`` ndjson lines: the file's items, then copies with ``-1``, ``-2``… added to ids."""
    import orjson

    copy, produced = 0, 0
    while produced < count:
        before = produced
        with items_file.open("rb") as handle:
            for line in handle:
                if produced >= count:
                    return
                if copy:
                    item = orjson.loads(line)
                    item["id"] = f"{item['id']}-{copy}"
                    line = orjson.dumps(item) + b"\n"
                yield line
                produced += 1
        if produced == before:
            raise ValueError(f"{items_file} holds no items to copy")
        copy += 1


def copied_sentinel2(count: int, base_count: int = 100_000, seed: int = 7) -> Path:
    """A folder with ``collections.json`` and ``sentinel-2-l2a/items.ndjson`` of ``count`` items.

    Why copies: the generator holds every item in memory (a million would not fit), so the
    ``base_count`` catalog is repeated with new ids, written line by line; cached like the rest.
    """
    base = sentinel2_folder(base_count, seed)
    folder = CACHE / f"copied-s2-{count}-of-{base_count}-{seed}-{generator_key()}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        (folder / COLLECTION).mkdir(parents=True)
        shutil.copy(base / "collections.json", folder / "collections.json")
        with (folder / COLLECTION / "items.ndjson").open("wb") as out:
            out.writelines(_copied_lines(base / COLLECTION / "items.ndjson", count))
        done.touch()
    return folder


def ndjson_catalog(folder: Path) -> GeneratedCatalog:
    """The folder as a catalog the pgstac loader takes, without reading its items into memory."""
    collections = json.loads((folder / "collections.json").read_text(encoding="utf-8"))
    return GeneratedCatalog(root=folder, collections=collections, items=[], base_url=BASE_URL)


def geoparquet_of(folder: Path, count: int) -> Path:
    """The first ``count`` items of a ``copied_sentinel2`` folder as stac-geoparquet (cached),
    written chunk by chunk by stacdesk's own exporter (the generator would hold them all)."""
    import orjson

    from stacdesk.core.export.geoparquet import write_geoparquet

    path = folder / COLLECTION / f"items-{count}.parquet"
    if not path.exists():
        lines = _copied_lines(folder / COLLECTION / "items.ndjson", count)
        tmp = path.with_name(f".{path.name}.part")
        write_geoparquet((orjson.loads(line) for line in lines), tmp)
        tmp.replace(path)
    return path
