"""P3: RSS growth while holding N results, against their raw JSON bytes (pystac Items beside).

Each mode runs in a fresh process so one measurement can't inherit another's heap. Items stream
from the generated catalog (copies get new ids past its size), so only what is *held* grows RSS.
``P3-window-<n>``: the same pages appended to the store of the real window (offscreen), with the
list, the map and the plots taking each page as a search's pages reach them, and what they keep
once paging has settled (indexes, histogram bins, the coverage image's cells) counted too.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.catalogs import sentinel2_catalog
from benchmarks.figures import Figure

BATCH = 500
PYSTAC_UP_TO = 100_000  # sizes beyond: the store alone, one run
SETTLE_S = 3.0  # after the last page: the plots', map's and list's timers have all fired


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
    app = None
    if mode in ("store", "window"):
        from stacdesk.core.results.store import ResultBatch, ResultStore

        if mode == "window":
            from benchmarks.gui import gui

            app, window = gui().app, gui().window
            store = window.workspace.search.store  # type: ignore[attr-defined]
        else:
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
        if mode == "pystac":
            held.append(pystac.Item.from_dict(feature, preserve_dict=False))
            continue
        batch.append(feature)
        if len(batch) == BATCH:
            store.append(ResultBatch.from_features(batch))
            batch = []
            if app is not None:
                app.processEvents()  # type: ignore[attr-defined]
    if mode != "pystac" and batch:
        store.append(ResultBatch.from_features(batch))
    batch = []
    if app is not None:
        end = time.monotonic() + SETTLE_S
        while time.monotonic() < end:
            app.processEvents()  # type: ignore[attr-defined]
            time.sleep(0.01)
    gc.collect()
    after = process.memory_info().rss
    if app is not None:
        from benchmarks.gui import close_gui

        close_gui()  # while Python is fully alive: no crash at exit
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
    repeats: int,
    count: int = 100_000,
    sizes: tuple[int, ...] = (),
    source_count: int = 10_000,
    window: tuple[int, ...] = (),
) -> list[Figure]:
    catalog = sentinel2_catalog(source_count)
    items_file = catalog.items_path("sentinel-2-l2a")
    figures = []
    for size in window:  # one run each: a million takes minutes
        result = _run_mode("window", items_file, size)
        figures.append(
            Figure(
                f"P3-window-{size}",
                f"RSS growth holding {size:,} results in the window (list, map, plots live)",
                "MiB",
                [result["growth"] / 2**20],
                [result["raw"] / 2**20],
                "their raw JSON bytes",
                target=1.0 if size == 1_000_000 else None,
                notes="one run",
            )
        )
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
