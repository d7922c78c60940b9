"""``stacdesk download`` against a misbehaving file server: every file ends verified, the folder
is a STAC catalog stacdesk opens again, a re-run skips what is done, failures exit 1 with a
per-asset summary, and ``--header`` values reach only the items' asset hosts."""

from __future__ import annotations

import hashlib
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stacdesk.app import main
from stacdesk.core.local_catalog import LocalCatalog
from stacdesk.core.query import SearchQuery
from tests.servers.flaky_files import Fault, FlakyFileServer, make_bytes


@pytest.fixture
def server() -> Iterator[FlakyFileServer]:
    with FlakyFileServer() as flaky:
        yield flaky


def multihash(data: bytes) -> str:
    return "1220" + hashlib.sha256(data).hexdigest()


def make_items(server: FlakyFileServer, count: int = 3) -> list[dict[str, Any]]:
    items = []
    for n in range(count):
        item_id = f"scene-{n}"
        assets: dict[str, Any] = {}
        for key, size in (("B04", 300_000 + n), ("B08", 200_000 + n)):
            data = make_bytes(size, seed=n * 10 + len(key))
            href = server.put(f"/{item_id}/{key}.tif", data)
            assets[key] = {
                "href": href,
                "type": "image/tiff; application=geotiff",
                "roles": ["data"],
                "file:size": len(data),
                "file:checksum": multihash(data),
            }
        assets["thumbnail"] = {
            "href": server.put(f"/{item_id}/thumb.png", b"png" * 10),
            "roles": ["thumbnail"],
        }
        items.append(
            {
                "type": "Feature",
                "stac_version": "1.0.0",
                "id": item_id,
                "collection": "test-scenes",
                "geometry": {"type": "Point", "coordinates": [14.0 + n, 50.0]},
                "bbox": [14.0 + n, 50.0, 14.0 + n, 50.0],
                "properties": {"datetime": f"2024-05-0{n + 1}T10:00:00Z"},
                "links": [{"rel": "self", "href": f"{server.url}/items/{item_id}"}],
                "assets": assets,
            }
        )
    return items


