"""A page's footprints read together give exactly the rings each gives alone."""

from __future__ import annotations

import numpy as np
import pytest

from stacdesk.core.geo.footprint_batch import page_footprint_rings
from stacdesk.core.geo.geometry import footprint_rings

SQUARE = [[10, 40], [11, 40], [11, 41], [10, 41], [10, 40]]
ODD = [
    None,
    "not a geometry",
    {"type": "Point", "coordinates": [1, 2]},
    {"type": "Polygon", "coordinates": []},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]},  # too short to draw
    {"type": "Polygon", "coordinates": [[[0, 0], [1, "x"], [1, 1], [0, 0]]]},
    {"type": "Polygon", "coordinates": [[[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]]},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [float("nan"), 1], [0, 0]]]},
    {"type": "Polygon", "coordinates": [[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]]},
    {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[0, 0], [1, 0], [1, 1], [0, 0]]]]},
    {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[0, 0], [1, 0]]]]},
    {"type": "Polygon", "coordinates": [SQUARE, [[10.2, 40.2], [10.4, 40.2], [10.4, 40.4]]]},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], "hole?"]},
]


def same(got: list[list[np.ndarray]], expected: list[list[np.ndarray]]) -> bool:
    return len(got) == len(expected) and all(
        len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
        for a, b in zip(got, expected, strict=True)
    )


@pytest.mark.parametrize("odd", ODD, ids=range(len(ODD)))
def test_every_footprint_alone_among_plain_ones(odd: object) -> None:
    page = [
        {"type": "Polygon", "coordinates": [SQUARE]},
        odd,
        {"type": "Polygon", "coordinates": [SQUARE]},
    ]
    assert same(page_footprint_rings(page), [footprint_rings(g) for g in page])


def test_a_page_of_every_kind_at_once() -> None:
    page = [*ODD, *ODD[::-1], {"type": "Polygon", "coordinates": [SQUARE]}]
    got = page_footprint_rings(page)
    assert same(got, [footprint_rings(g) for g in page])
    assert got[-1][0].shape == (5, 2) and got[-1][0].dtype == np.float64


def test_an_empty_page_and_a_page_without_geometries() -> None:
    assert page_footprint_rings([]) == []
    assert page_footprint_rings([None, None]) == [[], []]
