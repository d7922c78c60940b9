"""P1: search → first page in the list and on the map; P2: 10,000 results paged into the store,
list and map, with the worst GUI-thread stall. Baseline: bare pystac-client on the same server.

P1 goes through a proxy that adds ``LATENCY_S`` to every answer, for ours and the baseline alike
(a real API is not on loopback), and the two take turns going first."""

from __future__ import annotations

import time

from pystac_client import Client

from benchmarks.catalogs import sentinel2_catalog
from benchmarks.figures import Figure
from benchmarks.gui import StallProbe, gui
from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.query.search_query import SearchQuery
from tests.servers.hooks import delay
from tests.servers.proxy import ReverseProxy
from tests.servers.rustac import running_rustac

COLLECTION = "sentinel-2-l2a"
LATENCY_S = 0.1


def _bare_first_page(url: str, limit: int) -> float:
    client = Client.open(url)
    search = client.search(collections=[COLLECTION], limit=limit, method="POST")
    start = time.perf_counter()
    next(iter(search.pages_as_dicts()))
    return time.perf_counter() - start


def bare_all_pages(url: str, limit: int) -> tuple[float, int]:
    client = Client.open(url)
    search = client.search(collections=[COLLECTION], limit=limit, method="POST")
    start = time.perf_counter()
    count = sum(len(page["features"]) for page in search.pages_as_dicts())
    return time.perf_counter() - start, count


def _open(url: str) -> None:
    g = gui()
    g.loop.run_until_complete(g.window.workspace.open(Connection("bench", url)))


def _ours_first_page(limit: int) -> float:
    g = gui()
    window = g.window
    session = window.workspace.search

    async def run() -> float:
        start = time.perf_counter()
        task = window.workspace.run_search(SearchQuery(collections=(COLLECTION,), limit=limit))
        await task
        window.results_panel.list_view.viewport().repaint()
        window.map_panel.plot_widget.viewport().repaint()
        elapsed = time.perf_counter() - start
        assert len(session.store) == limit and window.map_panel.footprints.curve_count >= 1
        session.cancel()
        return elapsed

    return g.loop.run_until_complete(run())


def _ours_all_pages(limit: int) -> tuple[float, int, float]:
    g = gui()
    window = g.window
    session = window.workspace.search

    async def run() -> tuple[float, int, float]:
        with StallProbe() as probe:
            start = time.perf_counter()
            window.workspace.run_search(SearchQuery(collections=(COLLECTION,), limit=limit))
            await session.load_all()
            window.results_panel.list_view.viewport().repaint()
            window.map_panel.plot_widget.viewport().repaint()
            elapsed = time.perf_counter() - start
        return elapsed, window.results_panel.model.rowCount(), probe.worst_stall_ms

    return g.loop.run_until_complete(run())


def _first_page(url: str, repeats: int) -> Figure:
    ours: list[float] = []
    bare: list[float] = []
    with ReverseProxy(url, before=[delay(LATENCY_S)]) as slow:
        _open(slow.url)
        for turn in range(repeats):
            pair = [
                lambda: bare.append(_bare_first_page(slow.url, 100)),
                lambda: ours.append(_ours_first_page(100)),
            ]
            for measure in pair if turn % 2 == 0 else pair[::-1]:
                measure()
        _open(url)  # off the proxy before it stops (the window still asks the catalog things)
    return Figure(
        "P1",
        f"search → first page (100) in list and map, +{LATENCY_S * 1000:.0f} ms per answer",
        "s",
        ours,
        bare,
        "bare pystac-client first page",
        target=1.15,
    )


def run(
    repeats: int,
    count: int = 10_000,
    limit: int = 500,
    sizes: tuple[int, ...] = (),
    first_page_only: bool = False,
) -> list[Figure]:
    """P1, then P2 at ``count`` and each of ``sizes``; ``first_page_only`` runs P1 alone (a quick
    check of the first page: ``run(5, first_page_only=True)``)."""
    figures: list[Figure] = []
    for size in (count, *sizes):
        catalog = sentinel2_catalog(size)
        with running_rustac(catalog) as server:
            if size == count:
                figures.append(_first_page(server.url, repeats))
                if first_page_only:
                    return figures
            else:
                _open(server.url)
            ours2, base2, stalls = [], [], []
            for _ in range(repeats):
                base_time, base_count = bare_all_pages(server.url, limit)
                ours_time, rows, stall = _ours_all_pages(limit)
                assert rows == base_count == size, (rows, base_count, size)
                base2.append(base_time)
                ours2.append(ours_time)
                stalls.append(stall)
            suffix = "" if size == count else f" @ {size:,}"
            figures.append(
                Figure(
                    f"P2{suffix and '-' + str(size)}",
                    f"{size:,} results paged into store, list, map",
                    "s",
                    ours2,
                    base2,
                    "bare pages_as_dicts()",
                    target=1.2 if size == count else None,
                )
            )
            figures.append(
                Figure(
                    f"P2-stall{suffix and '-' + str(size)}",
                    f"worst GUI stall while paging {size:,}",
                    "ms",
                    stalls,
                    target=50,
                    on="value",
                )
            )
    return figures
