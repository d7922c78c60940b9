""" "Copy as Python" and "Copy as curl" reproduce the exact search: the snippet, run on its own,
finds shapely's truth with the same method; curl sends the same first request as the window."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.reproduce import (
    cli_command,
    curl_command,
    local_python_snippet,
    python_snippet,
)
from tests.local_data import small_catalog
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.proxy import ReverseProxy

EUROPE = (-30.0, 20.0, 60.0, 75.0)
YEARS = "2016-01-01T00:00:00Z/2025-12-31T23:59:59Z"
QUERY = SearchQuery(
    collections=("sentinel-2-l2a", "landsat-c2-l2"), bbox=EUROPE, datetime=YEARS, limit=60
)


def run_snippet(code: str, tmp_path: Path) -> list[str]:
    script = tmp_path / "snippet.py"
    script.write_text(code)
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=180, check=False
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{len(lines) - 1} items"
    return lines[1:]


def truth(catalog: GeneratedCatalog, query: SearchQuery = QUERY) -> set[str]:
    return expected_ids(
        catalog.items, collections=query.collections, bbox=query.bbox, datetime=query.datetime
    )


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_python_snippet_reproduces_the_search_with_its_method(
    pgstac_api: str,
    make_proxy: Callable[..., ReverseProxy],
    generated_catalog: GeneratedCatalog,
    tmp_path: Path,
    method: str,
) -> None:
    proxy = make_proxy(pgstac_api)
    code = python_snippet(proxy.url, QUERY, method)
    compile(code, "snippet", "exec")
    assert f'method="{method}"' not in code and f"method='{method}'" in code
    ids = run_snippet(code, tmp_path)
    assert len(ids) == len(set(ids)) and set(ids) == truth(generated_catalog)
    assert proxy.requests.methods(path="/search") == {method}


def test_python_snippet_for_a_get_only_api_and_a_filter(
    cesnet_api, generated_catalog: GeneratedCatalog, tmp_path: Path
) -> None:
    query = QUERY.with_changes(filter="eo:cloud_cover < 30", sortby=("-datetime",))
    catalog = ApiCatalog.open(cesnet_api.url)
    ids = run_snippet(python_snippet(catalog.url, query, catalog.search_method), tmp_path)
    inside = truth(generated_catalog)
    expected = {
        i["id"]
        for i in generated_catalog.items
        if i["id"] in inside and i["properties"].get("eo:cloud_cover", 99) < 30
    }
    assert set(ids) == expected
    assert cesnet_api.requests.methods(path="/search") == {"GET"}


def test_python_snippet_against_rustac(
    rustac_api: str, generated_catalog: GeneratedCatalog, tmp_path: Path
) -> None:
    ids = run_snippet(python_snippet(rustac_api, QUERY, "POST"), tmp_path)
    assert set(ids) == truth(generated_catalog)


def test_snippet_redacts_header_values() -> None:
    code = python_snippet("http://127.0.0.1:9", QUERY, "GET", {"Authorization": "Bearer s3cret"})
    assert "s3cret" not in code and "'Authorization': '<value>'" in code
    curl = curl_command("http://127.0.0.1:9/search", QUERY, "GET", {"Authorization": "Bearer s"})
    assert "Bearer s" not in curl and "Authorization: <value>" in curl


def first_search_request(proxy: ReverseProxy):
    searches = proxy.requests.filter(path="/search")
    assert searches
    return searches[0]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_curl_sends_the_same_first_request_as_the_window(
    pgstac_api: str, make_proxy: Callable[..., ReverseProxy], method: str
) -> None:
    query = QUERY.with_changes(filter="eo:cloud_cover < 30", sortby=("-datetime",), limit=5)
    proxy = make_proxy(pgstac_api)
    catalog = ApiCatalog.open(proxy.url, method=method)
    proxy.requests.clear()
    page = catalog.search(query).next_page()
    assert page is not None
    ours = first_search_request(proxy)
    proxy.requests.clear()
    command = curl_command(catalog.search_href, query, method)
    proc = subprocess.run(
        shlex.split(command), capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    theirs = first_search_request(proxy)
    assert theirs.method == ours.method == method
    if method == "GET":
        assert theirs.params == ours.params
    else:
        assert theirs.json() == ours.json()
    answer = json.loads(proc.stdout)
    assert [f["id"] for f in answer["features"]] == [f["id"] for f in page.features]


def test_local_snippet_and_cli_command_reproduce_a_local_search(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    local = small_catalog(tmp_path_factory)
    query = SearchQuery(
        collections=("sentinel-1-grd",), bbox=(-30.0, 20.0, 60.0, 75.0), sortby=("-datetime",)
    )
    opened = LocalCatalog.open(local.root)
    expected = [opened.item(int(r))["id"] for r in opened.matching_rows(query)]
    code = local_python_snippet(str(local.root), query)
    script = tmp_path / "local.py"
    script.write_text(code + "print('\\n'.join(item['id'] for item in items))\n")
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1:] == expected
    command = shlex.split(cli_command(str(local.root), query))
    assert command[:2] == ["stacdesk", "search"]
    cli_proc = subprocess.run(
        [sys.executable, "-m", "stacdesk", *command[1:]],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert cli_proc.returncode == 0, cli_proc.stderr
    assert [json.loads(line)["id"] for line in cli_proc.stdout.splitlines()] == expected
