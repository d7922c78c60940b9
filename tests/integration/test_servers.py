"""The server fixtures work: real pystac-client searches agree with the shapely ground truth.

Why: every later integration test trusts these servers and ``expected_ids``; if a server or the
truth drifted, those tests would fail for the wrong reason. Server quirks the app must live with
(antimeridian bboxes, rustac's GET) are pinned here too.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import httpx
import pystac_client
import pytest
from shapely.geometry import mapping

from tests.servers.assets import AssetServer
from tests.servers.catalog import GeneratedCatalog, bbox_geometry, expected_ids
from tests.servers.hooks import fail, require_header
from tests.servers.pgstac import PgstacServer
from tests.servers.proxy import CesnetLikeProxy, ReverseProxy

EUROPE = [-10.0, 35.0, 30.0, 60.0]  # half the generated scenes lie in Europe: several pages
QUERY: dict[str, Any] = {
    "collections": ["sentinel-2-l2a", "landsat-c2-l2", "sentinel-1-grd"],
    "bbox": EUROPE,
    "datetime": "2016-01-01T00:00:00Z/2023-12-31T23:59:59Z",
}
ANTIMERIDIAN_BBOX = [170.0, -80.0, -170.0, -60.0]
PGSTAC = pytest.mark.pgstac
SERVER_METHODS = [
    pytest.param("pgstac", "GET", marks=PGSTAC),
    pytest.param("pgstac", "POST", marks=PGSTAC),
    ("rustac", "POST"),  # rustac's GET /search answers 500 once a next link is due
]


def _client(url: str) -> pystac_client.Client:
    """A pystac-client Client; its warnings about optional conformance are noise here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pystac_client.Client.open(url)


def _pages(url: str, method: str, **params: Any) -> list[dict[str, Any]]:
    """Every page of a search, as dicts."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(_client(url).search(method=method, **params).pages_as_dicts())


def _ids(url: str, method: str, limit: int = 100, **params: Any) -> list[str]:
    """Every item id of a search, in order, duplicates kept."""
    return [
        f["id"] for page in _pages(url, method, limit=limit, **params) for f in page["features"]
    ]


# ---------------------------------------------------------------- ground truth (no server)


def test_expected_ids_splits_antimeridian_bbox(generated_catalog: GeneratedCatalog) -> None:
    """west > east means the two boxes either side of 180°, not the band between them."""
    s1 = generated_catalog.items_by_collection["sentinel-1-grd"]
    south, north = ANTIMERIDIAN_BBOX[1], ANTIMERIDIAN_BBOX[3]
    crossing = {
        i["id"]
        for i in s1
        if i["bbox"][0] > i["bbox"][2] and i["bbox"][1] <= north and i["bbox"][3] >= south
    }
    assert crossing, "the generator should emit an antimeridian-crossing Sentinel-1 item here"
    got = expected_ids(s1, bbox=ANTIMERIDIAN_BBOX)
    assert crossing <= got
    assert got == expected_ids(s1, intersects=mapping(bbox_geometry(ANTIMERIDIAN_BBOX)))
    # the band between (clear of the crossing footprints, which reach 168.5°) shares nothing
    assert got.isdisjoint(expected_ids(s1, bbox=[-165.0, -80.0, 165.0, -60.0]))


def test_expected_ids_datetime_semantics(generated_catalog: GeneratedCatalog) -> None:
    """Closed intervals, open ends, instants, and null-datetime items matched by start/end."""
    era5 = generated_catalog.items_by_collection["era5-pds"]
    assert all(i["properties"]["datetime"] is None for i in era5)
    # one month of an/fc items overlaps an instant inside it, and the month boundaries
    assert expected_ids(era5, datetime="2024-02-10T12:00:00Z") == {
        "era5-pds-2024-02-an",
        "era5-pds-2024-02-fc",
    }
    assert len(expected_ids(era5, datetime="2024-01-31T23:00:00Z/2024-02-01T00:00:00Z")) == 4
    everything = {i["id"] for i in generated_catalog.items}
    assert expected_ids(generated_catalog.items, datetime="../..") == everything
    assert expected_ids(generated_catalog.items, datetime="1900-01-01T00:00:00Z/") == everything
    assert not expected_ids(generated_catalog.items, datetime="/1900-01-01T00:00:00Z")


# ---------------------------------------------------------------- pgstac


@pytest.mark.parametrize("server", [pytest.param("pgstac", marks=PGSTAC), "rustac"])
def test_collections_listed(
    server: str, request: pytest.FixtureRequest, generated_catalog: GeneratedCatalog
) -> None:
    """Both servers list every generated collection."""
    url = request.getfixturevalue(f"{server}_api")
    ids = {c.id for c in _client(url).get_collections()}
    assert ids == set(generated_catalog.collection_ids)


@pytest.mark.parametrize(("server", "method"), SERVER_METHODS)
def test_search_matches_truth(
    server: str, method: str, request: pytest.FixtureRequest, generated_catalog: GeneratedCatalog
) -> None:
    """collections + bbox + datetime, paged with a small limit, equals the shapely truth."""
    url = request.getfixturevalue(f"{server}_api")
    expected = expected_ids(generated_catalog.items, **QUERY)
    assert len(expected) > 40, "the query should span several pages"
    got = _ids(url, method, limit=20, **QUERY)
    assert len(got) == len(set(got)), "an item came twice"
    assert set(got) == expected


@pytest.mark.parametrize(("server", "method"), SERVER_METHODS)
def test_paging_to_the_end(
    server: str, method: str, request: pytest.FixtureRequest, generated_catalog: GeneratedCatalog
) -> None:
    """Following next links to the end returns every item of the collections exactly once."""
    url = request.getfixturevalue(f"{server}_api")
    collections = ["sentinel-1-grd", "era5-pds"]
    got = _ids(url, method, limit=100, collections=collections)
    expected = {i["id"] for c in collections for i in generated_catalog.items_by_collection[c]}
    assert len(got) == len(expected) == len(set(got))
    assert set(got) == expected


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_pgstac_number_matched(
    method: str, pgstac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    """The fixture turns pgstac's context on, so the first page already has the total."""
    [page] = _pages(pgstac_api, method, limit=5, max_items=5, **QUERY)
    assert page["numberMatched"] == len(expected_ids(generated_catalog.items, **QUERY))
    assert page["numberReturned"] == 5


