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


def test_czech_counts_areas_and_covering_sets(czech) -> None:
    """What a large search, an area, a covering set and a local filter are described with
    reads as Czech in the window and as English on the command line."""
    from stacdesk.core.geo.geometry import Aoi
    from stacdesk.core.results.coverage import CoveringSet
    from stacdesk.core.results.row_filter import FilterCriteria
    from stacdesk.core.search.match_count import SERVER_ESTIMATE, MatchCount

    count = MatchCount(2_400_000, False, SERVER_ESTIMATE()).describe()
    assert count == "about 2,400,000 results (the server's estimate)"
    assert shown(count) == "asi 2\xa0400\xa0000 výsledků (odhad serveru)"
    square = Aoi.from_bbox(0, 0, 1, 1).geometry
    assert shown(Aoi("polygon", square).describe()) == "Polygon s 4 vrcholy"
    covering = CoveringSet((1, 2), 0.8, 0.8).describe()
    assert covering == "2 results cover 80.0% of the area (all results together cover only 80.0%)."
    assert shown(covering).startswith("2 výsledky pokrývají 80.0% oblasti")
    criteria = FilterCriteria(text="s2b", cloud_range=(0, 20))
    assert shown(criteria.describe()) == '"s2b" · oblačnost ≤ 20 %'
