"""Words found in the ids, collections and platforms of a store's rows, as a Python loop would."""

from __future__ import annotations

import numpy as np
import pytest

from stacdesk.core.results import text_index
from stacdesk.core.results.store import ResultBatch, ResultStore
from stacdesk.core.results.text_index import TextIndex


def page(ids: list[str], platforms: list[str]) -> ResultBatch:
    n = len(ids)
    return ResultBatch(
        ids=ids,
        collections=["Sentinel-2-L2A"] * n,
        platforms=platforms,
        thumbnails=[None] * n,
        datetimes=np.zeros(n),
        cloud_cover=np.zeros(n, np.float32),
        bboxes=np.zeros((n, 4)),
        ring_x=np.empty(0, np.float32),
        ring_y=np.empty(0, np.float32),
        ring_offsets=np.zeros(n + 1, np.int64),
        blobs=[b"{}"] * n,
    )


def test_matches_agree_with_a_loop_over_the_rows_and_never_span_two_ids() -> None:
    store = ResultStore()
    index = TextIndex(store)
    ids = ["AB", "cd", "S2A_Ünïcode", "x", "abcd", "LC09_tile", "ab"]
    store.append(page(ids[:4], ["sentinel-2a", "", "landsat-9", "sentinel-2a"]))
    store.append(page(ids[4:], ["landsat-9", "landsat-9", ""]))
    for words in (["bc"], ["ab"], ["ünï"], ["2a"], ["landsat", "ab"], ["l2a"], ["zzz"], ["bcd"]):
        expected = [
            all(
                w in store.ids[r].lower()
                or w in store.collections[r].lower()
                or w in store.platforms[r].lower()
                for w in words
            )
            for r in range(len(store))
        ]
        assert index.matches(words, 0, len(store)).tolist() == expected, words
    assert index.matches(["ab"], 4, 7).tolist() == [True, False, True]  # a later slice
    assert index.lower_ids(1, 3).to_pylist() == ["cd", "s2a_ünïcode"]
    store.clear()
    assert index.rows == 0 and index.matches(["ab"], 0, 0).tolist() == []


def test_rare_and_common_words_in_many_ids() -> None:
    """A word with a rare byte is searched from where that byte occurs, a common one across the
    whole buffer: both as the loop says."""
    store = ResultStore()
    index = TextIndex(store)
    ids = [f"item-{i:05d}" for i in range(3000)]
    ids[1234], ids[2999] = "zebra-1", "item-zq"
    ids[7] = ""  # an empty id between others: a match is never its
    for start in range(0, 3000, 700):
        chunk = ids[start : start + 700]
        store.append(page(chunk, ["sentinel-1a"] * len(chunk)))
    for word in ("zeb", "q", "item", "0012", "m-0", "a-1", "-zq", "zz"):
        expected = [word in i for i in ids]
        assert index.matches([word], 0, 3000).tolist() == expected, word


def test_a_word_asked_again_is_answered_for_the_current_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Matches kept for a word asked again are those of the rows now loaded, not a search ago."""
    monkeypatch.setattr(text_index, "RECENT_FROM_ROWS", 1)  # keep them even for a few rows
    store = ResultStore()
    index = TextIndex(store)
    store.append(page(["ab-1", "cd-2", "ab-3"], [""] * 3))
    assert index.matches(["ab"], 0, 3).tolist() == [True, False, True]
    assert index.matches(["ab"], 0, 3).tolist() == [True, False, True]  # asked again
    store.clear()
    store.append(page(["cd-4", "ab-5", "cd-6"], [""] * 3))
    assert index.matches(["ab"], 0, 3).tolist() == [False, True, False]
    for word in ("cd", "x", "y", "z", "5"):  # more words than are kept
        index.matches([word], 0, 3)
    assert index.matches(["ab"], 0, 3).tolist() == [False, True, False]
