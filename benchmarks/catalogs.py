"""Benchmark catalogs made by the tests' generator, kept between runs (large ones take a while)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.servers.catalog import GeneratedCatalog, generate_catalog

CACHE = Path(__file__).resolve().parent / "out" / "catalogs"
BASE_URL = "http://127.0.0.1:9/assets"  # hrefs are never fetched by these benchmarks


def sentinel2_catalog(count: int, seed: int = 7) -> GeneratedCatalog:
    """``count`` synthetic Sentinel-2 L2A items, generated once per count and seed."""
    folder = CACHE / f"synthetic-s2-{count}-{seed}"  # not the older catalogs of real templates
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        generate_catalog(
            folder, base_url=BASE_URL, count=count, seed=seed, families=("sentinel-2-l2a",)
        )
        done.touch()
    return GeneratedCatalog.load(folder, base_url=BASE_URL)
