"""s3:// hrefs through obstore, against moto's S3 API on 127.0.0.1 as a custom endpoint
(path-style ``/bucket/key``). A recording proxy in front of moto shows what obstore sent and
breaks a body mid-way for the resume cases.

Not covered offline: real AWS (virtual-host style, region redirects, a requester-pays bucket
refusing anonymous access: moto stores the bucket's payer setting but does not enforce it) and
Copernicus Data Space's endpoint with its credentials.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.downloads.s3_fetch import s3_options
from tests.core.downloads.conftest import asset, make_item, new_engine, run, settle, wait_for
from tests.servers.flaky_files import FlakyFileServer, make_bytes
from tests.servers.hooks import break_body
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response
from tests.servers.s3 import MotoS3

SIZE = 300_000


def s3_item(s3: MotoS3, key: str, data: bytes | None, **scheme: object) -> dict:
    item = make_item("item", {"data": asset(f"s3://bucket/{key}", data, **{"storage:refs": ["x"]})})
    item["storage:schemes"] = {
        "x": {"type": "custom-s3", "platform": s3.endpoint, "region": "eu-test", **scheme}
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


def record_statuses(s3: MotoS3) -> list[int]:
    """The status of every answer moto gave through the proxy, in order."""
    statuses: list[int] = []

    def hook(request: RecordedRequest, response: Response) -> Response:
        statuses.append(response.status)
        return response

    assert s3.proxy is not None
    s3.proxy.after.append(hook)
    return statuses


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


def test_anonymous_download_from_a_custom_endpoint(tmp_path: Path, moto_s3: MotoS3) -> None:
    data = make_bytes(SIZE)
    moto_s3.put("bucket", "tiles/B04.tif", data)
    job = download(tmp_path, s3_item(moto_s3, "tiles/B04.tif", data))
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    (hit,) = moto_s3.gets("bucket", "tiles/B04.tif")
    assert "authorization" not in hit.headers  # unsigned: public buckets need no credentials


def test_anonymous_read_of_a_private_object_is_refused_with_a_hint(
    tmp_path: Path, moto_s3: MotoS3, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
    moto_s3.put("bucket", "private.bin", make_bytes(1000), public=False)
    job = download(tmp_path, s3_item(moto_s3, "private.bin", None))
    assert job.state is JobState.FAILED
    assert "the bucket is not public; AWS credentials may give access" in (job.error or "")
    assert len(moto_s3.gets("bucket", "private.bin")) == 1  # nothing to sign with: no retry


def test_a_private_object_is_read_with_the_users_credentials(
    tmp_path: Path, moto_s3: MotoS3, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anonymous first (public buckets need nothing); refused, the same read signed."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDPRIVATEREAD")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-secret")
    data = make_bytes(50_000)
    moto_s3.put("bucket", "private.bin", data, public=False)
    statuses = record_statuses(moto_s3)
    job = download(tmp_path, s3_item(moto_s3, "private.bin", data))
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    anonymous, signed = moto_s3.gets("bucket", "private.bin")
    assert "authorization" not in anonymous.headers
    assert signed.headers["authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDPRIVATE")
    assert "x-amz-request-payer" not in signed.headers
    assert statuses == [403, 200]


def test_reset_is_resumed_with_a_range_and_if_match(tmp_path: Path, moto_s3: MotoS3) -> None:
    data = make_bytes(SIZE)
    etag = moto_s3.put("bucket", "k.bin", data)
    assert moto_s3.proxy is not None
    moto_s3.proxy.after.append(break_body("reset", fraction=0.4, path="/bucket/k.bin"))
    statuses = record_statuses(moto_s3)
    job = download(tmp_path, s3_item(moto_s3, "k.bin", data))
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    first, second = moto_s3.gets("bucket", "k.bin")
    assert "range" not in first.headers
    offset = int(second.headers["range"].removeprefix("bytes=").rstrip("-"))
    assert 0 < offset <= int(SIZE * 0.4)
    assert second.headers["if-match"] == etag
    assert statuses == [200, 206]  # moto honoured the range: only the rest came again


def test_changed_object_restarts_from_zero(tmp_path: Path, moto_s3: MotoS3) -> None:
    old, new = make_bytes(SIZE, seed=1), make_bytes(SIZE, seed=2)
    moto_s3.put("bucket", "k.bin", old)
    stall = break_body("stall", fraction=1 / 3, path="/bucket/k.bin")
    assert moto_s3.proxy is not None
    moto_s3.proxy.after.append(stall)
    statuses = record_statuses(moto_s3)

    async def during(engine, job):
        await wait_for(lambda: bool(stall.faults))
        moto_s3.put("bucket", "k.bin", new)  # replaced in the bucket while the body hangs
        stall.faults[0].release.set()

    job = download(tmp_path, s3_item(moto_s3, "k.bin", None), during)
    assert job.state is JobState.DONE, job.error
    assert "changed in the bucket" in job.note
    assert Path(job.dest).read_bytes() == new
    assert 412 in statuses  # moto refused the stale If-Match


def test_requester_pays_signs_with_the_users_credentials_and_says_who_pays(
    tmp_path: Path, moto_s3: MotoS3, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTESTONLY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-secret")
    data = make_bytes(5000)
    moto_s3.put("bucket", "rp.bin", data, requester_pays=True, public=False)
    job = download(tmp_path, s3_item(moto_s3, "rp.bin", data, requester_pays=True))
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    (hit,) = moto_s3.gets("bucket", "rp.bin")
    assert hit.headers["x-amz-request-payer"] == "requester"
    assert hit.headers["authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDTESTONLY/")
    assert "/eu-test/s3/aws4_request" in hit.headers["authorization"]  # the scheme's region


def test_custom_endpoint_is_reached_directly_without_the_proxy(
    tmp_path: Path, moto_s3: MotoS3
) -> None:
    """The endpoint from ``storage:schemes`` is all obstore needs: here moto itself."""
    data = make_bytes(20_000)
    moto_s3.put("eodata", "Sentinel-2/x.jp2", data)
    item = make_item(
        "item", {"data": asset("s3://eodata/Sentinel-2/x.jp2", data, **{"storage:refs": ["c"]})}
    )
    item["storage:schemes"] = {"c": {"platform": moto_s3.moto_url, "region": "default"}}
    job = download(tmp_path, item)
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    assert not moto_s3.gets("eodata", "Sentinel-2/x.jp2")


def test_missing_object_falls_back_to_the_https_alternate(
    tmp_path: Path, moto_s3: MotoS3, server: FlakyFileServer
) -> None:
    data = make_bytes(5000)
    moto_s3.put("bucket", "other.bin", b"x")
    mirror = server.put("/https/k.bin", data)
    item = s3_item(moto_s3, "missing.bin", data)
    item["assets"]["data"]["alternate"] = {"https": {"href": mirror}}
    job = download(tmp_path, item)
    assert job.state is JobState.DONE, job.error
    assert job.source == mirror and "Not found in bucket bucket" in job.note


def test_missing_bucket_fails_with_a_clear_message(tmp_path: Path, moto_s3: MotoS3) -> None:
    job = download(tmp_path, s3_item(moto_s3, "k.bin", None))
    assert job.state is JobState.FAILED
    assert "bucket" in (job.error or "").lower()
