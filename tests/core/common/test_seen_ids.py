"""SeenIds: repeats found across and within calls, before and after the recent ids are merged
into the sorted array."""

from __future__ import annotations

from stacdesk.core.common import seen_ids
from stacdesk.core.common.seen_ids import SeenIds


def test_repeats_are_found_within_a_call_and_across_calls() -> None:
    seen = SeenIds()
    assert seen.fresh(["a", "b", "a"]) == [True, True, False]
    assert seen.fresh(["b", "c"]) == [False, True]
    assert seen.fresh([]) == []
    assert len(seen) == 3


def test_repeats_are_found_after_merging(monkeypatch) -> None:
    monkeypatch.setattr(seen_ids, "MERGE_EVERY", 10)
    seen = SeenIds()
    first = [f"item-{n}" for n in range(25)]
    assert all(seen.fresh(first[:12]))  # 12 >= 10: merged into the sorted array
    assert all(seen.fresh(first[12:]))
    assert seen.fresh(first) == [False] * 25
    assert seen.fresh(["item-25", "item-3", "item-25"]) == [True, False, False]
    assert len(seen) == 26
