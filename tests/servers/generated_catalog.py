"""The tests' own catalog generator: synthetic STAC items in the folder layout the fixtures read.

Why: a fresh clone must pass its tests with nothing beside the checkout. Sentinel-1/2, Landsat
and ERA5 items come from the sample generator's builders
(``resources/tools/sample_catalog/``, imported, not changed); this module adds a NOAA
sea-ice family whose items carry only start/end datetimes (the record starts in 1978, so old date
ranges find something), points every asset href at ``--base-url`` and writes::

    OUT/collections.json                       a JSON list of the collections
    OUT/<collection>/collection.json
    OUT/<collection>/items.ndjson              (+ items.parquet with --parquet)
    OUT/assets/thumbnails/*.jpg                thumbnail hrefs: <base-url>/thumbnails/<name>
    OUT/manifest.json                          seed, counts

so serving OUT with the asset server and ``--base-url <server>/assets`` makes thumbnails resolve
(other asset hrefs answer 404). Deterministic: the same seed and options give the same bytes.

    uv run python -m tests.servers.generated_catalog --out cat --count 1500 --seed 7 --parquet
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import importlib
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

Json = dict[str, Any]

REPO = Path(__file__).resolve().parents[2]
SAMPLE_TOOLS = REPO / "resources" / "tools"  # holds the sample generator's package
NOAA = "noaa-cdr-sea-ice-concentration"
SCENE_WEIGHTS = {  # share of --count per family; ERA5 adds its monthly series on top
    "sentinel-2-l2a": 0.40,
    "landsat-c2-l2": 0.27,
    "sentinel-1-grd": 0.27,
    NOAA: 0.06,
}
FAMILIES = (*SCENE_WEIGHTS, "era5-pds")
NOAA_START = dt.datetime(1978, 10, 25, tzinfo=dt.UTC)  # first day of the real record
NOAA_HEMISPHERES = {  # id token, footprint bbox, EPSG of the NSIDC polar stereographic grid
    "nh": ([-180.0, 31.35, 180.0, 90.0], 3411, [448, 304]),
    "sh": ([-180.0, -90.0, 180.0, -39.23], 3412, [332, 316]),
}
PROCESSING_EXT = "https://stac-extensions.github.io/processing/v1.1.0/schema.json"
PROJECTION_EXT = "https://stac-extensions.github.io/projection/v1.1.0/schema.json"
THUMBNAIL_VARIANTS = {  # a small quicklook pool keeps generation quick
    "optical_variants": 3,
    "landsat_variants": 3,
    "sar_iw_variants": 6,
    "sar_ew_variants": 3,
}


def sample_generator() -> ModuleType:
    """The sample catalog's generator package (a tool beside the app, not an installed package)."""
    tools = str(SAMPLE_TOOLS)  # the package is imported as when its command runs
    if tools not in sys.path:
        sys.path.append(tools)
    return importlib.import_module("sample_catalog")


def family_counts(families: Sequence[str], count: int) -> dict[str, int]:
    """Split ``count`` over the scene/daily families by weight; the last takes the remainder."""
    weighted = [f for f in families if f in SCENE_WEIGHTS]
    total = sum(SCENE_WEIGHTS[f] for f in weighted) or 1.0
    counts: dict[str, int] = {}
    left = count
    for n, family in enumerate(weighted):
        share = left if n == len(weighted) - 1 else round(count * SCENE_WEIGHTS[family] / total)
        counts[family] = share
        left -= share
    return counts


# ---------------------------------------------------------------- NOAA sea ice (start/end only)


