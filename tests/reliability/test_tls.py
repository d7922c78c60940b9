"""TLS verification is on by default: a self-signed HTTPS server in front of rustac is refused
with a clear message, unless the user trusts that connection's certificate; the trust covers
that host only (a next link to another self-signed host is still refused), and downloads from a
self-signed host fail at once with the reason instead of being retried."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.catalogs.opening import open_catalog
from stacdesk.core.common.errors import CatalogError
from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.search.session import SearchSession, SearchState, search_to_end
from tests.core.downloads.conftest import (
    asset,
    download_settled,
    make_item,
)
from tests.reliability.faults import QUERY
from tests.reliability.ledger import record, results_lost
from tests.servers.hooks import rewrite_json
from tests.servers.proxy import ReverseProxy
from tests.servers.tls import SelfSigned, make_self_signed

ProxyFactory = Callable[..., ReverseProxy]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> SelfSigned:
    return make_self_signed(tmp_path_factory.mktemp("tls"))


def test_self_signed_server_is_refused_with_a_clear_message(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    certificate: SelfSigned,
) -> None:
    proxy = make_proxy(rustac_api, tls=certificate.server_context())
    assert proxy.url.startswith("https://")
    with pytest.raises(CatalogError) as info:
        ApiCatalog.open(proxy.url)
    message = str(info.value)
    assert "certificate" in message and "could not be verified" in message
    assert "self-signed certificate" in message
    assert "Trust this server's certificate" in message
    assert proxy.requests.snapshot() == []  # nothing was sent over the unverified connection
    clear = "could not be verified" in message and "Trust this server's certificate" in message
    sent = len(proxy.requests.snapshot())  # requests that went over the unverified connection
    record(request, tried=1, survived=int(clear and not sent), lost=sent)


def test_trusted_connection_searches_and_the_trust_stays_on_its_host(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    certificate: SelfSigned,
) -> None:
    expected = search_to_end(ApiCatalog.open(rustac_api), QUERY)
    home = make_proxy(rustac_api, tls=certificate.server_context())
    conn = Connection("lab", home.url, trust_certificate=True)
    assert Connection.from_dict(conn.to_dict()) == conn
    session = search_to_end(open_catalog(conn), QUERY)
    assert session.state is SearchState.DONE, session.error
    assert list(session.store.ids) == list(expected.store.ids)
    want = list(expected.store.ids)
    trusted = (session.state is SearchState.DONE, results_lost(session.store.ids, want))

    # a next link to another self-signed host: not covered by this connection's trust
    elsewhere = make_proxy(rustac_api, tls=certificate.server_context())

    def to_elsewhere(page):
        for link in page.get("links", []):
            if link.get("rel") == "next":
                link["href"] = link["href"].replace(home.url, elsewhere.url)
        return page

    home.after.append(rewrite_json(to_elsewhere, path="/search"))

    async def scenario() -> SearchSession:
        session = SearchSession()
        await session.start(open_catalog(conn), QUERY)
        await session.load_all()
        return session

    session = asyncio.run(scenario())
    assert session.state is SearchState.FAILED
    assert "could not be verified" in (session.error or "")
    assert list(session.store.ids) == list(expected.store.ids)[:10]
    assert elsewhere.requests.snapshot() == []
    refused = session.state is SearchState.FAILED and not elsewhere.requests.snapshot()
    lost = trusted[1] + results_lost(session.store.ids, want[:10])  # page one kept
    record(request, tried=2, survived=int(trusted[0]) + int(refused), lost=lost)


def test_download_from_a_self_signed_host_fails_at_once_with_the_reason(
    request: pytest.FixtureRequest, tmp_path: Path, certificate: SelfSigned
) -> None:
    from tests.servers.assets import AssetServer

    with AssetServer(tmp_path, tls=certificate.server_context()) as server:
        href = server.add_file("/a/data.bin", b"payload")
        item = make_item("item", {"data": asset(href)})

        (job,) = download_settled(tmp_path, [item])
    assert job.state is JobState.FAILED
    assert "certificate could not be verified" in job.error
    assert "self-signed" in job.error
    assert not Path(job.dest).exists() and not job.part_path.exists()
    left = [p for p in (Path(job.dest), job.part_path) if p.exists()]
    once = job.state is JobState.FAILED and job.attempts == 0
    record(request, tried=1, survived=int(once and not left), lost=len(left))
