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
from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.common.placeholder_hosts import PLACEHOLDER_HOST
from stacdesk.core.query.search_query import SearchQuery
from tests.reliability.ledger import record
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


SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-catalog"
SAMPLE_SCENE = "S2C_MSIL2A_20250623T101033_N0511_R022_T33UUR_20250623T121354"


def test_readme_example_on_the_offline_sample_downloads_local_files(capsys, tmp_path: Path) -> None:
    """The README's offline commands: search the bundled sample, then download its thumbnails
    and the scene whose bands are real files; all copied from the sample and verified."""
    items = tmp_path / "items.ndjson"
    code = main(
        [
            "search",
            "Sample catalog (offline)",
            "--collections",
            "sentinel-2-l2a",
            "--bbox",
            "12.1,48.6,18.9,51.1",
            "--datetime",
            "2025-06-01/2025-06-30",
            "--output",
            str(items),
        ]
    )
    assert code == 0, capsys.readouterr().err
    found = [json.loads(line) for line in items.read_text().splitlines()]
    assert SAMPLE_SCENE in {item["id"] for item in found}
    dest = tmp_path / "scenes"
    code, err = run(capsys, "download", str(items), "--assets", "thumbnail", "--dest", str(dest))
    assert code == 0, err
    assert f"all {len(found)} assets complete and verified" in err

    scene = tmp_path / "scene.ndjson"
    write_ndjson(scene, [item for item in found if item["id"] == SAMPLE_SCENE])
    code, err = run(capsys, "download", str(scene), "--assets", "B04,B08,SCL", "--dest", str(dest))
    assert code == 0, err
    folder = dest / "sentinel-2-l2a" / SAMPLE_SCENE
    for key in ("B04", "B08", "SCL"):
        data = (folder / f"{key}.tif").read_bytes()
        assert (
            data == (SAMPLE / "data" / "sentinel-2-l2a" / SAMPLE_SCENE / f"{key}.tif").read_bytes()
        )
    written = json.loads((folder / f"{SAMPLE_SCENE}.json").read_text())
    assert written["assets"]["B04"]["href"] == "B04.tif"


def test_fake_hosts_fail_at_once_and_local_files_need_a_local_catalog(
    request: pytest.FixtureRequest, capsys, tmp_path: Path
) -> None:
    """The sample's example.invalid assets fail on the first try with the reason; a file named
    by an item from a server, or beside an item file, is not read."""
    secret = tmp_path / "secret.tif"
    secret.write_bytes(b"not for copying")
    thumbnail = next((SAMPLE / "thumbnails").glob("*.jpg"))
    item = {
        "type": "Feature", "stac_version": "1.0.0", "id": "x", "collection": "c",
        "geometry": None, "properties": {"datetime": "2024-01-01T00:00:00Z"},
        "links": [{"rel": "self", "href": "https://stac.example.com/items/x"}],
        "assets": {
            "fake": {"href": "https://example.invalid/sample/x.tif", "roles": ["data"]},
            "beside": {"href": secret.as_uri(), "roles": ["data"]},
            "sample": {"href": thumbnail.as_uri(), "roles": ["data"]},
        },
    }  # fmt: skip
    local = {**item, "id": "y", "links": []}
    source = write_ndjson(tmp_path / "items.ndjson", [item, local])
    dest = tmp_path / "dest"
    code, err = run(capsys, "download", str(source), "--dest", str(dest))
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("stacdesk: not complete:")]
    assert f"stacdesk: not complete: c/x/fake: {PLACEHOLDER_HOST('example.invalid')}" in lines
    refused = [line for line in lines if "Local file hrefs are not downloaded" in line]
    assert sorted(line.split(":")[2].strip() for line in refused) == [
        "c/x/beside",
        "c/x/sample",
        "c/y/beside",
    ]
    assert (dest / "c" / "y" / thumbnail.name).is_file()  # not from a server, in the sample
    assert not list(dest.rglob("secret.tif"))
    assert "note: --local-catalog DIR allows" in err
    must_refuse = ["c/x/beside", "c/x/sample", "c/y/beside"]  # from a server, or no local catalog
    said = {line.split(":")[2].strip() for line in refused}
    record(request, tried=len(must_refuse), survived=len(said & set(must_refuse)),
           lost=len(list(dest.rglob("secret.tif"))))  # fmt: skip

    code, err = run(capsys, "download", str(source), "--dest", str(dest),
                    "--local-catalog", str(tmp_path))  # fmt: skip
    assert code == 1  # the item from a server is still refused; the local one is copied now
    assert (dest / "c" / "y" / "secret.tif").read_bytes() == b"not for copying"
    assert not (dest / "c" / "x" / "secret.tif").exists()
