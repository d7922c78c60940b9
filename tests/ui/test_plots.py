"""The plots dock: timeline and cloud histogram follow the pages as they arrive, and a range
dragged on either filters the list and the workspace mask the map reads."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication

from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.session import SearchState
from stacdesk.ui.main_window import MainWindow
from stacdesk.ui.plots.range_plot import RangePlot
from tests.ui.conftest import drag


def widget_point(plot: RangePlot, x: float, y: float) -> QPoint:
    scene = plot.viewbox.mapViewToScene(QPointF(x, y))
    return plot.mapFromScene(scene)


def double_click(widget, pos: QPoint) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, buttons in (
        (QMouseEvent.Type.MouseButtonPress, left),
        (QMouseEvent.Type.MouseButtonRelease, none),
        (QMouseEvent.Type.MouseButtonDblClick, left),
        (QMouseEvent.Type.MouseButtonRelease, none),
    ):
        event = QMouseEvent(
            kind,
            QPointF(pos),
            QPointF(widget.mapToGlobal(pos)),
            left,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)


def curve_total(plot: RangePlot, which: str = "all") -> int:
    curve = plot.all_curve if which == "all" else plot.shown_curve
    y = curve.yData
    return 0 if y is None else int(np.sum(y))


def test_plots_follow_pages_and_ranges_filter_list_and_map_mask(qtbot, window: MainWindow) -> None:
    window.search_panel.open_sample()
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    ws = window.workspace
    ws.run_search(
        SearchQuery(collections=("sentinel-2-l2a", "landsat-c2-l2", "sentinel-1-grd"), limit=60)
    )
    session, store = ws.search, ws.search.store
    qtbot.waitUntil(lambda: session.state is SearchState.MORE, timeout=20000)
    timeline, cloud = window.plots_panel.timeline, window.plots_panel.cloud
    with_cloud = lambda: int(np.isfinite(store.cloud_cover).sum())  # noqa: E731
    qtbot.waitUntil(lambda: curve_total(timeline) == len(store) == 60)
    qtbot.waitUntil(lambda: curve_total(cloud) == with_cloud())
    assert cloud.missing == len(store) - with_cloud() > 0  # SAR results have no cloud cover

    session.fetch_more()  # a page arrives: both plots recount
    qtbot.waitUntil(lambda: len(store) == 120, timeout=20000)
    qtbot.waitUntil(lambda: curve_total(timeline) == 120 and curve_total(cloud) == with_cloud())

    # Drag across 0–30 % on the cloud plot: the list and the workspace mask follow.
    top = float(np.max(cloud.all_curve.yData)) / 2
    drag(cloud.viewport(), widget_point(cloud, 0.5, top), widget_point(cloud, 30, top))
    lo, hi = ws.result_filter.criteria.cloud_range
    assert lo < 2 and abs(hi - 30) < 2
    model = window.results_panel.model
    shown = model.rows
    clouds = store.cloud_cover[shown]
    assert len(shown) < len(store)
    assert np.all(np.isnan(clouds) | ((clouds >= lo) & (clouds <= hi)))
    assert np.array_equal(np.flatnonzero(ws.visible_rows), np.sort(shown))
    assert window.results_panel.filter_bar.cloud_check.isChecked()
    qtbot.waitUntil(lambda: curve_total(cloud, "shown") == int(np.isfinite(clouds).sum()))

    # A range on the timeline narrows further; the mask the map reads is updated (event fired).
    fired: list[None] = []
    ws.visible_changed.connect(lambda: fired.append(None))
    edges = timeline.all_curve.xData
    start, end = float(edges[0]), float(edges[len(edges) // 2])
    timeline.region.setRegion((start, end))
    timeline.region.show()
    timeline.region.sigRegionChangeFinished.emit(timeline.region)
    t0, t1 = ws.result_filter.criteria.time_range
    assert (t0, t1) == (start, end) and fired
    when = store.datetimes[model.rows]
    assert np.all((when >= t0) & (when <= t1))
    assert window.results_panel.filter_bar.from_check.isChecked()

    double_click(cloud.viewport(), widget_point(cloud, 50, top))
    assert ws.result_filter.criteria.cloud_range is None and not cloud.has_range()
    window.plots_panel.clear_button.click()
    assert not ws.result_filter.active and not timeline.has_range()
    assert model.rowCount() == len(store)


def drawn_labels(plot: RangePlot, axis_name: str = "bottom") -> list[str]:
    """The tick labels an axis paints (after pyqtgraph drops what does not fit)."""
    axis = plot.getPlotItem().getAxis(axis_name)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _, _, text in texts]


def test_timeline_labels_the_days_and_year_of_a_month_and_nothing_when_empty(
    qtbot, window: MainWindow
) -> None:
    window.search_panel.open_sample()
    qtbot.waitUntil(lambda: window.workspace.catalog is not None, timeout=20000)
    ws, timeline = window.workspace, window.plots_panel.timeline
    timeline.setFixedWidth(220)  # narrow, as in a small window
    month = "2025-05-30T00:00:00Z/2025-06-29T23:59:59Z"
    ws.run_search(SearchQuery(collections=("sentinel-2-l2a",), datetime=month, limit=500))
    session = ws.search
    qtbot.waitUntil(lambda: curve_total(timeline) == len(session.store) == 40, timeout=20000)
    # the axis grows to its labels' height on the next layout, then draws them
    qtbot.waitUntil(lambda: drawn_labels(timeline) == ["1 Jun 2025", "15 Jun"])
    label = timeline.getPlotItem().getAxis("bottom").label.toPlainText()
    assert label.strip() == "acquisition date"  # no "(x1e+09)" for seconds since 1970

    ws.run_search(SearchQuery(collections=("sentinel-2-l2a",), datetime="2020-01-01/2020-01-31"))
    qtbot.waitUntil(lambda: session.state is SearchState.DONE and not len(session.store))
    qtbot.waitUntil(lambda: timeline.bounds is None)
    assert drawn_labels(timeline) == []  # no "00.500"
    for plot in (timeline, window.plots_panel.cloud):  # whole counts only: no "0.2 results"
        qtbot.waitUntil(lambda plot=plot: curve_total(plot) == 0)
        assert all(text.isdigit() for text in drawn_labels(plot, "left"))


def test_plots_still_follow_pages_that_come_faster_than_their_turns(
    qtbot, window: MainWindow
) -> None:
    """A plot waits for a page's repaint before redrawing, but pages arriving every few
    milliseconds, without end, do not keep it from ever redrawing."""
    import dataclasses

    from PySide6.QtCore import QTimer

    from tests.ui.test_footprint_layer import _squares

    store = window.workspace.search.store
    timeline = window.plots_panel.timeline
    pages = iter(range(2_000))

    def append() -> None:
        page = next(pages, None)
        if page is None:  # the stream ends: the assertion below says it ended too early
            stream.stop()
            return
        first = page * 50
        batch = _squares(first, 50)
        when = 1.7e9 + 86_400.0 * np.arange(first, first + 50)
        store.append(dataclasses.replace(batch, datetimes=when))

    stream = QTimer(interval=5)
    stream.timeout.connect(append)
    stream.start()
    try:
        qtbot.waitUntil(lambda: curve_total(timeline) > 0, timeout=20_000)
        assert stream.isActive()  # redrawn while the pages were still coming
    finally:
        stream.stop()
    qtbot.waitUntil(lambda: curve_total(timeline) == len(store))
