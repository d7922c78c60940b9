"""Downloads from the item details are visible actions (a Download button for the selected
assets, "Download checked" for the ticked ones), the offline sample's own files download, and
a failed row says why in a column a narrow downloads dock still shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.downloads.jobs import JobState
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.results.store import ResultBatch
from stacdesk.resources import resource_path
from stacdesk.ui.downloads.downloads_model import STATE
from stacdesk.ui.main_window import MainWindow
from tests.core.downloads.conftest import asset, make_item
from tests.servers.flaky_files import FlakyFileServer, make_bytes

SAMPLE_SCENE = "S2C_MSIL2A_20250623T101033_N0511_R022_T33UUR_20250623T121354"


@pytest.fixture
def server() -> Iterator[FlakyFileServer]:
    with FlakyFileServer() as flaky:
        yield flaky


def show(window: MainWindow, items: list[dict]) -> None:
    window.workspace.search.store.append(ResultBatch.from_features(items))
    window.workspace.select(0)


def asset_row(window: MainWindow, key: str) -> int:
    table = window.item_panel.assets
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == key)


def test_download_buttons_for_the_selected_and_the_checked_assets(
    qtbot, window: MainWindow, server: FlakyFileServer
) -> None:
    data = {key: make_bytes(5000 + n, seed=n) for n, key in enumerate(("B02", "B03", "B04"))}
    item = make_item("S2", {k: asset(server.put(f"/{k}.tif", d), d) for k, d in data.items()})
    show(window, [item])
    panel = window.item_panel
    panel.tabs.setCurrentWidget(panel.assets_view)
    for button in (panel.download_button, panel.download_checked_button):
        assert button.isVisibleTo(panel)
    assert not panel.download_button.isEnabled() and not panel.download_checked_button.isEnabled()

    panel.assets.selectRow(asset_row(window, "B02"))
    assert panel.download_button.isEnabled()
    panel.download_button.click()
    for key in ("B03", "B04"):
        panel.assets.item(asset_row(window, key), 0).setCheckState(Qt.CheckState.Checked)
    assert panel.download_checked_button.text() == "Download checked (2)"
    panel.download_checked_button.click()

    engine = window.downloads_engine
    qtbot.waitUntil(lambda: len(engine.jobs) == 3)
    jobs = {job.asset_key: job for job in engine.jobs.values()}
    qtbot.waitUntil(lambda: all(j.state is JobState.DONE for j in jobs.values()), timeout=20000)
    for key, job in jobs.items():
        assert Path(job.dest).read_bytes() == data[key]


def test_the_offline_samples_thumbnail_and_bands_download(qtbot, window: MainWindow) -> None:
    folder = resource_path("sample-catalog")
    sample = LocalCatalog.open(folder, "Sample catalog (offline)")
    window.workspace.catalog = sample
    window.workspace.catalog_changed.emit()
    rows = sample.matching_rows(SearchQuery(ids=(SAMPLE_SCENE,)))
    show(window, [sample.item(int(rows[0]))])
    panel = window.item_panel
    for key in ("thumbnail", "B04", "SCL"):
        panel.assets.item(asset_row(window, key), 0).setCheckState(Qt.CheckState.Checked)
    panel.download_checked_button.click()
    engine = window.downloads_engine
    qtbot.waitUntil(lambda: len(engine.jobs) == 3)
    qtbot.waitUntil(lambda: all(j.state.finished for j in engine.jobs.values()), timeout=20000)
    assert {j.asset_key: j.state for j in engine.jobs.values()} == dict.fromkeys(
        ("thumbnail", "B04", "SCL"), JobState.DONE
    ), [j.error for j in engine.jobs.values()]


def test_a_failed_row_shows_its_reason_in_view(
    qtbot, window: MainWindow, server: FlakyFileServer
) -> None:
    data = make_bytes(3000)
    href = server.put("/gone.tif", data)
    del server.files["/gone.tif"]
    show(window, [make_item("I", {"data": asset(href, data)})])
    window.item_panel.assets.selectRow(0)
    window.item_panel.download_button.click()
    downloads = window.downloads_panel
    qtbot.waitUntil(lambda: downloads.model.rowCount() == 1)
    job = downloads.model.job(0)
    qtbot.waitUntil(lambda: job.state is JobState.FAILED, timeout=20000)

    table = downloads.table
    table.resize(520, 200)  # a narrow dock
    index = downloads.model.index(0, STATE)
    assert index.data() == "Failed: Not found on the server (HTTP 404)"
    assert "Not found on the server (HTTP 404)" in index.data(Qt.ItemDataRole.ToolTipRole)
    cell = table.visualRect(index)
    assert cell.left() >= 0 and cell.left() + 150 <= table.viewport().width()