def noaa_item(n: int) -> Json:
    """Day ``n // 2`` of the record, northern hemisphere for even ``n``, southern for odd."""
    hem = "nh" if n % 2 == 0 else "sh"
    (west, south, east, north), epsg, shape = NOAA_HEMISPHERES[hem]
    day = NOAA_START + dt.timedelta(days=n // 2)
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    item_id = f"seaice_conc_daily_{hem}_{day:%Y%m%d}_v04r00"
    return {
        "type": "Feature",
        "stac_version": "1.0.0",
        "stac_extensions": [PROCESSING_EXT, PROJECTION_EXT],
        "id": item_id,
        "collection": NOAA,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "bbox": [west, south, east, north],
        "properties": {
            "datetime": None,
            "start_datetime": f"{day:%Y-%m-%d}T00:00:00Z",
            "end_datetime": f"{day:%Y-%m-%d}T23:59:59Z",
            "noaa_cdr:interval": "daily",
            "processing:level": "L3",
            "proj:epsg": epsg,
            "proj:shape": shape,
        },
        "links": [],
        "assets": {
            "netcdf": {
                "href": f"{item_id}.nc",
                "type": "application/x-netcdf",
                "title": "Daily sea ice concentration (NetCDF)",
                "roles": ["data"],
            }
        },
    }


def noaa_collection(items: list[Json]) -> Json:
    """The NOAA collection, its extent computed from the items."""
    starts = [i["properties"]["start_datetime"] for i in items]
    ends = [i["properties"]["end_datetime"] for i in items]
    return {
        "type": "Collection",
        "stac_version": "1.0.0",
        "stac_extensions": [PROCESSING_EXT, PROJECTION_EXT],
        "id": NOAA,
        "title": "Sea Ice Concentration CDR (generated for tests)",
        "description": "Synthetic daily polar sea-ice records imitating the NOAA/NSIDC climate "
        "data record: each item covers one day (start/end datetimes, no instant) of one "
        "hemisphere.",
        "license": "CC0-1.0",
        "extent": {
            "spatial": {"bbox": [[-180.0, -90.0, 180.0, 90.0]]},
            "temporal": {"interval": [[min(starts, default=None), max(ends, default=None)]]},
        },
        "summaries": {"noaa_cdr:interval": ["daily"], "proj:epsg": [3411, 3412]},
        "links": [],
    }


# ---------------------------------------------------------------- hrefs and links


def _is_absolute(href: str) -> bool:
    return bool(urlsplit(href).scheme)


def point_assets_at(item: Json, base: str) -> Json:
    """Thumbnails to ``base/thumbnails/<file>``, other assets to ``base/<coll>/<id>/<key><ext>``.

    Relative links are dropped: an API answers with its own, and a folder has no item files.
    """
    cid, item_id = item["collection"], item["id"]
    for key, asset in item.get("assets", {}).items():
        path = PurePosixPath(urlsplit(asset["href"]).path)
        if "thumbnail" in (asset.get("roles") or []):
            asset["href"] = f"{base}/thumbnails/{path.name}"
        else:
            asset["href"] = f"{base}/{cid}/{item_id}/{key}{path.suffix}"
    item["links"] = [link for link in item.get("links", []) if _is_absolute(link["href"])]
    return item


def tidy_collection(collection: Json) -> Json:
    """Only links that resolve anywhere (the sample's point into its own folder)."""
    collection["links"] = [
        link for link in collection.get("links", []) if _is_absolute(link["href"])
    ]
    return collection


# ---------------------------------------------------------------- the catalog


def build(
    seed: int, count: int, families: Sequence[str]
) -> tuple[dict[str, list[Json]], list[Json], dict[str, bytes]]:
    """Items per family, collections and thumbnail files, all in memory."""
    unknown = set(families) - set(FAMILIES)
    if unknown:
        raise ValueError(f"unknown families {sorted(unknown)}; known: {', '.join(FAMILIES)}")
    sample = sample_generator()
    thumbs = sample.ThumbnailPool(seed, **THUMBNAIL_VARIANTS)
    thumbs.build()
    builders = {
        "sentinel-2-l2a": sample.build_sentinel2,
        "landsat-c2-l2": sample.build_landsat,
        "sentinel-1-grd": sample.build_sentinel1,
    }
    counts = family_counts(families, count)
    infos = {info.cid: info for info in sample.COLLECTIONS}
    items: dict[str, list[Json]] = {}
    collections: list[Json] = []
    for family in families:
        rng = random.Random(f"{seed}/{family}")
        if family == NOAA:
            built = [noaa_item(n) for n in range(counts[family])]
        elif family == "era5-pds":
            built = sample.build_era5(rng, thumbs)
        else:
            built = builders[family](rng, thumbs, counts[family])
        built.sort(key=lambda it: (sample.item_interval(it)[0], it["id"]))
        items[family] = built
        if family == NOAA:
            collections.append(noaa_collection(built))
        else:
            collections.append(tidy_collection(sample.build_collection(infos[family], built)))
    return items, collections, dict(thumbs.files)


def write_parquet(path: Path, items: list[Json]) -> str | None:
    """stac-geoparquet via rustac; the reason when a family cannot be written."""
    import rustac

    try:
        rustac.write_sync(str(path), items)
    except Exception as exc:  # e.g. nested structures a Parquet schema cannot hold
        return f"no parquet for {path.parent.name}: {exc}"
    return None


def generate(
    out: Path,
    *,
    base_url: str,
    count: int,
    seed: int,
    families: Sequence[str] = FAMILIES,
    parquet: bool = False,
) -> Json:
    """Write the catalog into ``out``; returns the manifest (counts per collection)."""
    base = base_url.rstrip("/")
    by_family, collections, thumbnails = build(seed, count, families)
    out.mkdir(parents=True, exist_ok=True)
    thumb_dir = out / "assets" / "thumbnails"
    thumb_dir.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(thumbnails.items()):
        (thumb_dir / name).write_bytes(data)
    manifest: Json = {"seed": seed, "base_url": base, "count_requested": count, "collections": {}}
    warnings: list[str] = []
    for collection in collections:
        cid = collection["id"]
        folder = out / cid
        folder.mkdir(exist_ok=True)
        items = [point_assets_at(copy.deepcopy(it), base) for it in by_family[cid]]
        (folder / "collection.json").write_text(json.dumps(collection, indent=2))
        lines = "".join(json.dumps(it, separators=(",", ":")) + "\n" for it in items)
        (folder / "items.ndjson").write_text(lines, encoding="utf-8")
        if parquet and (problem := write_parquet(folder / "items.parquet", items)):
            warnings.append(problem)
        manifest["collections"][cid] = len(items)
    (out / "collections.json").write_text(json.dumps(collections, indent=2))
    manifest["total_items"] = sum(manifest["collections"].values())
    manifest["warnings"] = warnings
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (the options of the fixtures' generator)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--count", type=int, default=1500, help="items over the scene/daily families")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--families", default=",".join(FAMILIES), help="comma-separated list")
    ap.add_argument("--base-url", default="http://127.0.0.1:8000/assets", help="asset href prefix")
    ap.add_argument("--parquet", action="store_true", help="also write items.parquet per family")
    args = ap.parse_args(argv)
    families = [f for f in args.families.split(",") if f]
    manifest = generate(
        args.out,
        base_url=args.base_url,
        count=args.count,
        seed=args.seed,
        families=families,
        parquet=args.parquet,
    )
    for problem in manifest["warnings"]:
        print(f"WARNING: {problem}", file=sys.stderr)
    print(json.dumps({"total_items": manifest["total_items"], **manifest["collections"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
