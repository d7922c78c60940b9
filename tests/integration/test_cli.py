"""``stacdesk search`` / ``collections`` against the real test servers and local files.

Results equal the ids shapely computes from the source items; the method rule (auto / forced),
headers, output formats, saved connection names; bad input gives one line on stderr and exit
status 2 (usage) or 1 (runtime), never a traceback; and no Qt module is ever imported.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from stacdesk import cli
from stacdesk.config import app_paths
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from tests.local_data import small_catalog
from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.hooks import require_header
from tests.servers.proxy import ReverseProxy

EUROPE = "-30,20,60,75"
EUROPE_BOX = (-30.0, 20.0, 60.0, 75.0)
YEARS = "2016-01-01T00:00:00Z/2025-12-31T23:59:59Z"
COLLECTIONS = ("sentinel-2-l2a", "landsat-c2-l2")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process (as ``stacdesk.app:main`` does for a command)."""
    from stacdesk.app import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ndjson_ids(text: str) -> list[str]:
    return [json.loads(line)["id"] for line in text.splitlines() if line.strip()]


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCatalog:
    return small_catalog(tmp_path_factory)


# ----------------------------------------------------------------------------- API servers


def test_pgstac_search_equals_truth_with_counts_on_stderr(
    capsys, pgstac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    code, out, err = run(
        capsys,
        "search", pgstac_api,
        "--collections", ",".join(COLLECTIONS),
        "--bbox", EUROPE,
        "--datetime", YEARS,
        "--limit", "40",
    )  # fmt: skip
    truth = expected_ids(generated_catalog.items, collections=COLLECTIONS, bbox=EUROPE_BOX,
                         datetime=YEARS)  # fmt: skip
    assert code == 0
    got = ndjson_ids(out)
    assert len(got) == len(set(got)) and set(got) == truth
    assert one_line(err) == (
        f"stacdesk: {len(truth):,} matched, {len(truth):,} returned (POST {pgstac_api})"
    )


def test_pgstac_filter_sort_ids_and_max_items(
    capsys, pgstac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    code, out, err = run(
        capsys,
        "search", pgstac_api,
        "--collections", "sentinel-2-l2a",
        "--filter", "eo:cloud_cover < 20",
        "--sortby", "-datetime",
        "--max-items", "15",
        "--limit", "4",
    )  # fmt: skip
    assert code == 0, err
    filtered = [
        i
        for i in generated_catalog.items_by_collection["sentinel-2-l2a"]
        if i["properties"].get("eo:cloud_cover", 100) < 20
    ]
    newest = sorted(filtered, key=lambda i: i["properties"]["datetime"], reverse=True)[:15]
    assert ndjson_ids(out) == [i["id"] for i in newest]
    assert f"{len(filtered):,} matched, 15 returned" in err
    picked = [i["id"] for i in newest[:3]]
    code, out, _ = run(capsys, "search", pgstac_api, "--ids", ",".join(picked))
    assert code == 0 and sorted(ndjson_ids(out)) == sorted(picked)


def test_method_get_is_forced_and_post_is_the_advertised_default(
    capsys,
    pgstac_api: str,
    make_proxy: Callable[..., ReverseProxy],
    generated_catalog: GeneratedCatalog,
) -> None:
    proxy = make_proxy(pgstac_api)
    truth = expected_ids(generated_catalog.items, collections="landsat-c2-l2", bbox=EUROPE_BOX)
    for method in ("GET", "auto"):
        proxy.requests.clear()
        code, out, err = run(
            capsys, "search", proxy.url, "--collections", "landsat-c2-l2", "--bbox", EUROPE,
            "--limit", "25", "--method", method,
        )  # fmt: skip
        assert code == 0, err
        assert set(ndjson_ids(out)) == truth
        used = proxy.requests.methods(path="/search")
        assert used == ({"GET"} if method == "GET" else {"POST"})
        assert proxy.requests.duplicates(path="/search") == []


def test_cesnet_like_api_auto_uses_get_and_forced_post_fails_clearly(
    capsys, cesnet_api, generated_catalog: GeneratedCatalog
) -> None:
    code, out, err = run(
        capsys, "search", cesnet_api.url, "--collections", ",".join(COLLECTIONS),
        "--bbox", EUROPE, "--datetime", YEARS, "--limit", "50",
    )  # fmt: skip
    assert code == 0
    truth = expected_ids(generated_catalog.items, collections=COLLECTIONS, bbox=EUROPE_BOX,
                         datetime=YEARS)  # fmt: skip
    assert set(ndjson_ids(out)) == truth
    assert "(GET " in err
    assert cesnet_api.requests.methods(path="/search") == {"GET"}
    code, out, err = run(capsys, "search", cesnet_api.url, "--method", "POST")
    assert code == 1 and out == ""
    assert one_line(err).startswith("stacdesk: error: HTTP 401")


def test_rustac_post_only_server(
    capsys, rustac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    code, out, err = run(
        capsys, "search", rustac_api, "--collections", "sentinel-1-grd", "--bbox", EUROPE,
        "--datetime", YEARS,
    )  # fmt: skip
    assert code == 0
    truth = expected_ids(generated_catalog.items, collections="sentinel-1-grd", bbox=EUROPE_BOX,
                         datetime=YEARS)  # fmt: skip
    assert set(ndjson_ids(out)) == truth
    assert f"unknown matched, {len(truth):,} returned (POST" in err


def test_headers_are_sent(capsys, pgstac_api: str, make_proxy: Callable[..., ReverseProxy]) -> None:
    proxy = make_proxy(pgstac_api, before=[require_header("authorization", "Bearer secret")])
    code, _, err = run(capsys, "search", proxy.url, "--max-items", "3")
    assert code == 1 and "HTTP 401" in one_line(err)
    code, out, err = run(
        capsys, "search", proxy.url, "--max-items", "3", "--header", "Authorization: Bearer secret"
    )
    assert code == 0 and len(ndjson_ids(out)) == 3


def test_collections_and_saved_connection_names(
    capsys, pgstac_api: str, generated_catalog: GeneratedCatalog
) -> None:
    book = ConnectionBook(app_paths().connections_file)
    book.custom.append(Connection("My pgstac", pgstac_api))
    book.save()
    code, out, err = run(capsys, "collections", "My pgstac")
    assert code == 0
    assert (
        one_line(err)
        == f"stacdesk: {len(generated_catalog.collections)} collections ({pgstac_api})"
    )
    rows = [line.split("\t") for line in out.splitlines()]
    assert {r[0] for r in rows} == set(generated_catalog.collection_ids)
    titles = {c["id"]: c["title"] for c in generated_catalog.collections}
    assert all(titles[i] == t for i, t in rows)
    code, out, _ = run(capsys, "search", "My pgstac", "--ids", rows[0][0] + "-nope")
    assert code == 0 and out == ""


def test_output_files_round_trip(
    capsys, pgstac_api: str, generated_catalog: GeneratedCatalog, tmp_path: Path
) -> None:
    truth = expected_ids(generated_catalog.items, collections="sentinel-2-l2a", bbox=EUROPE_BOX)
    base = ["search", pgstac_api, "--collections", "sentinel-2-l2a", "--bbox", EUROPE]
    code, _, err = run(capsys, *base, "-o", str(tmp_path / "r.geojson"))
    assert code == 0 and "written to" in err
    fc = json.loads((tmp_path / "r.geojson").read_text())
    assert fc["type"] == "FeatureCollection" and {f["id"] for f in fc["features"]} == truth
    code, _, _ = run(capsys, *base, "-o", str(tmp_path / "r.csv"), "--assets", "B04,thumbnail")
    with open(tmp_path / "r.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert code == 0 and {r["id"] for r in rows} == truth
    source = {i["id"]: i for i in generated_catalog.items}
    for row in rows:
        assets = source[row["id"]]["assets"]
        assert row["self_href"].startswith(pgstac_api)
        assert row["asset:B04"] == assets["B04"]["href"]
        assert row["asset:thumbnail"] == assets.get("thumbnail", {}).get("href", "")
    code, _, _ = run(capsys, *base, "-o", str(tmp_path / "r.parquet"))
    assert (
        code == 0 and set(pq.read_table(tmp_path / "r.parquet").column("id").to_pylist()) == truth
    )
    code, out, _ = run(capsys, *base, "--format", "geojson")
    assert code == 0 and {f["id"] for f in json.loads(out)["features"]} == truth


# ----------------------------------------------------------------------------- local files


@pytest.mark.parametrize("which", ["folder", "parquet", "ndjson"])
def test_local_search_equals_truth(capsys, local: GeneratedCatalog, which: str) -> None:
    source = {
        "folder": local.root,
        "parquet": local.root / "sentinel-1-grd" / "items.parquet",
        "ndjson": local.items_path("sentinel-1-grd"),
    }[which]
    code, out, err = run(
        capsys, "search", str(source), "--collections", "sentinel-1-grd", "--bbox", EUROPE,
        "--datetime", "2018-01-01/2023-12-31",
    )  # fmt: skip
    truth = expected_ids(local.items, collections="sentinel-1-grd", bbox=EUROPE_BOX,
                         datetime="2018-01-01T00:00:00Z/2023-12-31T23:59:59Z")  # fmt: skip
    assert code == 0 and set(ndjson_ids(out)) == truth and truth
    assert f"{len(truth):,} matched, {len(truth):,} returned (local" in err


def test_local_intersects_filter_and_sort(capsys, local: GeneratedCatalog, tmp_path: Path) -> None:
    area = {"type": "Polygon", "coordinates": [[[-10, 30], [40, 30], [10, 70], [-10, 30]]]}
    (tmp_path / "area.geojson").write_text(json.dumps(area))
    truth = expected_ids(local.items, intersects=area)
    for value in (
        json.dumps(area),
        "POLYGON((-10 30, 40 30, 10 70, -10 30))",
        "@" + str(tmp_path / "area.geojson"),
    ):
        code, out, _ = run(capsys, "search", str(local.root), "--intersects", value)
        assert code == 0 and set(ndjson_ids(out)) == truth
    code, out, _ = run(
        capsys, "search", str(local.root), "--intersects", json.dumps(area),
        "--filter", "eo:cloud_cover < 30", "--sortby", "-eo:cloud_cover",
    )  # fmt: skip
    items = [json.loads(line) for line in out.splitlines()]
    expected = {i["id"] for i in local.items if i["id"] in truth
                and i["properties"].get("eo:cloud_cover", 100) < 30}  # fmt: skip
    clouds = [i["properties"]["eo:cloud_cover"] for i in items]
    assert code == 0 and {i["id"] for i in items} == expected
    assert clouds == sorted(clouds, reverse=True)


def test_antimeridian_bbox_goes_as_two_boxes(capsys, local: GeneratedCatalog) -> None:
    code, out, _ = run(capsys, "search", str(local.root), "--bbox", "170,-60,-170,60")
    assert code == 0
    assert set(ndjson_ids(out)) == expected_ids(local.items, bbox=(170, -60, -170, 60))


# ------------------------------------------------------------------------------- bad input


def test_unknown_collection_of_an_api_is_bad_input_with_close_matches(
    capsys, rustac_api: str
) -> None:
    """Not "unknown matched, 0 returned" and exit 0: the server lists its collections."""
    code, out, err = run(capsys, "search", rustac_api, "--collections", "sentinel-1-grd,landsat")
    line = one_line(err)
    assert code == 2 and out == ""
    assert line == (
        "stacdesk: error: --collections: no collection 'landsat' (did you mean "
        "'landsat-c2-l2'?) in this catalog"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["search", "no-such-catalog"], 2, "unknown source 'no-such-catalog'"),
        (["search", "{root}", "--bbox", "1,2,3"], 2, "--bbox: expected 4 numbers"),
        (["search", "{root}", "--bbox", "10,20,5,95"], 2, "--bbox: Latitude 95"),
        (["search", "{root}", "--bbox", "a,b,c,d"], 2, "--bbox: W,S,E,N must be numbers"),
        (["search", "{root}", "--datetime", "2024-13-01"], 2, "--datetime '2024-13-01'"),
        (["search", "{root}", "--datetime", "2024-02-01/2024-01-01"], 2, "ends before it starts"),
        (["search", "{root}", "--filter", "eo:cloud_cover <"], 2, "--filter: Invalid CQL2"),
        (["search", "{root}", "--filter", "{bad json"], 2, "--filter is not valid CQL2 JSON"),
        (["search", "{root}", "--intersects", "@/no/such.geojson"], 2, "--intersects: Cannot read"),
        (["search", "{root}", "--intersects", "POLYGON((1 2"], 2, "--intersects: Not valid WKT"),
        (["search", "{root}", "--limit", "0"], 2, "must be at least 1"),
        (["search", "{root}", "--method", "PUT"], 2, "--method"),
        (["search", "{root}", "--header", "no colon"], 2, "is not 'Name: value'"),
        (["search", "{root}", "--format", "geoparquet"], 2, "needs -o FILE"),
        (["search", "{root}", "-o", "out.xyz"], 2, "cannot tell the format"),
        (["search", "{root}", "--bbox", "0,0,1,1", "--intersects", "{}"], 2, "not allowed with"),
        (["search", "{root}", "--nope"], 2, "unrecognized arguments: --nope"),
        (["search"], 2, "the following arguments are required: SOURCE"),
        (["search", "{root}", "--collections", "nope"], 2, "no collection 'nope' in this"),
        (["search", "{root}", "--collections", "S2-l2a"], 2, "(did you mean 'sentinel-2-l2a'?)"),
        (["search", "{broken}"], 1, "Cannot read"),
        (["search", "http://127.0.0.1:9/"], 1, "Cannot reach the server"),
        (["collections", "{broken}"], 1, "Cannot read"),
    ],
)
def test_bad_input_one_line_and_exit_status(
    capsys, local: GeneratedCatalog, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet")
    argv = [a.replace("{root}", str(local.root)).replace("{broken}", str(broken)) for a in args]
    got, out, err = run(capsys, *argv)
    line = one_line(err)
    assert got == code
    assert line.startswith("stacdesk: error: ")
    assert message in line
    assert out == ""


def test_a_real_process_never_imports_qt_and_exits_cleanly(local: GeneratedCatalog) -> None:
    probe = (
        "import sys\n"
        "from stacdesk.app import main\n"
        "code = main(sys.argv[1:])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph', 'qasync') or m.startswith('stacdesk.ui'))\n"
        "print('QT-MODULES', qt, file=sys.stderr)\n"
        "raise SystemExit(code)\n"
    )
    env = dict(os.environ)
    for args, expected in (
        (["search", str(local.root), "--max-items", "2"], 0),
        (["collections", str(local.root)], 0),
        (["search", str(local.root), "--bbox", "1,2"], 2),
    ):
        proc = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env,
            timeout=120, check=False,
        )  # fmt: skip
        assert proc.returncode == expected, proc.stderr
        assert "QT-MODULES []" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_console_script_help_documents_every_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "stacdesk", "--help"], capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 0
    for text in (
        "stacdesk search SOURCE",
        "--intersects",
        "--method auto|GET|POST",
        "stacdesk collections SOURCE",
        "stacdesk download ITEMS",
        "exit status",
    ):
        assert text in proc.stdout
    assert cli.wants_cli(["search"]) and not cli.wants_cli([]) and not cli.wants_cli(["--sample"])


def test_broken_pipe_is_quiet(local: GeneratedCatalog) -> None:
    """``stacdesk search … | head -1``: the reader leaves early; no traceback, no error line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "stacdesk", "search", str(local.root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert json.loads(first)["id"]
    assert "Traceback" not in err and "error" not in err
