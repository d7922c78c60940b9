"""The item details panel: properties grouped by extension, assets with sizes and checksums,
links, searchable JSON, copy buttons — on the sample catalog's real-shaped items and odd ones."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchState
from stacdesk.ui.item_panel import ASSET_COLUMNS
from stacdesk.ui.main_window import MainWindow


def select_first(qtbot, window: MainWindow, collection: str) -> dict:
    window.search_panel.open_sample()
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    window.workspace.run_search(SearchQuery(collections=(collection,), limit=5))
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state in (SearchState.MORE, SearchState.DONE), timeout=20000)
    window.results_panel.list_view.setCurrentIndex(window.results_panel.model.index(0))
    return session.store.item(window.workspace.selected_row)


def children(panel, title: str) -> dict[str, str]:
    tree = panel.properties
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        if group.text(0) == title:
            return {
                group.child(j).text(0): group.child(j).text(1) for j in range(group.childCount())
            }
    raise AssertionError(f"no group {title!r} in {panel.group_titles()}")


def test_sentinel2_details_grouped_with_units_assets_and_links(qtbot, window: MainWindow) -> None:
    item = select_first(qtbot, window, "sentinel-2-l2a")
    panel = window.item_panel
    titles = panel.group_titles()
    assert titles[0] == "General"
    for expected in ("Electro-optical (eo)", "Projection (proj)", "Sentinel-2 (s2)"):
        assert expected in titles
    general = children(panel, "General")
    assert general["datetime"].endswith(" UTC") and next(iter(general)) == "datetime"
    assert children(panel, "Electro-optical (eo)")["eo:cloud_cover"].endswith(" %")
    s2 = children(panel, "Sentinel-2 (s2)")
    assert s2["s2:vegetation_percentage"].endswith(" %")
    assert s2["s2:mean_solar_zenith"].endswith("°")

    table = panel.assets
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == list(ASSET_COLUMNS)
    assert table.rowCount() == len(item["assets"])
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    b02 = rows["B02"]
    size = item["assets"]["B02"]["file:size"]
    shown_size = table.item(b02, ASSET_COLUMNS.index("Size")).text()
    assert shown_size.endswith(" MiB") and abs(float(shown_size.split()[0]) - size / 2**20) < 0.06
    checksum = table.item(b02, ASSET_COLUMNS.index("Checksum")).text()
    assert checksum == item["assets"]["B02"]["file:checksum"]
    assert table.item(b02, ASSET_COLUMNS.index("Roles")).text() == "data, reflectance"
    table.selectRow(b02)
    panel.assets_view.copy_button.click()
    assert QGuiApplication.clipboard().text() == item["assets"]["B02"]["href"]
    assert panel.links.rowCount() == len(item["links"])

    with qtbot.waitSignal(panel.asset_download_requested) as signal:
        panel.download_action.trigger()
    assert signal.args == [window.workspace.selected_row, "B02"]


def test_json_tab_is_pretty_and_searchable(qtbot, window: MainWindow) -> None:
    item = select_first(qtbot, window, "sentinel-1-grd")
    raw = window.item_panel.raw
    text = raw.toPlainText()
    assert text.startswith("{\n  ") and f'"id": "{item["id"]}"' in text
    raw.find_edit.setText("sar:polarizations")
    assert raw.match_count == 1
    assert raw.selected_text() == "sar:polarizations"
    raw.find_edit.setText("href")
    assert raw.match_count >= len(item["assets"])
    first = raw.text.textCursor().position()
    raw.find_next()
    assert raw.text.textCursor().position() > first
    raw.find_edit.setText("no such text anywhere")
    assert raw.match_count == 0 and raw.matches_label.text() == "none"


def test_odd_items_show_readable_values(qtbot, window: MainWindow) -> None:
    panel = window.item_panel
    panel.show_item(
        {
            "id": "<b>not bold</b>",
            "properties": ["not", "a", "dict"],
            "assets": {"a": "text", "b": {"href": 5, "file:size": "big"}},
            "links": "nope",
        }
    )
    assert "&lt;b&gt;" in panel.title.text()
    assert panel.properties.topLevelItemCount() == 0
    assert panel.assets.rowCount() == 2 and panel.links.rowCount() == 0
    panel.show_item(
        {"id": "x", "properties": {"datetime": "yesterday", "eo:cloud_cover": None, "k": {}}}
    )
    general = children(panel, "General")
    assert general["datetime"] == "yesterday" and general["k"] == "{}"
    panel.show_item(None)
    assert panel.raw.toPlainText() == ""


def test_a_long_property_key_leaves_room_for_the_values(qtbot, window: MainWindow) -> None:
    panel = window.item_panel
    long_key = "vendor:" + "a_very_long_property_name_" * 6
    panel.show_item({"id": "x", "properties": {"datetime": "2025-06-01T00:00:00Z", long_key: 1}})
    tree = panel.properties
    assert tree.columnWidth(0) <= max(120, tree.viewport().width() // 2)
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    keys = [group.child(j) for group in groups for j in range(group.childCount())]
    assert [k.toolTip(0) for k in keys if k.text(0) == long_key] == [long_key]
