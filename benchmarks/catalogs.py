"""Benchmark catalogs made by the tests' generator, kept between runs (large ones take a while).

The cache is keyed on the generator's own source (the test generator and the sample generator
with its sibling modules): editing either makes new catalogs instead of timing stale ones.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.servers.catalog import GeneratedCatalog, generate_catalog
from tests.servers.generated_catalog import SAMPLE_SCRIPT

CACHE = Path(__file__).resolve().parent / "out" / "catalogs"
BASE_URL = "http://127.0.0.1:9/assets"  # hrefs are never fetched by these benchmarks
GENERATOR_SOURCES = (
    Path(__file__).resolve().parents[1] / "tests" / "servers" / "generated_catalog.py",
    *sorted(SAMPLE_SCRIPT.parent.glob("*.py")),
)


def generator_key() -> str:
    """A short digest of the generator's code."""
    digest = hashlib.sha256()
    for source in GENERATOR_SOURCES:
        digest.update(source.name.encode())
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