def write_ndjson(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def test_downloads_survive_faults_and_end_verified_then_rerun_skips(
    capsys, server: FlakyFileServer, tmp_path: Path
) -> None:
    items = make_items(server)
    source = write_ndjson(tmp_path / "items.ndjson", items)
    server.fault("/scene-0/B04.tif", Fault("reset", at=100_000))
    server.fault("/scene-1/B04.tif", Fault("status", status=503, headers={"Retry-After": "0"}))
    server.fault("/scene-2/B08.tif", Fault("truncate", at=50_000))
    dest = tmp_path / "dest"
    code, err = run(capsys, "download", str(source), "--roles", "data", "--dest", str(dest))
    assert code == 0, err
    assert "all 6 assets complete and verified" in err
    assert err.count("stacdesk: done test-scenes/") == 6
    for item in items:
        for key in ("B04", "B08"):
            path = dest / "test-scenes" / item["id"] / f"{key}.tif"
            assert multihash(path.read_bytes()) == item["assets"][key]["file:checksum"]
        assert not (dest / "test-scenes" / item["id"] / "thumb.png").exists()  # role: data only
    assert server.bytes_sent("/scene-0/B04.tif") < 300_000 + 100_000  # resumed, not refetched

    # The folder is a STAC catalog stacdesk opens, with hrefs to the local files.
    local = LocalCatalog.open(dest)
    assert sorted(local.item(int(r))["id"] for r in local.matching_rows(SearchQuery())) == [
        "scene-0",
        "scene-1",
        "scene-2",
    ]
    href = local.item(0)["assets"]["B04"]["href"]
    assert Path(href).is_file() and Path(href).is_relative_to(dest.resolve())

    hits = len(server.hits)
    code, err = run(capsys, "download", str(source), "--roles", "data", "--dest", str(dest))
    assert code == 0
    assert "6 of 6 assets already complete and verified: skipped" in err
    assert len(server.hits) == hits  # nothing fetched again


def test_failures_exit_1_with_a_per_asset_summary_and_rerun_finishes(
    capsys, server: FlakyFileServer, tmp_path: Path
) -> None:
    items = make_items(server, count=2)
    missing = items[1]["assets"]["B08"]
    del server.files["/scene-1/B08.tif"]
    source = write_ndjson(tmp_path / "items.ndjson", items)
    dest = tmp_path / "dest"
    code, err = run(capsys, "download", str(source), "--assets", "B04,B08", "--dest", str(dest))
    assert code == 1
    lines = err.splitlines()
    assert [line for line in lines if line.startswith("stacdesk: not complete:")] == [
        "stacdesk: not complete: test-scenes/scene-1/B08: Not found on the server (HTTP 404)"
    ]
    assert lines[-1] == (
        "stacdesk: error: 1 of 4 assets not complete; run the same command again to retry"
    )
    assert "Traceback" not in err

    data = make_bytes(missing["file:size"], seed=10 + 3)
    server.put("/scene-1/B08.tif", data)
    missing["file:checksum"] = multihash(data)
    write_ndjson(source, items)
    seen = len(server.hits)
    code, err = run(capsys, "download", str(source), "--assets", "B04,B08", "--dest", str(dest))
    assert code == 0, err
    assert [h.path for h in server.hits[seen:]] == ["/scene-1/B08.tif"]  # only what was missing
    assert "3 of 4 assets already complete and verified: skipped" in err
    assert (dest / "test-scenes" / "scene-1" / "B08.tif").read_bytes() == data


def test_items_from_stdin_and_headers_only_for_asset_hosts(
    capsys, server: FlakyFileServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = make_items(server, count=1)
    with FlakyFileServer() as elsewhere:
        data = make_bytes(1000, seed=99)
        elsewhere.put("/moved.tif", data)
        moved = server.put("/scene-0/moved.tif", b"")
        server.fault("/scene-0/moved.tif", Fault("redirect", location=elsewhere.url + "/moved.tif"))
        items[0]["assets"]["moved"] = {
            "href": moved,
            "roles": ["data"],
            "file:size": len(data),
            "file:checksum": multihash(data),
        }
        piped = "".join(json.dumps(i) + "\n" for i in items).encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(piped)))
        code, err = run(
            capsys,
            "download", "-", "--assets", "B04,moved", "--dest", str(tmp_path / "d"),
            "--header", "Authorization: Bearer secret",
        )  # fmt: skip
        assert code == 0, err
        assert elsewhere.gets("/moved.tif")
        assert all("authorization" not in {k.lower() for k in h.headers} for h in elsewhere.hits)
    sent = [h.headers for h in server.gets("/scene-0/B04.tif")]
    assert sent and all(
        {k.lower(): v for k, v in h.items()}.get("authorization") == "Bearer secret" for h in sent
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["download", "/no/such/items.ndjson"], 2, "no such items file"),
        (["download", "{items}", "--assets", "nope"], 1, "none of the items has an asset"),
        (["download", "{items}", "--concurrency", "0"], 2, "must be between 1 and 64"),
        (["download", "{items}", "--assets", "B04", "--roles", "data"], 2, "not allowed with"),
        (["download", "{items}", "--connection", "nope"], 2, "unknown connection 'nope'"),
        (["download", "{empty}"], 2, "no STAC items to download"),
    ],
)
def test_bad_download_input(
    capsys,
    server: FlakyFileServer,
    tmp_path: Path,
    args: list[str],
    code: int,
    message: str,
) -> None:
    source = write_ndjson(tmp_path / "items.ndjson", make_items(server, count=1))
    empty = tmp_path / "empty.ndjson"
    empty.write_text("")
    argv = [a.replace("{items}", str(source)).replace("{empty}", str(empty)) for a in args]
    got, err = run(capsys, *argv, "--dest", str(tmp_path / "d"))
    lines = err.splitlines()
    assert got == code
    assert len(lines) == 1 and lines[0].startswith("stacdesk: error: ") and message in lines[0]
