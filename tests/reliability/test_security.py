"""Security: names from a catalog never write outside the download folder; local files are never
read for a remote catalog (asset hrefs and thumbnails, redirects included); secrets live only in
the keyring (not in settings, the download queue, the catalog written, logs or the command's
output). Credentials and redirects: tests/integration/test_auth.py, test_search_pages.py."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from stacdesk.app import main
from stacdesk.config import app_paths
from stacdesk.core.auth import AuthSettings
from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.opening import open_catalog
from stacdesk.core.downloads.catalog_writer import item_json_path, reserved_paths
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.downloads.layout import Layout, filename_for
from stacdesk.core.search.session import SearchState, search_to_end
from stacdesk.core.thumbnails.service import ThumbnailService
from stacdesk.core.thumbnails.values import ThumbnailSettings
from tests.core.downloads.conftest import asset, make_item, new_engine, run, settle
from tests.reliability.faults import QUERY, files_under
from tests.reliability.ledger import bytes_lost, record, run_property
from tests.servers.flaky_files import Fault, FlakyFileServer
from tests.servers.hooks import require_header, rewrite_json
from tests.servers.proxy import ReverseProxy

REPO = Path(__file__).resolve().parents[2]
HOSTILE = [
    "..", "../..", "../../../../tmp/evil", "/etc/passwd", "C:\\Windows\\system32",
    "\\\\server\\share", "~", "~root/.ssh", "a\x00b", "CON", "nul.txt", "LPT1", "COM¹",
    "aux.tar.gz", " . ", ".",
    "x" * 600, "é" * 300, "dir/../../up", "%2e%2e%2f%2e%2e", "con:stream", "trailing. ",
]  # fmt: skip
names = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.sampled_from("./\\~:\x00\x1f CONULPT1é%2ef*?<>|"), max_size=40),
    st.text(max_size=300),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(collection=names, item_id=names, key=names, href_name=names)
def paths_stay_inside(
    tmp_path: Path, collection: str, item_id: str, key: str, href_name: str
) -> None:
    """The asset file, its .part and the item's catalog JSON, for any names at all."""
    root = (tmp_path / "dest").resolve()
    href = f"https://example.invalid/files/{quote(href_name, safe='/')}"
    dest = Layout().path(root, collection, item_id, key, filename_for(href, key))
    job = DownloadJob(item_id=item_id, collection=collection, asset_key=key, href=href,
                      dest=str(dest), root=str(root))  # fmt: skip
    for path in (dest, job.part_path, item_json_path(job), *map(Path, reserved_paths(job))):
        assert Path(os.path.abspath(path)).is_relative_to(root), path
        assert all(0 < len(part.encode()) <= 255 for part in Path(path).relative_to(root).parts)
        assert "\x00" not in str(path)


