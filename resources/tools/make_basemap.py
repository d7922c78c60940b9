"""Build ``resources/basemap/basemap.npz`` from an unpacked ``world-atlas`` npm package.

The map panel draws an offline Natural Earth basemap; this script turns the package's TopoJSON
into plain float32 lon/lat arrays so the app needs neither a TopoJSON library nor a network.

It downloads nothing: fetch the package yourself, once, with the ordinary npm client::

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-*.tgz
    uv run python resources/tools/make_basemap.py /tmp/package

Only ``countries-110m.json`` and ``countries-50m.json`` are read. Each holds the ``countries``
collection *and* a ``land`` collection merged from those countries in the same topology, so land
fill and coastlines share exactly the same vertices. The separate ``land-*.json`` files (Natural
Earth's physical land layer) are not used: their coastlines differ slightly from the country
outlines, which would show as slivers between fill and lines.

Arrays written, for ``lod`` in ``110m`` and ``50m`` (lon in x, lat in y, float32, parts separated
by one NaN):

* ``land_{lod}_x`` / ``land_{lod}_y``: closed land rings (outer rings and holes such as the
  Caspian Sea); fill them as one path with the odd-even rule.
* ``lines_{lod}_x`` / ``lines_{lod}_y``: every arc of the country topology drawn once, i.e.
  coastlines (arcs used by one country) and land borders (arcs shared by two countries, which a
  per-country outline would draw twice). Pieces that only exist because Natural Earth cuts
  polygons at the antimeridian and at the south pole are left out of the lines.

world-atlas joins polygons across the antimeridian for spherical (d3) rendering: Russia, Fiji and
Antarctica have rings jumping from lon +180 to -180. Drawn flat they would streak across the map,
so they are cut again here (``planar_polygons``, ``split_at_cut_edges``).

Plus ``lods`` (the level names, coarsest first) and ``source`` (a provenance string).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

LODS = ("110m", "50m")
RESOURCES = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = RESOURCES / "basemap" / "basemap.npz"

# Natural Earth cuts polygons along lon = ±180 and closes Antarctica along its southern edge;
# those edges are not coastlines, so line output skips segments lying on them.
_EDGE_TOL = 1e-6
_POLE_TOL = 1e-2


def load_topology(path: Path) -> dict[str, Any]:
    """Read one TopoJSON file."""
    with path.open(encoding="utf-8") as fh:
        topology: dict[str, Any] = json.load(fh)
    if topology.get("type") != "Topology":
        raise ValueError(f"{path} is not a TopoJSON Topology")
    return topology


def decode_arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """Absolute lon/lat of every arc, as float64 ``(n, 2)`` arrays.

    A quantized topology stores each arc's first position absolutely and the rest as deltas, all
    as integers on a grid given by ``transform`` (``scale``, ``translate``).
    """
    transform = topology.get("transform")
    decoded: list[np.ndarray] = []
    for arc in topology["arcs"]:
        pts = np.asarray(arc, dtype=np.float64)[:, :2]
        if transform is not None:
            pts = np.cumsum(pts, axis=0)
            pts = pts * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        decoded.append(pts)
    return decoded


def arc_points(arcs: Sequence[np.ndarray], index: int) -> np.ndarray:
    """One arc by its TopoJSON index; a negative index ``~i`` means arc ``i`` reversed."""
    return arcs[~index][::-1] if index < 0 else arcs[index]


def stitch_ring(arcs: Sequence[np.ndarray], indices: Sequence[int]) -> np.ndarray:
    """Join the arcs of one ring; each arc starts where the previous one ended."""
    parts = [
        arc_points(arcs, i) if k == 0 else arc_points(arcs, i)[1:] for k, i in enumerate(indices)
    ]
    return np.concatenate(parts, axis=0)


def geometry_polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings of arc indices."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return list(geometry["arcs"])
    if kind in (None, "Null"):
        return []
    raise ValueError(f"unexpected geometry type {kind!r} in a polygon layer")


def object_geometries(topology: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The member geometries of a named object (a GeometryCollection or a single geometry)."""
    obj = topology["objects"][name]
    return list(obj["geometries"]) if obj.get("type") == "GeometryCollection" else [obj]


def crosses_antimeridian(ring: np.ndarray) -> bool:
    """Whether a ring jumps between lon +180 and -180 (d3's spherical stitching does that)."""
    return bool((np.abs(np.diff(ring[:, 0])) > 180).any())


def planar_polygons(rings: Sequence[np.ndarray]) -> list[list[np.ndarray]]:
    """One TopoJSON polygon as flat lon/lat polygons, split at the antimeridian if it wraps.

    world-atlas stitches Natural Earth's antimeridian cuts for spherical rendering (Russia, Fiji;
    Antarctica becomes a ring around the pole). In flat lon/lat those rings would streak across
    the map, so such polygons are split with the ``antimeridian`` package. TopoJSON rings wind
    clockwise (shapefile convention); they are reversed into GeoJSON's counterclockwise first.
    Each polygon returned is its outer ring followed by its holes.
    """
    if not any(crosses_antimeridian(ring) for ring in rings):
        return [list(rings)]
    import antimeridian
    import shapely

    polygon = shapely.Polygon(rings[0][::-1], [ring[::-1] for ring in rings[1:]])
    fixed = antimeridian.fix_polygon(polygon, fix_winding=False)
    parts = list(fixed.geoms) if isinstance(fixed, shapely.MultiPolygon) else [fixed]
    return [
        [np.asarray(part.exterior.coords), *(np.asarray(hole.coords) for hole in part.interiors)]
        for part in parts
    ]


