"""What a catalog could not read, in sentences the window translates (``common.message``).

Why apart: the same few sentences come from the files on disk, the item index and the STAC API
probe, and are shown in the catalog chooser, the status bar and the command line alike.
"""

from __future__ import annotations

from stacdesk.core.common.message import QT_TRANSLATE_NOOP

FEATURES_NOT_ITEMS = QT_TRANSLATE_NOOP(
    "CatalogProblems", "%Ln features of %1 are not items.", "%Ln feature of %1 is not an item.", 1
)
LINES_SKIPPED = QT_TRANSLATE_NOOP(
    "CatalogProblems",
    "%Ln lines of %1 are not STAC items and were skipped.",
    "%Ln line of %1 is not a STAC item and was skipped.",
    1,
)
REMOTE_NOT_FOLLOWED = QT_TRANSLATE_NOOP(
    "CatalogProblems",
    "%Ln links to web or cloud addresses were not followed.",
    "%Ln link to a web or cloud address was not followed.",
    1,
)
LINKED_UNREADABLE = QT_TRANSLATE_NOOP(
    "CatalogProblems",
    "%Ln linked files could not be read and were skipped.",
    "%Ln linked file could not be read and was skipped.",
    1,
)
NO_CONFORMANCE = QT_TRANSLATE_NOOP("CatalogProblems", "/conformance could not be read: %1")

# What the first pages of a search showed the server ignoring or getting wrong
NOT_OBJECTS = QT_TRANSLATE_NOOP(
    "CatalogProblems", "Some results were not JSON objects and were skipped."
)
NEXT_NOT_WEB = QT_TRANSLATE_NOOP(
    "CatalogProblems", "The server's next link is not a web address: %1."
)
NEXT_REPEATS = QT_TRANSLATE_NOOP(
    "CatalogProblems", "The server's next link repeats a page already loaded; stopped."
)
UNDECLARED = QT_TRANSLATE_NOOP(
    "CatalogProblems",
    "The server does not declare %1; it may ignore that part of the search.",
)
EITHER = QT_TRANSLATE_NOOP("CatalogProblems", "%1 or %2")
CQL2_FILTERING = QT_TRANSLATE_NOOP("CatalogProblems", "CQL2 filtering")
SORTING = QT_TRANSLATE_NOOP("CatalogProblems", "sorting")
QUERY_EXTENSION = QT_TRANSLATE_NOOP("CatalogProblems", "the query extension")
FILTERS_NOTHING = QT_TRANSLATE_NOOP(
    "CatalogProblems",
    "The server returned nothing even for a filter that every item passes: it does not apply "
    "filters, so this empty result says nothing about your filter.",
)
