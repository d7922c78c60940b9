"""One query against three real catalogs at once: a GET-only CESNET-like front on pgstac, and two
rustac servers holding the same products in the Data Space's and Earth Search's conventions (and
a properties-only one), merged into one row per product.

The expected rows come from how the copies were made (each copy knows its original), not from
the code under test; a decoy of another processing level must stay a row of its own.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.multi_session import MultiSearchSession
from stacdesk.core.search.session import SearchState
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.provider_shapes import data_space, earth_search, properties_only, write_catalog
from tests.servers.proxy import CesnetLikeProxy
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response
from tests.servers.rustac import RustacServer, running_rustac

WINDOW = "2023-02-01T00:00:00Z/2023-02-28T23:59:59Z"
COLLECTIONS = ("sentinel-2-l2a", "sentinel-1-grd", "landsat-c2-l2")
THIRDS_S2 = "S2_MSI_L2A"


class Copies:
    """The two other catalogs' items, and for each copy the original it was made from."""

    def __init__(self, catalog: GeneratedCatalog) -> None:
        wanted = expected_ids(catalog.items, collections=COLLECTIONS, datetime=WINDOW)
        self.originals = sorted(
            (i for i in catalog.items if i["id"] in wanted), key=lambda i: i["id"]
        )
        self.second: list[dict] = []
        self.third: list[dict] = []
        self.origin: dict[tuple[str, str], str] = {}  # (source, copy id) → original id
        self.decoys: list[str] = []
        for n, item in enumerate(self.originals):
            if n % 2 == 0:
                self._add("second", self.second, data_space(item), item)
            if n % 3 == 0:
                shaped = earth_search(item) if n % 2 else properties_only(item, n)
                if shaped["collection"] == "sentinel-2-l2a":
                    shaped["collection"] = THIRDS_S2  # its own name for the collection
                self._add("third", self.third, shaped, item)
            if n % 5 == 0 and item["collection"] == "sentinel-2-l2a":
                decoy = data_space(item, level="L1C")
                decoy["collection"] = "sentinel-2-l2a"  # listed beside the L2A copies
                self.second.append(decoy)
                self.decoys.append(decoy["id"])

    def _add(self, source: str, into: list[dict], shaped: dict, original: dict) -> None:
        into.append(shaped)
        self.origin[(source, shaped["id"])] = original["id"]

    def expected_rows(self) -> set[frozenset[tuple[str, str]]]:
        rows = {o["id"]: {("first", o["id"])} for o in self.originals}
        for (source, copy_id), original in self.origin.items():
            rows[original].add((source, copy_id))
        decoys = {frozenset({("second", d)}) for d in self.decoys}
        return {frozenset(r) for r in rows.values()} | decoys


@pytest.fixture(scope="module")
def copies(generated_catalog: GeneratedCatalog) -> Copies:
    return Copies(generated_catalog)


@pytest.fixture(scope="module")
def other_catalogs(
    copies: Copies, generated_catalog: GeneratedCatalog, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RustacServer, RustacServer]]:
    second = write_catalog(tmp_path_factory.mktemp("second"), copies.second, generated_catalog)
    third = write_catalog(tmp_path_factory.mktemp("third"), copies.third, generated_catalog)
    with running_rustac(second) as a, running_rustac(third) as b:
        yield a, b


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
