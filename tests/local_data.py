"""A small generated catalog on disk (ndjson + stac-geoparquet per collection), made once per run.

Why: local-catalog readers, the CLI and the exports are checked against items whose truth is
known (``tests.servers.catalog.expected_ids``), without starting a server. Sentinel-1 items carry
datetime *and* start/end_datetime, NOAA sea-ice items only start/end (from 1978, long before the
other families): both datetime rules get exercised.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.servers.catalog import GeneratedCatalog, generate_catalog

FAMILIES = ("sentinel-2-l2a", "landsat-c2-l2", "sentinel-1-grd", "noaa-cdr-sea-ice-concentration")
BASE_URL = "http://127.0.0.1:9/assets"
_CACHE: dict[str, GeneratedCatalog] = {}


def small_catalog(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCatalog:
    """About 400 items in four collections, seed 11; generated on first use in the run."""
    if "small" not in _CACHE:
        out: Path = tmp_path_factory.mktemp("small-catalog")
        _CACHE["small"] = generate_catalog(
            out, base_url=BASE_URL, count=400, seed=11, families=FAMILIES, parquet=True
        )
    return _CACHE["small"]
