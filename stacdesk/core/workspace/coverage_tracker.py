"""Keeps the workspace's per-result coverage current while pages arrive and the AOI changes.

The geometry work runs in the executor (shapely releases the GIL); only cheap bookkeeping happens on
the loop's thread. A result computed for an AOI or a search that is no longer current is dropped.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor

import numpy as np
import shapely

from stacdesk.core.common.events import Event
from stacdesk.core.geo.geometry import Aoi
from stacdesk.core.results.coverage import CoveringSet, coverage_fractions, minimal_covering_set
from stacdesk.core.results.footprint_index import FootprintIndex
from stacdesk.core.workspace.state import Workspace


class CoverageTracker:
    """Computes ``workspace.coverage`` for new rows as they arrive, all rows when the AOI changes.

    ``index`` must receive every batch the store appends (the map feeds it); ``changed`` fires
    when ``error`` changes.
    """

    def __init__(
        self, workspace: Workspace, index: FootprintIndex, executor: Executor | None = None
    ) -> None:
        self.workspace = workspace
        self.index = index
        self._executor = executor
        self._values = np.empty(0, dtype=np.float32)
        self._values_aoi: Aoi | None = None
        self._generation = 0  # bumped when the store is emptied
        self._task: asyncio.Task[None] | None = None
        self.error: str | None = None
        self.changed: Event[[]] = Event()
        workspace.aoi_changed.connect(self._on_aoi_changed)
        workspace.search.store.appended.connect(self._on_appended)
        workspace.search.store.cleared.connect(self._on_cleared)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def _on_aoi_changed(self) -> None:
        self._cancel()
        self._values, self._values_aoi = np.empty(0, dtype=np.float32), None
        if self.workspace.aoi is None:
            if self.workspace.coverage is not None:
                self.workspace.set_coverage(None)
            return
        self._start()

    def _on_appended(self, *_: object) -> None:
        if self.workspace.aoi is not None and not self.busy:
            self._start()

    def _on_cleared(self) -> None:
        self._cancel()
        self._generation += 1
        self._values, self._values_aoi = np.empty(0, dtype=np.float32), None

    def _cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def _start(self) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop (a headless caller without asyncio): nothing to schedule
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            aoi, generation = self.workspace.aoi, self._generation
            if aoi is None:
                return
            done = len(self._values) if self._values_aoi is aoi else 0
            geometries = self.index.geometries
            if done >= len(geometries):
                return
            try:
                values = await loop.run_in_executor(
                    self._executor, coverage_fractions, aoi.geometry, geometries[done:]
                )
            except shapely.errors.GEOSException as exc:
                self._set_error(f"Coverage could not be computed: {exc}")
                return
            if self.workspace.aoi is not aoi or self._generation != generation:
                continue  # the AOI or the search changed meanwhile: start over
            base = self._values if self._values_aoi is aoi else np.empty(0, dtype=np.float32)
            self._values = np.concatenate([base[:done], values])
            self._values_aoi = aoi
            self._set_error(None)
            self._publish()

    def _publish(self) -> None:
        rows = len(self.workspace.search.store)
        values = self._values[:rows]
        if len(values) < rows:  # rows that arrived meanwhile: unknown until the next round
            values = np.concatenate([values, np.full(rows - len(values), np.nan, np.float32)])
        self.workspace.set_coverage(values)

    def _set_error(self, error: str | None) -> None:
        if error != self.error:
            self.error = error
            self.changed.emit()

    async def covering_set(self, visible: np.ndarray | None = None) -> CoveringSet | None:
        """The fewest results covering the current AOI (None without an AOI or results), among
        the rows where ``visible`` is True (all rows when None)."""
        aoi = self.workspace.aoi
        store = self.workspace.search.store
        geometries = self.index.geometries
        if aoi is None or not len(geometries):
            return None
        rows = len(geometries)
        if visible is not None and len(visible) == rows and not visible.all():
            geometries = np.where(visible, geometries, None)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor,
            minimal_covering_set,
            aoi.geometry,
            geometries,
            store.datetimes[:rows].copy(),
            store.cloud_cover[:rows].copy(),
        )

    def close(self) -> None:
        self._cancel()
