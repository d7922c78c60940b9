"""The search's days and what an empty search says (issue #16, points 2 and 3): the days follow
the collections' extent, a typed day is taken whole or refused, a search that finds nothing says
why and widens in one click, and ticks survive a trip to another catalog."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.geo.geometry import Aoi
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow

EUROPE = (-10.0, 35.0, 30.0, 70.0)


def open_sample(qtbot, window: MainWindow) -> None:
    window.search_panel.open_sample()
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)


def search(qtbot, window: MainWindow, start=None) -> None:
    """Start a search (``start``, else the window's Search) and wait for its first page."""
    session = window.workspace.search
    states: list[SearchState] = []
    session.changed.connect(lambda: states.append(session.state))
    (start or window.run_search)()
    qtbot.waitUntil(
        lambda: (
            SearchState.LOADING in states and session.state in (SearchState.MORE, SearchState.DONE)
        ),
        timeout=20000,
    )


def test_days_follow_the_sample_collections_and_the_first_search_finds_results(
    qtbot, window: MainWindow
) -> None:
    open_sample(qtbot, window)
    panel = window.search_panel
    # Nothing ticked searches every collection: the last 30 days of their union.
    assert (panel.from_date.date(), panel.to_date.date()) == (
        QDate(2025, 5, 31),
        QDate(2025, 6, 30),
    )
    panel.collections.set_checked({"sentinel-2-l2a"})
    # Ticking Sentinel-2 moves the range to its own last 30 days, not to a single day.
    assert (panel.from_date.date(), panel.to_date.date()) == (
        QDate(2025, 5, 30),
        QDate(2025, 6, 29),
    )
    window.workspace.set_aoi(Aoi.from_bbox(*EUROPE))
    search(qtbot, window)
    assert len(window.workspace.search.store) == 18
    assert not panel.empty_hint.isVisible()


def test_a_typed_day_is_taken_whole_or_refused_visibly(qtbot, window: MainWindow) -> None:
    open_sample(qtbot, window)
    panel = window.search_panel
    field = panel.from_date
    for old, typed in (("2025-01-23", "2024-12-31"), ("2025-01-23", "2023-05-14")):
        field.setDate(QDate.fromString(old, Qt.DateFormat.ISODate))
        field.line.selectAll()
        qtbot.keyClicks(field.line, typed)
        qtbot.keyClick(field.line, Qt.Key.Key_Tab)
        assert field.date() == QDate.fromString(typed, Qt.DateFormat.ISODate)
        assert field.line.text() == typed and field.error() == ""

    field.calendar.clicked.emit(QDate(2023, 5, 15))  # a day picked on the calendar
    assert field.date() == QDate(2023, 5, 15) and field.line.text() == "2023-05-15"

    field.line.selectAll()
    qtbot.keyClicks(field.line, "2024-02-30")
    field.line.editingFinished.emit()
    assert field.date() == QDate(2023, 5, 15)  # not taken…
    assert "not a day" in field.error() and field.line.styleSheet()  # …and shown as refused
    window.run_search()
    assert window.workspace.search.state is SearchState.IDLE  # no search with a refused day
    assert "Search not started" in window.status_text.text()
    assert "2024-02-30" in window.status_text.text()


def test_an_empty_search_says_the_dates_are_outside_and_widens_them(
    qtbot, window: MainWindow
) -> None:
    open_sample(qtbot, window)
    panel = window.search_panel
    panel.from_date.setDate(QDate(2020, 1, 1))
    panel.to_date.setDate(QDate(2020, 12, 31))
    assert "outside" in panel.extent_label.text()
    search(qtbot, window)
    assert len(window.workspace.search.store) == 0
    hint = panel.empty_hint
    assert hint.isVisible() and "time range (2023-01-01 – 2025-06-30)" in hint.label.text()
    assert hint.whole_time_button.isVisible() and not hint.whole_area_button.isVisible()

    session = window.workspace.search
    search(qtbot, window, hint.whole_time_button.click)
    assert (panel.from_date.date(), panel.to_date.date()) == (QDate(2023, 1, 1), QDate(2025, 6, 30))
    assert len(session.store) > 0 and not hint.isVisible()

    panel.from_date.setDate(QDate(2020, 1, 1))
    panel.to_date.setDate(QDate(2020, 12, 31))
    search(qtbot, window)
    assert hint.isVisible()
    window.search_panel.open_connection(Connection("elsewhere", "http://127.0.0.1:9/stac"))
    assert not hint.isVisible()  # that search was of another catalog


def test_an_empty_search_says_the_area_is_outside_and_drops_it(qtbot, window: MainWindow) -> None:
    open_sample(qtbot, window)
    panel = window.search_panel
    panel.collections.set_checked({"sentinel-2-l2a"})  # its extent ends at 66.7° N
    window.workspace.set_aoi(Aoi.from_bbox(0.0, 80.0, 20.0, 85.0))
    search(qtbot, window)
    hint = panel.empty_hint
    assert hint.isVisible() and "area is outside" in hint.label.text()
    assert hint.whole_area_button.isVisible() and not hint.whole_time_button.isVisible()

    session = window.workspace.search
    search(qtbot, window, hint.whole_area_button.click)
    assert window.workspace.aoi is None and len(session.store) > 0


def test_ticks_are_remembered_per_catalog(qtbot, window: MainWindow, rustac_api: str) -> None:
    open_sample(qtbot, window)
    panel = window.search_panel
    panel.collections.set_checked({"sentinel-2-l2a", "era5-pds"})
    panel.open_connection(Connection("test", rustac_api))
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    assert panel.collections.checked_ids() == []
    panel.collections.set_checked({"landsat-c2-l2"})
    open_sample(qtbot, window)
    assert set(panel.collections.checked_ids()) == {"sentinel-2-l2a", "era5-pds"}
    panel.open_connection(Connection("test", rustac_api))
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    assert panel.collections.checked_ids() == ["landsat-c2-l2"]


def test_the_button_beside_a_date_opens_its_calendar(qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from stacdesk.ui.search.date_field import DateField

    field = DateField(QDate(2024, 3, 9))
    qtbot.addWidget(field)
    field.show()
    seen: list[tuple[bool, QDate]] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        seen.append(
            (popup is not None and field.calendar.isVisible(), field.calendar.selectedDate())
        )
        if popup is not None:
            popup.close()

    QTimer.singleShot(100, look)
    qtbot.mouseClick(field.pick_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(True, QDate(2024, 3, 9))]  # open, on the field's day
