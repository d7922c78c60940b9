"""Fuzzing: generated STAC items and pages, valid and malformed, through every stage reading them.

The parser (page JSON → columns), the result store, the list model, the item details and the
exporters must take anything a server can send without raising anything but their own readable
errors, and without hanging (pytest-timeout ends a hang as a failure).

Each property is run by the test named in tests/RELIABILITY.md through ``ledger.run_property``,
which counts the generated inputs run, so the table's numbers are the run's, not typed.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from stacdesk.core.catalogs.page_json import PageJsonError, decode_page
from stacdesk.core.export.writers import ExportError, export_bytes, export_items
from stacdesk.core.results.item_details import asset_rows, group_properties, link_rows, self_link
from stacdesk.core.results.order import SORT_KEYS
from stacdesk.core.results.store import ResultBatch, ResultStore
from tests.reliability.ledger import record, run_property

FUZZ = settings(
    max_examples=60,
    deadline=None,  # no timing thresholds: a hang is caught by pytest-timeout instead
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- strategies ---------------------------------------------------------------------------------

odd_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "..", "../../etc", "\x00", "\ud800", "CON", "é" * 40, "a/b\\c"]),
)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=2**63, max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, odd_text)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(odd_text, inner, max_size=4)
    ),
    max_leaves=12,
)
lon = st.floats(-200, 200, allow_nan=False)
lat = st.floats(-100, 100, allow_nan=False)
ring = st.lists(st.tuples(lon, lat).map(list), min_size=0, max_size=8)
geometries = st.one_of(
    st.none(),
    json_values,
    st.builds(lambda p: {"type": "Point", "coordinates": p}, st.tuples(lon, lat).map(list)),
    st.builds(lambda r: {"type": "Polygon", "coordinates": [r + r[:1]]}, ring),
    st.builds(
        lambda rs: {"type": "MultiPolygon", "coordinates": [[r] for r in rs]}, st.lists(ring)
    ),
    st.builds(lambda c: {"type": "Polygon", "coordinates": c}, json_values),
)
datetimes = st.one_of(
    st.datetimes().map(lambda d: d.isoformat() + "Z"),
    st.sampled_from(["2024-02-30T00:00:00Z", "yesterday", "", "0000-00-00", "2024-01-01"]),
    json_values,
)
assets = st.dictionaries(
    odd_text,
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {"href": st.one_of(odd_text, json_values)},
            optional={
                "roles": st.one_of(st.lists(odd_text, max_size=3), json_values),
                "type": odd_text,
                "file:size": st.one_of(numbers, odd_text),
                "file:checksum": st.one_of(odd_text, json_values),
                "title": odd_text,
            },
        ),
    ),
    max_size=4,
)
properties = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "datetime": datetimes,
            "start_datetime": datetimes,
            "eo:cloud_cover": st.one_of(numbers, odd_text, json_values),
            "platform": st.one_of(odd_text, json_values),
            "proj:epsg": st.one_of(numbers, odd_text),
            "sat:relative_orbit": numbers,
            "extra": json_values,
        },
    ),
)
items = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(["Feature", "feature", ""]),
        "id": st.one_of(odd_text, st.integers(), json_values),
        "collection": st.one_of(odd_text, json_values),
        "geometry": geometries,
        "bbox": st.one_of(st.lists(numbers, max_size=6), json_values),
        "properties": properties,
        "assets": st.one_of(assets, json_values),
        "links": st.one_of(
            st.lists(st.fixed_dictionaries({"rel": odd_text, "href": odd_text}), max_size=3),
            json_values,
        ),
    },
)
features = st.lists(st.one_of(items, items, json_values), max_size=12)


def _dict_items(found: list[Any]) -> list[dict[str, Any]]:
    return [f for f in found if isinstance(f, dict)]


# -- parser and store -----------------------------------------------------------------------------


@FUZZ
@given(features)
def any_page_reads_back(found: list[Any]) -> None:
    batch = ResultBatch.from_features(found)
    n = len(batch)
    assert n <= len(_dict_items(found))
    assert batch.bboxes.shape == (n, 4)
    assert len(batch.ring_offsets) == n + 1 and batch.ring_offsets[-1] == len(batch.ring_x)
    assert np.all(np.diff(batch.ring_offsets) >= 0)
    assert len(batch.ring_x) == len(batch.ring_y)
    store = ResultStore()
    added = store.append(batch)
    assert added == len(set(batch.ids))
    for row in range(len(store)):
        item = store.item(row)  # decompressed and parsed again: must be a readable JSON object
        assert isinstance(item, dict) and str(item.get("id")) == store.ids[row]
        xs, ys = store.footprint(row)
        assert len(xs) == len(ys)


def test_any_page_becomes_consistent_columns_and_every_row_reads_back(
    request: pytest.FixtureRequest,
) -> None:
    runs = run_property(any_page_reads_back)
    record(request, tried=runs.tried, survived=runs.survived, lost=runs.lost)


@FUZZ
@given(features, st.dictionaries(odd_text, json_values, max_size=3))
def page_bytes_decode(found: list[Any], extra: dict[str, Any]) -> None:
    page = {**extra, "type": "FeatureCollection", "features": found}
    # orjson reads integers beyond 64 bits as floats (a precision loss no STAC field can suffer)
    assume(not _has_int_beyond_64_bits(page))
    text = json.dumps(page)  # the standard library writes what orjson refuses (NaN, surrogates)
    decoded = decode_page(text)
    assert isinstance(decoded, dict) and len(decoded["features"]) == len(found)
    assert json.dumps(decoded, sort_keys=True) == json.dumps(json.loads(text), sort_keys=True)


def test_a_page_as_the_server_sends_it_decodes_to_what_it_holds(
    request: pytest.FixtureRequest,
) -> None:
    runs = run_property(page_bytes_decode)
    record(request, tried=runs.tried, survived=runs.survived, lost=runs.lost)


def _has_int_beyond_64_bits(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_int_beyond_64_bits(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_int_beyond_64_bits(v) for v in value)
    return isinstance(value, int) and not -(2**63) <= value < 2**64


@FUZZ
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def garbage_is_refused(garbage: bytes | str) -> None:
    try:
        decode_page(garbage)
    except PageJsonError as refusal:
        assert str(refusal)  # refused, and says why
        return
    # accepted only when it was JSON after all ("{}", "0"): the page's shape is checked later
    json.loads(garbage)


def test_garbage_is_refused_with_the_parser_s_own_error(request: pytest.FixtureRequest) -> None:
    runs = run_property(garbage_is_refused)
    record(request, tried=runs.tried, survived=runs.survived, lost=runs.lost)


# -- item details ---------------------------------------------------------------------------


@FUZZ
@given(items)
def details_read_any_item(item: dict[str, Any]) -> None:
    groups = group_properties(item.get("properties"))
    assert all(isinstance(row.text, str) for group in groups for row in group.rows)
    for row in asset_rows(item):
        assert isinstance(row.key, str) and isinstance(row.size, str)
    for link in link_rows(item):
        assert isinstance(link.href, str)
    assert self_link(item) is None or isinstance(self_link(item), str)


def test_item_details_read_any_item(request: pytest.FixtureRequest) -> None:
    runs = run_property(details_read_any_item)
    record(request, tried=runs.tried, survived=runs.survived, lost=runs.lost)


# -- exporters ------------------------------------------------------------------------------------


@FUZZ
@given(features, st.sampled_from(["ndjson", "geojson", "csv", "urls", "metalink"]))
def text_export_writes_or_says_why(found: list[Any], fmt: str) -> None:
    chosen = _dict_items(found)
    try:
        data = export_bytes(chosen, fmt)
    except ExportError as exc:
        assert str(exc)
        return
    if fmt == "ndjson":
        lines = [line for line in data.splitlines() if line]
        assert len(lines) == len(chosen)
        assert all(isinstance(orjson.loads(line), dict) for line in lines)
    if fmt == "geojson":
        assert len(json.load(io.BytesIO(data))["features"]) == len(chosen)


def test_every_text_export_writes_or_says_why(request: pytest.FixtureRequest) -> None:
    runs = run_property(text_export_writes_or_says_why)
    record(request, tried=runs.tried, survived=runs.survived, lost=runs.lost)


@settings(FUZZ, max_examples=25)
@given(features)
def geoparquet_writes_or_says_why(found: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.parquet"
        try:
            result = export_items(_dict_items(found), path, "geoparquet")
        except ExportError as exc:
            assert str(exc)
            assert not path.exists()  # no half-written file left behind
            return
        assert path.exists() and result.items <= len(_dict_items(found))


def test_geoparquet_export_writes_or_says_why(request: pytest.FixtureRequest) -> None:
    runs = run_property(geoparquet_writes_or_says_why)
    record(request, tried=runs.tried, survived=runs.survived, lost=runs.lost)


# -- list model -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def list_model(qapp):
    from stacdesk.core.catalogs.connections import ConnectionBook
    from stacdesk.core.workspace.state import Workspace
    from stacdesk.ui.results.model import ResultListModel

    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(ConnectionBook(Path(folder) / "connections.json"))
        yield workspace, ResultListModel(workspace)


@FUZZ
@given(st.lists(features, min_size=1, max_size=3))
def list_model_answers(list_model, pages) -> None:
    from PySide6.QtCore import Qt

    workspace, model = list_model
    store = workspace.search.store
    store.clear()
    for found in pages:
        store.append(ResultBatch.from_features(found))
    assert model.rowCount() == len(store)
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole]
    roles += [Qt.ItemDataRole.UserRole + n for n in range(1, 10)]
    for row in range(model.rowCount()):
        for role in roles:
            model.data(model.index(row), role)
    for key in SORT_KEYS:
        model.set_sort(key, descending=True)
        assert sorted(model.rows.tolist()) == list(range(len(store)))


def test_the_list_model_answers_every_role_for_any_results(
    request: pytest.FixtureRequest, list_model
) -> None:
    runs = run_property(list_model_answers, list_model)
    record(request, tried=runs.tried, survived=runs.survived, lost=runs.lost)
