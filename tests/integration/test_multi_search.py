"""One query against three real catalogs at once: a GET-only CESNET-like front on pgstac, and two
rustac servers holding the same products in the Data Space's and Earth Search's conventions (and
a properties-only one), merged into one row per product.

The expected rows come from how the copies were made (each copy knows its original), not from
the code under test; a decoy of another processing level must stay a row of its own.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.multi_session import MultiSearchSession
from stacdesk.core.search.session import SearchState
from tests.servers.overlapping_catalogs import COLLECTIONS, THIRDS_S2, WINDOW, Copies
from tests.servers.proxy import CesnetLikeProxy
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response
from tests.servers.rustac import RustacServer


def run_search(sources: list[tuple[str, str]], limit: int = 25) -> MultiSearchSession:
    async def search() -> MultiSearchSession:
        session = MultiSearchSession()
        searches = []
        for name, url in sources:
            collections = COLLECTIONS if name != "third" else (THIRDS_S2, *COLLECTIONS[1:])
            query = SearchQuery(collections=collections, datetime=WINDOW, limit=limit)
            searches.append((name, ApiCatalog.open(url), query))
        await session.start(searches)
        await session.load_all()
        return session

    return asyncio.run(search())


def rows_of(session: MultiSearchSession) -> set[frozenset[tuple[str, str]]]:
    return {frozenset((r.source, r.item_id) for r in p.sources) for p in session.merger.products}


def test_three_catalogs_merge_into_one_row_per_product(
    cesnet_api: CesnetLikeProxy, other_catalogs: tuple[RustacServer, RustacServer], copies: Copies
) -> None:
    second, third = other_catalogs
    session = run_search([("first", cesnet_api.url), ("second", second.url), ("third", third.url)])
    assert session.state is SearchState.DONE
    assert rows_of(session) == copies.expected_rows()
    assert len(session.store) == len(copies.expected_rows())
    assert [s.received for s in session.sources] == [
        len(copies.originals),
        len(copies.second),
        len(copies.third),
    ]
    assert {r.method for r in cesnet_api.requests if r.path.endswith("/search")} == {"GET"}
    for row in range(len(session.store)):  # every copy kept, the row's own item first
        refs = [ref for ref, _ in session.copies[row]]
        assert refs == session.merger.products[row].sources
    merged = next(r for r in range(len(session.store)) if len(session.copies[r]) == 3)
    assert session.store.item(merged)["id"] == session.copies[merged][0][0].item_id


def test_a_source_failing_mid_paging_leaves_the_others_complete(
    make_proxy, rustac_api: str, other_catalogs: tuple[RustacServer, RustacServer], copies: Copies
) -> None:
    second, _ = other_catalogs
    searches = []

    def first_page_only(request: RecordedRequest) -> Response | None:
        """The first search request passes; every later one fails for good."""
        if request.path.rstrip("/").endswith("/search"):
            searches.append(request)
            if len(searches) > 1:
                return Response.json_body({"code": 503, "description": "down"}, 503)
        return None

    broken = make_proxy(second.url, before=[first_page_only])
    session = run_search([("first", rustac_api), ("second", broken.url)], limit=10)
    first, failing = session.sources
    assert first.state is SearchState.DONE and first.received == len(copies.originals)
    assert failing.state is SearchState.FAILED and "503" in (failing.error or "")
    assert failing.received == 10 and session.state is SearchState.FAILED
    ids = {
        ref.item_id for p in session.merger.products for ref in p.sources if ref.source == "first"
    }
    assert ids == {o["id"] for o in copies.originals}


def test_the_command_line_writes_one_line_per_product_with_every_sources_hrefs(
    capsys: pytest.CaptureFixture[str],
    cesnet_api: CesnetLikeProxy,
    other_catalogs: tuple[RustacServer, RustacServer],
    copies: Copies,
) -> None:
    from stacdesk.app import main

    second, third = other_catalogs
    names = {"first": cesnet_api.url, "second": second.url, "third": third.url}
    args = ["search", *names.values(), "--collections", ",".join(COLLECTIONS), "--datetime", WINDOW]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 0, err
    items = [json.loads(line) for line in out.splitlines()]
    by_url = {url: name for name, url in names.items()}
    rows = {
        frozenset((by_url[s["source"]], s["id"]) for s in item["properties"]["stacdesk:sources"])
        for item in items
    }
    assert rows == copies.expected_rows() and len(items) == len(rows)
    assert f"{third.url}: sentinel-2-l2a is searched as {THIRDS_S2}" in err
    assert f"{len(rows)} products from 3 catalogs" in err
    three = next(i for i in items if len(i["properties"]["stacdesk:sources"]) == 3)
    data = [a for a in three["assets"].values() if "data" in a.get("roles", [])]
    sources = [s["source"] for s in three["properties"]["stacdesk:sources"]]
    assert data and all(a["alternate:name"] == sources[0] for a in data)
    assert all(set(a["alternate"]) == set(sources[1:]) for a in data)
    hosts = {a["href"].split("/")[2] for a in data} | {
        alt["href"].split("/")[2] for a in data for alt in a["alternate"].values()
    }
    assert len(hosts) == 3  # each source's own files


def test_the_command_line_goes_on_without_a_dead_catalog_and_says_so(
    capsys: pytest.CaptureFixture[str], rustac_api: str, copies: Copies
) -> None:
    from stacdesk.app import main
    from tests.servers._proc import free_port

    dead = f"http://127.0.0.1:{free_port()}"
    args = [
        "search",
        dead,
        rustac_api,
        "--collections",
        ",".join(COLLECTIONS),
        "--datetime",
        WINDOW,
    ]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 1
    assert len(out.splitlines()) == len(copies.originals)
    assert f"{dead}: cannot open" in err and "products from 1 catalog" in err


def test_the_workspace_searches_the_open_catalog_with_the_chosen_others_and_retries_one(
    tmp_path: Path,
    make_proxy,
    rustac_api: str,
    other_catalogs: tuple[RustacServer, RustacServer],
    copies: Copies,
) -> None:
    """The window's path: the open catalog plus two chosen ones (one of them down at first,
    one naming the Sentinel-2 collection its own way); retrying the failed one alone fills in
    its copies without a second row for any product."""
    from stacdesk.core.catalogs.connections import Connection, ConnectionBook
    from stacdesk.core.workspace.state import Workspace

    second, third = other_catalogs
    down = [True]

    def outage(request: RecordedRequest) -> Response | None:
        if down[0] and request.path.rstrip("/").endswith("/search"):
            return Response.json_body({"code": 503, "description": "down"}, 503)
        return None

    flaky = make_proxy(second.url, before=[outage])

    async def scenario() -> tuple[Workspace, set, set]:
        workspace = Workspace(ConnectionBook(tmp_path / "connections.json"))
        await workspace.open(Connection("first", rustac_api))
        workspace.others.choose([Connection("second", flaky.url), Connection("third", third.url)])
        query = SearchQuery(collections=COLLECTIONS, datetime=WINDOW, limit=25)
        await workspace.run_search(query)
        await workspace.several.load_all()
        before = rows_of(workspace.several)
        assert workspace.search is workspace.several
        assert workspace.search.state is SearchState.FAILED and "second: " in workspace.search.error
        down[0] = False
        while workspace.several.sources[1].state is not SearchState.DONE:
            await workspace.retry_source("second")
        return workspace, before, rows_of(workspace.several)

    workspace, before, after = asyncio.run(scenario())
    expected = copies.expected_rows()
    without_second = {frozenset(r for r in row if r[0] != "second") for row in expected}
    assert before == without_second - {frozenset()}
    assert after == expected and len(workspace.search.store) == len(expected)
    assert workspace.search.state is SearchState.DONE
    assert any(
        f"third: sentinel-2-l2a is searched as {THIRDS_S2}" in n for n in workspace.search.notes
    )


def test_two_local_catalogs_searched_together_may_each_serve_their_own_files(
    tmp_path: Path,
) -> None:
    """Thumbnails and local copies are allowed below every local catalog of the search, and
    only while it is searched (the open catalog alone again: its folder only)."""
    import shutil

    from stacdesk.core.catalogs.connections import ConnectionBook
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.resources import resource_path

    sample = resource_path("sample-catalog")
    copy = tmp_path / "copy"
    shutil.copytree(sample, copy)

    async def scenario() -> tuple[tuple[Path, ...], int, tuple[Path, ...]]:
        book = ConnectionBook(tmp_path / "connections.json", sample)
        workspace = Workspace(book)
        assert book.sample is not None
        await workspace.open(book.sample)
        workspace.others.choose([book.add_local(copy)])
        query = SearchQuery(collections=("sentinel-2-l2a",), limit=100)
        await workspace.run_search(query)
        await workspace.several.load_all()
        together, shared = workspace.local_folders(), len(workspace.several.shared_rows)
        workspace.others.choose([])
        await workspace.run_search(query)
        return together, shared, workspace.local_folders()

    together, shared, alone = asyncio.run(scenario())
    assert together == (sample.resolve(), copy.resolve())
    assert shared > 0  # the same products in both: one row each, naming both
    assert alone == (sample.resolve(),)
