""" "Download assets with keys K1, K2 … (or roles R) for the selected / filtered / all results":
while the list's filter hides results, the results it shows are offered and chosen first (they are
what the user is looking at). Shows every asset key and role found, how many assets match, their
total size where ``file:size`` is known, and the free space of the target disk before anything
starts; OK stays disabled when nothing matches or it can't fit.

A scope of many results (all 100,000 loaded ones) is read from the result store and totalled in
a worker thread — seconds of work that would otherwise freeze the window; the summary says
"Reading…" / "Counting…" meanwhile. Small scopes are done at once.
"""

from __future__ import annotations

import asyncio
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from stacdesk.core.common.json_fields import list_field
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, said_by
from stacdesk.core.downloads.assets import assets_of, total_size
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg
from stacdesk.ui.core_text import shown as in_language
from stacdesk.ui.locale_format import size as size_text

MAX_ITEMS = 100_000  # "all results" beyond this would take long to read: the dialog says so
AT_ONCE = 2_000  # scopes up to this many results are read and totalled on the GUI thread
KEYS_HEIGHT = 110  # the list of keys and roles scrolls beyond this (some items have hundreds)


@dataclass
class Scope:
    """Results the dialog may download: how many, and how to read them (in a worker when
    there are many). ``items`` is filled once read."""

    count: int
    read: Callable[[], list[dict[str, Any]]]
    items: list[dict[str, Any]] | None = None
    reading: bool = False  # in a worker now

    @classmethod
    def of(cls, items: list[dict[str, Any]]) -> Scope:
        return cls(len(items), lambda: items, items)


def split_words(text: str) -> list[str]:
    return [w.strip() for w in text.replace(";", ",").split(",") if w.strip()]


