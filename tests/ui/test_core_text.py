"""The core's Messages in the window: English singular and plural when nothing translates them,
Czech's three plural forms and its numbers with the shipped translation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from stacdesk.core.common.errors import describe_error
from stacdesk.core.search.session import LOADED_OF, RESULTS
from stacdesk.resources import resource_path
from stacdesk.ui.core_text import arg, shown


@pytest.fixture
def czech(qapp) -> Iterator[None]:
    before = QLocale()
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "stacdesk_cs.qm")))
    QLocale.setDefault(QLocale("cs_CZ"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(before)


def test_untranslated_messages_keep_their_english_forms(qapp) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        assert shown(RESULTS(n=1)) == "1 result"
        assert shown(RESULTS(n=1234)) == "1,234 results"
        assert shown(LOADED_OF(50, n=1)) == "50 of 1 result"
        assert shown("a server's own words") == "a server's own words"
        assert shown(None) == ""
    finally:
        QLocale.setDefault(before)


def test_czech_plural_forms_numbers_and_nested_messages(czech) -> None:
    assert [shown(RESULTS(n=n)) for n in (1, 2, 4, 5, 0)] == [
        "1 výsledek",
        "2 výsledky",
        "4 výsledky",
        "5 výsledků",
        "0 výsledků",
    ]
    assert shown(LOADED_OF(1000, n=2345)) == "1\u00a0000 z 2\u00a0345 výsledků"
    error = describe_error(TimeoutError(), "https://stac.example")
    assert shown(error) == "Server neodpověděl včas (https://stac.example)."
    assert arg("%1 — %2", RESULTS(n=3), 12000) == "3 výsledky — 12\u00a0000"


def test_czech_capabilities_search_notes_and_catalog_problems(czech) -> None:
    """Lists built of phrases, notes with the server's ids inside, and problems with a count
    read as Czech sentences; the same messages stay English strings for the command line."""
    from stacdesk.core.catalogs.problems import LINES_SKIPPED
    from stacdesk.core.query.capabilities import Capabilities
    from stacdesk.core.query.result_checks import check_page
    from stacdesk.core.query.search_query import SearchQuery

    caps = Capabilities(post_search=True, filter=True, sort=True)
    assert caps.summary() == "POST search, CQL2 filter, sorting"
    assert shown(caps.summary()) == "hledání metodou POST, filtr CQL2, řazení"
    asked = SearchQuery(sortby=("-eo:cloud_cover",))
    features = [
        {"id": "a", "properties": {"eo:cloud_cover": 5}},
        {"id": "b", "properties": {"eo:cloud_cover": 50}},
    ]
    [note] = check_page(asked, features)
    assert note.startswith("The server did not sort the results as asked (eo:cloud_cover desc")
    assert shown(note) == (
        "Server neseřadil výsledky podle požadavku (eo:cloud_cover sestupně): a je před b. "
        "Zdá se, že řazení přehlíží; seřaďte raději seznam místně."
    )
    assert [shown(LINES_SKIPPED("x.ndjson", n=n)) for n in (1, 3, 7)] == [
        "1 řádek souboru x.ndjson není položka STAC a byl přeskočen.",
        "3 řádky souboru x.ndjson nejsou položky STAC a byly přeskočeny.",
        "7 řádků souboru x.ndjson není položkami STAC a bylo přeskočeno.",
    ]
