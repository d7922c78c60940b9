"""Reserved never-resolving names are told apart from hosts worth a request."""

from __future__ import annotations

import pytest

from stacdesk.core.common.placeholder_hosts import placeholder_host, placeholder_problem


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://example.invalid/sample/x.tif", "example.invalid"),
        ("http://A.B.INVALID:8080/x", "a.b.invalid"),
        ("https://invalid/x", "invalid"),
        ("https://example.com/x.invalid", None),  # the path is not the host
        ("https://invalid.example.com/x", None),
        ("file:///data/x.tif", None),
        ("http://[::1/x", None),  # unparsable: not ours to judge
    ],
)
def test_placeholder_hosts(url: str, host: str | None) -> None:
    assert placeholder_host(url) == host
    problem = placeholder_problem(url)
    assert (problem is None) == (host is None)
    if host:
        said = "is a placeholder address that never exists (.invalid): no real file to fetch"
        assert problem == f"{host} {said}"
