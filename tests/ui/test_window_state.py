"""The window remembers its geometry, dock layout and last catalog across restarts."""

from __future__ import annotations

from stacdesk.core.connections import SAMPLE_CONNECTION_NAME
from tests.ui.conftest import make_window


def test_layout_and_last_connection_are_restored(qtbot, qloop) -> None:
    first = make_window(qtbot)
    first.resize(700, 520)  # within the offscreen screen, so restoreGeometry keeps it
    first.docks["item"].hide()
    first.search_panel.open_sample()
    qtbot.waitUntil(lambda: first.workspace.catalog is not None, timeout=20000)
    expected_size = first.size()
    first.close()

    second = make_window(qtbot, size=None)
    assert not second.docks["item"].isVisible()
    assert second.docks["results"].isVisible()
    assert second.size() == expected_size
    assert second.settings.value("connection/last") == SAMPLE_CONNECTION_NAME
    second.close()


def test_broken_settings_file_does_not_stop_the_window(qtbot, qloop, isolated_home) -> None:
    from stacdesk.config import app_paths

    settings_file = app_paths().settings_file
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_bytes(b"\x00\xff[window]\ngeometry=@ByteArray(garbage)\nstate=12\n")
    window = make_window(qtbot)
    assert window.isVisible()
    window.close()
