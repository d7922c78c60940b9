"""Pages decoded item by item give what a whole-page decode gives, odd items included."""

from __future__ import annotations

import json

import orjson
import pytest

from stacdesk.core.catalogs.page_json import PageJsonError, decode_items, decode_page


def test_a_page_decodes_to_the_same_objects_as_a_plain_decode() -> None:
    page = {
        "type": "FeatureCollection",
        "features": [
            {"id": f"i{n}", "geometry": None, "properties": {"n": n, "x": [1.5, None, "ü"]}}
            for n in range(50)
        ],
        "links": [{"rel": "next", "href": "http://example.test/search?page=2"}],
        "numberMatched": 1234,
        "context": {"matched": 1234},
    }
    text = orjson.dumps(page)
    assert decode_page(text) == page
    assert decode_page(text.decode()) == page


def test_items_the_fast_decoders_refuse_are_read_not_lost() -> None:
    text = r'{"features": [{"id": "a\ud800"}, {"id": 99999999999999999999999}, 7]}'
    assert decode_page(text) == json.loads(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[1, 2]", [1, 2]),
        ('"a page"', "a page"),
        ('{"features": {"not": "a list"}}', {"features": {"not": "a list"}}),
        ('{"features": []}', {"features": []}),
    ],
)
def test_json_that_is_not_an_item_collection_comes_back_as_it_is(text: str, expected) -> None:
    assert decode_page(text) == expected


@pytest.mark.parametrize(
    "text", ["", '{"features": [', "<html>502 Bad Gateway</html>", '{"features": [1,]}']
)
def test_text_that_is_not_json_is_refused(text: str) -> None:
    with pytest.raises(PageJsonError):
        decode_page(text)


def test_each_item_keeps_its_own_bytes_beside_its_value() -> None:
    items = [b'{"id": "a", "n": 1.0e3}', b'{"id":"b"}', b"7", b'{"id": 99999999999999999999999}']
    data, raws = decode_items(b'{"features": [ ' + b" ,\n ".join(items) + b' ], "n": 1}')
    assert data == decode_page(b'{"features": [' + b", ".join(items) + b'], "n": 1}')
    assert raws == items  # each as written, not as decoded (1.0e3, the long integer)


@pytest.mark.parametrize("text", ['{"features": {"a": 1}}', "[1, 2]", '{"type": "x"}'])
def test_no_item_bytes_without_a_list_of_features(text: str) -> None:
    assert decode_items(text)[1] is None