def test_every_path_a_download_writes_is_inside_the_folder(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Tried: the generated names run (hypothesis' max_examples); lost: the runs that failed."""
    runs = run_property(paths_stay_inside, tmp_path)
    record(request, tried=runs.tried, survived=runs.survived, lost=runs.lost)


def test_hostile_items_download_inside_the_folder_end_to_end(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Real downloads of items named with every hostile value: all done, nothing outside."""
    items = []
    with FlakyFileServer() as server:
        for n, name in enumerate(HOSTILE):
            leaf = quote(name, safe="") if name.strip(". ") else ""  # "/.." would be normalised
            href = server.put(f"/h/{n}/{leaf}", b"payload %d" % n)
            items.append(make_item(name, {name or "k": asset(href, b"payload %d" % n)}, name))

        async def scenario():
            engine = new_engine(tmp_path)
            engine.start()
            jobs = engine.add_items(items)
            await settle(engine, jobs)
            await engine.close()
            return jobs

        before = set(files_under(tmp_path))
        jobs = run(scenario)
    root = (tmp_path / "downloads").resolve()
    assert [j.state for j in jobs] == [JobState.DONE] * len(items), [j.error for j in jobs]
    written = set(files_under(tmp_path)) - before
    outside = [p for p in written if not p.resolve().is_relative_to(root)]
    assert [p.name for p in outside] == ["downloads.sqlite3"] or all(
        p.parent == tmp_path / "data" for p in outside
    ), outside
    assert len({j.dest for j in jobs}) == len(jobs)
    inside = [
        j for j in jobs if j.state is JobState.DONE and Path(j.dest).resolve().is_relative_to(root)
    ]
    payloads = {j.item_id: b"payload %d" % HOSTILE.index(j.item_id) for j in jobs}
    lost = sum(bytes_lost(Path(j.dest), payloads[j.item_id]) for j in jobs)
    record(request, tried=len(items), survived=len(inside), lost=lost)


def test_local_hrefs_from_a_remote_catalog_are_never_read(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: Callable[..., ReverseProxy],
    tmp_path: Path,
) -> None:
    """A remote catalog's items point at local files (file://, absolute, relative, and a
    redirect to file://): no download and no thumbnail reads them."""
    secret = tmp_path / "secret.png"
    Image.new("RGB", (4, 4), "red").save(secret)
    with FlakyFileServer() as redirector:
        redirector.put("/r.png", b"")
        redirector.fault("/r.png", *[Fault("redirect", location=secret.as_uri())] * 4)
        hrefs = [secret.as_uri(), str(secret), "../../../../../" + str(secret), "file:secret.png",
                 f"{redirector.url}/r.png"]  # fmt: skip

        def point_at_secret(page):
            for feature in page["features"]:
                feature["assets"] = {
                    f"a{n}": {"href": h, "roles": ["data"]} for n, h in enumerate(hrefs)
                }
                feature["assets"]["thumbnail"] = {"href": secret.as_uri(), "roles": ["thumbnail"]}
            return page

        proxy = make_proxy(rustac_api, after=[rewrite_json(point_at_secret, path="/search")])
        session = search_to_end(ApiCatalog.open(proxy.url), QUERY.with_changes(max_items=2))
        assert session.state is SearchState.DONE and len(session.store) == 2
        items = [session.store.item(row) for row in range(2)]

        async def scenario():
            engine = new_engine(tmp_path)
            engine.start()
            jobs = engine.add_items(items)
            await settle(engine, jobs)
            await engine.close()
            thumbs = ThumbnailService(ThumbnailSettings(), cache_dir=tmp_path / "thumbs")
            shown = [await thumbs.load(h) for h in [*hrefs, session.store.thumbnails[0]]]
            await thumbs.aclose()
            return jobs, shown

        jobs, shown = run(scenario)
    assert {j.state for j in jobs} == {JobState.FAILED}
    reasons = {j.error for j in jobs}
    for reason in reasons:  # paths resolve against the remote item's URL: asked there (404)
        assert any(w in reason for w in ("Local file", "unsupported", "HTTP 404")), reason
    assert not [p for p in files_under(tmp_path / "downloads") if p.suffix != ".json"]
    assert not any(t.ok for t in shown), [t.error for t in shown]
    refused = [j for j in jobs if j.state is JobState.FAILED] + [t for t in shown if not t.ok]
    left = [p for p in files_under(tmp_path / "downloads") if p.suffix != ".json"]
    record(request, tried=len(jobs) + len(shown), survived=len(refused), lost=len(left))


PASSWORD = "pw-Reliability-Secret-913"


def test_secrets_are_only_in_the_keyring(
    request: pytest.FixtureRequest,
    rustac_api: str,
    make_proxy: Callable[..., ReverseProxy],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A protected API and a protected asset host: search in-process and download with the
    command; the password is then grepped for in every file of the settings folder, the download
    folder (queue database and its WAL, catalog JSON), the logs and the command's output."""
    import base64

    value = "Basic " + base64.b64encode(f"ana:{PASSWORD}".encode()).decode()
    api = make_proxy(rustac_api, before=[require_header("authorization", value)])
    with FlakyFileServer() as files:
        href = files.put("/protected/B04.tif", b"II*\x00 tiff-ish")
        conn = Connection(
            "protected",
            api.url,
            auth=AuthSettings("basic", username="ana", extra_hosts=(files.url,)),
        )
        book = ConnectionBook(app_paths().connections_file)
        book.put(conn, {"password": PASSWORD})
        with caplog.at_level(logging.DEBUG):
            session = search_to_end(open_catalog(conn, book.secrets), QUERY)
        assert session.state is SearchState.DONE, session.error
        item = session.store.item(0)
        item["assets"] = {"data": {"href": href, "roles": ["data"]}}
        items = tmp_path / "items.ndjson"
        items.write_text(json.dumps(item) + "\n")
        dest = tmp_path / "scenes"
        with caplog.at_level(logging.DEBUG):  # the command as run in a shell, in-process
            code = main(["download", str(items), "--dest", str(dest), "--connection", "protected"])
        out = capsys.readouterr()
        assert code == 0, out.err
        assert {h.headers.get("authorization") for h in files.gets("/protected/B04.tif")} == {value}
    secret_texts = [PASSWORD, value.split(" ", 1)[1]]
    places = files_under(app_paths().config.parent) + files_under(dest)
    assert any(p.name.startswith(".stacdesk-downloads.sqlite3") for p in places)
    for secret in secret_texts:
        assert secret not in caplog.text
        assert secret not in out.out and secret not in out.err
        for path in places:
            assert secret.encode() not in path.read_bytes(), path
    found = [p for s in secret_texts for p in places if s.encode() in p.read_bytes()]
    found += [s for s in secret_texts if s in caplog.text + out.out + out.err]
    (tif,) = [p for p in places if p.name == "B04.tif"] or [dest / "B04.tif"]
    lost = len(found) + bytes_lost(tif, b"II*\x00 tiff-ish")  # secrets found, bytes missing
    record(request, tried=1, survived=int(not found), lost=lost)
