"""Map → Covering set: select the fewest results that cover the search area.

The search runs in the coverage tracker's worker; its answer is used only if the area and the
results are still those it was computed for (the user may have drawn or searched meanwhile).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from stacdesk.core.common.message import said_by
from stacdesk.core.results.footprint_index import FootprintIndex
from stacdesk.core.workspace.coverage_tracker import CoverageTracker
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.core_text import arg, shown


class CoveringSetAction(QObject):
    """``run()`` starts (or returns the running) search; its news goes through ``say``."""

    def __init__(
        self,
        workspace: Workspace,
        coverage: CoverageTracker,
        index: FootprintIndex,
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.coverage = coverage
        self.index = index
        self.say = say
        self.task: asyncio.Task[None] | None = None
        coverage.changed.connect(self._on_coverage_error)

    @Slot()
    def run(self) -> asyncio.Task[None] | None:
        if self.workspace.aoi is None:
            self.say(self.tr("Draw or import a search area first."))
            return None
        if not len(self.index):
            self.say(self.tr("No results to choose from."))
            return None
        if self.task is not None and not self.task.done():
            return self.task
        self.say(self.tr("Finding the fewest results that cover the area…"))
        self.task = asyncio.ensure_future(self._select())
        return self.task

    async def _select(self) -> None:
        aoi, results = self.workspace.aoi, len(self.index)
        try:
            found = await self.coverage.covering_set(self.workspace.visible_rows)
        except Exception as exc:  # a geometry error must not take the window down
            self.say(arg(self.tr("Covering set not found: %1"), said_by(exc)))
            return
        if found is None or self.workspace.aoi is not aoi or len(self.index) < results:
            return  # the area or the results changed meanwhile
        self.workspace.select_rows(found.rows)
        self.say(arg(self.tr("Covering set: %1"), found.describe()))

    def _on_coverage_error(self) -> None:
        if self.coverage.error:
            self.say(shown(self.coverage.error))

    def cancel(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()
