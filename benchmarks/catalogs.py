"""Benchmark catalogs made by the tests' generator, kept between runs (large ones take a while).

The cache is keyed on the generator's own source (the test generator and every module under
resources/tools, the sample generator's package included): editing either makes new catalogs
instead of timing stale ones.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.servers.catalog import GeneratedCatalog, generate_catalog
from tests.servers.generated_catalog import SAMPLE_TOOLS

CACHE = Path(__file__).resolve().parent / "out" / "catalogs"
BASE_URL = "http://127.0.0.1:9/assets"  # hrefs are never fetched by these benchmarks
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


def sentinel2_catalog(count: int, seed: int = 7) -> GeneratedCatalog:
    """``count`` synthetic Sentinel-2 L2A items, generated once per count, seed and generator."""
    folder = CACHE / f"synthetic-s2-{count}-{seed}-{generator_key()}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        generate_catalog(
            folder, base_url=BASE_URL, count=count, seed=seed, families=("sentinel-2-l2a",)
        )
        done.touch()
    return GeneratedCatalog.load(folder, base_url=BASE_URL)
