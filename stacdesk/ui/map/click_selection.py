"""What a click on a footprint does to the selection: a plain click selects that result (or
nothing, off every footprint); Ctrl+click adds it to the selection or takes it out."""

from __future__ import annotations

from stacdesk.core.workspace.state import Workspace


def click_select(workspace: Workspace, row: int | None, toggle: bool) -> None:
    if not toggle:
        workspace.select(row)
        return
    if row is None:
        return
    selected = workspace.selected_rows
    if row in selected:
        rows = tuple(r for r in selected if r != row)
        current = workspace.selected_row
        workspace.select_rows(rows, current if current != row else (rows[0] if rows else None))
    else:
        workspace.select_rows((*selected, row), row)
