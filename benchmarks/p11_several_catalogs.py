"""P11: one search of three catalogs, each holding the same 10,000 Sentinel-2 products in another
provider's convention (the generated catalog, the Data Space's names, Earth Search's
properties), paged and merged into one row per product in the list and on the map, with the
worst GUI-thread stall. Baseline: bare pystac-client paging the slowest of the three alone
(each is paged every round; the round's slowest is the baseline beside ours).

The main figure puts ``LATENCY_S`` on every answer, through proxies in a process of their own,
for ours and the baseline alike (as P1): real catalogs are remote, and on loopback the three
servers run on the client's own cores, so their tripled work would be charged to the client.
``P11-loopback`` is the same search without the proxies, beside it.
"""

from __future__ import annotations

import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from benchmarks.catalogs import sentinel2_catalog
from benchmarks.figures import Figure
from benchmarks.gui import StallProbe, gui
from benchmarks.latency_proxy import delayed
from benchmarks.p1_p2_paging import COLLECTION, LATENCY_S, bare_all_pages
from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.query.search_query import SearchQuery
from tests.servers.provider_shapes import data_space, earth_search, write_catalog
from tests.servers.rustac import running_rustac


def _ours(urls: list[str], limit: int) -> tuple[float, int, float, int]:
    g = gui()
    window = g.window
    workspace = window.workspace

    async def run() -> tuple[float, int, float, int]:
        await workspace.open(Connection("first", urls[0]))
        workspace.others.choose([Connection(f"source-{n}", u) for n, u in enumerate(urls[1:])])
        # opened beforehand, as the baseline's Client.open is: the search is what is timed
        await workspace.others.listings(("first", workspace.collections))
        several = workspace.several
        with StallProbe() as probe:
            start = time.perf_counter()
            await workspace.run_search(SearchQuery(collections=(COLLECTION,), limit=limit))
            await several.load_all()
            window.results_panel.list_view.viewport().repaint()
            window.map_panel.plot_widget.viewport().repaint()
            elapsed = time.perf_counter() - start
        rows = window.results_panel.model.rowCount()
        shared = len(several.shared_rows)
        workspace.others.choose([])
        return elapsed, rows, probe.worst_stall_ms, shared

    return g.loop.run_until_complete(run())


def _rounds(urls: list[str], repeats: int, limit: int) -> tuple[list, list[float]]:
    ours: list[tuple[float, int, float, int]] = []
    bare: list[float] = []
    for turn in range(repeats):
        pair = [
            lambda: bare.append(max(bare_all_pages(u, limit)[0] for u in urls)),
            lambda: ours.append(_ours(urls, limit)),
        ]
        for measure in pair if turn % 2 == 0 else pair[::-1]:
            measure()
    return ours, bare


def _figures(suffix: str, what: str, count: int, ours: list, bare: list[float]) -> list[Figure]:
    for _elapsed, rows, _stall, shared in ours:
        assert rows == count and shared == count, (rows, shared, count)  # one row per product
    return [
        Figure(
            f"P11{suffix}",
            f"3 catalogs × {count:,} results merged into list and map{what}",
            "s",
            [elapsed for elapsed, *_ in ours],
            bare,
            "bare pages_as_dicts() of the slowest catalog alone",
            target=1.2 if not suffix else None,
        ),
        Figure(
            f"P11{suffix}-stall",
            f"worst GUI stall while merging 3 × {count:,}{what}",
            "ms",
            [stall for _e, _r, stall, _s in ours],
            target=50,
            on="value",
        ),
    ]


def run(repeats: int, count: int = 10_000, limit: int = 500) -> list[Figure]:
    catalog = sentinel2_catalog(count)
    with tempfile.TemporaryDirectory(prefix="p11-") as tmp, ExitStack() as servers:
        second = write_catalog(Path(tmp, "b"), [data_space(i) for i in catalog.items], catalog)
        third = write_catalog(Path(tmp, "c"), [earth_search(i) for i in catalog.items], catalog)
        urls = [servers.enter_context(running_rustac(c)).url for c in (catalog, second, third)]
        with delayed(urls, LATENCY_S) as remote:
            slow = _rounds(remote, repeats, limit)
        loopback = _rounds(urls, repeats, limit)
    return [
        *_figures("", f", +{LATENCY_S * 1000:.0f} ms per answer", count, *slow),
        *_figures("-loopback", " on loopback", count, *loopback),
    ]
