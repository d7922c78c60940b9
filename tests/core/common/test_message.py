"""Core messages: English for the command line, with what the window needs to translate them."""

from __future__ import annotations

import copy
import pickle

import pytest

from stacdesk.core.common.errors import CatalogError, describe_error
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message

RESULTS = QT_TRANSLATE_NOOP("Test", "%Ln results", "%Ln result", 1)
FAILED = QT_TRANSLATE_NOOP("Test", "Search failed: %1 (%2 kept)")


def test_english_singular_and_plural_with_thousands_separators() -> None:
    assert RESULTS(n=1) == "1 result"
    assert RESULTS(n=0) == "0 results"
    assert RESULTS(n=12345) == "12,345 results"


def test_arguments_fill_in_one_pass_and_messages_nest() -> None:
    said = FAILED("a %2 in the server's words", RESULTS(n=2))
    assert said == "Search failed: a %2 in the server's words (2 results kept)"
    assert isinstance(said, Message) and isinstance(said.args[1], Message)
    assert said.args[1].n == 2


def test_a_message_is_a_string_that_keeps_its_phrase_through_copies() -> None:
    said = RESULTS(n=3)
    assert "results" in said and said.upper() == "3 RESULTS"
    for again in (copy.copy(said), pickle.loads(pickle.dumps(said))):
        assert again == said and isinstance(again, Message) and again.phrase == said.phrase


def test_a_plural_phrase_needs_its_count() -> None:
    with pytest.raises(TypeError):
        RESULTS()


def test_errors_are_messages_and_catalog_errors_keep_theirs() -> None:
    assert isinstance(describe_error(TimeoutError(), "https://x"), Message)
    assert describe_error(TimeoutError(), "https://x") == (
        "The server did not answer in time (https://x)."
    )
    said = FAILED("x", 1)
    assert describe_error(CatalogError(said)) is said
    assert describe_error(CatalogError("plain words")) == "plain words"
