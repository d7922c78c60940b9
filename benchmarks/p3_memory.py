"""P3: RSS growth while holding N results, against their raw JSON bytes (pystac Items beside).

Each mode runs in a fresh process so one measurement can't inherit another's heap. Items stream
from the generated catalog (copies get new ids past its size), so only what is *held* grows RSS.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks.catalogs import sentinel2_catalog
from benchmarks.figures import Figure

BATCH = 500
PYSTAC_UP_TO = 100_000  # sizes beyond: the store alone, one run


def _features(items_file: Path, count: int) -> Iterator[dict]:
    import orjson

    copy = 0
    produced = 0
    while produced < count:
        with items_file.open("rb") as handle:
            for line in handle:
                item = orjson.loads(line)
                if copy:
                    item["id"] = f"{item['id']}-{copy}"
                yield item
                produced += 1
                if produced >= count:
                    return
        copy += 1


def _measure(mode: str, items_file: Path, count: int) -> dict[str, float]:
    import orjson
    import psutil

    process = psutil.Process()
    held: list = []
    if mode == "store":
        from stacdesk.core.results.store import ResultBatch, ResultStore

        store = ResultStore()
        ResultBatch.from_features([])  # warm imports before the first reading
    else:
        import pystac

        pystac.Item  # noqa: B018
    gc.collect()
    before = process.memory_info().rss
    raw = 0
    batch: list[dict] = []
    for feature in _features(items_file, count):
        raw += len(orjson.dumps(feature))
        if mode == "store":
            batch.append(feature)
            if len(batch) == BATCH:
                store.append(ResultBatch.from_features(batch))
                batch = []
        else:
            held.append(pystac.Item.from_dict(feature, preserve_dict=False))
    if mode == "store" and batch:
        store.append(ResultBatch.from_features(batch))
    batch = []
    gc.collect()
    after = process.memory_info().rss
    return {"growth": after - before, "raw": raw}


def _run_mode(mode: str, items_file: Path, count: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.p3_memory", mode, str(items_file), str(count)],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(
    repeats: int, count: int = 100_000, sizes: tuple[int, ...] = (), source_count: int = 10_000
) -> list[Figure]:
    catalog = sentinel2_catalog(source_count)
    items_file = catalog.items_path("sentinel-2-l2a")
    figures = []
    for size in (count, *sizes):
        store_growth, raw = [], []
        for _ in range(repeats if size <= PYSTAC_UP_TO else 1):  # a million: minutes a run
            result = _run_mode("store", items_file, size)
            store_growth.append(result["growth"] / 2**20)
            raw.append(result["raw"] / 2**20)
        if size <= PYSTAC_UP_TO:
            pystac = _run_mode("pystac", items_file, size)["growth"] / 2**20
            notes = f"pystac Items: {pystac:.0f} MiB ({pystac / raw[0]:.2f}× raw JSON)"
        else:
            notes = f"one run; pystac Items not held (above {PYSTAC_UP_TO:,} they take many GiB)"
        suffix = "" if size == count else f"-{size}"
        figures.append(
            Figure(
                f"P3{suffix}",
                f"RSS growth holding {size:,} results",
                "MiB",
                store_growth,
                raw,
                "their raw JSON bytes",
                target=1.0 if size in (count, 1_000_000) else None,
                notes=notes,
            )
        )
    return figures


if __name__ == "__main__":
    mode, path, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(_measure(mode, path, n)))
