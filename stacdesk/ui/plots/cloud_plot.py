"""Cloud cover of the loaded results in 5 % steps; dragging a range filters by cloud cover."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from stacdesk.core.results.running_histogram import RunningHistogram
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.plots.plot_updates import ThrottledRedraw
from stacdesk.ui.plots.range_plot import RangePlot


class CloudCoverPlot(RangePlot):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(None, QCoreApplication.translate("CloudCoverPlot", "results"))
        self.workspace = workspace
        self.missing = 0
        self.counts = RunningHistogram.of_cloud()  # only the new rows counted on each redraw
        self.getPlotItem().setLabel("bottom", self.tr("cloud cover (%)"))
        self.redraw = ThrottledRedraw(self, self.refresh, workspace)
        workspace.result_filter.changed.connect(self._show_filter_range)

    def refresh(self) -> None:
        store, rows = self.workspace.search.store, self.workspace.result_filter
        everything, shown = self.counts.update(
            store.cloud_cover, rows.mask, (id(store), store.generation), rows.criteria
        )
        self.missing = everything.missing
        self.set_histograms(everything.edges, everything.counts, shown.counts)
        self.setToolTip(
            self.tr(
                "%Ln loaded results have no cloud cover (SAR, climate data)", "", everything.missing
            )
            if everything.missing
            else ""
        )
        self._show_filter_range()

    def _show_filter_range(self) -> None:
        self.show_range(self.workspace.result_filter.criteria.cloud_range)

    def on_range_chosen(self, lo: float, hi: float) -> None:
        self.workspace.result_filter.set(cloud_range=(max(0.0, lo), min(100.0, hi)))

    def on_range_cleared(self) -> None:
        self.workspace.result_filter.set(cloud_range=None)
