"""What a page may hold or point at: a next link to another host (followed, without the
connection's credentials, nor headers typed for the catalog), items missing geometry, datetime
or id (kept or skipped with a note), and a 50 MB page (loaded whole)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest

from stacdesk.config import app_paths
from stacdesk.core.auth import AuthSettings
from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.opening import open_catalog
from stacdesk.core.export.writers import export_items
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchState, search_to_end
from tests.reliability.faults import QUERY, nth_after
from tests.reliability.ledger import record, results_lost
from tests.servers.hook_server import HookServer
from tests.servers.hooks import require_header, rewrite_json
from tests.servers.proxy import ReverseProxy
from tests.servers.responses import Response

ProxyFactory = Callable[..., ReverseProxy]
TOKEN = "bearer-Reliability-42"
API_KEY = "key-typed-on-the-command-line-77"
REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


def next_to(other: ReverseProxy, home: ReverseProxy):
    """Point every next link of ``home``'s answers at ``other`` (same paths, another host)."""

    def change(page):
        for link in page.get("links", []):
            if link.get("rel") == "next":
                link["href"] = link["href"].replace(home.url, other.url)
        return page

    return rewrite_json(change, path="/search")


def test_next_link_to_another_host_is_followed_without_credentials(
    request: pytest.FixtureRequest, rustac_api: str, make_proxy: ProxyFactory
) -> None:
    expected = search_to_end(ApiCatalog.open(rustac_api), QUERY)
    home = make_proxy(rustac_api, before=[require_header("authorization", f"Bearer {TOKEN}")])
    elsewhere = make_proxy(rustac_api)
    home.after.append(next_to(elsewhere, home))
    elsewhere.after.append(next_to(elsewhere, elsewhere))  # rewritten by the proxy: no-op
    conn = Connection("protected", home.url, auth=AuthSettings("bearer"))
    book = ConnectionBook(app_paths().connections_file)
    book.put(conn, {"token": TOKEN})
    session = search_to_end(open_catalog(conn, book.secrets), QUERY)
    assert session.state is SearchState.DONE, session.error
    assert list(session.store.ids) == list(expected.store.ids)
    assert len(elsewhere.requests.filter(path="/search")) == 2  # pages two and three
    assert elsewhere.requests.header_values("authorization") == [None, None]
    assert set(home.requests.header_values("authorization")) == {f"Bearer {TOKEN}"}
    leaked = any(elsewhere.requests.header_values("authorization"))
    got, want = list(session.store.ids), list(expected.store.ids)
    record(request, tried=1, survived=int(not leaked and got == want), lost=results_lost(got, want))


