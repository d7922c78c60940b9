"""Acquisitions over time (per day, week or month); dragging a range filters by date."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from stacdesk.core.results.running_histogram import RunningHistogram
from stacdesk.core.results.time_ticks import LABEL_PIXELS
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.plots.plot_updates import ThrottledRedraw
from stacdesk.ui.plots.range_plot import RangePlot
from stacdesk.ui.plots.time_axis import TimeAxis


class AcquisitionTimeline(RangePlot):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(TimeAxis(), QCoreApplication.translate("AcquisitionTimeline", "results"))
        # room at the right end for the last date label, which may poke past the axis
        self.getPlotItem().layout.setContentsMargins(0, 0, LABEL_PIXELS // 2, 0)
        # named like the cloud plot's axis; without a label the axis is cut below the date's
        # descenders ("Jun" read "lun")
        self.getPlotItem().setLabel("bottom", self.tr("acquisition date"))
        self.workspace = workspace
        self.unit = "day"
        self._labelled = False
        self.counts = RunningHistogram.of_time()  # only the new rows counted on each redraw
        self.redraw = ThrottledRedraw(self, self.refresh, workspace)
        workspace.result_filter.changed.connect(self._show_filter_range)

    def refresh(self) -> None:
        store, rows = self.workspace.search.store, self.workspace.result_filter
        everything, shown = self.counts.update(
            store.datetimes, rows.mask, (id(store), store.generation), rows.criteria
        )
        if everything.unit != self.unit or not self._labelled:  # a new label re-lays out the plot
            self.getPlotItem().setLabel("left", self._count_label(everything.unit))
            self.unit, self._labelled = everything.unit, True
        self.set_histograms(everything.edges, everything.counts, shown.counts)
        self._show_filter_range()

    def _count_label(self, unit: str) -> str:
        labels = {
            "week": self.tr("results per week"),
            "month": self.tr("results per month"),
        }
        return labels.get(unit, self.tr("results per day"))

    def _show_filter_range(self) -> None:
        self.show_range(self.workspace.result_filter.criteria.time_range)

    def on_range_chosen(self, lo: float, hi: float) -> None:
        self.workspace.result_filter.set(time_range=(lo, hi))

    def on_range_cleared(self) -> None:
        self.workspace.result_filter.set(time_range=None)
