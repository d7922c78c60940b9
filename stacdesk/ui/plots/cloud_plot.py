"""Cloud cover of the loaded results in 5 % steps; dragging a range filters by cloud cover."""

from __future__ import annotations

import numpy as np

from stacdesk.core.results.histograms import Histogram, bin_rows, cloud_histogram, masked_counts
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.plots.plot_updates import ThrottledRedraw
from stacdesk.ui.plots.range_plot import RangePlot


class CloudCoverPlot(RangePlot):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(None, "results")
        self.workspace = workspace
        self.missing = 0
        self._counted: tuple[tuple[int, int], Histogram, np.ndarray] | None = None
        self.getPlotItem().setLabel("bottom", "cloud cover (%)")
        self.redraw = ThrottledRedraw(self, self.refresh, workspace)
        workspace.result_filter.changed.connect(self._show_filter_range)

    def refresh(self) -> None:
        store, mask = self.workspace.search.store, self.workspace.result_filter.mask
        loaded = (store.generation, len(store))
        if self._counted is None or self._counted[0] != loaded:  # bins kept until pages arrive
            everything = cloud_histogram(store.cloud_cover)
            values = np.clip(np.asarray(store.cloud_cover, dtype=np.float64), 0.0, 100.0)
            self._counted = (loaded, everything, bin_rows(values, everything.edges))
        _, everything, bins = self._counted
        unfiltered = not self.workspace.result_filter.active
        shown = (
            everything.counts if unfiltered else masked_counts(bins, mask, len(everything.counts))
        )
        self.missing = everything.missing
        self.set_histograms(everything.edges, everything.counts, shown)
        self.setToolTip(
            f"{everything.missing:,} loaded results have no cloud cover (SAR, climate data)"
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
