"""Synthetic Sentinel-1 GRD items: slices on the 175-orbit/12-day track grid.

Why: the sample's radar product; its special frames put footprints across the antimeridian
and over the poles, the cases a map and a search must get right.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from .footprints import footprint, swath_ring
from .geodesy import Orbit, bearing_between, wrap_lon
from .regions import pick_region, point_in
from .sample_period import T_END, UTC, pick_time_slot
from .stac_item import COG, FAKE_BASE, MB, Json, compact, data_asset, iso, make_item
from .thumbnail_pool import ThumbnailPool

S1_ORBIT = Orbit(98.18, 12 * 1440 / 175)

S1_NODE_REF = dt.datetime(2024, 5, 26, 16, 29, 28, tzinfo=UTC)  # S1A orbit 54045 (R073) node
S1_ABS_REF = 54045
S1_LANE = 360.0 / 175
S1_LANE_REF = 98  # lane of the R073 ascending node (local time 18:00)
S1_SLICE_U = 25.0 / (S1_ORBIT.period_min * 60) * 360.0
S1C_START = dt.datetime(2025, 4, 1, tzinfo=UTC)
S1_MODES: dict[str, Json] = {
    "IW": {
        "product": "GRDH",
        "resolution": "high",
        "along_km": 170.0,
        "across_km": 250.0,
        "seconds": 25,
        "shape": (16700, 25400),
        "sar": {
            "sar:resolution_range": 20,
            "sar:resolution_azimuth": 22,
            "sar:pixel_spacing_range": 10,
            "sar:pixel_spacing_azimuth": 10,
            "sar:looks_range": 5,
            "sar:looks_azimuth": 1,
            "sar:looks_equivalent_number": 4.4,
        },
    },
    "EW": {
        "product": "GRDM",
        "resolution": "medium",
        "along_km": 400.0,
        "across_km": 400.0,
        "seconds": 60,
        "shape": (10400, 10600),
        "sar": {
            "sar:resolution_range": 93,
            "sar:resolution_azimuth": 87,
            "sar:pixel_spacing_range": 40,
            "sar:pixel_spacing_azimuth": 40,
            "sar:looks_range": 6,
            "sar:looks_azimuth": 2,
            "sar:looks_equivalent_number": 10.7,
        },
    },
}
S1_POL_CODES = {("VV", "VH"): "SDV", ("VV",): "SSV", ("HH", "HV"): "SDH", ("HH",): "SSH"}
# (target lon, lat, ascending, mode, polarisations): antimeridian crossings and polar scenes
S1_SPECIAL = (
    (180.0, -17.3, True, "IW", ("VV", "VH")),  # Fiji
    (180.0, -16.6, False, "IW", ("VV", "VH")),  # Fiji (Vanua Levu)
    (180.0, 66.4, True, "IW", ("VV", "VH")),  # Chukotka
    (180.0, 71.0, False, "EW", ("HH", "HV")),  # Wrangel Island
    (180.0, -77.5, True, "EW", ("HH", "HV")),  # Ross Ice Shelf
    (-32.0, 79.0, False, "EW", ("HH", "HV")),  # north-east Greenland
    (17.0, 78.5, True, "EW", ("HH", "HV")),  # Svalbard
    (-62.0, -69.5, False, "EW", ("HH", "HV")),  # Antarctic Peninsula
    (-80.0, 79.5, True, "EW", ("HH", "HV")),  # Ellesmere Island
)


@dataclass(frozen=True)
class S1Frame:
    """A slice position on one relative orbit: repeats every 12 days with the same footprint."""

    rel: int
    u: float
    lon: float
    lat: float
    heading: float


def s1_frame(lon: float, lat: float, ascending: bool, lane_shift: int = 0) -> S1Frame:
    """Snap a point to the nearest S1 track (relative orbit) and 25 s slice."""
    u = S1_ORBIT.u_of(lat, ascending)
    u = round(u / S1_SLICE_U) * S1_SLICE_U
    node = lon - (S1_ORBIT.track(0.0, u)[0])
    lane = math.floor((wrap_lon(node) + 180.0) / S1_LANE) + lane_shift
    rel = ((S1_LANE_REF - lane) * 73 + 72) % 175 + 1
    node_lon = -180.0 + (lane + 0.5) * S1_LANE
    clon, clat = S1_ORBIT.track(node_lon, u)
    a = S1_ORBIT.track(node_lon, u - 0.05)
    b = S1_ORBIT.track(node_lon, u + 0.05)
    return S1Frame(rel, u, wrap_lon(clon), clat, bearing_between(a[0], a[1], b[0], b[1]))


def s1_special_frame(lon: float, lat: float, ascending: bool) -> S1Frame:
    """The candidate frame whose centre is closest to the target longitude."""
    cands = [s1_frame(lon, lat, ascending, shift) for shift in (-2, -1, 0, 1, 2)]
    return min(cands, key=lambda f: abs(wrap_lon(f.lon - lon)))


def build_sentinel1(rng: random.Random, thumbs: ThumbnailPool, count: int) -> list[Json]:
    """Sentinel-1 GRD slices on the 175-orbit/12-day track grid (S1A, plus S1C from 2025)."""
    cid = "sentinel-1-grd"
    items: dict[str, Json] = {}
    specials = list(S1_SPECIAL)
    while len(items) < count:
        if specials and rng.random() < 0.05:
            tlon, tlat, ascending, mode, pols = specials.pop(0)
            frame = s1_special_frame(tlon, tlat, ascending)
        else:
            region = pick_region(rng)
            tlon, tlat = point_in(rng, region)
            ascending = rng.random() < 0.5
            mode = "IW"
            pols = ("VV", "VH") if rng.random() < 0.9 else ("VV",)
            frame = s1_frame(tlon, tlat, ascending)
        spec = S1_MODES[mode]
        node_first = S1_NODE_REF + (frame.rel - 73) % 175 * dt.timedelta(
            minutes=S1_ORBIT.period_min
        )
        mid_first = node_first + dt.timedelta(minutes=S1_ORBIT.period_min * frame.u / 360.0)
        mid = pick_time_slot(rng, mid_first, dt.timedelta(days=12), lambda t: True)
        if mid is None:
            continue
        orbits = round((mid - mid_first) / dt.timedelta(days=12)) * 175
        absolute = S1_ABS_REF + (frame.rel - 73) % 175 + orbits
        platform = "sentinel-1a"
        c_mid = mid + dt.timedelta(days=6)  # S1C flies the same tracks, 180 deg out of phase
        if c_mid >= S1C_START and rng.random() < 0.5 and c_mid <= T_END:
            platform, mid = "sentinel-1c", c_mid
            absolute = absolute + 88 - 56875  # S1C counts its orbits from its own launch
        mid = mid + dt.timedelta(microseconds=rng.randrange(1_000_000))
        half = dt.timedelta(seconds=spec["seconds"] / 2)
        start, end = mid - half, mid + half
        datatake = (
            int(431654 + (absolute - S1_ABS_REF) * 9.51)
            if platform == "sentinel-1a"
            else (int(absolute * 9.5))
        )
        plat = "S1" + platform[-1].upper()
        polcode = S1_POL_CODES[pols]
        item_id = (
            f"{plat}_{mode}_{spec['product']}_1{polcode}_{compact(start)}_{compact(end)}"
            f"_{absolute:06d}_{datatake:06X}"
        )
        if item_id in items:
            continue
        product_id = f"{item_id}_{rng.randrange(65536):04X}"
        ring = swath_ring(frame.lon, frame.lat, frame.heading, spec["along_km"], spec["across_km"])
        geometry, bbox = footprint(ring)
        east = bbox[2] + 360.0 if bbox[0] > bbox[2] else bbox[2]
        rows, cols = (int(v * rng.uniform(0.97, 1.03)) for v in spec["shape"])
        processed = end + dt.timedelta(minutes=rng.randint(40, 300))
        total = rng.randint(4, 16)
        props: Json = {
            "datetime": iso(mid, 6),
            "start_datetime": iso(start, 6),
            "end_datetime": iso(end, 6),
            "platform": platform,
            "constellation": "sentinel-1",
            "instruments": ["c-sar"],
            "sar:frequency_band": "C",
            "sar:center_frequency": 5.405,
            "sar:observation_direction": "right",
            "sar:instrument_mode": mode,
            "sar:polarizations": list(pols),
            "sar:product_type": "GRD",
            **spec["sar"],
            "sat:platform_international_designator": (
                "2014-016A" if platform == "sentinel-1a" else "2024-235A"
            ),
            "sat:orbit_state": "ascending" if frame.u < 90 or frame.u > 270 else "descending",
            "sat:absolute_orbit": absolute,
            "sat:relative_orbit": frame.rel,
            "proj:epsg": 4326,
            "proj:bbox": list(bbox),
            "proj:shape": [rows, cols],
            "proj:transform": [
                round((east - bbox[0]) / cols, 12),
                0.0,
                bbox[0],
                0.0,
                -round((bbox[3] - bbox[1]) / rows, 12),
                bbox[3],
            ],
            "proj:centroid": {"lat": round(frame.lat, 5), "lon": round(frame.lon, 5)},
            "s1:instrument_configuration_ID": "7" if platform == "sentinel-1a" else "1",
            "s1:datatake_id": str(datatake),
            "s1:product_timeliness": rng.choice(("Fast-24h", "Fast-24h", "NRT-3h")),
            "s1:processing_level": "1",
            "s1:resolution": spec["resolution"],
            "s1:orbit_source": rng.choice(("RESORB", "POEORB")),
            "s1:slice_number": str(rng.randint(1, total)),
            "s1:total_slices": str(total),
            "s1:product_identifier": product_id,
            "s1:processing_datetime": iso(processed, 6),
            "created": iso(processed + dt.timedelta(minutes=rng.randint(5, 60))),
        }
        base = (
            f"{FAKE_BASE}/{cid}/{mid.year}/{mid.month}/{mid.day}/{mode}/{polcode[1:]}/{product_id}"
        )
        assets: Json = {"thumbnail": thumbs.sar(mode, rng)}
        for pol in pols:
            p = pol.lower()
            size = (
                int(rng.uniform(800, 1100) * MB) if mode == "IW" else int(rng.uniform(90, 140) * MB)
            )
            assets[p] = data_asset(
                f"{base}/measurement/{mode.lower()}-{p}.tiff",
                size,
                {
                    "title": f"{pol} Data",
                    "type": COG,
                    "roles": ["data"],
                    "raster:bands": [{"nodata": 0, "data_type": "uint16"}],
                },
            )
        assets["safe-manifest"] = data_asset(
            f"{base}/manifest.safe",
            rng.randint(18_000, 26_000),
            {"title": "Manifest File", "type": "application/xml", "roles": ["metadata"]},
        )
        for pol in pols:
            p = pol.lower()
            for kind, title, folder, mb in (
                ("product", "Product Schema", "annotation", (1.5, 4.5)),
                ("calibration", "Calibration Schema", "annotation/calibration", (0.9, 2.0)),
                ("noise", "Noise Schema", "annotation/calibration", (0.3, 1.2)),
            ):
                fname = (
                    f"{kind}-{mode.lower()}-{p}.xml"
                    if kind != "product"
                    else f"{mode.lower()}-{p}.xml"
                )
                assets[f"schema-{kind}-{p}"] = data_asset(
                    f"{base}/{folder}/{fname}",
                    int(rng.uniform(*mb) * MB),
                    {"title": f"{pol} {title}", "type": "application/xml", "roles": ["metadata"]},
                )
        items[item_id] = make_item(
            cid, item_id, geometry, bbox, props, assets, ("sar", "sat", "proj1", "raster", "file")
        )
    return list(items.values())
