"""Tools → Settings… in the real window: the values reach the running download engine (a new
download lands where the new folder and template say) and thumbnail service, are remembered by
the next window, and bad ones (unknown template field, a template leaving the folder, a folder
that can't be written) are refused with the reason while nothing changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMenu

from stacdesk.config import app_paths
from stacdesk.core.downloads.jobs import JobState
from stacdesk.ui.dialogs.settings_dialog import SettingsDialog
from stacdesk.ui.main_window import MainWindow
from tests.core.downloads.conftest import asset, make_item
from tests.core.downloads.test_disk_faults import mounted_tmpfs
from tests.servers.flaky_files import FlakyFileServer, make_bytes
from tests.ui.conftest import make_window


@pytest.fixture
def server() -> Iterator[FlakyFileServer]:
    with FlakyFileServer() as flaky:
        yield flaky


def open_dialog(qtbot, window: MainWindow) -> SettingsDialog:
    """Tools → Settings… (its Ctrl+, shortcut is checked, not typed: a key click that opens a
    window-modal dialog leaves Qt believing Ctrl is still held, which breaks later tests)."""
    action = window.settings_opener.action
    assert "Ctrl+," in [key.toString() for key in action.shortcuts()]
    action.trigger()
    dialog = window.settings_opener.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def ok(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def stored() -> QSettings:
    return QSettings(str(app_paths().settings_file), QSettings.Format.IniFormat)


def test_settings_apply_to_new_downloads_and_are_remembered(
    qtbot, window: MainWindow, server: FlakyFileServer, tmp_path: Path
) -> None:
    (tools,) = [m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Tools"]
    assert window.settings_opener.action in tools.actions()
    dialog = open_dialog(qtbot, window)
    engine = window.downloads_engine
    assert dialog.folder.text() == str(engine.folder)
    assert dialog.template.text() == "{dest}/{collection}/{item_id}/{filename}"
    assert (dialog.max_concurrent.value(), dialog.per_host.value()) == (4, 2)
    assert (dialog.thumb_concurrent.value(), dialog.thumb_cache_mb.value()) == (6, 200)

    folder = tmp_path / "chosen" / "downloads"  # not there yet: made on OK
    dialog.folder.setText(str(folder))
    dialog.template.setText("{dest}/{asset_key}/{item_id}-{filename}")
    assert dialog.preview.text() == str(folder / "B04" / "S2B_33UWR_20240501_0_L2A-B04.tif")
    dialog.max_concurrent.setValue(6)
    dialog.per_host.setValue(3)
    dialog.thumb_concurrent.setValue(3)
    dialog.thumb_cache_mb.setValue(50)
    ok(dialog)
    assert not dialog.isVisible() and folder.is_dir()
    assert (engine.folder, engine.settings.max_concurrent, engine.settings.per_host) == (
        folder,
        6,
        3,
    )
    assert str(folder) in window.status_text.text()
    thumbnails = window.results_panel.thumbnails  # the running service takes them too
    assert (thumbnails.settings.max_concurrent, thumbnails.settings.disk_limit_mb) == (3, 50)
    qtbot.waitUntil(lambda: thumbnails.disk.limit_bytes == 50 * 2**20)

    # The running engine uses them for new work.
    data = make_bytes(50_000)
    job = engine.add_asset(make_item("I1", {"red": asset(server.put("/r.tif", data), data)}), "red")
    assert job is not None
    qtbot.waitUntil(lambda: job.state is JobState.DONE, timeout=20000)
    assert Path(job.dest) == folder / "red" / "I1-r.tif"
    assert Path(job.dest).read_bytes() == data

    # And the next start reads them back, thumbnails included.
    saved = stored()
    assert saved.value("downloads/folder") == str(folder)
    assert int(saved.value("thumbnails/disk_limit_mb")) == 50
    window.close()
    second = make_window(qtbot)
    try:
        assert second.downloads_engine.folder == folder
        assert (
            second.downloads_engine.settings.template == "{dest}/{asset_key}/{item_id}-{filename}"
        )
        assert second.downloads_engine.settings.max_concurrent == 6
        thumbs = second.results_panel.thumbnails.settings
        assert (thumbs.max_concurrent, thumbs.disk_limit_mb) == (3, 50)
        again = open_dialog(qtbot, second)
        assert (again.folder.text(), again.per_host.value()) == (str(folder), 3)
        again.reject()
    finally:
        second.close()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{dest}/{collection}/{nope}/{filename}", "Unknown field {nope}"),
        ("{dest}/../{filename}", "must stay inside the download folder"),
        ("{dest}/{collection}//{filename}", "must stay inside the download folder"),
        ("/etc/{filename}", "must start with {dest}/"),
        ("{dest}/{collection}", "must contain {filename}"),
        ("{dest}/{item_id/{filename}", "not well formed"),
    ],
)
def test_bad_templates_are_refused_and_nothing_changes(
    qtbot, window: MainWindow, tmp_path: Path, template: str, message: str
) -> None:
    engine = window.downloads_engine
    before = (engine.folder, engine.settings.template)
    dialog = open_dialog(qtbot, window)
    dialog.folder.setText(str(tmp_path / "elsewhere"))
    dialog.template.setText(template)
    assert message in dialog.preview.text()  # said while typing
    ok(dialog)
    assert dialog.isVisible()
    assert message in dialog.error.text() and dialog.error.isVisible()
    assert (engine.folder, engine.settings.template) == before
    assert stored().value("downloads/template") is None
    dialog.template.setText("{dest}/{filename}")  # fixed: accepted
    ok(dialog)
    assert not dialog.isVisible()
    assert engine.settings.template == "{dest}/{filename}"


def test_unwritable_or_relative_folders_are_refused(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    engine = window.downloads_engine
    before = engine.folder
    dialog = open_dialog(qtbot, window)
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    for folder, message in (
        (a_file / "downloads", "Can't write in"),
        ("relative/downloads", "must be a full path"),
        ("", "Choose a download folder"),
    ):
        dialog.folder.setText(str(folder))
        ok(dialog)
        assert dialog.isVisible() and message in dialog.error.text(), dialog.error.text()
        assert engine.folder == before
    dialog.reject()


def test_a_read_only_disk_is_refused(qtbot, window: MainWindow, tmp_path: Path) -> None:
    read_only = mounted_tmpfs(tmp_path / "ro", "size=128k,ro")
    path = next(read_only)  # skips where no tmpfs can be mounted
    try:
        dialog = open_dialog(qtbot, window)
        before = window.downloads_engine.folder
        for folder in (path, path / "downloads"):
            dialog.folder.setText(str(folder))
            ok(dialog)
            assert dialog.isVisible()
            assert f"Can't write in {folder}: Read-only file system" in dialog.error.text()
        assert window.downloads_engine.folder == before
        dialog.reject()
    finally:
        read_only.close()
