"""s3:// hrefs through obstore, against the misbehaving file server posing as a custom S3
endpoint (path-style GETs ``/bucket/key`` with Range and If-Match, as obstore sends them).

Not covered offline: real AWS (virtual-host style, region redirects, a real requester-pays
bucket refusing anonymous access) and Copernicus Data Space's endpoint with its credentials.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.downloads.s3_fetch import s3_options
from tests.core.downloads.conftest import asset, make_item, new_engine, run, settle, wait_for
from tests.servers.flaky_files import Fault, FlakyFileServer, make_bytes

SIZE = 300_000


def s3_item(server: FlakyFileServer, key: str, data: bytes | None, **scheme: object) -> dict:
    item = make_item("item", {"data": asset(f"s3://bucket/{key}", data, **{"storage:refs": ["x"]})})
    item["storage:schemes"] = {
        "x": {"type": "custom-s3", "platform": server.url, "region": "eu-test", **scheme}
    }
    return item


def download(tmp_path: Path, item: dict, during=None):
    async def scenario():
        engine = new_engine(tmp_path)
        engine.start()
        job = engine.add_asset(item, "data")
        if during is not None:
            await during(engine, job)
        await settle(engine, [job])
        await engine.close()
        return job

    return run(scenario)


def test_storage_extension_fields_become_s3_options() -> None:
    item = {
        "properties": {"storage:requester_pays": True, "storage:region": "us-west-2"},
        "storage:schemes": {"cdse": {"platform": "https://eodata.example", "region": "default"}},
    }
    options = s3_options(item, {"storage:refs": ["cdse"]})
    assert options == {
        "requester_pays": True,
        "region": "default",
        "endpoint": "https://eodata.example",
    }
    aws = {"storage:schemes": {"aws": {"platform": "https://{bucket}.s3.amazonaws.com"}}}
    assert "endpoint" not in s3_options(aws, {"storage:refs": ["aws"]})


def test_anonymous_download_from_a_custom_endpoint(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(SIZE)
    server.put("/bucket/tiles/B04.tif", data)
    job = download(tmp_path, s3_item(server, "tiles/B04.tif", data))
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    (hit,) = server.gets("/bucket/tiles/B04.tif")
    assert "authorization" not in hit.headers  # unsigned: public buckets need no credentials


def test_reset_is_resumed_with_a_range_and_if_match(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    server.put("/bucket/k.bin", data)
    server.fault("/bucket/k.bin", Fault("truncate", at=120_000))
    job = download(tmp_path, s3_item(server, "k.bin", data))
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    first, second = server.gets("/bucket/k.bin")
    offset = int(second.range.removeprefix("bytes=").rstrip("-"))
    assert 0 < offset <= first.sent == 120_000
    assert second.headers["if-match"] == server.files["/bucket/k.bin"].etag
    assert server.bytes_sent("/bucket/k.bin") < SIZE + 64 * 1024


def test_changed_object_restarts_from_zero(tmp_path: Path, server: FlakyFileServer) -> None:
    old, new = make_bytes(SIZE, seed=1), make_bytes(SIZE, seed=2)
    server.put("/bucket/k.bin", old)
    stall = Fault("stall", at=100_000)
    server.fault("/bucket/k.bin", stall)

    async def during(engine, job):
        await wait_for(lambda: server.bytes_sent("/bucket/k.bin") == 100_000)
        server.put("/bucket/k.bin", new)
        stall.release.set()

    job = download(tmp_path, s3_item(server, "k.bin", None), during)
    assert job.state is JobState.DONE, job.error
    assert "changed in the bucket" in job.note
    assert Path(job.dest).read_bytes() == new
    statuses = [h.status for h in server.gets("/bucket/k.bin")]
    assert 412 in statuses


def test_requester_pays_signs_and_says_who_pays(
    tmp_path: Path, server: FlakyFileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTESTONLY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-secret")
    data = make_bytes(5000)
    server.put("/bucket/rp.bin", data)
    job = download(tmp_path, s3_item(server, "rp.bin", data, requester_pays=True))
    assert job.state is JobState.DONE, job.error
    (hit,) = server.gets("/bucket/rp.bin")
    assert hit.headers["x-amz-request-payer"] == "requester"
    assert hit.headers["authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDTESTONLY/")


def test_missing_object_falls_back_to_the_https_alternate(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(5000)
    mirror = server.put("/https/k.bin", data)
    item = s3_item(server, "missing.bin", data)
    item["assets"]["data"]["alternate"] = {"https": {"href": mirror}}
    job = download(tmp_path, item)
    assert job.state is JobState.DONE, job.error
    assert job.source == mirror and "Not found in bucket bucket" in job.note
