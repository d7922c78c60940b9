"""The main window: docks for search, results and details around the map; menus; status bar.

Geometry, dock layout and the last catalog are saved in the settings file and restored at start.
The window stays inside the screen it opens on (``screen_fit``): its first size, a restored one
and a growth caused by showing a panel are all cut to the screen's available area; the bottom
panels share one tabbed area so that the minimum size fits a 1024×600 screen.

The window is built in two steps so that it is on screen before the slow imports (pyqtgraph,
numpy, the HTTP stacks: about a second from source): the frame (title, saved geometry, status
bar) needs only Qt, and ``populate`` imports and builds the panels once the frame has painted.
That is why the panel modules are imported inside ``populate``, not at the top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QWidget,
)

from stacdesk import __version__
from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.ui.color_scheme import SCHEME_SETTING, watcher
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.locale_format import readable_c_locale
from stacdesk.ui.screen_fit import grown_to_minimum, keep_on_screen, open_size
from stacdesk.ui.tab_order import PanelOrder

if TYPE_CHECKING:
    from stacdesk.core.downloads.engine import DownloadEngine
    from stacdesk.core.workspace.state import Workspace

# 2: plots and downloads share a tabbed area. A layout saved before (side by side, too wide for
# a laptop) gives way to the new default once.
LAYOUT_VERSION = 2

SEARCH_FAILED = QT_TRANSLATE_NOOP(
    "MainWindow",
    "Search failed: %1 (%Ln results kept; scroll to retry)",
    "Search failed: %1 (%Ln result kept; scroll to retry)",
    1,
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        workspace: Workspace | None,
        settings: QSettings,
        downloads: DownloadEngine | None = None,
    ) -> None:
        """Without a workspace only the frame is built; ``populate`` adds the rest."""
        super().__init__()
        readable_c_locale()
        self.settings = settings
        self.populated = False
        self.setWindowTitle("stacdesk")
        open_size(self)
        self.status_text = QLabel(self.tr("Starting…"))
        # A long message (a server's error) is cut at the window's edge, never widens the window.
        self.status_text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar(maximumWidth=160, textVisible=False)
        self.progress.setRange(0, 0)
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.progress)
        starting = QLabel(self.tr("Loading the map and the catalogs…"))
        starting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(starting)  # replaced by the map in populate
        geometry = settings.value("window/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            keep_on_screen(self)  # saved on a bigger screen, or on one no longer attached
        if workspace is not None:
            self.populate(workspace, downloads)

    def populate(self, workspace: Workspace, downloads: DownloadEngine | None = None) -> None:
        """Build the panels, docks and menus, and restore the saved dock layout."""
        from stacdesk.ui.pyqtgraph_import import import_pyqtgraph

        import_pyqtgraph()  # before any panel module imports it the usual, slower way
        from stacdesk.ui.connections.local_catalog_actions import LocalCatalogOpener
        from stacdesk.ui.dialogs.export_actions import ExportActions
        from stacdesk.ui.dialogs.settings_dialog import SettingsOpener
        from stacdesk.ui.downloads.download_actions import DownloadActions
        from stacdesk.ui.downloads.downloads_panel import DownloadsPanel
        from stacdesk.ui.downloads.downloads_setup import make_engine
        from stacdesk.ui.item_panel import ItemPanel
        from stacdesk.ui.map.map_panel import MapPanel
        from stacdesk.ui.plots.plots_panel import PlotsPanel
        from stacdesk.ui.results.results_panel import ResultsPanel, thumbnail_service
        from stacdesk.ui.search.load_all import LoadAllAction
        from stacdesk.ui.search.reproduce_actions import ReproduceActions
        from stacdesk.ui.search.saved_searches_menu import SavedSearchesMenu
        from stacdesk.ui.search.search_panel import SearchPanel

        settings = self.settings
        self.workspace = workspace
        watcher().choose(str(settings.value(SCHEME_SETTING, "system")))  # before panels colour
        self.map_panel = MapPanel(workspace)
        self.search_panel = SearchPanel(workspace)
        self.results_panel = ResultsPanel(workspace, thumbnails=thumbnail_service(settings))
        self.plots_panel = PlotsPanel(workspace)
        self.item_panel = ItemPanel(workspace)
        # The app passes its engine (it outlives the window); otherwise the window owns one.
        self._owns_downloads = downloads is None
        self.downloads_engine = downloads or make_engine(settings, workspace)
        self.downloads_panel = DownloadsPanel(self.downloads_engine)
        self.setCentralWidget(self.map_panel)
        self.search_panel.setMinimumWidth(310)  # its forms are unreadable any narrower
        self.results_panel.setMinimumWidth(240)  # a thumbnail and a readable line beside it
        # Side docks run the full height; bottom docks (plots) sit under the map only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.docks = {
            "search": self._dock(
                self.tr("Catalog && search"),
                "search",
                self.search_panel,
                Qt.DockWidgetArea.LeftDockWidgetArea,
            ),
            "results": self._dock(
                self.tr("Results"),
                "results",
                self.results_panel,
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            "item": self._dock(
                self.tr("Item details"),
                "item",
                self.item_panel,
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            "plots": self._dock(
                self.tr("Plots"), "plots", self.plots_panel, Qt.DockWidgetArea.BottomDockWidgetArea
            ),
            "downloads": self._dock(
                self.tr("Downloads"),
                "downloads",
                self.downloads_panel,
                Qt.DockWidgetArea.BottomDockWidgetArea,
            ),
        }
        self._tab_bottom_docks()
        self.status_text.clear()
        self.progress.hide()
        # The actions get what they use, never the window: results of their work go to the
        # status bar (a fading message, or the status line for downloads and settings).
        engine, panel, say = self.downloads_engine, self.search_panel, self.show_message
        self.local_catalogs = LocalCatalogOpener(workspace, panel, say, self)
        self.exports = ExportActions(workspace, settings, engine, say, self)
        self.reproduce = ReproduceActions(workspace, panel, say, self)
        self.saved_searches = SavedSearchesMenu(workspace, panel, say, self)
        self.load_all = LoadAllAction(workspace, settings, self)
        self.results_panel.load_all_requested.connect(self.load_all.start)
        self.download_actions = DownloadActions(
            workspace,
            engine,
            (self.item_panel, self.results_panel, self.downloads_panel),
            self.show_downloads,
            self.status_text.setText,
            self,
        )
        self.settings_opener = SettingsOpener(
            settings, engine, self.results_panel.thumbnails, self.status_text.setText, self
        )
        # Window-wide shortcuts, also while their menu is closed.
        self.addActions([self.download_actions.bulk_action, self.settings_opener.action])
        self._make_menus()
        panels = (self.search_panel, self.results_panel, self.map_panel, self.item_panel)
        self.tab_order = PanelOrder((*panels, self.plots_panel, self.downloads_panel))
        self.search_panel.search_requested.connect(self.run_search)
        self.results_panel.list_view.activated.connect(self.open_result)  # Enter, double-click
        workspace.search.changed.connect(self._on_search_changed)
        workspace.catalog_changed.connect(self._on_catalog_changed)
        self._remember_other_catalogs()
        self._restore_docks()
        self.layout().activate()  # the panels' minimum sizes grow the frame now, not later
        keep_on_screen(self)
        self.populated = True

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go from panel to panel in the order a search is made."""
        order = getattr(self, "tab_order", None)
        target = order.next_stop(QApplication.focusWidget(), next) if order else None
        if target is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def show_message(self, text: str) -> None:
        """A status message that fades after 15 s (the status line keeps the search's state)."""
        self.statusBar().showMessage(text, 15000)

    def open_result(self) -> None:
        """A result opened from the list: the map shows it, its details take the focus."""
        self.map_panel.zoom_to_selection()
        dock = self.docks["item"]
        dock.show()
        dock.raise_()
        self.item_panel.tabs.setFocus()

    def show_downloads(self) -> None:
        """Bring the downloads panel forward (a download was just queued)."""
        dock = self.docks["downloads"]
        dock.show()
        dock.raise_()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _tab_bottom_docks(self) -> None:
        """Plots and downloads share one tabbed area under the map: side by side they need more
        width than a small laptop has."""
        self.tabifyDockWidget(self.docks["plots"], self.docks["downloads"])
        self.docks["plots"].raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Showing a panel (a queued download shows Downloads) can raise the minimum size and so
        grow the window past the screen's edge: such a window is moved back in."""
        super().resizeEvent(event)
        if grown_to_minimum(event.oldSize(), event.size(), self.minimumSize()):
            QTimer.singleShot(0, self, lambda: keep_on_screen(self))

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        sample = file_menu.addAction(self.tr("Open the offline &sample catalog"))
        sample.triggered.connect(self.search_panel.open_sample)
        file_menu.addAction(self.local_catalogs.open_action)
        file_menu.addAction(self.exports.export_action)
        file_menu.addAction(self.map_panel.import_action)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # the platform theme may have none
        quit_action.triggered.connect(self.close)

        search_menu = self.menuBar().addMenu(self.tr("&Search"))
        run = QAction(self.tr("&Run search"), self)
        run.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        run.triggered.connect(self.run_search)
        stop = QAction(self.tr("S&top loading"), self)
        stop.setShortcut(QKeySequence("Esc"))
        stop.triggered.connect(self.workspace.cancel_search)
        search_menu.addActions([run, stop, self.load_all.action])
        self.addActions([run, stop])
        search_menu.addSeparator()
        search_menu.addActions(self.reproduce.actions)
        search_menu.addSeparator()
        self.saved_searches.add_to(search_menu)
        search_menu.addSeparator()
        search_menu.addAction(self.download_actions.bulk_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.map_panel.toolbar.toggleViewAction())
        view_menu.addSeparator()
        reset = view_menu.addAction(self.tr("&Reset layout"))
        reset.triggered.connect(self.reset_layout)

        tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        tools_menu.addAction(self.settings_opener.action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = help_menu.addAction(self.tr("&Keyboard shortcuts"))
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self._show_shortcuts)
        about = help_menu.addAction(self.tr("&About stacdesk"))
        about.triggered.connect(self._about)

    @Slot()
    def run_search(self) -> None:
        try:
            query = self.search_panel.query()
        except ValueError as exc:
            self.status_text.setText(arg(self.tr("Search not started: %1"), str(exc)))
            return
        if self.workspace.run_search(query, self.search_panel.query_notes()) is None:
            self.status_text.setText(self.tr("Open a catalog first."))

    def _on_search_changed(self) -> None:
        from stacdesk.core.search.session import SearchState

        session = self.workspace.search
        self.progress.setVisible(session.state is SearchState.LOADING)
        text = shown(session.summary())
        if session.state is SearchState.FAILED and session is self.workspace.several:
            failed = [s.name for s in session.sources if s.state is SearchState.FAILED]
            no_answer = self.tr("%1 — no answer from %2: Retry is above the results")
            text = arg(no_answer, text, ", ".join(failed))
        elif session.state is SearchState.FAILED and session.error:
            text = shown(SEARCH_FAILED(session.error, n=len(session.store)))
        self.status_text.setText(text)

    def _on_catalog_changed(self) -> None:
        ws = self.workspace
        self.progress.setVisible(ws.opening)
        if ws.open_error:
            self.status_text.setText(shown(ws.open_error))
        elif ws.catalog is not None:
            self.status_text.setText(arg(self.tr("Opened %1."), ws.catalog.title))
            self.settings.setValue("connection/last", ws.connection.name if ws.connection else "")

    def _remember_other_catalogs(self) -> None:
        """The catalogs searched together with the open one, as the last run left them."""
        saved = self.settings.value("search/also") or []
        names = [saved] if isinstance(saved, str) else [str(n) for n in saved]
        self.search_panel.catalog_chooser.others_button.choose_names(names)
        others = self.workspace.others
        others.changed.connect(
            lambda: self.settings.setValue("search/also", [c.name for c in others.chosen])
        )

    def _restore_docks(self) -> None:
        """The saved dock layout (the geometry was restored with the frame)."""
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self._save_geometry()

    def _save_geometry(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()

    @Slot()
    def reset_layout(self) -> None:
        for name, dock in self.docks.items():
            dock.setFloating(False)
            dock.show()
            area = (
                Qt.DockWidgetArea.LeftDockWidgetArea
                if name == "search"
                else Qt.DockWidgetArea.BottomDockWidgetArea
                if name in ("plots", "downloads")
                else Qt.DockWidgetArea.RightDockWidgetArea
            )
            self.addDockWidget(area, dock)
        self._tab_bottom_docks()

    @Slot()
    def _show_shortcuts(self) -> None:
        from stacdesk.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About stacdesk"),
            f"<b>stacdesk {__version__}</b><p>"
            + self.tr("A desktop product browser for STAC catalogs.")
            + "</p><p>"
            + self.tr("Basemap: Natural Earth (public domain).")
            + "</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.populated:  # closed while starting: keep the saved dock layout as it is
            self._save_geometry()
            super().closeEvent(event)
            return
        self.save_layout()
        self.map_panel.shutdown()
        self.results_panel.shutdown()
        self.downloads_panel.shutdown()
        if self._owns_downloads:  # running downloads stay queued and resume next start
            self.downloads_engine.shutdown()
        self.workspace.close()
        super().closeEvent(event)
