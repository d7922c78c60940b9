"""Counts read as English: one result, two results."""

from stacdesk.core.common.plural import count


def test_singular_plural_and_thousands() -> None:
    assert count(1, "result") == "1 result"
    assert count(0, "result") == "0 results"
    assert count(1234, "download") == "1,234 downloads"
    assert count(2, "match", "matches") == "2 matches"


def test_the_verb_agrees() -> None:
    from stacdesk.core.common.plural import agree

    assert agree(1, "was", "were") == "was" and agree(3, "was", "were") == "were"
