"""The window remembers its geometry, dock layout and last catalog across restarts."""

from __future__ import annotations

from stacdesk.core.catalogs.connections import SAMPLE_CONNECTION_NAME
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


def test_the_frame_paints_first_and_a_close_while_starting_keeps_the_layout(qtbot, qloop) -> None:
    """The app shows the frame before the slow imports (``MainWindow(None, …)``), then
    ``populate`` builds the panels; a window closed in between saves its geometry only."""
    from PySide6.QtCore import QSettings

    from stacdesk.config import app_paths
    from stacdesk.core.catalogs.connections import ConnectionBook
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.resources import resource_path
    from stacdesk.startup_timer import FirstPaint
    from stacdesk.ui.main_window import MainWindow

    first = make_window(qtbot)
    first.resize(700, 520)
    first.docks["plots"].hide()
    first.close()

    paths = app_paths()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    frame = MainWindow(None, settings)
    qtbot.addWidget(frame)
    probe = FirstPaint(frame)
    frame.show()
    probe.wait(5000)
    assert probe.painted_at is not None
    assert frame.height() == 520  # the saved geometry, from the first paint on
    assert frame.status_text.text() == "Starting…" and not frame.populated
    frame.resize(640, 480)
    frame.close()

    starting = MainWindow(None, settings)
    qtbot.addWidget(starting)
    assert (starting.width(), starting.height()) == (640, 480)
    book = ConnectionBook(paths.connections_file, resource_path("sample-catalog"))
    starting.populate(Workspace(book))
    starting.show()
    qtbot.waitExposed(starting)
    assert starting.populated and starting.centralWidget() is starting.map_panel
    assert not starting.docks["plots"].isVisible()  # the layout saved before the early close
    assert starting.docks["results"].isVisible()
    starting.close()


def test_the_complete_window_is_timed_after_its_panels_painted(qtbot, qloop) -> None:
    """``mark_ready`` before the panels are on screen (a catalog read ahead opens before the
    loop runs): the time is taken only once the central panel and the shown docks painted; a
    dock behind another's tab is not waited for."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

    from stacdesk.startup_timer import FirstPaint

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("map"))
    docks = []
    for name in ("results", "plots", "downloads"):
        dock = QDockWidget(name, window)
        dock.setWidget(QLabel(name))
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        docks.append(dock)
    window.tabifyDockWidget(docks[1], docks[2])
    docks[1].raise_()
    probe = FirstPaint(window)
    probe.watch(window.centralWidget(), docks)
    probe.mark_ready()
    qtbot.wait(50)
    assert probe.ready_at is None  # nothing painted yet: not complete
    window.show()
    qtbot.waitUntil(lambda: probe.ready_at is not None, timeout=10000)
    assert probe.painted_at is not None and probe.painted_at <= probe.ready_at
    assert docks[0].visibleRegion().isEmpty() is False
