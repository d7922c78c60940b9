"""Open a folder (or show a file in it) in the system's file manager.

Why the fallback: where no file manager is registered (a bare server session, a minimal desktop)
the open request just fails, and "Open folder" seemed to do nothing. Then the window says where
the folder is, in the status bar and in a small message that offers to copy the path.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from stacdesk.ui.core_text import arg

STATUS_MS = 20000


def open_folder(path: Path, parent: QWidget | None = None) -> bool:
    """Open ``path`` in the file manager; on failure tell the user where it is (with ``parent``)."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    if parent is not None:
        show_location(path, parent)
    return False


def reveal_file(path: Path, parent: QWidget | None = None) -> bool:
    """Show a file selected in its folder (Explorer / Finder); elsewhere open its folder."""
    if path.exists() and sys.platform == "win32":
        return QProcess.startDetached("explorer", [f"/select,{path}"])[0]
    if path.exists() and sys.platform == "darwin":
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    return open_folder(path.parent, parent)


def show_location(path: Path, parent: QWidget) -> QMessageBox:
    """Say where ``path`` is: in the window's status bar, and in a message with "Copy path"."""
    window = parent.window()
    text = arg(
        QCoreApplication.translate(
            "FolderOpener", "No file manager could be opened. The folder is %1"
        ),
        str(path),
    )
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("FolderOpener", "Open folder"),
        arg(
            QCoreApplication.translate(
                "FolderOpener", "No file manager could be opened here.\n\nThe folder is:\n%1"
            ),
            str(path),
        ),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    copy = box.addButton(
        QCoreApplication.translate("FolderOpener", "Copy path"), QMessageBox.ButtonRole.ActionRole
    )
    copy.clicked.connect(lambda: QApplication.clipboard().setText(str(path)))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
