"""Acquisitions over time (per day, week or month); dragging a range filters by date."""

from __future__ import annotations

import numpy as np

from stacdesk.core.results.histograms import Histogram, bin_rows, masked_counts, time_histogram
from stacdesk.core.results.time_ticks import LABEL_PIXELS
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.plots.plot_updates import ThrottledRedraw
from stacdesk.ui.plots.range_plot import RangePlot
from stacdesk.ui.plots.time_axis import TimeAxis


class AcquisitionTimeline(RangePlot):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(TimeAxis(), "results")
        # room at the right end for the last date label, which may poke past the axis
        self.getPlotItem().layout.setContentsMargins(0, 0, LABEL_PIXELS // 2, 0)
        # named like the cloud plot's axis; without a label the axis is cut below the date's
        # descenders ("Jun" read "lun")
        self.getPlotItem().setLabel("bottom", self.tr("acquisition date"))
        self.workspace = workspace
        self.unit = "day"
        self._labelled = False
        # every row binned, kept until pages arrive
        self._counted: tuple[tuple[int, int], Histogram, np.ndarray] | None = None
        self.redraw = ThrottledRedraw(self, self.refresh, workspace)
        workspace.result_filter.changed.connect(self._show_filter_range)

    def refresh(self) -> None:
        store, mask = self.workspace.search.store, self.workspace.result_filter.mask
        loaded = (store.generation, len(store))
        if self._counted is None or self._counted[0] != loaded:  # bins kept until pages arrive
            everything = time_histogram(store.datetimes)
            self._counted = (loaded, everything, bin_rows(store.datetimes, everything.edges))
        _, everything, bins = self._counted
        unfiltered = not self.workspace.result_filter.active
        shown = (
            everything.counts if unfiltered else masked_counts(bins, mask, len(everything.counts))
        )
        if everything.unit != self.unit or not self._labelled:  # a new label re-lays out the plot
            self.getPlotItem().setLabel("left", f"results per {everything.unit}")
            self.unit, self._labelled = everything.unit, True
        self.set_histograms(everything.edges, everything.counts, shown)
        self._show_filter_range()

    def _show_filter_range(self) -> None:
        self.show_range(self.workspace.result_filter.criteria.time_range)

    def on_range_chosen(self, lo: float, hi: float) -> None:
        self.workspace.result_filter.set(time_range=(lo, hi))

    def on_range_cleared(self) -> None:
        self.workspace.result_filter.set(time_range=None)