def geometry_planar_polygons(
    geometry: dict[str, Any], arcs: Sequence[np.ndarray]
) -> list[list[np.ndarray]]:
    """One geometry's flat polygons, each its outer ring followed by its holes."""
    return [
        part
        for polygon in geometry_polygons(geometry)
        for part in planar_polygons([stitch_ring(arcs, ring) for ring in polygon])
    ]


def object_polygons(
    topology: dict[str, Any], arcs: Sequence[np.ndarray], name: str
) -> list[list[np.ndarray]]:
    """Every polygon of a polygon object as planar rings (outer first, then holes)."""
    return [
        polygon
        for geometry in object_geometries(topology, name)
        for polygon in geometry_planar_polygons(geometry, arcs)
    ]


def object_rings(
    topology: dict[str, Any], arcs: Sequence[np.ndarray], name: str
) -> list[np.ndarray]:
    """Every planar ring (outer and hole) of a polygon object, as lon/lat arrays."""
    return [ring for polygon in object_polygons(topology, arcs, name) for ring in polygon]


def used_arc_indices(topology: dict[str, Any], name: str) -> list[int]:
    """Indices of the arcs an object uses, each once, whatever its direction or sharing."""
    seen: set[int] = set()
    for geometry in object_geometries(topology, name):
        for polygon in geometry_polygons(geometry):
            for ring in polygon:
                seen.update(i if i >= 0 else ~i for i in ring)
    return sorted(seen)


def split_at_cut_edges(points: np.ndarray) -> list[np.ndarray]:
    """A polyline as planar pieces: cut where it wraps across lon ±180, minus artificial edges.

    A segment jumping more than 180° in longitude crosses the antimeridian; it is cut at the
    interpolated crossing latitude. Segments lying along lon = ±180 or along the south-pole edge
    are where Natural Earth cut its polygons, not coastlines, so they are dropped.
    """
    pieces: list[np.ndarray] = []
    current: list[tuple[float, float]] = [(float(points[0, 0]), float(points[0, 1]))]
    for (x0, y0), (x1, y1) in zip(points[:-1].tolist(), points[1:].tolist(), strict=True):
        along_meridian = abs(x0) >= 180 - _EDGE_TOL and x0 == x1
        along_pole = y0 <= -90 + _POLE_TOL and y1 <= -90 + _POLE_TOL
        if along_meridian or along_pole:
            pieces.append(np.asarray(current))
            current = [(x1, y1)]
            continue
        if abs(x1 - x0) > 180:
            edge = 180.0 if x0 > 0 else -180.0
            x1_unwrapped = x1 + 2 * edge
            span = x1_unwrapped - x0
            y_cross = y0 + (edge - x0) / span * (y1 - y0) if span else y0
            if abs(x0) < 180 - _EDGE_TOL:
                current.append((edge, y_cross))
            pieces.append(np.asarray(current))
            current = [] if abs(x1) >= 180 - _EDGE_TOL else [(-edge, y_cross)]
        current.append((x1, y1))
    pieces.append(np.asarray(current))
    return [piece for piece in pieces if len(piece) >= 2]


def nan_join(parts: Iterable[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate polylines into float32 x and y with one NaN between parts."""
    chunks: list[np.ndarray] = []
    gap = np.full((1, 2), np.nan)
    for part in parts:
        if len(part) < 2:
            continue
        if chunks:
            chunks.append(gap)
        chunks.append(part)
    if not chunks:
        return np.empty(0, np.float32), np.empty(0, np.float32)
    joined = np.concatenate(chunks, axis=0).astype(np.float32)
    return np.ascontiguousarray(joined[:, 0]), np.ascontiguousarray(joined[:, 1])


def build_lod(topology: dict[str, Any]) -> dict[str, np.ndarray]:
    """Land rings and line arcs of one level of detail, as NaN-separated float32 arrays."""
    arcs = decode_arcs(topology)
    land_x, land_y = nan_join(object_rings(topology, arcs, "land"))
    pieces = (
        piece
        for index in used_arc_indices(topology, "countries")
        for piece in split_at_cut_edges(arcs[index])
    )
    lines_x, lines_y = nan_join(pieces)
    return {"land_x": land_x, "land_y": land_y, "lines_x": lines_x, "lines_y": lines_y}


def package_version(package_dir: Path) -> str:
    """The world-atlas version, for provenance."""
    meta = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    return str(meta.get("version", "unknown"))


def natural_earth_version(package_dir: Path) -> str:
    """The Natural Earth edition the package says it redistributes (its README names it)."""
    readme = package_dir / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    match = re.search(r"version (\d+(?:\.\d+)+)", text)
    return match.group(1) if match else "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Build the npz; prints sizes so a change in output is visible in the terminal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="unpacked world-atlas npm package folder")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    version = package_version(args.package)
    arrays: dict[str, np.ndarray] = {}
    for lod in LODS:
        topology = load_topology(args.package / f"countries-{lod}.json")
        for key, values in build_lod(topology).items():
            kind, axis = key.split("_")
            arrays[f"{kind}_{lod}_{axis}"] = values
            print(f"{kind}_{lod}_{axis}: {values.size} values", file=sys.stderr)
    arrays["lods"] = np.array(LODS)
    arrays["source"] = np.array(
        f"Natural Earth {natural_earth_version(args.package)} admin-0 countries, "
        f"via world-atlas {version} (countries-110m.json, countries-50m.json)"
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # Stored, not deflated: 1.3 MB instead of 1.0, but the window reads it at every start and
    # inflating took ~9 of the ~11 ms (P8, the complete window's start).
    np.savez(args.output, **arrays)
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
