"""Counts in words: "1 result", "2 results", "1,234 results" — never "1 results"."""

from __future__ import annotations


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` with thousands separators and ``noun`` in the singular or plural.

    ``plural`` is for nouns that do not just take an "s" ("1 match", "2 matches").
    """
    word = noun if number == 1 else (plural or f"{noun}s")
    return f"{number:,} {word}"


def agree(number: int, singular: str, plural: str) -> str:
    """The verb that goes with ``number``: ``agree(1, "was", "were")`` is "was"."""
    return singular if number == 1 else plural
