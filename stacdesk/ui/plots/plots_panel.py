"""The plots dock: acquisition timeline beside the cloud-cover histogram, with a hint line.

Dragging a range on either filters the list and the map (the workspace's ResultFilter).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolButton, QVBoxLayout, QWidget

from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.accessible import named
from stacdesk.ui.plots.cloud_plot import CloudCoverPlot
from stacdesk.ui.plots.timeline import AcquisitionTimeline


class PlotsPanel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.timeline = named(
            AcquisitionTimeline(workspace),
            self.tr("Acquisition timeline"),
            self.tr("Drag a range to filter"),
        )
        self.cloud = named(
            CloudCoverPlot(workspace),
            self.tr("Cloud cover histogram"),
            self.tr("Drag a range to filter"),
        )
        hint = QLabel(self.tr("Drag on a plot to filter · double-click clears"))
        hint.setToolTip(
            self.tr(
                "Drag across the timeline or the cloud-cover plot to show only those results in the"
                " list and on the map; drag the edges to adjust; double-click a plot to clear."
            )
        )
        self.clear_button = QToolButton(
            text=self.tr("Clear"), toolTip=self.tr("Remove both ranges")
        )
        self.clear_button.clicked.connect(self.clear_ranges)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(hint, 1)
        top.addWidget(self.clear_button)
        splitter = QSplitter()
        splitter.addWidget(self.timeline)
        splitter.addWidget(self.cloud)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def sizeHint(self) -> QSize:
        return QSize(900, 200)  # a strip under the map, not half the window

    def clear_ranges(self) -> None:
        self.workspace.result_filter.set(time_range=None, cloud_range=None)
