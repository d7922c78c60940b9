"""Search a real STAC API server, download assets of the results from the real asset server,
and check the download folder is a STAC catalog that pystac can walk with local hrefs.

The generated catalog's Landsat thumbnails are real files on the asset server; the test drops
their ``file:size`` and ``file:checksum``, as Planetary Computer publishes previews, so they are
verified against Content-Length. Data assets point at files that don't exist, so those rows fail
with "Not found" while the rest of the queue completes.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pystac

from stacdesk.core.catalogs.api_catalog import ApiCatalog
from stacdesk.core.downloads.assets import pick_assets, total_size
from stacdesk.core.downloads.engine import DownloadEngine, EngineSettings
from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.downloads.store import JobStore
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchSession
from tests.servers.assets import AssetServer

PREVIEW = "thumbnail"


def test_search_then_download_thumbnails_into_a_stac_catalog(
    rustac_api: str, asset_server: AssetServer, tmp_path: Path
) -> None:
    async def scenario():
        catalog = ApiCatalog.open(rustac_api)
        session = SearchSession()
        await session.start(catalog, SearchQuery(collections=("landsat-c2-l2",), limit=3))
        items = [session.store.item(row) for row in range(3)]
        for item in items:  # a preview without size or checksum in the catalog
            item["assets"][PREVIEW].pop("file:size", None)
            item["assets"][PREVIEW].pop("file:checksum", None)
        assert total_size(items, keys=[PREVIEW]) == (0, 0, 3)  # sizes not in the catalog
        data_key = next(k for k in pick_assets(items[0]) if k != PREVIEW)

        store = JobStore(tmp_path / "data" / "downloads.sqlite3")
        engine = DownloadEngine(store, EngineSettings(folder=tmp_path / "dl", backoff_base=0.01))
        engine.start()
        thumbs = engine.add_items(items, keys=[PREVIEW])
        missing = engine.add_asset(items[0], data_key)
        jobs = [*thumbs, missing]
        while not all(j.state.finished for j in jobs):
            await asyncio.sleep(0.02)
        await engine.close()
        return items, thumbs, missing

    asset_server.requests.clear()
    items, thumbs, missing = asyncio.run(scenario())
    assert [j.state for j in thumbs] == [JobState.DONE] * 3, [j.error for j in thumbs]
    for job in thumbs:
        served = asset_server.root / "assets" / "thumbnails" / job.href.rsplit("/", 1)[1]
        assert Path(job.dest).read_bytes() == served.read_bytes()
    assert missing.state is JobState.FAILED and "Not found" in missing.error
    # Nothing but the requested assets was asked of the asset server.
    assert len(asset_server.requests.filter(method="GET")) == 4

    root = pystac.Catalog.from_file(str(tmp_path / "dl" / "catalog.json"))
    local_items = {item.id: item for item in root.get_items(recursive=True)}
    assert set(local_items) == {item["id"] for item in items}
    for item in local_items.values():
        href = item.assets[PREVIEW].get_absolute_href()
        assert href is not None and Path(href).is_file()
        assert Path(href).resolve().is_relative_to((tmp_path / "dl").resolve())
        # Assets that were not downloaded keep their remote hrefs.
        others = [a.href for k, a in item.assets.items() if k != PREVIEW]
        assert others and all(h.startswith("http://127.0.0.1") for h in others)
