"""What the app checks, and repairs, while it starts — and tells the user about.

A damaged settings file or connections list must neither stop the app nor be lost: it is moved
aside (kept for the user or a bug report) and the app starts with defaults. A download folder the
user cannot write to is replaced by one under the app's data folder. Each repair adds a sentence
to ``notes``, which the window shows in its status bar and the app prints on stderr.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from stacdesk.config import Paths

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMainWindow

    from stacdesk.core.catalogs.connections import ConnectionBook

STATUS_MESSAGE_MS = 30_000


def set_aside(path: Path) -> Path:
    """Move a damaged file out of the way under a name no earlier backup uses; the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    os.replace(path, backup)
    return backup


def settings_problem(path: Path) -> str | None:
    """Why the INI settings file can't be used, or None (also None when it does not exist).

    QSettings reads almost anything without complaint (binary junk becomes odd keys), so the
    file must also be text: UTF-8 without NUL bytes.
    """
    if not path.exists():
        return None
    from PySide6.QtCore import QSettings

    try:
        data = path.read_bytes()
    except OSError as exc:
        return exc.strerror or str(exc)
    if b"\0" in data:
        return "it contains binary data"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not UTF-8 text"
    status = QSettings(str(path), QSettings.Format.IniFormat).status()
    if status != QSettings.Status.NoError:
        return "it is not a valid settings file"
    return None


def writable_problem(folder: Path) -> str | None:
    """Why files can't be written in ``folder`` (created if missing), or None.

    Tries for real instead of asking os.access, which says yes to root and ignores read-only
    mounts and ACLs.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".stacdesk-write-test-"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


class Startup:
    """Opens the user's files for the window, repairing what is broken; ``notes`` say what."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.notes: list[str] = []

    def settings(self) -> QSettings:
        """The window's settings; a damaged file is moved aside and defaults are used."""
        from PySide6.QtCore import QSettings

        path = self.paths.settings_file
        problem = settings_problem(path)
        if problem:
            try:
                backup = set_aside(path)
            except OSError as exc:
                # Can't move it: don't let this session's saves overwrite it either.
                self.notes.append(
                    f"The settings file {path} is damaged ({problem}) and could not be moved "
                    f"aside ({exc.strerror or exc}); using default settings that will not be "
                    "saved."
                )
                spare = Path(tempfile.mkdtemp(prefix="stacdesk-settings-")) / "settings.ini"
                return QSettings(str(spare), QSettings.Format.IniFormat)
            self.notes.append(
                f"The settings file was damaged ({problem}): started with default settings and "
                f"kept the old file as {backup}."
            )
        return QSettings(str(path), QSettings.Format.IniFormat)

    def connections(self, sample_folder: Path | None) -> ConnectionBook:
        """The saved connections; ConnectionBook moves a damaged file aside, we say so."""
        from stacdesk.core.catalogs.connections import ConnectionBook

        path = self.paths.connections_file
        broken = path.with_suffix(".json.broken")
        before = _identity(broken)
        book = ConnectionBook(path, sample_folder)
        if _identity(broken) != before and broken.exists():
            self.notes.append(
                f"The saved connections were damaged: started with the preset catalogs and kept "
                f"the old file as {broken}."
            )
        return book

    def download_folder(self) -> Path:
        """The default download folder if it can be written, else one under the data folder."""
        preferred = self.paths.downloads
        problem = writable_problem(preferred)
        if problem is None:
            return preferred
        fallback = self.paths.data / "downloads"
        fallback_problem = writable_problem(fallback)
        if fallback_problem is None:
            self.notes.append(
                f"Can't write to the download folder {preferred} ({problem}); downloads go to "
                f"{fallback} instead."
            )
            return fallback
        self.notes.append(
            f"Can't write to the download folder {preferred} ({problem}) nor to {fallback} "
            f"({fallback_problem}); choose another folder before downloading."
        )
        return preferred

    def announce(self, window: QMainWindow) -> None:
        """Show the notes in the status bar (for a while) and print them on stderr."""
        if not self.notes:
            return
        for note in self.notes:
            print(f"stacdesk: {note}", file=sys.stderr, flush=True)
        window.statusBar().showMessage("  ".join(self.notes), STATUS_MESSAGE_MS)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns
