"""Several items in one preview: each read on the view's pixel lattice and pasted where it has
data, the first item on top (the current result over the rest of the selection, or the newest or
the least cloudy: ``stacking.on_top_first``), clipped to the search area when asked.

Why per item and not one big warp: each item keeps its own files, credentials, overview choice
and stretch, and an item that cannot be read (a striped TIFF, a 403) is named in the message
while the others are still drawn.

The reading process hands back each item's failure as it was
raised, so the window's process, which holds the credentials, can ask the server why a file it
probed fine could not be read (``PreviewService``) before the messages are written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from stacdesk.core.common.message import QT_TRANSLATE_NOOP, said_by
from stacdesk.core.previews.bands import Recipe
from stacdesk.core.previews.errors import OutsideView, PreviewError
from stacdesk.core.previews.preview import Bbox, Preview
from stacdesk.core.previews.reader import Reader, clipped_view

SOME_ITEMS = QT_TRANSLATE_NOOP("Previews", "%1 of %Ln items", "%1 of %Ln item", 1)
ALL_ITEMS = QT_TRANSLATE_NOOP("Previews", "%Ln items", "%Ln item", 1)
CLIPPED = QT_TRANSLATE_NOOP("Previews", "%1, clipped to the search area")
MORE_NOT_DRAWN = QT_TRANSLATE_NOOP(
    "Previews", "%Ln more items not drawn", "%Ln more item not drawn", 1
)
ITEM_PROBLEM = QT_TRANSLATE_NOOP("Previews", "%1: %2")

MAX_ITEMS = 24  # a preview of more would read for minutes; the message says how many were left

Failure = tuple[str, PreviewError]  # an item's name, and why it was left out


class NothingDrawn(PreviewError):
    """No item of the mosaic could be drawn: each one's failure, the first item's as the text."""

    def __init__(self, failures: list[Failure], left_out: int) -> None:
        self.failures = failures
        self.left_out = left_out
        super().__init__(problem_lines(failures, left_out)[0])

    def __reduce__(self) -> tuple[type, tuple[list[Failure], int]]:
        return type(self), (self.failures, self.left_out)  # from the reading process


@dataclass(frozen=True)
class Mosaic:
    """A drawn mosaic, each item's failure as raised, and how many items were not tried."""

    preview: Preview
    failures: list[Failure]
    left_out: int

    @property
    def problems(self) -> list[str]:
        return problem_lines(self.failures, self.left_out)


def problem_lines(failures: Sequence[Failure], left_out: int) -> list[str]:
    """One message per item left out (the first item first), then how many were not tried."""
    lines: list[str] = [ITEM_PROBLEM(name, said_by(error)) for name, error in failures]
    return [*lines, MORE_NOT_DRAWN(n=left_out)] if left_out > 0 else lines


def _inside(clip: Any, box: Bbox, columns: int, rows: int) -> np.ndarray:
    """Which pixels of the lattice have their centre in ``clip`` (a lon/lat shapely shape)."""
    from rasterio.features import geometry_mask
    from rasterio.transform import from_bounds
    from shapely.geometry import mapping

    transform = from_bounds(*box, columns, rows)
    return geometry_mask([mapping(clip)], (rows, columns), transform, invert=True)


def read_mosaic(
    items: Sequence[tuple[str, Recipe, Reader]],
    view: Bbox,
    width: int,
    height: int,
    cancelled: Callable[[], bool] = lambda: False,
    clip: Any = None,
) -> Mosaic:
    """The mosaic of ``(name, recipe, reader)`` items (each read with its own credentials),
    transparent outside ``clip`` (a lon/lat shapely shape), with each item left out and why;
    ``NothingDrawn`` when no item could be drawn."""
    box, columns, rows = clipped_view(view, width, height)
    dx, dy = (box[2] - box[0]) / columns, (box[3] - box[1]) / rows
    channels = max(len(recipe.channels) for _, recipe, _ in items) if items else 1
    rgba = np.zeros((rows, columns, 4), dtype=np.uint8)
    values = np.full((channels, rows, columns), np.nan, dtype=np.float32)
    left_out = max(0, len(items) - MAX_ITEMS)
    failures: list[Failure] = []
    drawn = 0
    for name, recipe, reader in reversed(items[:MAX_ITEMS]):  # the first is pasted last: on top
        try:
            part = reader.read_view(recipe, box, columns, rows, cancelled=cancelled)
        except OutsideView:
            continue  # not a fault: panning a mosaic leaves most items off the map
        except PreviewError as error:
            failures.insert(0, (name, error))
            continue
        col0 = round((part.bounds[0] - box[0]) / dx)
        row0 = round((box[3] - part.bounds[3]) / dy)
        part_rows = min(part.rgba.shape[0], rows - row0)  # a part never spills off the canvas
        part_columns = min(part.rgba.shape[1], columns - col0)
        target = (slice(row0, row0 + part_rows), slice(col0, col0 + part_columns))
        part_rgba = part.rgba[:part_rows, :part_columns]
        has_data = part_rgba[..., 3] > 0
        rgba[target][has_data] = part_rgba[has_data]
        count = part.values.shape[0]
        part_values = part.values[:, :part_rows, :part_columns]
        values[(slice(0, count), *target)][:, has_data] = part_values[:, has_data]
        drawn += 1
    if drawn == 0:
        raise NothingDrawn(failures, left_out) if failures or left_out else OutsideView()
    if clip is not None:
        outside = ~_inside(clip, box, columns, rows)
        rgba[outside] = 0
        values[:, outside] = np.nan
    names = tuple(c.name for c in items[0][1].channels)
    label = SOME_ITEMS(drawn, n=len(items)) if drawn < len(items) else ALL_ITEMS(n=drawn)
    if len(items) == 1:
        label = items[0][1].label
    if clip is not None:
        label = CLIPPED(label)
    return Mosaic(Preview(rgba, values, box, names, label, "mosaic"), failures, left_out)
