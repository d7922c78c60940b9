"""Offline place search: the bundled table loads, and search finds and ranks places sensibly."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from stacdesk.core.geo.gazetteer import (
    COLUMNS,
    Place,
    ascii_name,
    fold,
    load_places,
    make_place,
    search_places,
)

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
PLACES = RESOURCES / "gazetteer" / "places.tsv.gz"


@pytest.fixture(scope="module")
def places() -> list[Place]:
    return load_places(PLACES)


def _first(query: str, places: list[Place]) -> Place:
    results = search_places(query, places=places)
    assert results, f"nothing found for {query!r}"
    return results[0]


# --- the bundled table ---------------------------------------------------------------------


def test_table_is_small_and_attributed() -> None:
    assert PLACES.stat().st_size < 2_000_000
    assert (RESOURCES / "gazetteer" / "LICENSE.md").is_file()
    with gzip.open(PLACES, "rt", encoding="utf-8") as fh:
        assert tuple(fh.readline().rstrip("\n").split("\t")) == COLUMNS


def test_table_contents_are_sane(places: list[Place]) -> None:
    countries = [p for p in places if p.kind == "country"]
    cities = [p for p in places if p.kind == "city"]
    assert len(countries) > 200
    assert len(cities) > 30_000
    for place in places:
        assert place.name and place.ascii_name.isascii()
        assert -180 <= place.lon <= 180 and -90 <= place.lat <= 90
        assert place.population >= 0
    for city in cities:
        assert city.bbox is None and len(city.country_code) == 2
    with_bbox = [c for c in countries if c.bbox is not None]
    assert len(with_bbox) > 200
    for country in with_bbox:
        assert country.bbox is not None
        west, south, east, north = country.bbox
        assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90
        assert west <= country.lon <= east and south <= country.lat <= north, country.name


# --- finding real places -------------------------------------------------------------------


def test_finds_brno(places: list[Place]) -> None:
    brno = _first("Brno", places)
    assert (brno.name, brno.country_code, brno.kind) == ("Brno", "CZ", "city")
    assert brno.lon == pytest.approx(16.61, abs=0.05)
    assert brno.lat == pytest.approx(49.20, abs=0.05)
    assert brno.label == "Brno, CZ"


@pytest.mark.parametrize("query", ["Prague", "prague", "praha", "PRAHA", "Prag"])
def test_finds_prague_by_any_name(places: list[Place], query: str) -> None:
    prague = _first(query, places)
    assert prague.country_code == "CZ" and prague.kind == "city"
    assert prague.lon == pytest.approx(14.42, abs=0.05)
    assert prague.lat == pytest.approx(50.08, abs=0.05)


def test_finds_czech_republic_as_a_country(places: list[Place]) -> None:
    for query in ("czech", "Czechia", "czech republic"):
        country = _first(query, places)
        assert country.kind == "country" and country.country_code == "CZ"
    assert country.bbox is not None
    west, south, east, north = country.bbox
    assert west < 14.42 < east and south < 50.08 < north  # Prague
    assert 12 <= west <= 12.2 and 18.8 <= east <= 19 and south >= 48.5 and north <= 51.1


@pytest.mark.parametrize("query", ["Plzen", "plzen", "Plzeň", "PLZEŇ", "Pilsen"])
def test_accent_insensitive(places: list[Place], query: str) -> None:
    place = _first(query, places)
    assert place.country_code == "CZ"
    assert "Plzeň" in (place.name, *place.alt_names)


def test_accents_in_primary_names(places: list[Place]) -> None:
    assert _first("sao paulo", places).name == "São Paulo"
    assert _first("lodz", places).name == "Łódź"
    assert _first("Malmo", places).name == "Malmö"


def test_ranked_by_population(places: list[Place]) -> None:
    paris = search_places("Paris", places=places)
    assert (paris[0].country_code, paris[0].kind) == ("FR", "city")
    york = [p for p in search_places("york", places=places) if p.name == "York"]
    assert len(york) >= 2
    assert [p.population for p in york] == sorted((p.population for p in york), reverse=True)


def test_country_before_city_of_the_same_name(places: list[Place]) -> None:
    results = search_places("Luxembourg", places=places)
    assert [(p.name, p.kind) for p in results[:2]] == [
        ("Luxembourg", "country"),
        ("Luxembourg", "city"),
    ]


def test_country_aliases(places: list[Place]) -> None:
    assert _first("USA", places).country_code == "US"
    assert _first("holland", places).country_code == "NL"


def test_bundled_default(places: list[Place]) -> None:
    assert search_places("Brno", limit=1)[0].name == "Brno"


# --- the ranking rules, on a small table -------------------------------------------------


def _table() -> list[Place]:
    return [
        make_place("Springfield", lon=-89.6, lat=39.8, population=114_000, country_code="US"),
        make_place("Springfield", lon=-72.6, lat=42.1, population=155_000, country_code="US"),
        make_place("West Springfield", lon=-72.6, lat=42.1, population=900_000, country_code="US"),
        make_place("Nowhere", lon=0, lat=0, population=5_000_000, alt_names=["Springfield Old"]),
        make_place("Cityland", kind="country", lon=10, lat=10, population=50_000),
        make_place("Cityland", lon=10, lat=10, population=2_000_000),
        make_place("Čáslav", lon=15.4, lat=49.9, population=10_000, country_code="CZ"),
    ]


def test_prefix_before_substring_then_population() -> None:
    names = [(p.name, p.population) for p in search_places("springfield", places=_table())]
    assert names == [
        ("Springfield", 155_000),
        ("Springfield", 114_000),
        ("Nowhere", 5_000_000),  # a prefix of an alternate name only
        ("West Springfield", 900_000),  # a later word
    ]
    assert [p.name for p in search_places("ingfi", places=_table())] == [
        "West Springfield",
        "Springfield",
        "Springfield",
        "Nowhere",
    ]


def test_country_ranks_above_bigger_city_of_same_name() -> None:
    results = search_places("cityland", places=_table())
    assert [p.kind for p in results] == ["country", "city"]


def test_limit_and_empty_queries() -> None:
    assert len(search_places("springfield", limit=2, places=_table())) == 2
    assert search_places("", places=_table()) == []
    assert search_places("  -  ", places=_table()) == []
    assert search_places("springfield", limit=0, places=_table()) == []
    assert search_places("zzz", places=_table()) == []


def test_folding() -> None:
    assert fold("Plzeň") == fold("PLZEN") == "plzen"
    assert fold("Łódź") == "lodz"
    assert fold("Saint-Étienne") == fold("saint  etienne") == "saint etienne"
    assert fold("Xi’an") == fold("Xi'an") == "xian"
    assert fold("Straße") == "strasse"
    assert ascii_name("Čáslav") == "Caslav"
    assert search_places("caslav", places=_table())[0].name == "Čáslav"


def test_make_place_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError):
        make_place("Atlantis", kind="island", lon=0, lat=0)


def test_load_rejects_other_columns(tmp_path: Path) -> None:
    path = tmp_path / "places.tsv"
    path.write_text("name\tlon\tlat\nBrno\t16.6\t49.2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        load_places(path)


def test_load_plain_tsv(tmp_path: Path) -> None:
    path = tmp_path / "places.tsv"
    row = ["Čáslav", "Caslav", "CZ", "city", "15.39", "49.91", "10000", "", "", "", "", "Tschaslau"]
    path.write_text("\t".join(COLUMNS) + "\n" + "\t".join(row) + "\n", encoding="utf-8")
    (place,) = load_places(path)
    assert place.alt_names == ("Tschaslau",) and place.bbox is None
    assert search_places("tschaslau", places=[place]) == [place]
