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
