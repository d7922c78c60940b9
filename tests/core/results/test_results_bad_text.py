"""Text that is not valid UTF-8 (lone surrogates from stdlib json) or integers orjson cannot hold
must not fail the whole page: the item is kept, readable, and round-trips through the store."""

from __future__ import annotations

import json

from stacdesk.core.results.store import ResultBatch, ResultStore


def test_lone_surrogates_and_huge_integers_keep_the_page() -> None:
    page = json.loads(
        '[{"id": "a\\ud800b", "collection": "c\\udcff", "geometry": null,'
        ' "properties": {"datetime": "2024-01-01T00:00:00Z", "platform": "\\ud83d",'
        ' "file:size": 123456789012345678901234567890}, "assets": {}},'
        ' {"id": "fine", "geometry": null, "properties": {}, "assets": {}}]'
    )
    batch = ResultBatch.from_features(page)
    assert batch.ids == ["a?b", "fine"]
    for text in batch.ids + batch.collections + batch.platforms:
        text.encode("utf-8")  # raises for a lone surrogate
    store = ResultStore()
    store.append(batch)
    item = store.item(0)
    assert item["properties"]["file:size"] == "123456789012345678901234567890"
    assert store.item(1)["id"] == "fine"
    assert ResultBatch.from_features(["not a dict", 5]).ids == []
