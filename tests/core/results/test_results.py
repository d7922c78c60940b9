import math

import numpy as np
import orjson
import pytest

from stacdesk.core.catalogs.page_json import decode_items
from stacdesk.core.results.item_blobs import compress, compress_all, json_of_blob
from stacdesk.core.results.store import ResultBatch, ResultStore, compressed_blobs


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


def test_plain_rows_read_the_same_and_are_compressed_later() -> None:
    """The first page is stored plain and compressed after it is shown; reads don't care."""
    store = ResultStore()
    store.append(ResultBatch.from_features([feature("a"), feature("b")], compress=False))
    store.append(ResultBatch.from_features([feature("c")]))
    expected = [feature(x) for x in "abc"]
    assert [store.item(r) for r in range(3)] == expected
    plain_size = store.raw_bytes
    generation = store.generation
    store.compress_rows(0, compressed_blobs(store.stored_blobs(0, 2)), generation)
    assert all(not b.startswith(b"{") for b in store.stored_blobs(0, 3))
    assert [store.item(r) for r in range(3)] == expected
    assert store.item_json(0).startswith(b"{")
    assert store.raw_bytes < plain_size
    later = compressed_blobs(store.stored_blobs(0, 1))
    store.clear()  # another search: its rows must not be overwritten with these
    store.append(ResultBatch.from_features([feature("z")], compress=False))
    store.compress_rows(0, later, generation)
    assert store.item(0)["id"] == "z"


def test_items_keep_the_json_the_server_sent_and_read_back_the_same() -> None:
    """Features decoded from a page keep their own bytes (spacing, key order, number spelling):
    the store holds those, compressed or plain, and an item reads back as it was decoded."""
    sent = [
        b'{ "id": "a",  "type": "Feature", "properties": {"datetime": "2024-01-02T03:04:05Z",'
        b' "eo:cloud_cover": 1.50e1}, "geometry": null }',
        b'{"id":"b","properties":{"datetime":"2024-01-02T03:04:05Z"},"geometry":null}',
    ]
    page = b'{"type": "FeatureCollection", "features": [' + b", ".join(sent) + b"]}"
    data, raws = decode_items(page)
    assert raws == sent
    for packed in (True, False):
        store = ResultStore()
        store.append(ResultBatch.from_features(data["features"], compress=packed, raws=raws))
        assert [store.item_json(r) for r in range(2)] == sent
        assert [store.item(r) for r in range(2)] == [orjson.loads(s) for s in sent]
        assert store.cloud_cover[0] == 15


def test_items_without_usable_bytes_are_encoded_from_the_dict() -> None:
    """A page only the standard library reads (a lone surrogate) has no item bytes; a feature
    without bytes, or with bytes that are not an object, is stored from its dict: nothing is
    lost."""
    odd = b'{"id": "s\\ud800", "properties": {}, "geometry": null}'
    data, raws = decode_items(b'{"features": [' + odd + b"]}")
    assert raws is None
    batch = ResultBatch.from_features([*data["features"], feature("t")], raws=[None, b"[1, 2]"])
    store = ResultStore()
    store.append(batch)
    assert store.ids[1] == "t" and store.ids[0].startswith("s")  # the surrogate made readable
    assert store.item(1) == feature("t")
    assert store.item_json(0).startswith(b"{")


def test_stored_blobs_are_smaller_and_a_foreign_blob_is_refused() -> None:
    json = orjson.dumps(feature("a"))
    blob = compress(json)
    assert len(blob) < len(json) and json_of_blob(blob) == json
    assert compress_all([json, blob]) == [blob, blob]
    with pytest.raises(ValueError):
        json_of_blob(b"x\x9c not ours")
