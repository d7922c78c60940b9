"""Several catalogs from the window (issue #19): chosen under "Also search", one row per product
naming how many catalogs hold it, each catalog's count and error with a Retry, a Sources tab with
every copy, and the choice remembered for the next run."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QDate

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.export.asset_choice import AssetChoice
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.results.delegate import row_details
from stacdesk.ui.search.collection_matching_dialog import CollectionMatchingDialog
from tests.servers.overlapping_catalogs import COLLECTIONS, THIRDS_S2, Copies
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response
from tests.servers.rustac import RustacServer


def test_the_window_searches_chosen_catalogs_together_and_retries_a_failed_one(
    qtbot,
    tmp_path: Path,
    window: MainWindow,
    make_proxy,
    rustac_api: str,
    other_catalogs: tuple[RustacServer, RustacServer],
    copies: Copies,
) -> None:
    second, third = other_catalogs
    down = [True]

    def outage(request: RecordedRequest) -> Response | None:
        if down[0] and request.path.rstrip("/").endswith("/search"):
            return Response.json_body({"code": 503, "description": "down for maintenance"}, 503)
        return None

    flaky = make_proxy(second.url, before=[outage])
    workspace = window.workspace
    book = workspace.book
    book.custom += [
        Connection("first", rustac_api),
        Connection("second", flaky.url),
        Connection("third", third.url),
    ]
    book.save()
    chooser = window.search_panel.catalog_chooser
    chooser.reload_connections()
    chooser.open_connection(book.find("first"))
    qtbot.waitUntil(lambda: workspace.catalog is not None, timeout=20000)

    button = chooser.others_button
    assert button.text() == "Also search: no other catalog"
    button.menu_.aboutToShow.emit()
    actions = {a.text(): a for a in button.menu_.actions() if a.isCheckable()}
    assert "first" not in actions  # the open catalog is always searched
    actions["second"].setChecked(True)
    actions["third"].setChecked(True)
    assert button.text() == "Also search: second, third"
    assert window.settings.value("search/also") == ["second", "third"]

    panel = window.search_panel
    panel.collections.set_checked(set(COLLECTIONS))
    panel.from_check.setChecked(True)
    panel.to_check.setChecked(True)
    panel.from_date.setDate(QDate(2023, 2, 1))
    panel.to_date.setDate(QDate(2023, 2, 28))
    panel.page_size.setValue(25)
    window.run_search()
    several = workspace.several
    assert workspace.search is several
    status = window.results_panel.source_status
    # every catalog is shown loading while the others are still being opened
    assert [s.name for s in several.sources] == ["first", "second", "third"]
    assert status.isVisible() and status.text().count("loading…") == 3
    qtbot.waitUntil(lambda: several.state is not SearchState.LOADING, timeout=30000)
    paging = asyncio.ensure_future(several.load_all())
    qtbot.waitUntil(paging.done, timeout=30000)
    assert {s.state for s in several.sources} == {SearchState.DONE, SearchState.FAILED}
    assert "second: 0 — " in status.text() and "down for maintenance" in status.text()
    assert "retry:second" in status.text()
    assert f"first: {len(copies.originals):,} — complete" in status.text()
    assert "no answer from second: Retry is above the results" in window.status_text.text()

    down[0] = False
    status.linkActivated.emit("retry:second")
    qtbot.waitUntil(lambda: several.sources[1].state is not SearchState.LOADING, timeout=30000)
    paging = asyncio.ensure_future(several.load_all())
    qtbot.waitUntil(paging.done, timeout=30000)
    assert several.state is SearchState.DONE
    assert "retry:" not in status.text()

    expected = copies.expected_rows()
    model = window.results_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == len(expected), timeout=10000)
    assert len(several.store) == len(expected)
    shared = [row for row in range(model.rowCount()) if len(several.product_copies(row)) > 1]
    assert len(shared) == sum(1 for r in expected if len(r) > 1)
    row = shared[0]
    index = model.index(row, 0)
    held = len(several.product_copies(row))
    assert row_details(index)[0] == f"{held} catalogs"

    workspace.select(row)
    item_panel = window.item_panel
    qtbot.waitUntil(lambda: item_panel.tabs.isTabVisible(item_panel.sources_tab))
    sources = item_panel.sources_view.table
    assert sources.rowCount() == held
    names = {sources.item(r, 0).text() for r in range(held)}
    assert "first" in names and names <= {"first", "second", "third"}
    assert "stacdesk:sources" in item_panel.item["properties"]

    # what is downloaded and exported is the merged product, with every source's hrefs
    merged = workspace.item(row)
    assert len(merged["properties"]["stacdesk:sources"]) == held
    assert any("alternate" in asset for asset in merged["assets"].values())
    path = tmp_path / "products.ndjson"
    export = window.exports.start_export(
        list(range(model.rowCount())), path, "ndjson", AssetChoice()
    )
    qtbot.waitUntil(export.done, timeout=20000)
    lines = path.read_text().splitlines()
    assert len(lines) == len(expected)
    assert sum('"stacdesk:sources"' in line for line in lines) == len(expected)


def test_collection_matches_are_shown_edited_and_remembered(
    qtbot,
    window: MainWindow,
    rustac_api: str,
    other_catalogs: tuple[RustacServer, RustacServer],
) -> None:
    from stacdesk.core.catalogs.connections import ConnectionBook
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.ui.search.collection_matching_dialog import NOT_SEARCHED

    second, third = other_catalogs
    workspace = window.workspace
    workspace.book.custom += [
        Connection("first", rustac_api),
        Connection("second", second.url),
        Connection("third", third.url),
    ]
    workspace.book.save()
    chooser = window.search_panel.catalog_chooser
    chooser.reload_connections()
    chooser.open_connection(workspace.book.find("first"))
    qtbot.waitUntil(lambda: workspace.catalog is not None, timeout=20000)
    chooser.others_button.choose_names(["second", "third"])
    window.search_panel.collections.set_checked({"sentinel-2-l2a"})

    chooser.others_button.menu_.aboutToShow.emit()
    match = next(
        a for a in chooser.others_button.menu_.actions() if a.text() == "Match collections…"
    )
    match.trigger()
    dialog = window.search_panel.findChild(CollectionMatchingDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.loading.done, timeout=20000)
    combo, choices = dialog.cells[("third", "sentinel-2-l2a")]
    assert combo.currentText() == f"Proposed: {THIRDS_S2}"  # matched by what it holds
    assert dialog.cells[("second", "sentinel-2-l2a")][0].currentText() == "Proposed: sentinel-2-l2a"
    combo.setCurrentIndex(choices.index(()))
    assert combo.currentText() == NOT_SEARCHED
    dialog.accept()

    again = Workspace(ConnectionBook(workspace.book.path))  # the next run reads the choice
    assert again.others.overrides.of("third") == {"sentinel-2-l2a": ()}
    window.run_search()
    several = workspace.several
    qtbot.waitUntil(
        lambda: bool(several.sources) and several.state is not SearchState.LOADING, timeout=30000
    )
    assert any(
        "third: sentinel-2-l2a is searched as nothing (your choice)" in n for n in several.notes
    )
    assert "third" not in [s.name for s in several.sources]  # it holds nothing else asked for
