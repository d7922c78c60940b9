"""Load all, in the window: a search above the remembered threshold asks first (the server's
count and the choices), Stop (Esc) pauses the paging with the rows and the place kept, scrolling
does not resume it, and Resume goes on to the end without any page asked twice — against pgstac
behind a proxy that holds one page on the wire and records every request."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.search.load_all import ASK_ABOVE_KEY, LargeSearchDialog
from tests.servers.hooks import HoldRequest
from tests.servers.proxy import ReverseProxy

SEARCH_PATH = "/search"


def _search(qtbot, window: MainWindow, url: str) -> None:
    window.search_panel.open_connection(Connection("test", url))
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    panel = window.search_panel
    panel.collections.set_checked({"sentinel-2-l2a"})
    panel.from_date.setDate(QDate(2000, 1, 1))
    panel.to_date.setDate(QDate(2030, 12, 31))
    panel.page_size.setValue(10)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state is SearchState.MORE, timeout=20000)


def test_load_all_asks_then_stop_and_resume_keep_every_page_once(
    qtbot, window: MainWindow, pgstac_api: str, make_proxy: Callable[..., ReverseProxy]
) -> None:
    hold = HoldRequest(4, path=SEARCH_PATH)  # the first page, two more, then one held
    proxy = make_proxy(pgstac_api, before=[hold])
    try:
        _load_all_stop_resume(qtbot, window, proxy, hold)
    finally:
        hold.released.set()  # never leave the proxy's thread waiting


def _load_all_stop_resume(
    qtbot, window: MainWindow, proxy: ReverseProxy, hold: HoldRequest
) -> None:
    window.settings.setValue(ASK_ABOVE_KEY, 100)
    _search(qtbot, window, proxy.url)
    session = window.workspace.search
    results = window.results_panel
    matched = session.number_matched
    assert matched is not None and matched > 100
    assert results.load_all_button.isVisible()

    asked: list[LargeSearchDialog] = []
    window.load_all.asked.connect(asked.append)
    results.load_all_button.click()
    assert len(asked) == 1
    dialog = asked[0]
    assert f"{matched:,} results (the server's count)" in dialog.message.text()
    assert dialog.threshold.value() == 100
    dialog.cancel_button.click()  # keep what is loaded: nothing more is paged
    assert not session.loading_to_end and len(session.store) == 10

    results.load_all_button.click()
    dialog = asked[1]
    dialog.threshold.setValue(50)
    dialog.all_button.click()
    assert int(window.settings.value(ASK_ABOVE_KEY)) == 50  # remembered
    qtbot.waitUntil(hold.holding.is_set, timeout=20000)
    assert window.search_panel.stop_button.isEnabled()
    window.search_panel.stop_button.click()
    assert session.stopped and not session.loading_to_end
    kept = len(session.store)
    assert 0 < kept < matched
    assert "stopped" in results.count_label.text()
    assert results.load_more_button.isVisible()
    assert results.load_more_button.text() == "Resume"
    assert not results.load_all_button.isVisible()
    assert not results.model.canFetchMore()  # scrolling does not resume
    results.list_view.scrollToBottom()
    hold.released.set()
    qtbot.wait(300)  # the held page arrives while stopped: kept by the pager, not shown
    assert len(session.store) == kept and session.stopped

    results.load_more_button.click()  # Resume: on to the end, as "Load all" was going
    qtbot.waitUntil(lambda: session.state is SearchState.DONE, timeout=60000)
    assert len(session.store) == matched
    assert session.store.duplicates == 0
    assert proxy.requests.duplicates(path=SEARCH_PATH) == []
    assert not results.load_more_button.isVisible()


def test_load_all_is_not_offered_once_the_exact_count_is_loaded(qtbot, window: MainWindow) -> None:
    """The sample's page holds every match ("N of N results"): no "Load all" for an empty
    last page, whatever the pager still has to confirm."""
    window.search_panel.open_sample()
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    window.workspace.run_search(
        SearchQuery(
            collections=("sentinel-2-l2a",),
            datetime="2025-05-01T00:00:00Z/2025-06-30T23:59:59Z",
            bbox=(12.1, 48.6, 18.9, 51.1),
            limit=100,
        )
    )
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state in (SearchState.MORE, SearchState.DONE), timeout=20000)
    qtbot.waitUntil(lambda: session.number_matched is not None, timeout=20000)
    assert not session.number_matched_estimated
    assert len(session.store) == session.number_matched
    assert not window.results_panel.load_all_button.isVisible()
