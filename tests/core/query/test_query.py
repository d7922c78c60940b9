import pytest

from stacdesk.core.query.search_query import SearchQuery


def test_only_set_fields_are_sent_and_limit_always() -> None:
    assert SearchQuery().search_kwargs() == {"limit": 100}
    kwargs = SearchQuery(collections=("a|b",), bbox=(1, 2, 3, 4), limit=7).search_kwargs()
    assert kwargs == {"limit": 7, "collections": ["a|b"], "bbox": [1, 2, 3, 4]}


def test_bbox_and_intersects_are_exclusive() -> None:
    with pytest.raises(ValueError):
        SearchQuery(bbox=(0, 0, 1, 1), intersects={"type": "Point", "coordinates": [0, 0]})


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        SearchQuery(limit=0)
