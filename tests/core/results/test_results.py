import math

import numpy as np

from stacdesk.core.results.store import ResultBatch, ResultStore


def feature(item_id: object, **props: object) -> dict:
    return {
        "type": "Feature",
        "id": item_id,
        "collection": "c",
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
        "properties": {"datetime": "2024-01-02T03:04:05Z", **props},
        "assets": {"thumbnail": {"href": "https://x/t.png", "roles": ["thumbnail"]}},
    }


def test_batch_columns() -> None:
    batch = ResultBatch.from_features([feature("a", **{"eo:cloud_cover": 12.5}), feature("b")])
    assert batch.ids == ["a", "b"]
    assert batch.cloud_cover[0] == 12.5 and math.isnan(batch.cloud_cover[1])
    assert batch.thumbnails == ["https://x/t.png", "https://x/t.png"]
    assert batch.bboxes.tolist() == [[0, 0, 1, 1], [0, 0, 1, 1]]
    assert batch.ring_offsets.tolist() == [0, 5, 10]


def test_odd_items_are_kept_or_reported_never_crash() -> None:
    no_geometry = {**feature("g"), "geometry": None}
    no_date = {**feature("d"), "properties": {"datetime": None}}
    bad_props = {**feature("p"), "properties": "oops"}
    no_id = {**feature(None)}
    batch = ResultBatch.from_features([no_geometry, no_date, bad_props, no_id])
    assert batch.ids == ["g", "d", "p"]
    assert np.isnan(batch.bboxes[0]).all()
    assert math.isnan(batch.datetimes[1])
    assert any("without an id" in p for p in batch.problems)
    assert any("no usable geometry" in p for p in batch.problems)


def test_store_appends_drops_duplicates_and_round_trips_items() -> None:
    store = ResultStore()
    seen: list[tuple[int, int]] = []
    store.appended.connect(lambda start, end, _batch: seen.append((start, end)))
    store.append(ResultBatch.from_features([feature("a"), feature("b")]))
    store.append(ResultBatch.from_features([feature("b"), feature("c")]))
    assert store.ids == ["a", "b", "c"]
    assert seen == [(0, 2), (2, 3)]
    assert store.duplicates == 1
    assert store.item(2)["id"] == "c"
    x, _ = store.footprint(2)
    assert len(x) == 5 and math.isnan(x[-1])
    assert store.bboxes.shape == (3, 4)
    store.clear()
    assert len(store) == 0 and store.row_of("a") is None
