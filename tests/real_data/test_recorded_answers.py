"""Search pages real servers answered (Planetary Computer, Earth Search, eoAPI), as pystac-client's
test suite recorded them, go through the page decoder and the result columns.

Why: a real page holds what no generated one does: other providers' links, ``numberMatched``
or not, a context object, hundreds of NAIP and Sentinel-2 items in one answer.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from stacdesk.core.catalogs.page_json import decode_page
from stacdesk.core.results.store import ResultBatch
from tests.servers.catalog import real_data_dir

pytestmark = pytest.mark.real_data
CASSETTES = real_data_dir() / "cassettes" / "pystac-client"


def cassette_names() -> list[str]:
    """Cassettes that ask a ``/search`` (the others hold landing pages and collections)."""
    asks = re.compile(r"^\s*uri: \S*/search", re.MULTILINE)
    files = [p for p in sorted(CASSETTES.glob("*/*.yaml")) if asks.search(p.read_text("utf-8"))]
    return [p.relative_to(CASSETTES).as_posix() for p in files] or ["(no recorded data)"]


def search_answers(path: Path) -> list[bytes]:
    """The bodies of every successful ``/search`` answer in a VCR cassette."""
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bodies = []
    for interaction in data["interactions"]:
        request, response = interaction["request"], interaction["response"]
        if "/search" not in request["uri"] or response["status"]["code"] != 200:
            continue
        body: Any = response["body"]["string"]
        body = body.encode() if isinstance(body, str) else body
        if body[:2] == b"\x1f\x8b":  # some are stored as sent, others already decoded
            body = gzip.decompress(body)
        bodies.append(body)
    return bodies


@pytest.mark.parametrize("name", cassette_names())
def test_recorded_search_pages_parse_into_result_columns(name: str) -> None:
    bodies = search_answers(CASSETTES / name)
    assert bodies
    for body in bodies:
        page = decode_page(body)
        assert page == json.loads(body)  # item-by-item decoding changes nothing
        features = page["features"]
        batch = ResultBatch.from_features(features)
        assert batch.ids == [f["id"] for f in features]
        assert not any("without an id" in p for p in batch.problems)
        assert len(batch.blobs) == len(features)
        assert np.isfinite(batch.bboxes).all()
        for feature, clouds in zip(features, batch.cloud_cover, strict=True):
            expected = feature["properties"].get("eo:cloud_cover")
            assert math.isnan(clouds) if expected is None else clouds == pytest.approx(expected)