def test_pgstac_context_setting_can_be_turned_off(pgstac_server: PgstacServer) -> None:
    """``set_setting`` reaches the live server (and is restored for the other tests)."""
    try:
        pgstac_server.set_setting("context", "off")
        page = httpx.post(f"{pgstac_server.url}/search", json={"limit": 1}, trust_env=False).json()
        assert "numberMatched" not in page
    finally:
        pgstac_server.set_setting("context", "on")
    page = httpx.post(f"{pgstac_server.url}/search", json={"limit": 1}, trust_env=False).json()
    assert "numberMatched" in page


def test_antimeridian_bbox_quirks(
    pgstac_api: str, rustac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    """Servers do not split a west > east bbox: the app must send two boxes itself.

    pgstac reads it as the band between the two longitudes (the wrong half of the world);
    rustac refuses it with 400. An ``intersects`` MultiPolygon of the halves works on pgstac.
    """
    items = generated_catalog.items_by_collection["sentinel-1-grd"]
    truth = expected_ids(items, bbox=ANTIMERIDIAN_BBOX)
    swapped = [
        ANTIMERIDIAN_BBOX[2],
        ANTIMERIDIAN_BBOX[1],
        ANTIMERIDIAN_BBOX[0],
        ANTIMERIDIAN_BBOX[3],
    ]
    raw = set(_ids(pgstac_api, "POST", collections=["sentinel-1-grd"], bbox=ANTIMERIDIAN_BBOX))
    assert raw == expected_ids(items, bbox=swapped) != truth
    halves = mapping(bbox_geometry(ANTIMERIDIAN_BBOX))
    assert set(_ids(pgstac_api, "POST", collections=["sentinel-1-grd"], intersects=halves)) == truth
    answer = httpx.post(
        f"{rustac_api}/search", json={"bbox": ANTIMERIDIAN_BBOX, "limit": 1}, trust_env=False
    )
    assert answer.status_code == 400


# ---------------------------------------------------------------- CESNET-like proxy


def test_cesnet_refuses_post_search(cesnet_api: CesnetLikeProxy) -> None:
    """POST /search answers 401 with a JSON message, like the CESNET API without credentials."""
    answer = httpx.post(f"{cesnet_api.url}/search", json={"limit": 1}, trust_env=False)
    assert answer.status_code == 401
    assert "message" in answer.json()


def test_cesnet_landing_and_conformance(cesnet_api: CesnetLikeProxy, pgstac_api: str) -> None:
    """Only a GET search link is advertised; conformance is upstream's; links point at the proxy."""
    landing = httpx.get(f"{cesnet_api.url}/", trust_env=False).json()
    search_links = [link for link in landing["links"] if link["rel"] == "search"]
    assert [link.get("method") for link in search_links] == ["GET"]
    assert all(link["href"].startswith(cesnet_api.url) for link in landing["links"])
    mine = httpx.get(f"{cesnet_api.url}/conformance", trust_env=False).json()
    upstream = httpx.get(f"{pgstac_api}/conformance", trust_env=False).json()
    assert mine == upstream


def test_cesnet_get_search_pages(
    cesnet_api: CesnetLikeProxy, pgstac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    """GET search through the proxy: right items, numberMatched, GET only, no page twice."""
    expected = expected_ids(generated_catalog.items, **QUERY)
    cesnet_api.requests.clear()
    pages = list(_pages(cesnet_api.url, "GET", limit=20, **QUERY))
    got = [f["id"] for page in pages for f in page["features"]]
    assert set(got) == expected and len(got) == len(expected)
    assert pages[0]["numberMatched"] == len(expected)
    searches = cesnet_api.requests.filter(path="/search")
    assert len(searches) == len(pages) > 1
    assert cesnet_api.requests.methods() == {"GET"}
    assert not cesnet_api.requests.duplicates(path="/search")  # pystac-client reads / twice
    upstream_netloc = pgstac_api.removeprefix("http://")
    assert all(upstream_netloc not in str(page) for page in pages)


# ---------------------------------------------------------------- proxy hooks and assets


def test_proxy_hooks(make_proxy: Callable[..., ReverseProxy], rustac_api: str) -> None:
    """Faults and auth checks plug into any proxy; each request records its host and headers."""
    proxy = make_proxy(rustac_api)
    proxy.before.append(fail(503, path="/collections", times=1, headers={"retry-after": "1"}))
    proxy.before.append(require_header("authorization", "Bearer t0k3n", path="/search"))
    first = httpx.get(f"{proxy.url}/collections", trust_env=False)
    assert first.status_code == 503 and first.headers["retry-after"] == "1"
    assert httpx.get(f"{proxy.url}/collections", trust_env=False).status_code == 200
    body = {"limit": 1}
    assert httpx.post(f"{proxy.url}/search", json=body, trust_env=False).status_code == 401
    ok = httpx.post(
        f"{proxy.url}/search",
        json=body,
        headers={"Authorization": "Bearer t0k3n"},
        trust_env=False,
    )
    assert ok.status_code == 200 and len(ok.json()["features"]) == 1
    assert proxy.requests.header_values("authorization")[-1] == "Bearer t0k3n"
    assert {r.host for r in proxy.requests} == {proxy.netloc}
    assert not proxy.errors


def test_thumbnails_resolve(asset_server: AssetServer, generated_catalog: GeneratedCatalog) -> None:
    """Thumbnail hrefs point at the asset server and are served; other assets are 404."""
    item = next(i for i in generated_catalog.items if "thumbnail" in i.get("assets", {}))
    href = item["assets"]["thumbnail"]["href"]
    assert href.startswith(asset_server.assets_url + "/thumbnails/")
    asset_server.requests.clear()
    answer = httpx.get(href, headers={"X-Probe": "1"}, trust_env=False)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("image/")
    assert asset_server.requests[-1].headers["x-probe"] == "1"
    other = next(a["href"] for k, a in item["assets"].items() if k != "thumbnail")
    assert httpx.get(other, trust_env=False).status_code == 404
