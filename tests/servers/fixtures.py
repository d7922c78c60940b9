"""Pytest fixtures that run real STAC API servers on 127.0.0.1 for the integration tests.

Enable with ``pytest_plugins = ["tests.servers.fixtures"]`` in ``tests/conftest.py``.

Session scope, started on first use: ``asset_server`` (static files) -> ``generated_catalog``
(``generated_catalog.py`` with asset hrefs on that server) -> ``pgstac_server`` / ``pgstac_api`` and
``rustac_server`` / ``rustac_api``. Function scope: ``cesnet_api`` (a GET-only proxy in front of
pgstac with a fresh request log per test), ``make_proxy`` (any proxy, stopped after the test)
and ``moto_s3`` (moto's S3 API, emptied per test); session ``oidc_provider`` (a real OpenID
provider with 3 s access tokens), ``copies`` and ``other_catalogs`` (two rustac servers holding
copies of the generated catalog's products in other providers' conventions).
Tests that use pgstac get the ``pgstac`` marker automatically, so ``-m "not pgstac"`` skips them.
Start-up times are printed in the terminal summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.servers.assets import AssetServer
from tests.servers.catalog import GeneratedCatalog, generate_catalog
from tests.servers.oidc_provider import OidcProvider
from tests.servers.oidc_provider import missing_reason as oidc_missing
from tests.servers.overlapping_catalogs import Copies
from tests.servers.pg_cluster import missing_reason
from tests.servers.pgstac import PgstacServer, running_pgstac
from tests.servers.provider_shapes import write_catalog
from tests.servers.proxy import CesnetLikeProxy, ReverseProxy
from tests.servers.rustac import RustacServer, running_rustac

if TYPE_CHECKING:
    from tests.servers.s3 import MotoS3  # moto and boto3 take seconds to import: only on use

STARTUP_SECONDS: dict[str, float] = {}
PGSTAC_FIXTURES = frozenset({"pgstac_server", "pgstac_api", "cesnet_api"})


@pytest.fixture(scope="session")
def asset_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AssetServer]:
    """Static server for the catalog folder; started before generation so hrefs know its port.

    Its ``requests`` log is shared by the session: call ``asset_server.requests.clear()`` first.
    """
    root = tmp_path_factory.mktemp("catalog")
    with AssetServer(root) as server:
        yield server


@pytest.fixture(scope="session")
def generated_catalog(asset_server: AssetServer) -> GeneratedCatalog:
    """About 1,550 items: 1,500 S2/Landsat/S1 scenes + the ERA5 monthly series, seed 7."""
    t0 = time.perf_counter()
    catalog = generate_catalog(asset_server.root, base_url=asset_server.assets_url)
    STARTUP_SECONDS["generated_catalog"] = time.perf_counter() - t0
    return catalog


@pytest.fixture(scope="session")
def pgstac_server(generated_catalog: GeneratedCatalog) -> Iterator[PgstacServer]:
    """stac-fastapi-pgstac with the catalog loaded and ``context`` on (numberMatched returned)."""
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    with running_pgstac(generated_catalog, context=True) as server:
        STARTUP_SECONDS.update({f"pgstac.{k}": v for k, v in server.timings.items()})
        yield server


@pytest.fixture(scope="session")
def pgstac_api(pgstac_server: PgstacServer) -> str:
    """Base URL of the pgstac API (no trailing slash)."""
    return pgstac_server.url


@pytest.fixture(scope="session")
def rustac_server(generated_catalog: GeneratedCatalog) -> Iterator[RustacServer]:
    """``rustac serve`` with the catalog in memory (POST search only, see rustac.py)."""
    with running_rustac(generated_catalog) as server:
        STARTUP_SECONDS["rustac"] = server.timings["start"]
        yield server


@pytest.fixture(scope="session")
def rustac_api(rustac_server: RustacServer) -> str:
    """Base URL of the rustac API (no trailing slash)."""
    return rustac_server.url


@pytest.fixture
def cesnet_api(pgstac_api: str) -> Iterator[CesnetLikeProxy]:
    """A CESNET-like GET-only API in front of pgstac; ``.url``, ``.requests`` per test."""
    with CesnetLikeProxy(pgstac_api) as proxy:
        yield proxy


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoS3]:
    """moto's S3 API (one per session; ``moto_s3`` empties it for each test)."""
    from tests.servers.s3 import MotoS3

    started = time.perf_counter()
    with MotoS3() as s3:
        STARTUP_SECONDS["moto_s3"] = time.perf_counter() - started
        yield s3


@pytest.fixture
def moto_s3(moto_server: MotoS3) -> MotoS3:
    """moto's S3 with no buckets, no recorded requests and no faults."""
    moto_server.reset()
    return moto_server


# Short enough that a paging run or a download outlives its first access token.
OIDC_ACCESS_TTL_S = 3


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """oidc-provider under node (skips with the reason when node/npm are missing)."""
    reason = oidc_missing()
    if reason is not None:
        pytest.skip(reason)
    started = time.perf_counter()
    with OidcProvider(tmp_path_factory.mktemp("oidc"), OIDC_ACCESS_TTL_S) as provider:
        STARTUP_SECONDS["oidc_provider"] = time.perf_counter() - started
        yield provider


@pytest.fixture
def make_proxy() -> Iterator[Callable[..., ReverseProxy]]:
    """Factory ``make_proxy(upstream, cls=ReverseProxy, **kwargs)``; proxies stop after the test."""
    started: list[ReverseProxy] = []

    def factory(
        upstream: str, cls: type[ReverseProxy] = ReverseProxy, **kwargs: Any
    ) -> ReverseProxy:
        proxy = cls(upstream, **kwargs).start()
        started.append(proxy)
        return proxy

    try:
        yield factory
    finally:
        for proxy in started:
            proxy.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that need the PostgreSQL-backed server, so they can be deselected."""
    for item in items:
        if PGSTAC_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pgstac)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Report how long the server fixtures took to start."""
    if STARTUP_SECONDS:
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in STARTUP_SECONDS.items())
        terminalreporter.write_line(f"stacdesk test servers start-up: {parts}")


@pytest.fixture(scope="session")
def copies(generated_catalog: GeneratedCatalog) -> Copies:
    return Copies(generated_catalog)


@pytest.fixture(scope="session")
def other_catalogs(
    copies: Copies, generated_catalog: GeneratedCatalog, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RustacServer, RustacServer]]:
    second = write_catalog(tmp_path_factory.mktemp("second"), copies.second, generated_catalog)
    third = write_catalog(tmp_path_factory.mktemp("third"), copies.third, generated_catalog)
    with running_rustac(second) as a, running_rustac(third) as b:
        yield a, b
