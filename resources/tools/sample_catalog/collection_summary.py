"""STAC collections whose extent, summaries and item_assets are computed from their items.

Why: computed, they always match the items, whatever the builders produce.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .collection_texts import GENERATOR_PROVIDER, SYNTHETIC_NOTE, CollectionInfo
from .stac_item import EXT, STAC_VERSION, Json, iso


def parse_time(s: str) -> dt.datetime:
    """Parse the timestamps the generator writes."""
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def item_interval(item: Json) -> tuple[dt.datetime, dt.datetime]:
    """(start, end) of an item's acquisition."""
    p = item["properties"]
    start = p.get("start_datetime") or p["datetime"]
    end = p.get("end_datetime") or p["datetime"]
    return parse_time(start), parse_time(end)


def summarise(items: list[Json]) -> Json:
    """Collection ``summaries`` computed from the items (so they always match)."""
    skip = {
        "datetime",
        "start_datetime",
        "end_datetime",
        "created",
        "proj:bbox",
        "proj:shape",
        "proj:transform",
        "proj:centroid",
        "cube:dimensions",
        "cube:variables",
    }
    wanted_lists = {
        "platform",
        "constellation",
        "instruments",
        "sat:orbit_state",
        "sar:instrument_mode",
        "sar:polarizations",
        "sar:frequency_band",
        "sar:center_frequency",
        "sar:product_type",
        "sar:observation_direction",
        "sar:resolution_range",
        "sar:resolution_azimuth",
        "sar:pixel_spacing_range",
        "sar:pixel_spacing_azimuth",
        "sar:looks_range",
        "sar:looks_azimuth",
        "sar:looks_equivalent_number",
        "s1:resolution",
        "s1:product_timeliness",
        "sat:platform_international_designator",
        "gsd",
        "proj:epsg",
        "proj:code",
        "s2:processing_baseline",
        "s2:product_type",
        "landsat:collection_category",
        "landsat:correction",
        "era5:kind",
    }
    ranges = {"eo:cloud_cover", "view:sun_elevation", "sat:relative_orbit"}
    out: Json = {}
    for key in sorted({k for it in items for k in it["properties"]} - skip):
        values = [it["properties"][key] for it in items if key in it["properties"]]
        if key in ranges:
            out[key] = {"minimum": min(values), "maximum": max(values)}
        elif key in wanted_lists:
            if key == "instruments":  # list-valued field: summarise the individual values
                values = [v for vs in values for v in vs]
            uniq: list[Any] = []
            for v in values:
                if v not in uniq:
                    uniq.append(v)
            out[key] = sorted(uniq, key=json.dumps)
    return out


def item_assets_of(items: list[Json]) -> Json:
    """``item_assets``: the union of asset keys with their static fields (no href/file)."""
    out: Json = {}
    for it in items:
        for key, asset in it["assets"].items():
            if key not in out:
                out[key] = {
                    k: v
                    for k, v in asset.items()
                    if k
                    not in ("href", "file:size", "file:checksum", "proj:shape", "proj:transform")
                }
    return dict(sorted(out.items()))


def build_collection(info: CollectionInfo, items: list[Json]) -> Json:
    """A STAC 1.0 Collection whose extent and summaries are computed from its items."""
    crosses = any(it["bbox"][0] > it["bbox"][2] for it in items)
    west = -180.0 if crosses else min(it["bbox"][0] for it in items)
    east = 180.0 if crosses else max(it["bbox"][2] for it in items)
    south = min(it["bbox"][1] for it in items)
    north = max(it["bbox"][3] for it in items)
    times = [item_interval(it) for it in items]
    t0 = min(t[0] for t in times)
    t1 = max(t[1] for t in times)
    digits = 0 if info.cid == "era5-pds" else 6
    return {
        "type": "Collection",
        "stac_version": STAC_VERSION,
        "stac_extensions": [EXT["item_assets"], *(EXT[e] for e in info.extensions)],
        "id": info.cid,
        "title": info.title,
        "description": f"{SYNTHETIC_NOTE}\n\n{info.about}\n\nAttribution: {info.attribution}.",
        "keywords": [*info.keywords, "synthetic", "sample data", "offline demo"],
        "license": "CC0-1.0",
        "attribution": info.attribution,
        "providers": [*info.providers, GENERATOR_PROVIDER],
        "extent": {
            "spatial": {"bbox": [[west, south, east, north]]},
            "temporal": {"interval": [[iso(t0, digits), iso(t1, digits)]]},
        },
        "summaries": summarise(items),
        "item_assets": item_assets_of(items),
        "links": [
            {"rel": "self", "href": "./collections.json", "type": "application/json"},
            {"rel": "root", "href": "./collections.json", "type": "application/json"},
            {"rel": "parent", "href": "./collections.json", "type": "application/json"},
            {
                "rel": "license",
                "href": "./LICENSE.md",
                "type": "text/markdown",
                "title": "CC0-1.0 (synthetic sample data)",
            },
            {
                "rel": "about",
                "href": info.about_link[0],
                "type": "text/html",
                "title": info.about_link[1],
            },
        ],
    }
