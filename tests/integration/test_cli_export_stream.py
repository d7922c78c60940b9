"""``stacdesk search SOURCE -o FILE`` streams: the file equals the export of the collected items,
and a search that fails part way leaves nothing at FILE, only ``FILE.partial``, and says so.

Against pgstac with small pages and small geoparquet chunks, so every export is written in many
pieces (1,550 items of four families whose Parquet schemas differ from chunk to chunk).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import rustac

from stacdesk.core.export import geoparquet
from stacdesk.core.export.writers import AssetChoice, export_bytes, export_items
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response

PAGE = "100"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from stacdesk.app import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def collected(capsys: pytest.CaptureFixture[str], pgstac_api: str) -> list[dict]:
    """Every item of the search, collected (ndjson to stdout), in the order pgstac pages."""
    code, out, err = run(capsys, "search", pgstac_api, "--limit", PAGE)
    assert code == 0, err
    items = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(items) > 1000
    return items


@pytest.mark.parametrize(
    ("fmt", "extra"),
    [("ndjson", ()), ("geojson", ()), ("csv", ()), ("csv", ("--roles", "data")), ("urls", ())],
)
def test_streamed_file_equals_collected_export_byte_for_byte(
    capsys, pgstac_api: str, collected: list[dict], tmp_path: Path, fmt: str, extra: tuple
) -> None:
    out = tmp_path / f"r.{fmt}"
    code, _, err = run(
        capsys, "search", pgstac_api, "--limit", PAGE, "--format", fmt, "-o", str(out), *extra
    )
    assert code == 0, err
    choice = AssetChoice(roles=("data",)) if extra else AssetChoice()
    assert out.read_bytes() == export_bytes(collected, fmt, choice)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no spool or .part left


def test_streamed_geoparquet_equals_collected_row_for_row(
    capsys, pgstac_api: str, collected: list[dict], tmp_path: Path, monkeypatch
) -> None:
    one_shot = tmp_path / "collected.parquet"
    monkeypatch.setattr(geoparquet, "CHUNK_ITEMS", 10_000)
    export_items(collected, one_shot)  # all in one chunk: the very file rustac writes
    assert pq.ParquetFile(one_shot).metadata.num_row_groups == 1
    monkeypatch.setattr(geoparquet, "CHUNK_ITEMS", 250)
    monkeypatch.setattr(geoparquet, "ROW_GROUP_ITEMS", 500)  # two chunks a row group
    out = tmp_path / "streamed.parquet"
    code, _, err = run(capsys, "search", pgstac_api, "--limit", PAGE, "-o", str(out))
    assert code == 0, err
    assert pq.ParquetFile(out).metadata.num_row_groups == -(-len(collected) // 500)
    streamed = rustac.read_sync(str(out))["features"]
    assert streamed == rustac.read_sync(str(one_shot))["features"]
    geo = json.loads(pq.ParquetFile(out).metadata.metadata[b"geo"])
    whole = json.loads(pq.ParquetFile(one_shot).metadata.metadata[b"geo"])
    assert geo["columns"]["geometry"]["bbox"] == whole["columns"]["geometry"]["bbox"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["collected.parquet", "streamed.parquet"]


def fail_from_search_page(number: int):
    """A proxy hook: the ``number``-th search request and every later one answer HTTP 500."""
    lock, seen = threading.Lock(), [0]

    def hook(request: RecordedRequest) -> Response | None:
        if request.path.rstrip("/") != "/search":
            return None
        with lock:
            seen[0] += 1
            late = seen[0] >= number
        return (
            Response.json_body({"code": 500, "description": "page 3 broke"}, 500) if late else None
        )

    return hook


@pytest.mark.parametrize("fmt", ["geoparquet", "ndjson", "csv"])
def test_failure_on_page_3_exits_1_and_leaves_no_file_at_the_target(
    capsys, pgstac_api: str, make_proxy, tmp_path: Path, monkeypatch, fmt: str
) -> None:
    monkeypatch.setattr(geoparquet, "CHUNK_ITEMS", 150)
    proxy = make_proxy(pgstac_api, before=[fail_from_search_page(3)])
    out = tmp_path / f"r.{fmt}"
    code, _, err = run(
        capsys, "search", proxy.url, "--limit", PAGE, "--format", fmt, "-o", str(out)
    )
    assert code == 1
    assert not out.exists()
    partial = tmp_path / f"r.{fmt}.partial"
    assert sorted(p.name for p in tmp_path.iterdir()) == [partial.name]
    line = [x for x in err.splitlines() if x.strip()][-1]
    assert "Traceback" not in err
    assert "200 items written to" in line and str(partial) in line, line
    assert f"{out} not written" in line, line
    if fmt == "geoparquet":
        assert len(rustac.read_sync(str(partial), format="geoparquet")["features"]) == 200
    elif fmt == "ndjson":
        assert len(partial.read_text().splitlines()) == 200
    else:
        assert len(partial.read_text().splitlines()) == 201  # the header and 200 rows
