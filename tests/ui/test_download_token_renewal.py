"""The window's download engine renews an OpenID Connect token a file server refused (401) and
asks for the file again: the engine the window makes (``make_engine``) over the open catalog's
credentials, against the real provider (tests/servers/oidc_provider.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from stacdesk.config import app_paths
from stacdesk.core.auth import AuthSettings
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.downloads.jobs import DownloadJob, JobState
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.downloads.downloads_setup import make_engine
from tests.core.downloads.conftest import asset, make_item, run, settle
from tests.integration.oidc_support import CLIENT, ProxyFactory, bearer, login
from tests.servers.flaky_files import FlakyFileServer, make_bytes
from tests.servers.hooks import fail
from tests.servers.oidc_provider import OidcProvider
from tests.servers.proxy import ReverseProxy


def test_the_window_s_engine_renews_a_refused_token_and_asks_again(
    oidc_provider: OidcProvider, rustac_api: str, make_proxy: ProxyFactory, tmp_path: Path
) -> None:
    data = make_bytes(150_000)
    seen: list[str] = []
    with FlakyFileServer() as files:
        files.put("/protected/scene.tif", data)
        refuse_once = fail(401, path="/protected/scene.tif", times=1)
        with ReverseProxy(files.url, before=[refuse_once, oidc_provider.protect(seen)]) as store:
            api = make_proxy(rustac_api, before=[oidc_provider.protect()])
            auth = AuthSettings(
                "oidc",
                issuer=oidc_provider.issuer,
                token_url=oidc_provider.token_url,
                client_id=CLIENT,
                extra_hosts=(store.url,),  # the assets' host gets the token too
            )
            book = ConnectionBook(app_paths().connections_file)
            refresh = login(oidc_provider).get("refresh_token") or ""
            lab = book.put(Connection("lab", api.url, auth=auth), {"refresh_token": refresh})
            settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
            item = make_item("scene", {"data": asset(f"{store.url}/protected/scene.tif", data)})

            async def scenario() -> DownloadJob:
                workspace = Workspace(book)
                await workspace.open(lab)
                assert workspace.auth is not None
                engine = make_engine(settings, workspace, tmp_path / "downloads")
                engine.start()
                job = engine.add_asset(item, "data")
                await settle(engine, [job])
                await engine.close()
                workspace.close()
                return job

            job = run(scenario)
            gets = store.requests.filter("GET", "/protected/scene.tif")
    assert job.state is JobState.DONE, job.error
    assert Path(job.dest).read_bytes() == data
    assert len(gets) == 2 and seen == [bearer(gets[1])]
    assert bearer(gets[0]) != bearer(gets[1])  # asked again with a renewed token
