""" "Open folder" where no file manager can be opened (the offscreen platform has none): the
window says where the folder is and offers to copy the path, instead of doing nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from stacdesk.ui.main_window import MainWindow


def test_open_folder_without_a_file_manager_says_where_and_copies_the_path(
    qtbot, window: MainWindow
) -> None:
    panel = window.downloads_panel
    folder = Path(window.downloads_engine.folder)
    QDesktopServices.unsetUrlHandler("file")  # nothing may take the request: it fails
    qtbot.mouseClick(panel.buttons["folder"], Qt.MouseButton.LeftButton)

    assert str(folder) in window.statusBar().currentMessage()
    boxes = [b for b in panel.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and str(folder) in boxes[0].text()
    copy = next(b for b in boxes[0].buttons() if b.text() == "Copy path")
    QApplication.clipboard().clear()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == str(folder)
