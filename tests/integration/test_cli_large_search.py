"""``stacdesk search`` asks before paging more than ``--ask-above`` results and, when nobody can
answer (tests have no terminal), refuses with exit status 1 and writes nothing; ``--all`` goes
ahead. Against the real pgstac server (numberMatched given) and rustac behind a proxy that strips
every count (the estimate from the first page)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stacdesk.cli.search import DEFAULT_ASK_ABOVE as CLI_DEFAULT
from stacdesk.core.search.match_count import DEFAULT_ASK_ABOVE
from tests.servers.hooks import rewrite_json
from tests.servers.proxy import ReverseProxy

COLLECTION = "sentinel-2-l2a"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from stacdesk.app import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _no_counts(data: Any) -> Any:
    if isinstance(data, dict):
        for key in ("numberMatched", "context", "numberReturned"):
            data.pop(key, None)
    return data


def test_the_cli_and_the_core_share_the_default() -> None:
    assert CLI_DEFAULT == DEFAULT_ASK_ABOVE


def test_a_search_above_the_threshold_is_refused_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], pgstac_api: str, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "search", pgstac_api, "--collections", COLLECTION)
    assert code == 0, err
    total = len(out.splitlines())
    assert total > 20

    target = tmp_path / "r.ndjson"
    args = ("search", pgstac_api, "--collections", COLLECTION, "--limit", "10")
    code, out, err = run(capsys, *args, "--ask-above", "20", "-o", str(target))
    assert code == 1
    assert f"matches {total:,} results (the server's count)" in err
    assert "--all" in err and "nothing written" in err
    assert list(tmp_path.iterdir()) == []  # not even a .partial

    code, out, err = run(capsys, *args, "--ask-above", "20")  # stdout: nothing either
    assert code == 1 and out == ""

    code, _, err = run(capsys, *args, "--ask-above", "20", "--all", "-o", str(target))
    assert code == 0, err
    assert len(target.read_text().splitlines()) == total


def test_max_items_under_the_threshold_needs_no_asking(
    capsys: pytest.CaptureFixture[str], rustac_api: str
) -> None:
    code, out, err = run(
        capsys, "search", rustac_api, "--collections", COLLECTION, "--limit", "10",
        "--max-items", "15", "--ask-above", "20",
    )  # fmt: skip
    assert code == 0, err
    assert len(out.splitlines()) == 15


def test_without_a_count_the_first_page_gives_an_estimate(
    capsys: pytest.CaptureFixture[str],
    rustac_api: str,
    make_proxy: Callable[..., ReverseProxy],
) -> None:
    proxy = make_proxy(rustac_api, after=[rewrite_json(_no_counts, path="/search")])
    args = ("search", proxy.url, "--collections", COLLECTION, "--limit", "10")
    code, out, err = run(capsys, *args, "--all")
    assert code == 0, err
    dates = sorted(json.loads(line)["properties"]["datetime"] for line in out.splitlines())
    interval = f"{dates[0]}/{dates[-1]}"
    assert "unknown matched" in err

    code, _, err = run(capsys, *args, "--datetime", interval, "--ask-above", "1")
    assert code == 1
    assert "the server gives no count: estimated from the first page" in err
    assert "matches about " in err


def test_several_catalogs_add_their_counts_before_asking(
    capsys: pytest.CaptureFixture[str],
    pgstac_api: str,
    make_proxy: Callable[..., ReverseProxy],
    tmp_path: Path,
) -> None:
    other = make_proxy(pgstac_api)
    target = tmp_path / "r.ndjson"
    args = ("search", pgstac_api, other.url, "--collections", COLLECTION, "--limit", "10")
    code, _, err = run(capsys, *args, "--ask-above", "20", "-o", str(target))
    assert code == 1
    assert "The search of 2 catalogs matches" in err and "the server's count" in err
    assert list(tmp_path.iterdir()) == []
    code, _, err = run(capsys, *args, "--ask-above", "20", "--all", "-o", str(target))
    assert code == 0, err
    assert target.read_text().count("\n") > 20
