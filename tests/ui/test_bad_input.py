"""Bad servers and odd items give a clear message in the window; the app keeps working."""

from __future__ import annotations

from collections.abc import Callable

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow
from tests.servers.hook_server import HookServer
from tests.servers.proxy import ReverseProxy
from tests.servers.recorded_requests import RecordedRequest
from tests.servers.responses import Response


def open_and_wait(qtbot, window: MainWindow, url: str) -> None:
    window.search_panel.open_connection(Connection("under test", url))
    qtbot.waitUntil(lambda: not window.workspace.opening, timeout=20000)


def test_not_a_stac_api(qtbot, window: MainWindow) -> None:
    class Html(HookServer):
        def serve(self, request: RecordedRequest) -> Response:
            return Response(200, {"content-type": "text/html"}, b"<html>hello</html>")

    with Html() as server:
        open_and_wait(qtbot, window, server.url)
    assert window.workspace.catalog is None
    assert "Cannot open the catalog" in window.search_panel.catalog_chooser.catalog_status.text()
    assert not window.search_panel.search_button.isEnabled()


def test_malformed_page_then_odd_items(
    qtbot,
    window: MainWindow,
    pgstac_api: str,
    make_proxy: Callable[..., ReverseProxy],
) -> None:
    mode = {"value": "truncated"}

    def mangle(request: RecordedRequest, response: Response) -> Response:
        if request.path != "/search" or response.status != 200:
            return response
        if mode["value"] == "truncated":
            return Response(200, {"content-type": "application/geo+json"}, response.body[:500])
        page = response.json()
        page["features"][0]["geometry"] = None
        page["features"][1]["properties"] = {"datetime": "not a date"}
        del page["features"][2]["id"]
        return Response.json_body(page, 200)

    proxy = make_proxy(pgstac_api, after=[mangle])
    open_and_wait(qtbot, window, proxy.url)
    window.search_panel.from_check.setChecked(False)
    window.search_panel.to_check.setChecked(False)
    window.search_panel.page_size.setValue(10)
    window.run_search()
    session = window.workspace.search
    qtbot.waitUntil(lambda: session.state is SearchState.FAILED, timeout=20000)
    assert "not valid JSON" in window.status_text.text()
    assert "not valid JSON" in window.results_panel.count_label.text()

    mode["value"] = "odd items"
    window.run_search()
    qtbot.waitUntil(lambda: session.state is SearchState.MORE, timeout=20000)
    assert len(session.store) == 9  # the item without an id is skipped, the others shown
    label = window.results_panel.count_label.text()
    assert "without an id" in label and "no usable geometry" in label and "no date" in label
    window.results_panel.list_view.setCurrentIndex(window.results_panel.model.index(0))
    assert window.item_panel.raw.toPlainText()