def test_headers_typed_for_a_catalog_stay_on_its_host(
    request: pytest.FixtureRequest, rustac_api: str, make_proxy: ProxyFactory, tmp_path
) -> None:
    """``stacdesk search URL --header``: the header is for that API, not for a next-link host."""
    home = make_proxy(rustac_api, before=[require_header("x-api-key", API_KEY)])
    elsewhere = make_proxy(rustac_api)
    home.after.append(next_to(elsewhere, home))
    out = subprocess.run(
        [sys.executable, "-m", "stacdesk", "search", home.url, "--collections",
         "sentinel-2-l2a", "--bbox", "-30,20,60,75", "--limit", "10", "--max-items", "30",
         "--header", f"X-Api-Key: {API_KEY}"],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 30
    assert elsewhere.requests.filter(path="/search")
    assert set(elsewhere.requests.header_values("x-api-key")) == {None}
    assert set(home.requests.header_values("x-api-key")) == {API_KEY}
    assert API_KEY not in out.stderr
    expected = search_to_end(ApiCatalog.open(rustac_api), QUERY)
    got = [json.loads(line)["id"] for line in out.stdout.splitlines()]
    kept_home = not any(elsewhere.requests.header_values("x-api-key"))
    lost = results_lost(got, expected.store.ids)
    record(request, tried=1, survived=int(kept_home and lost == 0), lost=lost)


def test_a_page_whose_links_are_not_a_list_ends_the_search_cleanly(
    request: pytest.FixtureRequest, rustac_api: str, make_proxy: ProxyFactory
) -> None:
    def no_links(page):
        page["links"] = None
        return page

    expected = search_to_end(ApiCatalog.open(rustac_api), QUERY)
    proxy = make_proxy(rustac_api, after=[rewrite_json(no_links, path="/search")])
    session = search_to_end(ApiCatalog.open(proxy.url), QUERY)
    assert session.state is SearchState.DONE, session.error
    assert list(session.store.ids) == list(expected.store.ids)[:10]  # page one; no next link
    page_one = list(expected.store.ids)[:10]
    done = session.state is SearchState.DONE
    record(request, tried=1, survived=int(done), lost=results_lost(session.store.ids, page_one))


def test_items_missing_geometry_datetime_or_id(
    request: pytest.FixtureRequest, rustac_api: str, make_proxy: ProxyFactory
) -> None:
    def damage(page):
        features = page["features"]
        features[0]["geometry"] = None
        features[1].pop("geometry")
        features[2]["properties"].pop("datetime")
        features[3]["properties"]["datetime"] = "yesterday-ish"
        features[4].pop("id")
        features[5]["id"] = None
        features.append("not an item")
        return page

    expected = search_to_end(ApiCatalog.open(rustac_api), QUERY)
    proxy = make_proxy(rustac_api, after=[nth_after(2, rewrite_json(damage, path="/search"))])
    session = search_to_end(ApiCatalog.open(proxy.url), QUERY)
    assert session.state is SearchState.DONE, session.error
    ids = list(expected.store.ids)
    assert list(session.store.ids) == ids[:14] + ids[16:]  # the two id-less items skipped
    notes = " ".join(session.notes)
    assert "without an id were skipped" in notes
    assert "no usable geometry" in notes
    assert "no date" in notes
    assert "not JSON objects" in notes
    store = session.store
    for row, item_id in enumerate(store.ids):  # every kept item still opens
        assert store.item(row)["id"] == item_id
    two = ids[10:16]  # page two's first six features, damaged as ``damage`` says, and one more
    kept = [
        i in store.ids and n in notes
        for i, n in zip(two[:4], ["geometry"] * 2 + ["date"] * 2, strict=True)
    ]
    skipped = [i not in store.ids and "without an id" in notes for i in two[4:]]
    refused = ["not JSON objects" in notes]  # the feature that is not an object
    tried, survived = len(kept + skipped + refused), sum(kept + skipped + refused)
    lost = results_lost(store.ids, ids[:14] + ids[16:])
    record(request, tried=tried, survived=survived, lost=lost)


def test_results_without_a_usable_geometry_still_export(
    request: pytest.FixtureRequest, tmp_path
) -> None:
    """Kept results with ``"geometry": {}``, null or a made-up type: stac-geoparquet leaves
    those out with a note instead of failing the whole file (the other formats keep them)."""
    good = {"type": "Feature", "stac_version": "1.0.0", "id": "good", "links": [], "assets": {},
            "geometry": {"type": "Point", "coordinates": [14.0, 50.0]}, "bbox": [14, 50, 14, 50],
            "properties": {"datetime": "2024-05-01T00:00:00Z"}}  # fmt: skip
    square = [[[0, 0], [1, 0], [1, 1], [0, 0]]]
    broken = [{}, None, {"type": "Bogus"}, {"type": "Polygon", "coordinates": 5},
              {"type": "MultiPolygon", "coordinates": [square, [[]]]}]  # fmt: skip
    # (the last one made rustac's writer panic: found by test_fuzz_parsing.py)
    items = [good, *({**good, "id": f"bad-{n}", "geometry": g} for n, g in enumerate(broken))]
    result = export_items(items, tmp_path / "out.parquet")
    assert result.items == 1
    assert any("5 items without a geometry" in note for note in result.notes)
    assert export_items(items, tmp_path / "out.ndjson").items == 6
    written = [
        json.loads(line)["id"] for line in (tmp_path / "out.ndjson").read_text().splitlines()
    ]
    noted = any(f"{len(broken)} items without a geometry" in note for note in result.notes)
    survived = len(broken) if noted and (tmp_path / "out.parquet").exists() else 0
    lost = results_lost(written, [item["id"] for item in items])  # the other formats keep all
    record(request, tried=len(broken), survived=survived, lost=lost)


class BigPage(HookServer):
    """A STAC API whose only search page is about 50 MB (5,000 items with 400-vertex outlines)."""

    def __init__(self, items: int = 5000, vertices: int = 400) -> None:
        super().__init__()
        self.page = self._page(items, vertices)

    @staticmethod
    def _page(items: int, vertices: int) -> bytes:
        import math

        features = []
        for n in range(items):
            lon, lat = -20 + (n % 80), -40 + (n // 80) % 80
            ring = [
                [round(lon + 0.4 * math.cos(a / vertices * 6.283), 7),
                 round(lat + 0.4 * math.sin(a / vertices * 6.283), 7)]
                for a in range(vertices)
            ]  # fmt: skip
            ring.append(ring[0])
            features.append(
                {
                    "type": "Feature",
                    "stac_version": "1.0.0",
                    "id": f"big-{n:05d}",
                    "collection": "big",
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                    "bbox": [lon - 0.4, lat - 0.4, lon + 0.4, lat + 0.4],
                    "properties": {"datetime": "2024-05-01T10:00:00Z", "eo:cloud_cover": n % 100},
                    "links": [],
                    "assets": {"data": {"href": f"https://example.invalid/{n}.tif"}},
                }
            )
        return json.dumps({"type": "FeatureCollection", "features": features}).encode()

    def serve(self, request):
        if request.path == "/":
            landing = {
                "type": "Catalog", "id": "big", "description": "one big page",
                "stac_version": "1.0.0",
                "conformsTo": ["https://api.stacspec.org/v1.0.0/core",
                               "https://api.stacspec.org/v1.0.0/item-search"],
                "links": [{"rel": "search", "href": f"{self.url}/search", "method": "GET"}],
            }  # fmt: skip
            return Response.json_body(landing)
        if request.path == "/search":
            return Response(200, {"content-type": "application/geo+json"}, self.page)
        return super().serve(request)


@pytest.mark.slow
def test_a_50_mb_page_is_loaded_whole(request: pytest.FixtureRequest) -> None:
    with BigPage() as server:
        assert len(server.page) > 50_000_000
        session = search_to_end(ApiCatalog.open(server.url), SearchQuery(limit=5000))
    assert session.state is SearchState.DONE, session.error
    assert len(session.store) == 5000 and session.store.duplicates == 0
    assert session.store.ids[-1] == "big-04999"
    x, _ = session.store.footprint(4999)
    assert len(x) >= 4  # its outline is on the map
    every = [f"big-{n:05d}" for n in range(5000)]
    whole = session.state is SearchState.DONE and list(session.store.ids) == every
    record(request, tried=1, survived=int(whole), lost=results_lost(session.store.ids, every))
