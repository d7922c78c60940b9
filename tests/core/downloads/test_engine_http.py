"""The engine against a file server that misbehaves on purpose: every fault ends in a whole,
verified file or a failed row that says why — and the rest of the queue goes on."""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path

import pytest

from stacdesk.core.downloads.jobs import JobState
from tests.core.downloads.conftest import (
    asset,
    make_item,
    new_engine,
    run,
    settle,
    wait_for,
)
from tests.reliability.ledger import bytes_lost, record
from tests.servers.flaky_files import Fault, FlakyFileServer, make_bytes

SIZE = 300_000


def test_plain_download_verifies_renames_and_writes_the_catalog(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    href = server.put("/a/B04.tif", data)
    item = make_item("S2B_1", {"B04": asset(href, data), "B08": asset(href.replace("B04", "B08"))})
    server.put("/a/B08.tif", b"eight" * 100)

    async def scenario() -> None:
        engine = new_engine(tmp_path)
        seen: list[JobState] = []
        engine.job_changed.connect(lambda job: seen.append(job.state))
        engine.start()
        jobs = engine.add_items([item])
        await settle(engine, jobs)
        assert [j.state for j in jobs] == [JobState.DONE, JobState.DONE]
        assert JobState.RUNNING in seen
        await engine.close()

    run(scenario)
    root = tmp_path / "downloads"
    item_dir = root / "test-collection" / "S2B_1"
    assert (item_dir / "B04.tif").read_bytes() == data
    assert (item_dir / "B08.tif").read_bytes() == b"eight" * 100
    assert not list(root.rglob("*.part"))
    written = json.loads((item_dir / "S2B_1.json").read_text())
    assert written["assets"]["B04"]["href"] == "B04.tif"
    assert written["assets"]["B08"]["href"] == "B08.tif"
    rels = {link["rel"]: link["href"] for link in written["links"]}
    assert rels["root"] == "../../catalog.json" and rels["parent"] == "../catalog.json"
    collection = json.loads((root / "test-collection" / "catalog.json").read_text())
    assert [link["href"] for link in collection["links"] if link["rel"] == "item"] == [
        "S2B_1/S2B_1.json"
    ]
    catalog = json.loads((root / "catalog.json").read_text())
    assert [link["href"] for link in catalog["links"] if link["rel"] == "child"] == [
        "test-collection/catalog.json"
    ]


def download_one(
    tmp_path: Path,
    server: FlakyFileServer,
    data: bytes,
    *faults: Fault,
    checksum: bool = True,
    size_known: bool = True,
    put_options: dict | None = None,
    **engine_changes: object,
):
    """Serve ``data`` (with faults queued), download it, return the finished job."""
    href = server.put("/f/data.bin", data, **(put_options or {}))
    server.fault("/f/data.bin", *faults)
    meta = asset(href, data if size_known else None, checksum=checksum)
    item = make_item("item", {"data": meta})

    async def scenario():
        engine = new_engine(tmp_path, **engine_changes)
        engine.start()
        job = engine.add_asset(item, "data")
        await settle(engine, [job])
        await engine.close()
        return job

    return run(scenario)


def final_file(tmp_path: Path) -> Path:
    return tmp_path / "downloads" / "test-collection" / "item" / "data.bin"


def test_connection_resets_at_random_offsets_resume_without_refetching(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    rng = random.Random(3)
    offsets = sorted(rng.sample(range(1, SIZE), 4))
    # Each reset happens `gap` bytes into that response (responses start where the last ended).
    faults = [Fault("reset", at=b - a) for a, b in zip([0, *offsets], offsets, strict=False)]
    job = download_one(tmp_path, server, data, *faults)
    assert job.state is JobState.DONE, job.error
    assert final_file(tmp_path).read_bytes() == data
    gets = server.gets("/f/data.bin")
    assert len(gets) == 5
    assert all(g.range for g in gets[1:])  # every retry resumed with a Range
    # An abort (RST) may throw away bytes still in flight, so allow a little refetching.
    assert server.bytes_sent("/f/data.bin") < SIZE + 4 * 2 * 65536


def test_server_errors_are_retried_and_retry_after_is_honoured(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    job = download_one(
        tmp_path,
        server,
        data,
        Fault("status", status=500),
        Fault("status", status=503, headers={"Retry-After": "1"}),
        Fault("status", status=429, headers={"Retry-After": "0"}),
    )
    assert job.state is JobState.DONE, job.error
    assert final_file(tmp_path).read_bytes() == data
    gets = server.gets("/f/data.bin")
    assert [g.status for g in gets] == [500, 503, 429, 200]
    assert gets[2].time - gets[1].time >= 0.95  # waited as the 503 asked
    assert job.attempts == 3


def test_too_many_failures_fail_the_row_and_the_queue_goes_on(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    good = make_bytes(1000, seed=1)
    bad_href = server.put("/bad.bin", b"x")
    server.fault("/bad.bin", *[Fault("status", status=502)] * 10)
    good_href = server.put("/good.bin", good)
    items = [
        make_item("one", {"data": asset(bad_href)}),
        make_item("two", {"data": asset(good_href, good)}),
    ]

    async def scenario():
        engine = new_engine(tmp_path, max_attempts=3, max_concurrent=1)
        engine.start()
        jobs = engine.add_items(items)
        await settle(engine, jobs)
        await engine.close()
        return jobs

    bad, fine = run(scenario)
    assert bad.state is JobState.FAILED
    assert "HTTP 502" in bad.error and "gave up after 3 attempts" in bad.error
    assert fine.state is JobState.DONE
    assert not Path(bad.dest).exists()


def test_truncated_body_is_resumed(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(SIZE)
    job = download_one(tmp_path, server, data, Fault("truncate", at=100_000))
    assert job.state is JobState.DONE, job.error
    gets = server.gets("/f/data.bin")
    assert [g.range for g in gets] == [None, "bytes=100000-"]
    assert server.bytes_sent("/f/data.bin") == SIZE
    assert final_file(tmp_path).read_bytes() == data


def test_content_length_larger_than_the_body(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(SIZE)
    job = download_one(tmp_path, server, data, put_options={"length_delta": 500})
    assert job.state is JobState.DONE, job.error  # the resume gets 416 */SIZE: it was whole
    assert final_file(tmp_path).read_bytes() == data


def test_content_length_smaller_than_the_body_fails_size_check(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    job = download_one(tmp_path, server, data, checksum=False, put_options={"length_delta": -1000})
    assert job.state is JobState.FAILED
    assert "Size mismatch" in job.error and f"expected {SIZE:,}" in job.error
    assert len(server.gets("/f/data.bin")) == 1  # a whole file of the wrong size: not again
    assert not final_file(tmp_path).exists()
    assert not Path(str(final_file(tmp_path)) + ".part").exists()


def test_checksum_mismatch_of_a_whole_file_fails_at_once(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    href = server.put("/f/data.bin", data)
    meta = asset(href, data)
    server.put("/f/data.bin", make_bytes(SIZE, seed=9))  # same size, other bytes
    item = make_item("item", {"data": meta})

    async def scenario():
        engine = new_engine(tmp_path)
        engine.start()
        job = engine.add_asset(item, "data")
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert job.state is JobState.FAILED
    assert "Checksum mismatch (sha2-256)" in job.error
    assert [g.range for g in server.gets("/f/data.bin")] == [None]  # no second download
    assert not final_file(tmp_path).exists()
    at_once = job.state is JobState.FAILED and len(server.gets("/f/data.bin")) == 1
    left = [p for p in (final_file(tmp_path), job.part_path) if p.exists()]  # a wrong file kept
    record(request, tried=1, survived=int(at_once and not left), lost=len(left))


def test_checksum_mismatch_then_retry_gets_the_good_copy(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    """A wrong file fails at once, and the user's Retry fetches it again."""
    data = make_bytes(SIZE)
    href = server.put("/f/data.bin", make_bytes(SIZE, seed=5))
    item = make_item("item", {"data": asset(href, data)})

    async def scenario():
        engine = new_engine(tmp_path)
        engine.start()
        job = engine.add_asset(item, "data")
        await settle(engine, [job])
        assert job.state is JobState.FAILED and "Checksum mismatch" in job.error
        server.put("/f/data.bin", data)
        engine.retry([job.id])
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert job.state is JobState.DONE, job.error
    assert final_file(tmp_path).read_bytes() == data


def test_a_resumed_file_that_fails_the_check_is_fetched_whole_once(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer
) -> None:
    """Bytes from two attempts may not fit together: one whole download heals that."""
    data = make_bytes(SIZE)
    href = server.put("/f/data.bin", data)
    item = make_item("item", {"data": asset(href, data)})
    part = final_file(tmp_path).with_name("data.bin.part")
    part.parent.mkdir(parents=True)

    async def scenario():
        engine = new_engine(tmp_path)
        job = engine.add_asset(item, "data")
        part.write_bytes(b"x" * 1000)  # what an earlier attempt left, not the server's bytes
        job.validator = server.files["/f/data.bin"].etag
        engine.start()
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert job.state is JobState.DONE, job.error
    assert "Checksum mismatch" in job.note
    assert [g.range for g in server.gets("/f/data.bin")] == ["bytes=1000-", None]
    assert final_file(tmp_path).read_bytes() == data
    whole_once = [g.range for g in server.gets("/f/data.bin")][1:] == [None]
    lost = bytes_lost(final_file(tmp_path), data)
    record(request, tried=1, survived=int(whole_once and job.state is JobState.DONE), lost=lost)


def test_server_without_range_support_restarts_from_zero_and_says_so(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(SIZE)
    job = download_one(
        tmp_path, server, data, Fault("reset", at=150_000), put_options={"ranges": False}
    )
    assert job.state is JobState.DONE, job.error
    assert "does not support resuming" in job.note
    gets = server.gets("/f/data.bin")
    assert gets[1].range is not None and gets[1].status == 200
    assert final_file(tmp_path).read_bytes() == data
    said = job.state is JobState.DONE and "does not support resuming" in job.note
    record(request, tried=1, survived=int(said), lost=bytes_lost(final_file(tmp_path), data))


def test_no_validator_means_no_blind_resume(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(SIZE)
    job = download_one(
        tmp_path, server, data, Fault("truncate", at=100_000), put_options={"validators": False}
    )
    assert job.state is JobState.DONE, job.error
    assert "no ETag or date" in job.note
    assert [g.range for g in server.gets("/f/data.bin")] == [None, None]


def test_weak_etag_falls_back_to_last_modified(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(SIZE)
    job = download_one(
        tmp_path, server, data, Fault("truncate", at=100_000), put_options={"weak_etag": True}
    )
    assert job.state is JobState.DONE, job.error
    second = server.gets("/f/data.bin")[1]
    assert second.headers["if-range"] == server.files["/f/data.bin"].last_modified
    assert second.status == 206


def test_file_changed_between_attempts_restarts_from_zero(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer
) -> None:
    old, new = make_bytes(SIZE, seed=1), make_bytes(SIZE + 10, seed=2)
    href = server.put("/f/data.bin", old)
    stall = Fault("stall", at=100_000)
    server.fault("/f/data.bin", stall)
    item = make_item("item", {"data": asset(href)})  # no size or checksum: trust the server

    async def scenario():
        engine = new_engine(tmp_path)
        engine.start()
        job = engine.add_asset(item, "data")
        await wait_for(lambda: server.bytes_sent("/f/data.bin") == 100_000)
        server.put("/f/data.bin", new)  # a new ETag
        stall.release.set()
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert job.state is JobState.DONE, job.error
    assert "changed on the server" in job.note
    gets = server.gets("/f/data.bin")
    assert gets[1].range == "bytes=100000-" and gets[1].status == 200
    assert final_file(tmp_path).read_bytes() == new
    restarted = job.state is JobState.DONE and gets[1].status == 200  # whole, not a 206
    record(request, tried=1, survived=int(restarted), lost=bytes_lost(final_file(tmp_path), new))


def test_idle_timeout_is_not_a_total_timeout(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(SIZE)
    stall = Fault("stall", at=50_000)  # never released: only the idle timeout ends it
    job = download_one(tmp_path, server, data, stall, idle_timeout=0.5)
    assert job.state is JobState.DONE, job.error
    assert [g.range for g in server.gets("/f/data.bin")] == [None, "bytes=50000-"]
    assert final_file(tmp_path).read_bytes() == data


def test_alternate_href_used_when_the_main_one_needs_credentials(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(5000)
    main = server.put("/private/data.bin", b"")
    server.fault("/private/data.bin", Fault("status", status=401))
    mirror = server.put("/public/data.bin", data)
    meta = asset(main, data, alternate={"mirror": {"href": mirror}})
    item = make_item("item", {"data": meta})

    async def scenario():
        engine = new_engine(tmp_path)
        engine.start()
        job = engine.add_asset(item, "data")
        await settle(engine, [job])
        await engine.close()
        return job

    job = run(scenario)
    assert job.state is JobState.DONE, job.error
    assert job.source == mirror and "alternate" in job.note and "HTTP 401" in job.note
    assert Path(job.dest).read_bytes() == data


def test_local_and_unknown_hrefs_are_never_read(tmp_path: Path, server: FlakyFileServer) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not copy me")
    item = make_item(
        "item",
        {
            "local": asset(secret.as_uri()),
            "relative": asset("../../secret.txt"),
            "ftp": asset("ftp://example.invalid/x.tif"),
        },
    )
    item["links"] = [{"rel": "self", "href": (tmp_path / "item.json").as_uri()}]

    async def scenario():
        engine = new_engine(tmp_path)
        engine.start()
        jobs = engine.add_items([item])
        await settle(engine, jobs)
        await engine.close()
        return jobs

    local, relative, ftp = run(scenario)
    assert local.state is relative.state is ftp.state is JobState.FAILED
    assert "Local file hrefs are not downloaded" in local.error
    assert "Local file hrefs are not downloaded" in relative.error
    assert "Unsupported href scheme ftp" in ftp.error
    assert not [p for p in (tmp_path / "downloads").rglob("*") if p.is_file()]


def test_credentials_never_follow_a_redirect_to_another_host(
    request: pytest.FixtureRequest, tmp_path: Path, server: FlakyFileServer
) -> None:
    data = make_bytes(5000)
    with FlakyFileServer() as other:
        target = other.put("/elsewhere.bin", data)
        href = server.put("/start.bin", b"")
        server.fault("/start.bin", Fault("redirect", location=target))
        own_host = server.url.split("//")[1]

        def credentials(url: str) -> dict[str, str]:
            if url.split("/")[2] == own_host:
                return {"Authorization": "Bearer secret", "X-Api-Key": "k"}
            return {}

        item = make_item("item", {"data": asset(href, data)})

        async def scenario():
            engine = new_engine(tmp_path, credentials=credentials)
            engine.start()
            job = engine.add_asset(item, "data")
            await settle(engine, [job])
            await engine.close()
            return job

        job = run(scenario)
        assert job.state is JobState.DONE, job.error
        first = server.gets("/start.bin")[0]
        assert first.headers["authorization"] == "Bearer secret"
        moved = other.gets("/elsewhere.bin")[0]
        assert "authorization" not in moved.headers and "x-api-key" not in moved.headers
        leaked = [h for h in ("authorization", "x-api-key") if h in moved.headers]
    record(request, tried=1, survived=int(not leaked), lost=len(leaked))


def test_global_and_per_host_limits(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(10_000)
    stalls = []
    items = []
    for n in range(6):
        href = server.put(f"/s/{n}.bin", data)
        stall = Fault("stall", at=1000)
        stalls.append(stall)
        server.fault(f"/s/{n}.bin", stall)
        items.append(make_item(f"i{n}", {"data": asset(href, data)}))
    with FlakyFileServer() as other:
        other_href = other.put("/o.bin", data)
        other_stall = Fault("stall", at=1000)
        other.fault("/o.bin", other_stall)
        items.append(make_item("other", {"data": asset(other_href, data)}))

        async def scenario():
            engine = new_engine(tmp_path, max_concurrent=3, per_host=2)
            engine.start()
            jobs = engine.add_items(items)
            await wait_for(lambda: len(engine._tasks) == 3)
            await wait_for(
                lambda: (
                    len([h for h in server.hits if h.method == "GET"]) == 2
                    and any(h.method == "GET" for h in other.hits)
                )
            )
            await asyncio.sleep(0.2)  # room for a wrong third request to the first host
            running = [j for j in jobs if j.state is JobState.RUNNING]
            # Two from the first host (its limit), the third slot goes to the other host.
            assert [j.item_id for j in running] == ["i0", "i1", "other"]
            assert len([h for h in server.hits if h.method == "GET"]) == 2
            for stall in [*stalls, other_stall]:
                stall.release.set()
            await settle(engine, jobs)
            await engine.close()
            return jobs

        jobs = run(scenario)
    assert all(j.state is JobState.DONE for j in jobs), [j.error for j in jobs]


def test_pause_resume_cancel_retry(tmp_path: Path, server: FlakyFileServer) -> None:
    data = make_bytes(SIZE)
    href_a = server.put("/a.bin", data)
    href_b = server.put("/b.bin", data)
    stall_a, stall_b = Fault("stall", at=100_000), Fault("stall", at=100_000)
    server.fault("/a.bin", stall_a)
    server.fault("/b.bin", stall_b)
    items = [
        make_item("a", {"data": asset(href_a, data)}),
        make_item("b", {"data": asset(href_b, data)}),
    ]

    async def scenario():
        engine = new_engine(tmp_path)
        engine.start()
        a, b = engine.add_items(items)
        await wait_for(lambda: a.part_path.exists() and a.part_path.stat().st_size == 100_000)
        await wait_for(lambda: b.part_path.exists() and b.part_path.stat().st_size == 100_000)
        engine.pause([a.id])
        engine.cancel([b.id])
        await wait_for(lambda: not engine._tasks)
        assert a.state is JobState.PAUSED and a.part_path.stat().st_size == 100_000
        assert b.state is JobState.CANCELLED and not b.part_path.exists()
        engine.resume([a.id])
        engine.retry([b.id])
        await settle(engine, [a, b])
        await engine.close()
        return a, b

    a, b = run(scenario)
    assert a.state is b.state is JobState.DONE
    ranges = [g.range for g in server.gets("/a.bin")]
    # resumed, never restarted from 0 (a slow machine may retry the resumed request)
    assert ranges[0] is None and ranges[1:] and set(ranges[1:]) == {"bytes=100000-"}
    assert [g.range for g in server.gets("/b.bin")] == [None, None]
    assert Path(a.dest).read_bytes() == data == Path(b.dest).read_bytes()


def test_duplicate_file_names_across_assets_and_items(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    one, two = make_bytes(1000, seed=1), make_bytes(1000, seed=2)
    href_one = server.put("/x/data.tif", one)
    href_two = server.put("/y/data.tif", two)
    item = make_item("item", {"a": asset(href_one, one), "b": asset(href_two, two)})
    flat = "{dest}/{filename}"
    other = make_item("other", {"a": asset(href_one, one)})

    async def scenario():
        engine = new_engine(tmp_path, template=flat)
        engine.start()
        jobs = engine.add_items([item, other])
        again = engine.add_asset(item, "a")  # the same asset twice is one job
        assert again is jobs[0]
        await settle(engine, jobs)
        await engine.close()
        return jobs

    a, b, c = run(scenario)
    names = [Path(j.dest).name for j in (a, b, c)]
    assert names == ["data.tif", "data-b.tif", "data-a.tif"]
    assert Path(a.dest).read_bytes() == one and Path(b.dest).read_bytes() == two
    assert Path(c.dest).read_bytes() == one


def test_hostile_names_stay_inside_the_download_folder(
    tmp_path: Path, server: FlakyFileServer
) -> None:
    data = b"payload"
    href = server.put("/evil/..%2F..%2Fescape.tif", data)
    items = [
        make_item("../../../../tmp/evil", {"../k": asset(href, data)}, collection="../.."),
        make_item("/etc/passwd", {"CON": asset(href, data)}, collection="C:\\Windows"),
        make_item("~", {"a\x00b": asset(href, data)}, collection="NUL"),
    ]

    async def scenario():
        engine = new_engine(tmp_path)
        engine.start()
        jobs = engine.add_items(items)
        await settle(engine, jobs)
        await engine.close()
        return jobs

    jobs = run(scenario)
    root = (tmp_path / "downloads").resolve()
    assert all(j.state is JobState.DONE for j in jobs), [j.error for j in jobs]
    for job in jobs:
        assert Path(job.dest).resolve().is_relative_to(root)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "data" not in p.parts]
    assert all(p.resolve().is_relative_to(root) for p in written), written
