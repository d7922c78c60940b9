"""Bulk download and export offer, and start with, the results the list's filter shows; export
proposes the folder of the last export (first: the download folder) and remembers it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from stacdesk.core.results.store import ResultBatch
from stacdesk.ui.main_window import MainWindow
from tests.core.downloads.conftest import asset, make_item

KEYS = [f"band-{n:02d}" for n in range(45)]  # more than the dialog used to list


def load_filtered(window: MainWindow) -> list[str]:
    """Six results, two of them selected; the filter shows the three named "keep"."""
    items = [
        make_item(
            f"{kind}-{n}",
            {k: asset(f"http://127.0.0.1:9/{kind}/{n}/{k}.tif", b"x" * 10) for k in KEYS},
        )
        for kind in ("keep", "other")
        for n in range(3)
    ]
    ws = window.workspace
    ws.search.store.append(ResultBatch.from_features(items))
    ws.select_rows((3,))
    ws.result_filter.set(text="keep")
    assert int(ws.visible_rows.sum()) == 3
    return ["keep-0", "keep-1", "keep-2"]


def test_bulk_dialog_offers_and_starts_with_the_filtered_results(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    shown = load_filtered(window)
    window.download_actions.bulk_action.trigger()
    dialog = window.download_actions.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope_shown.isChecked() and dialog.scope_shown.isVisibleTo(dialog)
    assert dialog.scope_shown.text() == "the 3 results shown by the filter"
    assert dialog.scope_selected.text() == "the 1 selected result"
    assert dialog.scope_all.text() == "all 6 loaded results"
    assert [item["id"] for item in dialog.items()] == shown
    assert all(key in dialog.available.text() for key in KEYS)  # every key, none cut off

    dialog.keys.setText("band-44")
    dialog.folder.setText(str(tmp_path / "bulk"))
    dialog.update_summary()
    assert dialog.summary.text().startswith("3 assets of 3 results.")
    dialog.scope_selected.setChecked(True)
    dialog.update_summary()
    assert dialog.summary.text().startswith("1 asset of 1 result.")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_bulk_dialog_without_a_filter_has_no_filtered_choice(qtbot, window: MainWindow) -> None:
    load_filtered(window)
    window.workspace.result_filter.clear()
    window.download_actions.bulk_action.trigger()
    dialog = window.download_actions.dialog
    assert dialog is not None
    assert not dialog.scope_shown.isVisibleTo(dialog) and dialog.scope_selected.isChecked()


def test_export_starts_with_the_filtered_results_and_remembers_its_folder(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    shown = load_filtered(window)
    exports = window.exports
    exports.export_action.trigger()
    dialog = exports.dialog
    assert dialog is not None
    assert dialog.scope_combo.currentData() == "Results shown by the filter"
    assert Path(dialog.path_edit.text()).parent == Path(window.downloads_engine.folder)
    assert Path(window.downloads_engine.folder).is_dir()  # so the proposed file can be written

    target = tmp_path / "exports"
    target.mkdir()
    dialog.set_format("csv")
    dialog.path_edit.setText(str(target / "shown.csv"))
    dialog.accept()
    qtbot.waitUntil(lambda: exports.last_result is not None, timeout=20000)
    assert exports.last_result.items == 3
    rows = (target / "shown.csv").read_text().splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == shown

    exports.export_action.trigger()
    assert Path(exports.dialog.path_edit.text()).parent == target
    assert window.settings.value("export/folder") == str(target)
