"""Search faults through the core (ApiCatalog → Pager → SearchSession) against rustac behind a
misbehaving proxy. Every case: a clear message, the pages loaded so far kept, and a retry that
finishes the search with exactly the results an undisturbed search gives (no duplicates).

Retry after a 500 and the looping next link are in tests/integration/test_core_search.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stacdesk.core.catalogs import api_catalog, api_transport
from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.search.session import SearchState, search_to_end
from tests.reliability.faults import QUERY, Outage, nth_after, nth_before, search_then_retry
from tests.reliability.ledger import record, results_lost
from tests.servers.hooks import break_body, fail
from tests.servers.proxy import ReverseProxy

ProxyFactory = Callable[..., ReverseProxy]


@pytest.fixture(scope="module")
def undisturbed(rustac_api: str) -> list[str]:
    """The ids the query gives with no fault: what every retried search must end with."""
    session = search_to_end(ApiCatalog.open(rustac_api), QUERY)
    assert session.state is SearchState.DONE and len(session.store) == 30
    return list(session.store.ids)


def assert_failed_then_recovered(
    request: pytest.FixtureRequest, outcome, undisturbed: list[str], needle: str
) -> None:
    """Checks one fault's outcome and records it in its row: one fault tried, survived when the
    message was clear and the retry ended with the undisturbed ids; lost = ids missing or twice."""
    assert outcome.first_state is SearchState.FAILED
    assert needle.lower() in (outcome.first_error or "").lower(), outcome.first_error
    assert "Traceback" not in (outcome.first_error or "")
    assert outcome.kept == undisturbed[:10]  # page one kept
    session = outcome.final
    assert session.state is SearchState.DONE, session.error
    assert list(session.store.ids) == undisturbed and session.store.duplicates == 0
    final = list(session.store.ids)
    clear = needle.lower() in (outcome.first_error or "").lower()
    recovered = clear and outcome.kept == undisturbed[:10] and final == undisturbed
    record(request, tried=1, survived=int(recovered), lost=results_lost(final, undisturbed))


@pytest.mark.parametrize("status", [502, 503, 504, 429])
def test_one_transient_status_is_retried_quietly(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    undisturbed: list[str],
    status: int,
) -> None:
    proxy = make_proxy(
        rustac_api, before=[nth_before(2, fail(status, headers={"retry-after": "0"}))]
    )
    outcome = search_then_retry(ApiCatalog.open(proxy.url), retries=0)
    assert outcome.first_state is SearchState.DONE and outcome.first_error is None
    assert outcome.kept == undisturbed
    assert len(proxy.requests.filter(path="/search")) == 4  # page two asked twice
    quiet = outcome.first_error is None and outcome.kept == undisturbed
    record(request, tried=1, survived=int(quiet), lost=results_lost(outcome.kept, undisturbed))


@pytest.mark.parametrize(
    ("status", "needle"),
    [
        (500, "HTTP 500: the server failed"),
        (502, "HTTP 502: the server's gateway failed"),
        (503, "HTTP 503: the server is unavailable"),
        (429, "HTTP 429: the server is rate-limiting"),
    ],
)
def test_a_status_that_persists_fails_clearly_then_retry_finishes(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    undisturbed: list[str],
    status: int,
    needle: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server goes down after page one, past the automatic retries, and comes back."""
    monkeypatch.setattr(api_catalog, "RETRY_BACKOFF_S", 0.01)  # the same retries, sooner
    outage = Outage(fail(status))
    proxy = make_proxy(rustac_api, before=[outage])
    outcome = search_then_retry(ApiCatalog.open(proxy.url), between=outage.end)
    assert_failed_then_recovered(request, outcome, undisturbed, needle)


def test_retry_after_is_waited_for(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    undisturbed: list[str],
) -> None:
    proxy = make_proxy(rustac_api, before=[nth_before(2, fail(429, headers={"retry-after": "1"}))])
    outcome = search_then_retry(ApiCatalog.open(proxy.url), retries=0)
    assert outcome.first_state is SearchState.DONE and outcome.kept == undisturbed
    refused, again = proxy.requests.filter(path="/search")[1:3]
    assert again.time - refused.time >= 0.9  # a lower bound: the server asked for 1 s
    waited = again.time - refused.time >= 0.9 and outcome.kept == undisturbed
    record(request, tried=1, survived=int(waited), lost=results_lost(outcome.kept, undisturbed))


@pytest.mark.parametrize(
    ("kind", "needle"),
    [
        ("reset", "connection broke off"),
        ("truncate", "connection broke off"),
    ],
)
def test_connection_lost_mid_page(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    undisturbed: list[str],
    kind: str,
    needle: str,
) -> None:
    proxy = make_proxy(rustac_api, after=[nth_after(2, break_body(kind))])
    outcome = search_then_retry(ApiCatalog.open(proxy.url))
    assert_failed_then_recovered(request, outcome, undisturbed, needle)


def test_truncated_json_page(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    undisturbed: list[str],
) -> None:
    """A complete HTTP answer whose JSON stops half-way (a proxy cut it, a disk filled up)."""
    from tests.servers.responses import Response

    def cut(_request, response):
        body = response.body[: len(response.body) // 2]
        return Response(response.status, dict(response.headers), body)

    proxy = make_proxy(rustac_api, after=[nth_after(2, cut)])
    outcome = search_then_retry(ApiCatalog.open(proxy.url))
    assert_failed_then_recovered(request, outcome, undisturbed, "not valid JSON")


def test_stalled_page_ends_at_the_idle_timeout(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    undisturbed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(api_catalog, "READ_TIMEOUT_S", 1.0)
    proxy = make_proxy(rustac_api, after=[nth_after(2, break_body("stall"))])
    outcome = search_then_retry(ApiCatalog.open(proxy.url))
    assert_failed_then_recovered(request, outcome, undisturbed, "did not answer in time")


def test_slow_loris_page_ends_at_the_answer_deadline(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: ProxyFactory,
    undisturbed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One byte every 0.2 s never trips a 1 s idle timeout: only the whole-answer deadline can."""
    monkeypatch.setattr(api_catalog, "READ_TIMEOUT_S", 1.0)
    monkeypatch.setattr(api_transport, "ANSWER_DEADLINE_S", 2.0)
    proxy = make_proxy(rustac_api, after=[nth_after(2, break_body("trickle", interval=0.2))])
    outcome = search_then_retry(ApiCatalog.open(proxy.url))
    assert_failed_then_recovered(request, outcome, undisturbed, "did not answer in time")
