"""Which preview the map shows and when it is read: the current result's, for the visible part
of the map at its pixel size, with the connection's credentials and signing; read again (after a
short pause) when the view moves, cancelled when the view or the selection changes.

A file that would have to be read whole is never read without asking: the message says how
much, and "Read whole file" reads it for this item.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, said_by
from stacdesk.core.previews.bands import Recipe, recipes
from stacdesk.core.previews.errors import NeedsWholeFile, PreviewError
from stacdesk.core.previews.stacking import ORDERS, on_top_first
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.map.map_viewbox import MapViewBox
from stacdesk.ui.map.preview_layer import PreviewLayer

if TYPE_CHECKING:  # the reading side is imported when the preview is first switched on
    from stacdesk.core.previews.access import Access
    from stacdesk.core.previews.service import PreviewService

SETTLE_MS = 300  # a pan or zoom in progress does not start a read per frame

READING_MOSAIC = QT_TRANSLATE_NOOP(
    "PreviewDrape", "Reading the preview of %Ln items…", "Reading the preview of %Ln item…", 1
)


class PreviewDrape(QObject):
    """Off until ``set_enabled(True)``; its news goes through ``say``. ``recipes_changed``
    lists the current item's band combinations; ``whole_file_offered`` says whether "Read whole
    file" makes sense now."""

    recipes_changed = Signal(list)
    whole_file_offered = Signal(bool)
    shown = Signal()

    def __init__(
        self,
        workspace: Workspace,
        layer: PreviewLayer,
        viewbox: MapViewBox,
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.layer = layer
        self.viewbox = viewbox
        self.say = say
        self.enabled = False
        self.service: PreviewService | None = None  # made when first switched on
        self.recipes: list[Recipe] = []
        self.recipe_index = 0
        self._item: dict[str, Any] | None = None
        self._whole_file = False
        self.order = ORDERS[0]  # which result of several is drawn on top
        self.clip = False  # only inside the search area
        self._accesses: dict[str, Access] = {}  # per item: probes and stretches stay with it
        self._task: asyncio.Task[None] | None = None
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self.refresh)
        viewbox.sigRangeChanged.connect(self._on_view_changed)
        workspace.catalog_changed.connect(self._forget_access)
        workspace.aoi_changed.connect(self._on_area_changed)

    # -- controls ------------------------------------------------------------------------------

    @Slot(bool)
    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        if on:
            self.refresh()
        else:
            self._stop()
            self.layer.clear()

    @Slot(int)
    def set_opacity_percent(self, value: int) -> None:
        self.layer.set_opacity(value / 100.0)

    @Slot(int)
    def choose_recipe(self, index: int) -> None:
        if 0 <= index < len(self.recipes) and index != self.recipe_index:
            self.recipe_index = index
            self.refresh()

    @Slot(int)
    def set_order(self, index: int) -> None:
        """Which of several results is drawn on top: as selected, newest, least cloudy."""
        order = ORDERS[index] if 0 <= index < len(ORDERS) else ORDERS[0]
        if order != self.order:
            self.order = order
            self.refresh()

    @Slot(bool)
    def set_clip(self, on: bool) -> None:
        self.clip = on
        self.refresh()

    def _on_area_changed(self) -> None:
        if self.clip:
            self.refresh()

    def _clip_shape(self) -> Any:
        """The search area to clip to (None: not asked, no area, or a point)."""
        aoi = self.workspace.aoi
        if not self.clip or aoi is None or aoi.geometry.area <= 0:
            return None
        return aoi.geometry

    @Slot()
    def read_whole_file(self) -> None:
        self._whole_file = True
        self.refresh()

    # -- following the selection and the view --------------------------------------------------

    def show_current(self) -> None:
        """The current result changed: offer its band combinations and read the best one."""
        row = self.workspace.selected_row
        store = self.workspace.search.store
        self._item = store.item(row) if row is not None and row < len(store) else None
        folder = self._local_folder()
        self.recipes = recipes(self._item, folder) if self._item is not None else []
        self.recipe_index = 0
        self._whole_file = False
        self.whole_file_offered.emit(False)
        self.recipes_changed.emit([shown(recipe.label) for recipe in self.recipes])
        self.refresh()

    def _forget_access(self) -> None:
        """Another catalog: other credentials and another local folder from the next read."""
        self._accesses.clear()

    def _on_view_changed(self, *_: object) -> None:
        if self.enabled and self._item is not None:
            self._stop()
            self._timer.start()

    @Slot()
    def refresh(self) -> None:
        """Read the preview for the view as it is now (cancelling any read in flight)."""
        self._stop()
        if not self.enabled:
            return
        if self._item is None:
            self.layer.clear()
            return
        if not self.recipes:
            self.layer.clear()
            self.say(self.tr("No preview: this item has no GeoTIFF asset."))
            return
        recipe = self.recipes[self.recipe_index]
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        width, height = max(1, int(self.viewbox.width())), max(1, int(self.viewbox.height()))
        service = self._service(recipe)
        view = (x0, y0, x1, y1)
        others = self._selection(recipe)
        clip = self._clip_shape()
        if others or clip is not None:
            current = (
                self._item,
                (self._name(self._item), recipe, self._access_for(self._item, recipe)),
            )
            parts = [current, *others]
            stack = [parts[i][1] for i in on_top_first([item for item, _ in parts], self.order)]
            future: Any = service.request_mosaic(stack, view, width, height, clip)
            self.say(shown(READING_MOSAIC(n=len(parts))))
            label = None  # the mosaic's own: how many items it drew
        else:
            future = service.request(recipe, view, width, height, self._whole_file)
            self.say(arg(self.tr("Reading the preview (%1)…"), recipe.label))
            label = recipe.label  # in the window's language, also for a preview from the cache
        self._task = asyncio.ensure_future(self._await(future, label))

    def _selection(self, recipe: Recipe) -> list[tuple[dict[str, Any], tuple[str, Recipe, Access]]]:
        """The other selected results that can be drawn like the current one (a mosaic with
        it), each with its item; empty for a single selection."""
        from stacdesk.core.previews.mosaic import MAX_ITEMS

        ws = self.workspace
        store = ws.search.store
        kind = recipe.label.split(" (", 1)[0]  # "true colour", "false colour" …
        out: list[tuple[dict[str, Any], tuple[str, Recipe, Access]]] = []
        for row in ws.selected_rows:
            if len(out) >= MAX_ITEMS - 1:
                break
            if row == ws.selected_row or row >= len(store):
                continue
            item = store.item(row)
            offered = recipes(item, self._local_folder())
            match = next((r for r in offered if r.label.startswith(kind)), None)
            if match is not None:
                out.append((item, (self._name(item), match, self._access_for(item, match))))
        return out

    @staticmethod
    def _name(item: dict[str, Any] | None) -> str:
        return str((item or {}).get("id") or "item")

    def _service(self, recipe: Recipe) -> PreviewService:
        access = self._access_for(self._item or {}, recipe)
        if self.service is None:
            from stacdesk.core.previews.service import PreviewService

            self.service = PreviewService(access)
        self.service.set_access(access)
        return self.service

    def _access_for(self, item: dict[str, Any], recipe: Recipe) -> Access:
        """The connection's credentials, the item's collection for signing and its S3 options
        (made once per item and catalog: the service keeps a reader per access)."""
        key = f"{self._name(item)}\n{recipe.channels[0].href}"
        known = self._accesses.get(key)
        if known is None:
            known = self._accesses[key] = self._new_access(item, recipe)
            while len(self._accesses) > 64:
                del self._accesses[next(iter(self._accesses))]
        return known

    def _new_access(self, item: dict[str, Any], recipe: Recipe) -> Access:
        from stacdesk.core.previews.access import Access, s3_options_for

        auth = getattr(self.workspace, "auth", None)
        collection = str(item.get("collection") or "")
        sign = None
        if auth is not None and getattr(auth, "signer", None) is not None:
            sign = lambda url: auth.sign_href(url, collection)  # noqa: E731
        return Access(
            headers_for=getattr(auth, "headers_for", None),
            sign=sign,
            s3=s3_options_for(item, recipe.channels[0].href),
            local_root=self._local_folder(),
        )

    def _local_folder(self) -> Path | None:
        """The local catalog's folder (its files may be read, relative hrefs start there)."""
        catalog = self.workspace.catalog
        root = Path(catalog.url) if isinstance(catalog, LocalCatalog) else None
        return root if root is not None and root.is_dir() else None

    async def _await(self, future: Any, label: str | None) -> None:
        from stacdesk.core.previews.reader import PreviewCancelled

        problems: list[str] = []
        try:
            preview = await asyncio.wrap_future(future)
            if isinstance(preview, tuple):  # a mosaic: the preview and the items left out
                preview, problems = preview
        except (PreviewCancelled, asyncio.CancelledError):
            return
        except NeedsWholeFile as refused:
            self.layer.clear()
            whole = self.tr("No preview: %1. Choose “Read whole file” to read it anyway.")
            self.say(arg(whole, said_by(refused)))
            self.whole_file_offered.emit(True)
            return
        except PreviewError as error:
            self.layer.clear()
            self.say(arg(self.tr("No preview: %1."), said_by(error)))
            return
        except Exception as error:  # a bug must not take the window down with it
            self.layer.clear()
            unexpected = self.tr("No preview: unexpected %1: %2")
            self.say(arg(unexpected, type(error).__name__, str(error)))
            return
        self.layer.show(preview)
        said = arg(self.tr("Preview: %1, %2."), label or preview.label, preview.detail)
        if problems:
            said += " " + arg(self.tr("Not drawn: %1."), "; ".join(shown(p) for p in problems))
        self.say(said)
        self.shown.emit()

    def _stop(self) -> None:
        self._timer.stop()
        if self.service is not None:
            self.service.cancel()
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def close(self) -> None:
        self._stop()
        if self.service is not None:
            self.service.close()
        with contextlib.suppress(RuntimeError, TypeError):
            self.viewbox.sigRangeChanged.disconnect(self._on_view_changed)
        with contextlib.suppress(ValueError):
            self.workspace.aoi_changed.disconnect(self._on_area_changed)
