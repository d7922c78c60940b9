"""Saved searches and history persist across restarts (a new library, a new connection book on
the same STACDESK_HOME), the history keeps the last 50, and a re-run tells which results are new."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacdesk.config import app_paths
from stacdesk.core.catalogs.connections import Connection, ConnectionBook
from stacdesk.core.catalogs.local_catalog import LocalCatalog
from stacdesk.core.geo.geometry import Aoi
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.saved import HISTORY_SIZE, SearchLibrary, query_from_dict, query_to_dict
from stacdesk.resources import resource_path

API = Connection("Test API", "http://127.0.0.1:9/stac")
QUERY = SearchQuery(
    collections=("sentinel-2-l2a", "a|b"),
    datetime="2024-01-01T00:00:00Z/..",
    filter="eo:cloud_cover < 10",
    filter_lang="cql2-text",
    sortby=("-datetime", "+id"),
    limit=50,
    max_items=500,
)


def test_query_round_trips_through_json() -> None:
    for query in (
        QUERY,
        SearchQuery(),
        SearchQuery(bbox=(170.0, -10.0, -170.0, 10.0), ids=("x", "y")),
        SearchQuery(
            intersects={"type": "Point", "coordinates": [1.0, 2.0]},
            filter={"op": "=", "args": [{"property": "platform"}, "x"]},
            filter_lang="cql2-json",
        ),
    ):
        assert query_from_dict(query_to_dict(query)) == query


def test_saved_search_and_history_survive_a_restart(isolated_home: Path) -> None:
    book = ConnectionBook(app_paths().connections_file)
    book.custom.append(API)
    book.save()
    aoi = Aoi.from_bbox(5.0, 45.0, 15.0, 55.0)
    library = SearchLibrary()
    assert library.path.is_relative_to(isolated_home)
    library.save("alps", API, QUERY, aoi, seen_ids=["a", "b"])
    library.record(API, QUERY, aoi)

    book = ConnectionBook(app_paths().connections_file)  # "restart"
    library = SearchLibrary()
    saved = library.find("alps")
    assert saved is not None
    assert book.find(saved.connection.name) == saved.connection
    assert saved.query == QUERY
    assert saved.aoi is not None and saved.aoi.bbox == aoi.bbox
    assert saved.aoi.geometry.equals(aoi.geometry)
    assert saved.seen_ids == ["a", "b"]
    assert saved.effective_query().bbox == aoi.bbox
    assert len(library.history) == 1 and library.history[0].same_search(saved)


def test_history_keeps_the_last_50_newest_first_without_repeats() -> None:
    library = SearchLibrary()
    for n in range(HISTORY_SIZE + 10):
        library.record(API, SearchQuery(ids=(f"item-{n}",)), None)
    library.record(API, SearchQuery(ids=("item-30",)), None)  # run again: moves to the top
    library = SearchLibrary()
    ids = [h.query.ids[0] for h in library.history]
    assert len(ids) == HISTORY_SIZE
    assert ids[0] == "item-30"
    assert ids[1] == f"item-{HISTORY_SIZE + 9}"
    assert len(set(ids)) == HISTORY_SIZE
    library.clear_history()
    assert SearchLibrary().history == []


def test_rerun_marks_results_new_since_the_last_run() -> None:
    library = SearchLibrary()
    library.save("watch", API, QUERY, seen_ids=["a", "b", "c"])
    run = library.start_rerun("watch")
    assert run.update(["a", "b"]) == []  # first page
    assert run.update(["a", "b", "d", "c", "e"]) == ["d", "e"]  # pages accumulate
    again = SearchLibrary().start_rerun("watch")  # next run, after a restart
    assert not again.first_run
    assert again.update(["a", "d", "e", "f"]) == ["f"]
    assert SearchLibrary().find("watch").seen_ids == ["a", "b", "c", "d", "e", "f"]


def test_a_search_saved_without_results_marks_nothing_on_its_first_run() -> None:
    library = SearchLibrary()
    library.save("fresh", API, QUERY)
    run = library.start_rerun("fresh")
    assert run.first_run and run.update(["a", "b"]) == []
    assert library.start_rerun("fresh").update(["a", "b", "c"]) == ["c"]


def test_saving_again_under_a_name_replaces_it_and_keeps_seen_ids_for_the_same_search() -> None:
    library = SearchLibrary()
    library.save("s", API, QUERY, seen_ids=["a"])
    library.save("s", API, QUERY)
    assert library.find("s").seen_ids == ["a"]
    library.save("s", API, SearchQuery(collections=("other",)))
    assert library.find("s").seen_ids == []
    assert [s.name for s in library.saved] == ["s"]
    library.remove("s")
    assert SearchLibrary().saved == []
    with pytest.raises(ValueError, match="needs a name"):
        library.save("  ", API, QUERY)


def test_damaged_file_is_set_aside_not_lost() -> None:
    library = SearchLibrary()
    library.path.parent.mkdir(parents=True, exist_ok=True)
    library.path.write_text("{ not json")
    fresh = SearchLibrary()
    assert fresh.saved == [] and fresh.load_problem
    assert fresh.path.with_suffix(".json.broken").read_text() == "{ not json"


def test_local_catalog_connection_is_remembered(tmp_path: Path) -> None:
    folder = resource_path("sample-catalog")
    book = ConnectionBook(app_paths().connections_file)
    connection = book.add_local(folder)
    assert book.add_local(folder) is connection  # not added twice
    reopened = ConnectionBook(app_paths().connections_file).find(connection.name)
    assert reopened == connection and reopened.kind == "local"
    assert len(LocalCatalog.open(Path(reopened.url))) > 0
