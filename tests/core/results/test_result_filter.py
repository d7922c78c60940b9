"""The local filter and sort over the result store: no request, numpy-fast, follows the pages."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stacdesk.core.common.datetimes import parse_datetime
from stacdesk.core.results.order import order_rows
from stacdesk.core.results.row_filter import ResultFilter
from stacdesk.core.results.store import ResultBatch, ResultStore


def feature(
    item_id: str,
    when: str | None,
    cloud: float | None,
    platform: str = "sentinel-2a",
    collection: str = "sentinel-2-l2a",
) -> dict:
    props: dict = {"datetime": when, "platform": platform}
    if cloud is not None:
        props["eo:cloud_cover"] = cloud
    return {
        "type": "Feature",
        "id": item_id,
        "collection": collection,
        "geometry": None,
        "properties": props,
        "assets": {},
    }


FIRST_PAGE = [
    feature("S2A_a", "2024-05-01T10:00:00Z", 5.0),
    feature("S2B_b", "2024-05-10T10:00:00Z", 55.0, platform="sentinel-2b"),
    feature(
        "S1A_c", "2024-05-20T10:00:00Z", None, platform="sentinel-1a", collection="sentinel-1-grd"
    ),
]
SECOND_PAGE = [
    feature("S2A_d", "2024-06-01T10:00:00Z", 15.0),
    feature("S2B_e", None, 30.0, platform="sentinel-2b"),
]


def loaded_store() -> tuple[ResultStore, ResultFilter]:
    store = ResultStore()
    result_filter = ResultFilter(store)
    store.append(ResultBatch.from_features(FIRST_PAGE))
    return store, result_filter


def shown(store: ResultStore, result_filter: ResultFilter) -> list[str]:
    return [store.ids[r] for r in result_filter.visible_rows()]


def test_text_date_and_cloud_criteria_combine() -> None:
    store, f = loaded_store()
    store.append(ResultBatch.from_features(SECOND_PAGE))
    changes: list[None] = []
    f.changed.connect(lambda: changes.append(None))
    assert not f.active and f.mask.all()

    f.set(text="sentinel-2B")
    assert shown(store, f) == ["S2B_b", "S2B_e"]
    f.set(text="s2a 2a")  # every word must match
    assert shown(store, f) == ["S2A_a", "S2A_d"]
    f.set(text="", cloud_range=(0, 20))
    assert shown(store, f) == ["S2A_a", "S1A_c", "S2A_d"]  # SAR has no cloud cover: kept
    f.set(keep_unknown_cloud=False)
    assert shown(store, f) == ["S2A_a", "S2A_d"]
    f.set(cloud_range=None, time_range=(parse_datetime("2024-05-05"), parse_datetime("2024-05-31")))
    assert shown(store, f) == ["S2B_b", "S1A_c"]  # and the row without a date is hidden
    assert "2024-05-05…2024-05-31" in f.criteria.describe()
    f.set(time_range=(parse_datetime("2024-05-31"), parse_datetime("2024-05-05")))  # swapped
    assert shown(store, f) == ["S2B_b", "S1A_c"]
    assert len(changes) == 5  # the swapped range is the same criteria: no event
    f.clear()
    assert f.mask.all() and not f.active
    with pytest.raises(ValueError):
        f.set(cloud_range=(math.nan, 3))


def test_pages_arriving_later_are_filtered_on_arrival_and_a_new_search_empties_the_mask() -> None:
    store, f = loaded_store()
    f.set(cloud_range=(0, 20), keep_unknown_cloud=False)
    seen: list[list[bool]] = []
    store.appended.connect(lambda s, e, _b: seen.append(f.mask[s:e].tolist()))
    store.append(ResultBatch.from_features(SECOND_PAGE))
    assert seen == [[True, False]]
    assert len(f.mask) == len(store) == 5
    store.clear()
    assert len(f.mask) == 0 and f.active  # the criteria stay for the next search


def test_sorting_keeps_ties_in_server_order_and_missing_values_last() -> None:
    store, _ = loaded_store()
    store.append(ResultBatch.from_features(SECOND_PAGE))
    rows = np.arange(len(store))

    def ids(key: str, descending: bool = False, coverage=None) -> list[str]:
        return [store.ids[r] for r in order_rows(store, rows, key, descending, coverage)]

    assert ids("cloud") == ["S2A_a", "S2A_d", "S2B_e", "S2B_b", "S1A_c"]
    assert ids("cloud", descending=True) == ["S2B_b", "S2B_e", "S2A_d", "S2A_a", "S1A_c"]
    assert ids("datetime", descending=True) == ["S2A_d", "S1A_c", "S2B_b", "S2A_a", "S2B_e"]
    assert ids("id") == ["S1A_c", "S2A_a", "S2A_d", "S2B_b", "S2B_e"]
    assert ids("platform") == ["S1A_c", "S2A_a", "S2A_d", "S2B_b", "S2B_e"]
    assert ids("collection", descending=True)[:2] == ["S2A_a", "S2B_b"]  # ties: server order
    assert ids("arrival", descending=True) == ["S2B_e", "S2A_d", "S1A_c", "S2B_b", "S2A_a"]
    coverage = np.array([0.2, np.nan, 1.0])  # known for the first page only
    assert ids("coverage", descending=True, coverage=coverage) == [
        "S1A_c",
        "S2A_a",
        "S2B_b",
        "S2A_d",
        "S2B_e",
    ]
    subset = order_rows(store, np.array([4, 0, 3]), "cloud")
    assert subset.tolist() == [0, 3, 4]
    with pytest.raises(ValueError):
        order_rows(store, rows, "nonsense")


def test_filter_and_sort_scale_to_100000_rows() -> None:
    store = ResultStore()
    f = ResultFilter(store)
    rng = np.random.default_rng(1)
    n = 100_000
    batch = ResultBatch(
        ids=[f"item-{i:06d}" for i in range(n)],
        collections=["sentinel-2-l2a"] * n,
        platforms=["sentinel-2a" if i % 2 else "sentinel-2b" for i in range(n)],
        thumbnails=[None] * n,
        datetimes=rng.uniform(1.6e9, 1.7e9, n),
        cloud_cover=rng.uniform(0, 100, n).astype(np.float32),
        bboxes=np.zeros((n, 4)),
        ring_x=np.empty(0, np.float32),
        ring_y=np.empty(0, np.float32),
        ring_offsets=np.zeros(n + 1, np.int64),
        blobs=[b""] * n,
    )
    store.append(batch)
    f.set(cloud_range=(0, 10), text="2b")
    visible = f.visible_rows()
    assert 0 < len(visible) < n // 10
    assert (store.cloud_cover[visible] <= 10).all()
    ordered = order_rows(store, visible, "id", descending=True)
    assert store.ids[ordered[0]] > store.ids[ordered[-1]]
