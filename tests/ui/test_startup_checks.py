"""Damaged user files and an unwritable download folder: the app starts, keeps the bad file, and
says what it did in the status bar (and on stderr)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stacdesk.config import app_paths
from stacdesk.core.workspace.state import Workspace
from stacdesk.resources import resource_path
from stacdesk.startup_checks import Startup, settings_problem
from stacdesk.ui.main_window import MainWindow
from tests.conftest import REPO

JUNK = b"\x00\x01\x02 not settings \xff\xfe"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (JUNK, "binary data"),
        ("[window]\ngeometry=caf\xe9\n".encode("latin-1"), "not UTF-8"),
        (b"[window\nfoo\n", "not a valid settings file"),
    ],
)
def test_damaged_settings_are_recognised(tmp_path: Path, content: bytes, problem: str) -> None:
    found = settings_problem(write(tmp_path / "settings.ini", content))
    assert found is not None and problem in found


def test_good_or_missing_settings_are_fine(tmp_path: Path) -> None:
    assert settings_problem(tmp_path / "missing.ini") is None
    good = write(tmp_path / "settings.ini", b"[connection]\nlast=CESNET\n")
    assert settings_problem(good) is None


def test_damaged_settings_are_kept_and_defaults_used(qapp) -> None:
    paths = app_paths()
    write(paths.settings_file, JUNK)
    startup = Startup(paths)
    settings = startup.settings()
    assert settings.allKeys() == []
    backups = list(paths.config.glob("settings.ini.broken-*"))
    assert [b.read_bytes() for b in backups] == [JUNK]
    assert "settings file was damaged" in startup.notes[0] and str(backups[0]) in startup.notes[0]
    settings.setValue("connection/last", "CESNET")
    settings.sync()
    assert settings_problem(paths.settings_file) is None

    # Damaged again: the first backup is not overwritten.
    write(paths.settings_file, JUNK + b"2")
    Startup(paths).settings()
    contents = sorted(b.read_bytes() for b in paths.config.glob("settings.ini.broken-*"))
    assert contents == sorted([JUNK, JUNK + b"2"])


def test_damaged_connections_are_kept_and_presets_used() -> None:
    paths = app_paths()
    write(paths.connections_file, b'{"connections": [{"name": ')
    startup = Startup(paths)
    book = startup.connections(resource_path("sample-catalog"))
    assert book.custom == [] and book.sample is not None
    broken = paths.connections_file.with_suffix(".json.broken")
    assert broken.read_bytes() == b'{"connections": [{"name": '
    assert startup.notes and "saved connections were damaged" in startup.notes[0]


def test_missing_files_start_quietly() -> None:
    startup = Startup(app_paths())
    startup.connections(resource_path("sample-catalog"))
    assert startup.download_folder() == app_paths().downloads
    assert startup.notes == []


def test_unwritable_download_folder_falls_back_to_the_data_folder() -> None:
    paths = app_paths()
    # A file where the folder should be: nobody, root included, can create files "in" it.
    write(paths.downloads, b"not a folder")
    startup = Startup(paths)
    folder = startup.download_folder()
    assert folder == paths.data / "downloads" and folder.is_dir()
    assert str(paths.downloads) in startup.notes[0] and str(folder) in startup.notes[0]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="permissions don't bind root"
)
def test_read_only_download_folder_falls_back() -> None:
    paths = app_paths()
    paths.downloads.mkdir(parents=True)
    paths.downloads.chmod(0o555)
    try:
        startup = Startup(paths)
        assert startup.download_folder() == paths.data / "downloads"
        assert "Permission denied" in startup.notes[0]
    finally:
        paths.downloads.chmod(0o755)


def test_no_writable_download_folder_at_all_is_said() -> None:
    paths = app_paths()
    write(paths.downloads, b"file")
    write(paths.data, b"file too")
    startup = Startup(paths)
    assert startup.download_folder() == paths.downloads
    assert "choose another folder" in startup.notes[0]


def test_window_starts_and_says_what_was_repaired(qtbot, qloop) -> None:
    paths = app_paths()
    write(paths.settings_file, JUNK)
    write(paths.connections_file, b"[1, 2")
    write(paths.downloads, b"not a folder")
    startup = Startup(paths)
    settings = startup.settings()
    workspace = Workspace(startup.connections(resource_path("sample-catalog")))
    startup.download_folder()
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    startup.announce(window)
    message = window.statusBar().currentMessage()
    assert "settings file was damaged" in message
    assert "saved connections were damaged" in message
    assert "downloads go to" in message
    workspace.close()


def test_source_app_self_test_with_damaged_files(isolated_home: Path) -> None:
    """End to end through ``python -m stacdesk --self-test`` (what the frozen test runs)."""
    paths = app_paths()
    write(paths.settings_file, JUNK)
    write(paths.connections_file, b"{")
    write(paths.downloads, b"not a folder")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "stacdesk", "--self-test"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "ok   search:" in done.stdout
    assert "ok   preview:" in done.stdout  # a cloud-optimised file of the sample, read offline
    status = next(line for line in done.stdout.splitlines() if "status bar:" in line)
    for words in ("settings file was damaged", "connections were damaged", "downloads go to"):
        assert words in status and words in done.stderr
