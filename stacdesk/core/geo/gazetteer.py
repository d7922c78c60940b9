"""Offline place search: countries and cities by name, for "go to" on the map without a network.

The bundled table (``resources/gazetteer/places.tsv.gz``, built by
``resources/tools/make_gazetteer.py``) holds GeoNames cities of at least 15,000 people, with their
Latin-script alternate names (so "Praha" finds Prague), and countries with a bounding box of their
main landmass. Matching is case- and accent-insensitive; no Qt here.
"""

from __future__ import annotations

import functools
import gzip
import heapq
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Column order of places.tsv.gz (its first line repeats it).
COLUMNS: tuple[str, ...] = (
    "name",
    "ascii_name",
    "country_code",
    "kind",
    "lon",
    "lat",
    "population",
    "west",
    "south",
    "east",
    "north",
    "alt_names",
)
KINDS: tuple[str, ...] = ("country", "city")
ALT_SEPARATOR = "|"

# Letters that Unicode does not decompose into a base letter plus accent.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ħ": "h",
        "Ħ": "H",
        "ı": "i",
        "ŀ": "l",
        "Ŀ": "L",
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ə": "a",
        "Ə": "A",
        "‘": "'",
        "’": "'",
        "ʻ": "'",
        "ʼ": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)
_APOSTROPHES = re.compile(r"['`]")
_SEPARATORS = re.compile(r"[\s\-_/.,()]+")


def ascii_name(name: str) -> str:
    """``name`` without accents, keeping case: "Plzeň" -> "Plzen", "Łódź" -> "Lodz".

    Characters with no Latin base (other scripts) are kept, so nothing is silently lost.
    """
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """The form names are compared in: no accents, no case, punctuation as single spaces.

    "Saint-Étienne", "saint etienne" and "St. Étienne"'s "st etienne" all compare as words, and
    "Xi’an" matches "xian".
    """
    folded = _APOSTROPHES.sub("", ascii_name(text).casefold())
    return _SEPARATORS.sub(" ", folded).strip()


@dataclass(frozen=True)
class Place:
    """One searchable place. ``bbox`` (west, south, east, north) is set for countries only.

    A country's bbox covers its main landmass (e.g. metropolitan France, not French Guiana) and
    never crosses the antimeridian, so zooming to it shows the country, not half the globe.
    """

    name: str
    ascii_name: str
    country_code: str
    kind: str
    lon: float
    lat: float
    population: int
    bbox: tuple[float, float, float, float] | None = None
    alt_names: tuple[str, ...] = ()
    # Folded names with separators, precomputed once so a keystroke's search stays fast; the
    # primary name alone as well, as it outranks alternate names.
    _haystack: str = field(default="", repr=False, compare=False)
    _primary: str = field(default="", repr=False, compare=False)

    @property
    def label(self) -> str:
        """Text for a result list: "Brno, CZ" or "Czechia"."""
        if self.kind == "city" and self.country_code:
            return f"{self.name}, {self.country_code}"
        return self.name


def _haystacks(name: str, ascii: str, alt_names: Sequence[str]) -> tuple[str, str]:
    """Folded names joined as "\\nname\\nother\\n" so one ``in`` test checks them all: all
    names, and the primary name (and its ASCII spelling) alone."""
    names: list[str] = []
    primary_count = 0
    for index, candidate in enumerate((name, ascii, *alt_names)):
        folded = fold(candidate)
        if folded and folded not in names:
            names.append(folded)
        if index == 1:
            primary_count = len(names)
    return "\n" + "\n".join(names) + "\n", "\n" + "\n".join(names[:primary_count]) + "\n"