def free_space(folder: Path) -> int | None:
    """Free bytes on the disk that holds ``folder`` (its nearest existing parent)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free
            except OSError:
                return None
    return None


SCOPE_SELECTED = QT_TRANSLATE_NOOP(
    "BulkDownloadDialog", "the %Ln selected results", "the %Ln selected result", 1
)
SCOPE_SHOWN = QT_TRANSLATE_NOOP(
    "BulkDownloadDialog",
    "the %Ln results shown by the filter",
    "the %Ln result shown by the filter",
    1,
)
SCOPE_ALL = QT_TRANSLATE_NOOP(
    "BulkDownloadDialog", "all %Ln loaded results", "the %Ln loaded result", 1
)
READING = QT_TRANSLATE_NOOP(
    "BulkDownloadDialog", "Reading the %Ln results…", "Reading the %Ln result…", 1
)
COUNTING = QT_TRANSLATE_NOOP(
    "BulkDownloadDialog",
    "Counting the assets of %Ln results…",
    "Counting the assets of %Ln result…",
    1,
)
ASSETS = QT_TRANSLATE_NOOP("BulkDownloadDialog", "%Ln assets", "%Ln asset", 1)
ASSETS_OF = QT_TRANSLATE_NOOP("BulkDownloadDialog", "%1 of %Ln results.", "%1 of %Ln result.", 1)
TOTAL_PLUS = QT_TRANSLATE_NOOP(
    "BulkDownloadDialog",
    "Total size: %1 plus %Ln assets of unknown size.",
    "Total size: %1 plus %Ln asset of unknown size.",
    1,
)


class BulkDownloadDialog(QDialog):
    """Pick assets by key or role for a set of results; ``chosen()`` after accept.

    ``shown``: the results the list's filter shows, when it hides some (None: no filter).
    ``start``: the scope chosen at first ("selected", "shown" or "all"); by default the filtered
    results while a filter is active, else the selection, else all.
    """

    def __init__(
        self,
        selected: Scope,
        every: Scope,
        folder: Path,
        parent: QWidget | None = None,
        shown: Scope | None = None,
        start: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Download assets"))
        self.selected_scope = selected
        self.all_scope = every
        self.shown_scope = shown or Scope.of([])
        self._generation = 0  # which summary request a worker's totals answer
        self.keys = named(
            QLineEdit(placeholderText=self.tr("e.g. B04, B08, visual")), self.tr("Asset keys")
        )
        self.roles = named(
            QLineEdit(placeholderText=self.tr("e.g. data, metadata")), self.tr("Asset roles")
        )
        self.scope_selected = QRadioButton(in_language(SCOPE_SELECTED(n=selected.count)))
        self.scope_shown = QRadioButton(in_language(SCOPE_SHOWN(n=self.shown_scope.count)))
        self.scope_all = QRadioButton(in_language(SCOPE_ALL(n=every.count)))
        self.scope_selected.setEnabled(bool(selected.count))
        self.scope_shown.setVisible(shown is not None)
        radios = {"selected": self.scope_selected, "shown": self.scope_shown}
        if start not in radios or (start == "shown" and shown is None):
            start = "shown" if shown is not None else "selected" if selected.count else "all"
        radios.get(start, self.scope_all).setChecked(True)
        self.folder = named(QLineEdit(str(folder)), self.tr("Download folder"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_selected)
        scope_row.addWidget(self.scope_shown)
        scope_row.addWidget(self.scope_all)
        self.available = QLabel(wordWrap=True)
        self.available.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.available.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        available_box = named(QScrollArea(widgetResizable=True), self.tr("Assets of these results"))
        available_box.setWidget(self.available)
        available_box.setMaximumHeight(KEYS_HEIGHT)
        self.summary = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Download"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Asset keys:"), self.keys)
        form.addRow(self.tr("or roles:"), self.roles)
        form.addRow(self.tr("For:"), scope_row)
        form.addRow(self.tr("Into:"), folder_row)
        form.addRow(available_box)
        form.addRow(self.summary)
        form.addRow(self.buttons)
        self._timer = QTimer(self, interval=150, singleShot=True)
        self._timer.timeout.connect(self.update_summary)
        for edit in (self.keys, self.roles, self.folder):
            edit.textChanged.connect(self._timer.start)
        for radio in (self.scope_selected, self.scope_shown, self.scope_all):
            radio.toggled.connect(self._timer.start)
        self.finished.connect(self._timer.stop)  # no summary work once the dialog is closed
        self._read_scope(self.scope())
        self._show_available()
        self.update_summary()

    def scope(self) -> Scope:
        if self.scope_selected.isChecked():
            return self.selected_scope
        return self.shown_scope if self.scope_shown.isChecked() else self.all_scope

    def items(self) -> list[dict[str, Any]]:
        """The chosen scope's results ([] while they are still being read)."""
        return self.scope().items or []

    def chosen(self) -> tuple[list[dict[str, Any]], list[str], list[str], Path]:
        """(items, keys, roles, folder) as entered."""
        return (
            self.items(),
            split_words(self.keys.text()),
            split_words(self.roles.text()),
            Path(self.folder.text().strip()).expanduser(),
        )

    def _show_available(self) -> None:
        if self.scope().items is None:
            self.available.setText(self.tr("Keys and roles: reading the results…"))
            return
        keys: Counter[str] = Counter()
        roles: Counter[str] = Counter()
        for item in self.items()[:500]:
            for key, asset in assets_of(item).items():
                keys[key] += 1
                roles.update(r for r in list_field(asset, "roles") if isinstance(r, str))
        self.available.setText(  # all of them, most common first; the box scrolls
            arg(self.tr("Keys: %1"), ", ".join(k for k, _ in keys.most_common()))
            + "<br>"
            + arg(self.tr("Roles: %1"), ", ".join(r for r, _ in roles.most_common()))
        )

    @Slot()
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Download into"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def _read_scope(self, scope: Scope) -> bool:
        """True when the scope's results are at hand; else they are read in a worker and the
        summary is updated when they arrive."""
        if scope.items is not None:
            return True
        if scope.count <= AT_ONCE:
            scope.items = scope.read()
            return True
        if not scope.reading:
            scope.reading = True
            task = asyncio.get_running_loop().run_in_executor(None, scope.read)

            def arrived(task: asyncio.Future[list[dict[str, Any]]]) -> None:
                scope.reading = False
                error = self.tr("the app is closing") if task.cancelled() else task.exception()
                if error is not None:  # (exception() itself raises for a cancelled task)
                    scope.items = []
                    reason = said_by(error) if isinstance(error, BaseException) else error
                    self.summary.setText(arg(self.tr("Could not read the results: %1"), reason))
                    return
                scope.items = task.result()
                self._show_available()
                self.update_summary()

            task.add_done_callback(arrived)
        return False

    @Slot()
    def update_summary(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._generation += 1  # totals still being counted for an earlier request are dropped
        scope = self.scope()
        if not self._read_scope(scope):
            self.summary.setText(in_language(READING(n=scope.count)))
            ok.setEnabled(False)
            return
        items, keys, roles, folder = self.chosen()
        if not keys and not roles:
            self.summary.setText(self.tr("Enter asset keys or roles."))
            ok.setEnabled(False)
            return
        if len(items) <= AT_ONCE:
            self._show_totals(total_size(items, keys, roles), len(items), folder)
            return
        self.summary.setText(in_language(COUNTING(n=len(items))))
        ok.setEnabled(False)
        generation = self._generation
        task = asyncio.get_running_loop().run_in_executor(None, total_size, items, keys, roles)

        def counted(task: asyncio.Future[tuple[int, int, int]]) -> None:
            if generation == self._generation and not task.cancelled():
                if task.exception() is None:
                    self._show_totals(task.result(), len(items), folder)
                else:
                    failed = self.tr("Could not count the assets: %1")
                    self.summary.setText(arg(failed, said_by(task.exception())))

        task.add_done_callback(counted)

    def _show_totals(self, found: tuple[int, int, int], results: int, folder: Path) -> None:
        """Show ``total_size``'s (known bytes, assets with a size, assets without one)."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        known, with_size, without = found
        count = with_size + without
        free = free_space(folder) if folder.is_absolute() else None
        lines = [in_language(ASSETS_OF(ASSETS(n=count), n=results))]
        if count and without:
            lines.append(in_language(TOTAL_PLUS(size_text(known), n=without)))
        elif count:
            lines.append(arg(self.tr("Total size: %1."), size_text(known)))
        fits = True
        if not folder.is_absolute():
            lines.append(self.tr("Choose a full folder path."))
            fits = False
        elif free is not None:
            lines.append(arg(self.tr("Free space there: %1."), size_text(free)))
            if known > free:
                lines.append(self.tr("<b>Not enough free space for these files.</b>"))
                fits = False
        self.summary.setText("<br>".join(lines))
        ok.setEnabled(count > 0 and fits)
