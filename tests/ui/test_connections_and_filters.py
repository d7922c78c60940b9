"""The connections dialog and the capability-aware search panel, on the real window and servers.

The dialog adds, tests, saves and opens a protected connection; the panel turns off (and
explains) what a server cannot do, and what it can do gives results equal to the truth.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from stacdesk.config import app_paths
from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.search.session import SearchState
from stacdesk.ui.connections.connection_dialog import ConnectionDialog
from stacdesk.ui.main_window import MainWindow
from tests.servers.auth_doubles import MemoryKeyring
from tests.servers.catalog import GeneratedCatalog, expected_ids, parse_rfc3339
from tests.servers.hooks import fail, require_header
from tests.servers.pgstac import PgstacServer
from tests.servers.proxy import ReverseProxy
from tests.servers.queryables import ensure_queryables

OPTICAL = {"sentinel-2-l2a", "landsat-c2-l2"}
TOKEN = "ui-Bearer-Token-42424242"
ProxyFactory = Callable[..., ReverseProxy]


@pytest.fixture
def pgstac_with_queryables(pgstac_server: PgstacServer) -> Iterator[str]:
    ensure_queryables(pgstac_server)
    yield pgstac_server.url


def open_catalog(qtbot, window: MainWindow, url: str, name: str = "test") -> None:
    window.search_panel.open_connection(Connection(name, url))
    qtbot.waitUntil(lambda: not window.workspace.opening, timeout=30000)
    assert window.workspace.catalog is not None, window.workspace.open_error


def choose(qtbot, window: MainWindow, collections: set[str]) -> None:
    """Tick collections and wait for their queryables (the panel loads them after a pause)."""
    panel = window.search_panel
    panel.collections.set_checked(collections)
    options = window.workspace.options
    qtbot.waitUntil(
        lambda: (
            options.queryables_for == tuple(panel.collections.checked_ids())
            and not options.queryables_loading
        ),
        timeout=20000,
    )


def search_to_the_end(qtbot, window: MainWindow) -> None:
    window.run_search()
    session = window.workspace.search
    task = session.fetch_more()  # the first page, in flight
    while True:
        qtbot.waitUntil(task.done, timeout=30000)
        if session.state is not SearchState.MORE:
            break
        task = session.fetch_more()
    assert session.state is SearchState.DONE, session.error


def set_years(window: MainWindow, first: int, last: int) -> None:
    panel = window.search_panel
    panel.from_check.setChecked(True)
    panel.to_check.setChecked(True)
    panel.from_date.setDate(QDate(first, 1, 1))
    panel.to_date.setDate(QDate(last, 12, 31))


def cloud_truth(cat: GeneratedCatalog, ids: set[str], maximum: float) -> set[str]:
    cloud = {i["id"]: i["properties"].get("eo:cloud_cover") for i in cat.items}
    return {i for i in ids if isinstance(cloud[i], int | float) and cloud[i] <= maximum}


def no_secret_on_disk(*secrets: str) -> None:
    root = app_paths().config.parent
    for path in (p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, path


# ---------------------------------------------------------------- the connections dialog


def dialog_of(qtbot, window: MainWindow) -> ConnectionDialog:
    qtbot.mouseClick(window.search_panel.catalog_chooser.manage_button, Qt.MouseButton.LeftButton)
    dialog = window.search_panel.catalog_chooser.connection_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_dialog_adds_tests_saves_and_opens_a_protected_connection(
    qtbot,
    window: MainWindow,
    rustac_api: str,
    make_proxy: ProxyFactory,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # pystac-client logs request headers at DEBUG
    api = make_proxy(rustac_api, before=[require_header("authorization", f"Bearer {TOKEN}")])
    dialog = dialog_of(qtbot, window)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.name_edit.setText("Protected")
    dialog.url_edit.setText(api.url)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("bearer"))
    assert dialog.secret_edits["token"].isVisibleTo(dialog)

    dialog.secret_edits["token"].setText("wrong-token-value")
    dialog.test()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and "Test" in dialog.status.text())
    assert "refused this connection's credentials" in dialog.status.text()
    assert "wrong-token-value" not in dialog.status.text()

    dialog.secret_edits["token"].setText(TOKEN)
    dialog.test()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Connected"), timeout=20000)
    assert "POST search" in dialog.status.text()

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.entries[("stacdesk", "token@Protected")] == TOKEN
    assert window.search_panel.catalog_chooser.connection_combo.findText("Protected") >= 0
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    assert window.workspace.connection is not None
    assert window.workspace.connection.name == "Protected"
    window.search_panel.from_check.setChecked(False)
    window.search_panel.to_check.setChecked(False)
    window.search_panel.page_size.setValue(10)
    window.run_search()
    qtbot.waitUntil(lambda: window.workspace.search.state is SearchState.MORE, timeout=20000)
    assert set(api.requests.header_values("authorization")[-3:]) == {f"Bearer {TOKEN}"}
    window.save_layout()
    no_secret_on_disk(TOKEN, "wrong-token-value")
    assert "Bearer ***" in caplog.text
    assert TOKEN not in caplog.text and "wrong-token-value" not in caplog.text

    # a saved connection shows its secret as stored, not its value; remove forgets it
    dialog.reload(select="Protected")
    assert dialog.secret_edits["token"].text() == ""
    assert "stored in the keyring" in dialog.secret_edits["token"].placeholderText()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert ("stacdesk", "token@Protected") not in memory_keyring.entries
    assert window.search_panel.catalog_chooser.connection_combo.findText("Protected") < 0


def test_dialog_trusts_a_self_signed_server_only_when_asked(
    qtbot, window: MainWindow, rustac_api: str, make_proxy: ProxyFactory, tmp_path
) -> None:
    from tests.servers.tls import make_self_signed

    api = make_proxy(rustac_api, tls=make_self_signed(tmp_path).server_context())
    dialog = dialog_of(qtbot, window)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.name_edit.setText("Lab")
    dialog.url_edit.setText(api.url)
    assert not dialog.trust_check.isChecked()  # verification is on by default
    dialog.test()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and bool(dialog.status.text()))
    assert "could not be verified" in dialog.status.text()
    assert "Trust this server's certificate" in dialog.status.text()

    dialog.trust_check.setChecked(True)
    dialog.test()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Connected"), timeout=20000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = window.workspace.book.find("Lab")
    assert saved is not None and saved.trust_certificate
    dialog.reload(select="Lab")
    assert dialog.trust_check.isChecked()


def test_dialog_rejects_an_incomplete_connection_inline(qtbot, window: MainWindow) -> None:
    dialog = dialog_of(qtbot, window)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    dialog.name_edit.setText("Half")
    dialog.url_edit.setText("stac.example.org")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Not saved" in dialog.status.text() and "http" in dialog.status.text()
    dialog.url_edit.setText("https://stac.example.org")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("api_key"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "header" in dialog.status.text()
    assert window.workspace.book.find("Half") is None
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert {"CESNET", "Copernicus Data Space", "USGS Landsat"} <= set(names)


# ---------------------------------------------------------------- the search panel


def reason_shown(label: Any) -> str:
    assert label.isVisibleTo(label.window()) or not label.window().isVisible()
    return label.text()


def test_rustac_controls_are_off_and_say_why(qtbot, window: MainWindow, rustac_api: str) -> None:
    open_catalog(qtbot, window, rustac_api)
    choose(qtbot, window, OPTICAL)
    filters = window.search_panel.filters
    assert not filters.cloud_slider.isEnabled() and not filters.cloud_check.isEnabled()
    assert "neither CQL2 filtering nor the query extension" in reason_shown(filters.cloud_reason)
    assert "neither CQL2" in filters.cloud_check.toolTip()
    assert not filters.sort_field.isEnabled()
    assert "does not declare sorting" in reason_shown(filters.sort_reason)
    assert not filters.cql2_edit.isEnabled()
    assert "CQL2 filtering" in reason_shown(filters.cql2_reason)
    assert not filters.form.isEnabled() and filters.form_reason.text()
    assert "POST search" in filters.capabilities_label.text()
    assert filters.ids_edit.isEnabled()  # every item search takes ids


def test_cloud_slider_filter_equals_truth_and_sort_is_applied(
    qtbot, window: MainWindow, pgstac_with_queryables: str, generated_catalog: GeneratedCatalog
) -> None:
    open_catalog(qtbot, window, pgstac_with_queryables)
    choose(qtbot, window, OPTICAL)
    panel, filters = window.search_panel, window.search_panel.filters
    assert filters.cloud_slider.isEnabled() and not filters.cloud_reason.isVisibleTo(window)
    assert "CQL2 filter" in filters.cloud_check.toolTip()
    set_years(window, 2018, 2024)
    panel.page_size.setValue(200)
    filters.cloud_slider.setValue(25)
    filters.cloud_check.setChecked(True)
    filters.sort_field.setCurrentIndex(filters.sort_field.findData("eo:cloud_cover"))
    filters.sort_order.setCurrentText("descending")
    query = panel.query()
    assert query.filter == {"op": "<=", "args": [{"property": "eo:cloud_cover"}, 25.0]}
    assert query.sortby == ("-eo:cloud_cover",)

    search_to_the_end(qtbot, window)
    session = window.workspace.search
    within = expected_ids(generated_catalog.items, OPTICAL, datetime=panel.date_range())
    truth = cloud_truth(generated_catalog, within, 25)
    assert truth and set(session.store.ids) == truth and session.store.duplicates == 0
    clouds = [session.store.item(r)["properties"]["eo:cloud_cover"] for r in range(len(truth))]
    assert clouds == sorted(clouds, reverse=True)
    assert session.notes == []
    assert f"of {len(truth):,} results" in window.results_panel.count_label.text()


def test_bad_cql2_shows_inline_error_and_search_still_runs(
    qtbot, window: MainWindow, pgstac_with_queryables: str, generated_catalog: GeneratedCatalog
) -> None:
    open_catalog(qtbot, window, pgstac_with_queryables)
    choose(qtbot, window, {"sentinel-2-l2a"})
    panel, filters = window.search_panel, window.search_panel.filters
    set_years(window, 2016, 2025)
    panel.page_size.setValue(300)
    filters.cql2_edit.setPlainText("eo:cloud_cover <")
    assert (
        "Invalid CQL2" in filters.cql2_status.text() and "column 17" in filters.cql2_status.text()
    )
    assert panel.search_button.isEnabled()
    search_to_the_end(qtbot, window)
    session = window.workspace.search
    within = expected_ids(generated_catalog.items, "sentinel-2-l2a", datetime=panel.date_range())
    assert set(session.store.ids) == within
    assert any("not applied because it is invalid" in n for n in session.notes)
    assert "not applied" in window.results_panel.count_label.text()

    filters.cql2_edit.setPlainText('"eo:cloud_cover" < 7.5')
    assert filters.cql2_status.text() == "Valid CQL2."
    search_to_the_end(qtbot, window)
    cloud = {i["id"]: i["properties"].get("eo:cloud_cover") for i in generated_catalog.items}
    assert set(session.store.ids) == {i for i in within if cloud[i] is not None and cloud[i] < 7.5}
    assert session.notes == []


def test_filter_form_from_queryables_and_date_clamp(
    qtbot, window: MainWindow, pgstac_with_queryables: str, generated_catalog: GeneratedCatalog
) -> None:
    open_catalog(qtbot, window, pgstac_with_queryables)
    choose(qtbot, window, {"sentinel-2-l2a"})
    panel, form = window.search_panel, window.search_panel.filters.form
    s2 = next(c for c in generated_catalog.collections if c["id"] == "sentinel-2-l2a")
    first, last = (parse_rfc3339(t).date() for t in s2["extent"]["temporal"]["interval"][0])
    # The days follow the collection's extent: its last 30 days, not today's.
    assert (panel.from_date.date(), panel.to_date.date()) == (
        QDate(last - dt.timedelta(days=30)),
        QDate(last),
    )
    assert f"{first} – {last}" in panel.extent_label.text()
    panel.from_date.setDate(QDate(2030, 1, 1))
    panel.to_date.setDate(QDate(2030, 2, 1))
    assert panel.to_date.date() == QDate(2030, 2, 1)  # a chosen day is never moved…
    assert "outside" in panel.extent_label.text()  # …but the panel says it finds nothing

    assert form.isEnabled()
    names = [form.chooser.itemData(i) for i in range(form.chooser.count())]
    assert "platform" in names and "eo:cloud_cover" in names and "geometry" not in names
    form.chooser.activated.emit(names.index("platform"))
    [row] = form.rows
    assert row.editor.count() == 3  # an enum: a list of its values
    row.editor.setCurrentText("sentinel-2b")
    set_years(window, 2016, 2025)
    panel.page_size.setValue(300)
    search_to_the_end(qtbot, window)
    session = window.workspace.search
    within = expected_ids(generated_catalog.items, "sentinel-2-l2a", datetime=panel.date_range())
    platform = {i["id"]: i["properties"].get("platform") for i in generated_catalog.items}
    assert set(session.store.ids) == {i for i in within if platform[i] == "sentinel-2b"}


def test_free_text_collection_search_on_the_server(
    qtbot, window: MainWindow, pgstac_api: str
) -> None:
    open_catalog(qtbot, window, pgstac_api)
    picker = window.search_panel.collections
    assert "on the server" in picker.filter_edit.placeholderText()
    picker.filter_edit.setText("sentinel")
    options = window.workspace.options
    qtbot.waitUntil(lambda: options.collection_matches is not None, timeout=20000)
    assert set(options.collection_matches or []) >= {"sentinel-2-l2a", "sentinel-1-grd"}
    qtbot.waitUntil(lambda: picker.proxy.rowCount() == len(options.collection_matches or []))
    assert "match on the server" in window.search_panel.collection_search_status.text()


def test_failing_queryables_are_reported_and_search_still_works(
    qtbot, window: MainWindow, pgstac_api: str, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(pgstac_api, before=[fail(500, path="/collections/era5-pds/queryables")])
    open_catalog(qtbot, window, proxy.url)
    choose(qtbot, window, {"era5-pds"})
    filters = window.search_panel.filters
    assert "HTTP 500" in filters.queryables_status.text()
    assert "era5-pds" in filters.queryables_status.text()
    window.search_panel.from_check.setChecked(False)
    window.search_panel.to_check.setChecked(False)
    window.search_panel.page_size.setValue(20)  # ERA5 has 48 monthly items: more pages wait
    window.run_search()
    qtbot.waitUntil(lambda: window.workspace.search.state is SearchState.MORE, timeout=20000)
    assert len(window.workspace.search.store) == 20