def make_place(
    name: str,
    *,
    country_code: str = "",
    kind: str = "city",
    lon: float,
    lat: float,
    population: int = 0,
    bbox: tuple[float, float, float, float] | None = None,
    alt_names: Sequence[str] = (),
    ascii: str | None = None,
) -> Place:
    """Build a Place with its search keys (use this rather than ``Place(...)`` directly)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    ascii = ascii if ascii is not None else ascii_name(name)
    haystack, primary = _haystacks(name, ascii, alt_names)
    return Place(
        name=name,
        ascii_name=ascii,
        country_code=country_code,
        kind=kind,
        lon=lon,
        lat=lat,
        population=population,
        bbox=bbox,
        alt_names=tuple(alt_names),
        _haystack=haystack,
        _primary=primary,
    )


def _float(text: str) -> float | None:
    return float(text) if text else None


def load_places(path: Path) -> list[Place]:
    """Read places.tsv.gz (or a plain .tsv) into Places, in file order (countries first)."""
    opener = gzip.open if path.suffix == ".gz" else open
    places: list[Place] = []
    with opener(path, "rt", encoding="utf-8", newline="\n") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if tuple(header) != COLUMNS:
            raise ValueError(f"{path}: unexpected columns {header}")
        for line_no, line in enumerate(fh, start=2):
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(COLUMNS):
                raise ValueError(f"{path}:{line_no}: {len(cells)} columns, expected {len(COLUMNS)}")
            row = dict(zip(COLUMNS, cells, strict=True))
            bounds = [_float(row[key]) for key in ("west", "south", "east", "north")]
            bbox = None if None in bounds else tuple(bounds)
            places.append(
                make_place(
                    row["name"],
                    ascii=row["ascii_name"],
                    country_code=row["country_code"],
                    kind=row["kind"],
                    lon=float(row["lon"]),
                    lat=float(row["lat"]),
                    population=int(row["population"] or 0),
                    bbox=bbox,  # type: ignore[arg-type]
                    alt_names=[a for a in row["alt_names"].split(ALT_SEPARATOR) if a],
                )
            )
    return places


def default_gazetteer_path() -> Path:
    """Where the bundled table is, in a checkout, a wheel or a frozen build."""
    from stacdesk.resources import resource_path

    return resource_path("gazetteer", "places.tsv.gz")


@functools.cache
def default_places() -> tuple[Place, ...]:
    """The bundled places, read once (about 34,000 rows, a fraction of a second)."""
    return tuple(load_places(default_gazetteer_path()))


# Match quality, best first: the whole name, the start of a name, the start of a word, anywhere.
_EXACT, _PREFIX, _WORD_PREFIX, _SUBSTRING = range(4)


def _match_tier(haystack: str, query: str) -> int | None:
    if query not in haystack:
        return None
    if f"\n{query}\n" in haystack:
        return _EXACT
    if f"\n{query}" in haystack:
        return _PREFIX
    if f" {query}" in haystack:
        return _WORD_PREFIX
    return _SUBSTRING


def search_places(
    query: str, limit: int = 20, places: Sequence[Place] | None = None
) -> list[Place]:
    """Places whose name (or an alternate name) matches ``query``, best first.

    Exact names come first, then names starting with the query, then names with a word starting
    with it, then any substring. Within each, a match on a city's own name beats one on its
    alternate names only (GeoNames lists historic and foreign names: Luanda was "São Paulo de
    Loanda"), then the more populous comes first. A country always comes right before a city of the
    same name ("Luxembourg" the country, then the city). Searches the bundled table unless
    ``places`` is given.
    """
    needle = fold(query)
    if not needle or limit <= 0:
        return []
    pool = default_places() if places is None else places
    hits: list[tuple[int, bool, Place]] = []
    for place in pool:
        if needle not in place._haystack:
            continue
        tier = _match_tier(place._haystack, needle)
        if tier is not None:
            # A country's alternate names are curated ("USA", "Holland"), so count as its own.
            alt_only = place.kind != "country" and _match_tier(place._primary, needle) != tier
            hits.append((tier, alt_only, place))
    # Rank by the most populous place sharing the primary name, so a country and its namesake
    # city stay together with the country first.
    group_population: dict[tuple[int, bool, str], int] = {}
    for tier, alt_only, place in hits:
        key = (tier, alt_only, place._primary)
        group_population[key] = max(group_population.get(key, 0), place.population)

    def rank(hit: tuple[int, bool, Place]) -> tuple[int, bool, int, str, int, int, str]:
        tier, alt_only, place = hit
        return (
            tier,
            alt_only,
            -group_population[(tier, alt_only, place._primary)],
            place._primary,
            KINDS.index(place.kind),
            -place.population,
            place.country_code,
        )

    return [place for _, _, place in heapq.nsmallest(limit, hits, key=rank)]
