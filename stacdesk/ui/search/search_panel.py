"""The catalog & search dock: which catalog, which collections, when, where, which filters.

What the catalog cannot do is shown disabled with the reason (``SearchFilters``); collections are
searched on the server when it offers free-text collection search, filtered locally otherwise;
the days follow the chosen collections' temporal extent (``DateRange``), the ticks are remembered
per catalog, and a search that found nothing says why when the extents tell (``EmptySearchHint``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from math import inf, isfinite

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.catalogs.connections import Connection
from stacdesk.core.common.datetimes import parse_interval
from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.geo.geometry import Aoi, corner_count
from stacdesk.core.query.filters import apply_inputs
from stacdesk.core.query.search_query import DEFAULT_PAGE_SIZE, SearchQuery
from stacdesk.core.search.extent import empty_reasons, temporal_extent
from stacdesk.core.search.session import SearchState
from stacdesk.core.workspace.state import Workspace
from stacdesk.ui.accessible import named
from stacdesk.ui.core_text import arg, shown
from stacdesk.ui.locale_format import degrees
from stacdesk.ui.search.catalog_chooser import CatalogChooser
from stacdesk.ui.search.collection_matching_dialog import CollectionMatchingDialog
from stacdesk.ui.search.collection_picker import CollectionPicker
from stacdesk.ui.search.date_range import DateRange
from stacdesk.ui.search.empty_search_hint import EmptySearchHint
from stacdesk.ui.search.search_filters import REASON_STYLE, SearchFilters

DEBOUNCE_MS = 300
MATCHES = QT_TRANSLATE_NOOP(
    "SearchPanel",
    "%Ln collections match on the server.",
    "%Ln collection matches on the server.",
    1,
)


class SearchPanel(QWidget):
    """Builds a SearchQuery from the controls; shows the catalog's state and errors inline."""

    search_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._notes: list[str] = []
        # Built first: its reaction to a new catalog (the status line) comes before the panel's.
        self.catalog_chooser = CatalogChooser(workspace)
        self.collections = CollectionPicker()
        self.collections.setMinimumHeight(150)
        self.collection_search_status = QLabel()
        self.collection_search_status.setWordWrap(True)
        self.collection_search_status.setStyleSheet(REASON_STYLE)
        self._ticks: dict[str, set[str]] = {}  # per catalog URL: the collections ticked there
        self.dates = DateRange()
        self.from_check, self.from_date = self.dates.from_check, self.dates.from_date
        self.to_check, self.to_date = self.dates.to_check, self.dates.to_date
        self.extent_label = self.dates.extent_label
        self.empty_hint = EmptySearchHint()
        self.aoi_label = QLabel()
        self.aoi_label.setWordWrap(True)
        self.page_size = QSpinBox(minimum=1, maximum=10000, value=DEFAULT_PAGE_SIZE)
        self.page_size.setToolTip(self.tr("Results per page requested from the server"))
        self.filters = SearchFilters(workspace.options)
        self.filters_toggle = QToolButton(text=self.tr("Filters and sorting"))
        self.filters_toggle.setCheckable(True)
        self.filters_toggle.setChecked(True)
        self.filters_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filters_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.filters_toggle.setStyleSheet("QToolButton { border: none; font-weight: bold; }")
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setDefault(True)
        self.search_button.setToolTip(self.tr("Run the search (Ctrl+Return)"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop loading results (Esc)"))
        self._find_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._queryables_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)

        form = QFormLayout()
        form.addRow(self.dates)
        form.addRow(self.tr("Area"), self.aoi_label)
        form.addRow(self.tr("Page size"), self.page_size)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button, 1)
        buttons.addWidget(self.stop_button)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(6, 6, 6, 6)
        inner.addWidget(self.catalog_chooser)
        inner.addWidget(QLabel(self.tr("<b>Collections</b>")))
        inner.addWidget(self.collections, 1)
        inner.addWidget(self.collection_search_status)
        inner.addWidget(QLabel(self.tr("<b>When and where</b>")))
        inner.addLayout(form)
        inner.addWidget(self.filters_toggle)
        inner.addWidget(self.filters)
        scroll = named(QScrollArea(), self.tr("Search settings"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(scroll, 1)
        button_box = QVBoxLayout()
        button_box.setContentsMargins(6, 0, 6, 0)
        button_box.addWidget(self.empty_hint)
        button_box.addLayout(buttons)
        layout.addLayout(button_box)

        self.search_button.clicked.connect(self.search_requested)
        self.stop_button.clicked.connect(workspace.cancel_search)
        self.empty_hint.whole_time_button.clicked.connect(self._search_whole_time)
        self.empty_hint.whole_area_button.clicked.connect(self._search_whole_world)
        self.filters_toggle.toggled.connect(self._on_filters_toggled)
        self.collections.selection_changed.connect(self._on_collections_chosen)
        self.collections.filter_edit.textChanged.connect(self._on_collection_text)
        self._find_timer.timeout.connect(self._find_collections)
        self._queryables_timer.timeout.connect(self._load_queryables)
        workspace.catalog_changed.connect(self._on_catalog_changed)
        self.catalog_chooser.others_button.match_requested.connect(self.match_collections)
        workspace.aoi_changed.connect(self._on_aoi_changed)
        workspace.search.changed.connect(self._on_search_changed)
        workspace.options.changed.connect(self._on_options_changed)
        self._on_aoi_changed()
        self._on_search_changed()

    # -- connections (the chooser's; the window and its actions open catalogs through here)
    def reload_connections(self) -> None:
        self.catalog_chooser.reload_connections()

    def open_connection(self, connection: Connection) -> None:
        self.catalog_chooser.open_connection(connection)

    @Slot()
    def open_sample(self) -> None:
        self.catalog_chooser.open_sample()

    @Slot()
    def match_collections(self) -> CollectionMatchingDialog:
        """The ticked collections' matches in the other catalogs searched, to check or edit."""
        dialog = CollectionMatchingDialog(self.workspace, self.collections.checked_ids(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- catalog state
    def _on_catalog_changed(self) -> None:
        ws = self.workspace
        ticked = self._ticks.get(ws.connection.url, set()) if ws.connection else set()
        self.collections.set_collections(ws.collections, checked=ticked)
        self._follow_extent(reset=True)
        self._queryables_timer.start()
        self._on_search_changed()

    def _on_options_changed(self) -> None:
        options = self.workspace.options
        caps = options.capabilities
        server_side = caps is not None and caps.free_text
        self.collections.filter_edit.setPlaceholderText(
            self.tr("Search collections on the server…")
            if server_side
            else self.tr("Type to filter collections…")
        )
        if options.collection_search_error:
            self.collection_search_status.setText(options.collection_search_error)
        elif options.collection_matches is not None:
            found = len(options.collection_matches)
            self.collection_search_status.setText(shown(MATCHES(n=found)))
            self._show_only(options.collection_matches)
        else:
            self.collection_search_status.setText("")
        self.collection_search_status.setVisible(bool(self.collection_search_status.text()))

    def _on_aoi_changed(self) -> None:
        aoi = self.workspace.aoi
        self.aoi_label.setText(
            self._describe(aoi)
            if aoi
            else self.tr("the whole world — draw a box (B) or click a point (T) on the map")
        )

    def _describe(self, aoi: Aoi) -> str:
        """The area in words, its numbers as the locale writes them (``Aoi.describe`` in the
        window's language)."""
        if aoi.bbox is not None:
            return arg(self.tr("bbox %1, %2, %3, %4"), *degrees(*aoi.bbox, width=0))
        if aoi.kind == "point":
            return arg(self.tr("point %1, %2"), *degrees(aoi.geometry.x, aoi.geometry.y, width=0))
        vertices = corner_count(aoi.geometry)
        return arg(self.tr("%1 with %Ln vertices", "", vertices), aoi.geometry.geom_type)

    def _on_search_changed(self) -> None:
        session = self.workspace.search
        loading = session.state is SearchState.LOADING
        self.search_button.setEnabled(self.workspace.catalog is not None)
        self.stop_button.setEnabled(loading or session.loading_to_end)
        found_nothing = (
            session.state is SearchState.DONE
            and not len(session.store)
            and session.catalog is not None
            and session.catalog is self.workspace.catalog  # not a search of another catalog
        )
        query = session.query if found_nothing else None
        reasons = empty_reasons(query, self._searched(query)) if query is not None else []
        self.empty_hint.show_reasons(reasons)

    def _searched(self, query: SearchQuery) -> list[CollectionInfo]:
        """The collections ``query`` searched (every one when it names none); [] when unknown."""
        known = {c.id: c for c in self.workspace.collections}
        if not query.collections:
            return list(known.values())
        if any(i not in known for i in query.collections):
            return []
        return [known[i] for i in query.collections]

    @Slot()
    def _search_whole_time(self) -> None:
        self.dates.use_whole_extent()
        self.search_requested.emit()

    @Slot()
    def _search_whole_world(self) -> None:
        self.workspace.set_aoi(None)
        self.search_requested.emit()

    @Slot(bool)
    def _on_filters_toggled(self, shown: bool) -> None:
        self.filters.setVisible(shown)
        self.filters_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    # -- collections: server-side text search, extent, queryables
    @Slot(str)
    def _on_collection_text(self, _text: str) -> None:
        self._find_timer.start()

    @Slot()
    def _find_collections(self) -> None:
        self.workspace.options.find_collections(self.collections.filter_edit.text())

    def _show_only(self, ids: list[str]) -> None:
        """Show the server's matches (and what is ticked, so a choice never disappears)."""
        keep = [*ids, *self.collections.checked_ids()]
        if not keep:
            pattern = r"^\b$"  # nothing matches
        else:
            pattern = "^(" + "|".join(QRegularExpression.escape(i) for i in keep) + ")\n"
        self.collections.proxy.setFilterRegularExpression(QRegularExpression(pattern))

    def chosen_collections(self) -> list[CollectionInfo]:
        ids = set(self.collections.checked_ids())
        return [c for c in self.workspace.collections if c.id in ids]

    @Slot()
    def _on_collections_chosen(self) -> None:
        connection = self.workspace.connection
        if connection is not None and self.workspace.catalog is not None:
            self._ticks[connection.url] = set(self.collections.checked_ids())
        self._follow_extent()
        self._queryables_timer.start()

    @Slot()
    def _load_queryables(self) -> None:
        if self.workspace.catalog is not None:
            self.workspace.options.load_queryables(self.collections.checked_ids())

    def _follow_extent(self, reset: bool = False) -> None:
        """The days follow what a search would cover: the ticked collections, else all of them."""
        chosen = self.chosen_collections()
        searched = chosen or self.workspace.collections
        of = self.tr("The chosen collections") if chosen else self.tr("The catalog's collections")
        if searched:
            self.dates.set_extent(*temporal_extent(searched), reset=reset, of=of)
        else:
            self.dates.clear_extent()

    # -- the query
    def date_range(self) -> str | None:
        """The STAC interval of the days; ValueError when a typed day is refused."""
        return self.dates.interval()

    def query(self) -> SearchQuery:
        """The search as set; what the catalog cannot honour is left out and noted."""
        base = SearchQuery(
            collections=tuple(self.collections.checked_ids()),
            datetime=self.date_range(),
            limit=self.page_size.value(),
        )
        options = self.workspace.options
        if options.capabilities is None:
            self._notes = []
            return base
        applied = apply_inputs(
            base, self.filters.inputs(), options.capabilities, options.cloud_cover_via()
        )
        self._notes = applied.notes
        return applied.query

    def show_query(self, query: SearchQuery) -> None:
        """Fill the controls with a search that runs (saved or from history)."""
        self.collections.set_checked(set(query.collections))
        self._on_collections_chosen()
        start, end = parse_interval(query.datetime) if query.datetime else (-inf, inf)
        ends = ((self.from_check, self.from_date, start), (self.to_check, self.to_date, end))
        for check, edit, value in ends:
            check.setChecked(isfinite(value))
            if isfinite(value):
                edit.setDate(datetime.fromtimestamp(value, UTC).date())
        self.page_size.setValue(query.limit)
        self.filters.show_query(query)

    def query_notes(self) -> list[str]:
        """What the last ``query()`` could not include, for the results' notes."""
        return list(self._notes)
