"""Synthetic Landsat Collection 2 Level-2 items: WRS-2 scenes on the 16-day/8-day repeat.

Why: the sample's second optical product, with surface reflectance, surface temperature and
quality bands, and a few polar scenes.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from .footprints import footprint, swath_ring
from .geodesy import Orbit, wrap_lon
from .regions import beta_cloud, pick_region, point_in
from .sample_period import UTC, pick_time_slot
from .stac_item import COG, FAKE_BASE, MB, Json, data_asset, iso, make_item
from .sun import solar_position
from .thumbnail_pool import ThumbnailPool
from .utm_grid import utm_forward, utm_zone

LANDSAT_ORBIT = Orbit(98.2, 16 * 1440 / 233)

LANDSAT_REF = dt.datetime(2023, 10, 23, 17, 43, 43, tzinfo=UTC)  # LC09 path 034 row 032
LANDSAT_SR = (  # key, band file, OLI band, common name, title, description, centre, fwhm
    (
        "coastal",
        "SR_B1",
        "OLI_B1",
        "coastal",
        "Coastal/Aerosol Band",
        "Coastal/Aerosol",
        0.44,
        0.02,
    ),
    ("blue", "SR_B2", "OLI_B2", "blue", "Blue Band", "Visible blue", 0.48, 0.06),
    ("green", "SR_B3", "OLI_B3", "green", "Green Band", "Visible green", 0.56, 0.06),
    ("red", "SR_B4", "OLI_B4", "red", "Red Band", "Visible red", 0.65, 0.04),
    ("nir08", "SR_B5", "OLI_B5", "nir08", "Near Infrared Band 0.8", "Near infrared", 0.87, 0.03),
    (
        "swir16",
        "SR_B6",
        "OLI_B6",
        "swir16",
        "Short-wave Infrared Band 1.6",
        "Short-wave infrared",
        1.61,
        0.09,
    ),
    (
        "swir22",
        "SR_B7",
        "OLI_B7",
        "swir22",
        "Short-wave Infrared Band 2.2",
        "Short-wave infrared",
        2.2,
        0.19,
    ),
)
LANDSAT_ST = (  # key, file suffix, title, roles, scale, offset, data type, MB range
    (
        "lwir11",
        "ST_B10",
        "Surface Temperature Band",
        ["data", "temperature"],
        0.00341802,
        149.0,
        "uint16",
        (45, 80),
    ),
    (
        "atran",
        "ST_ATRAN",
        "Atmospheric Transmittance Band",
        ["data"],
        0.0001,
        0.0,
        "int16",
        (8, 20),
    ),
    ("cdist", "ST_CDIST", "Cloud Distance Band", ["data"], 0.01, 0.0, "int16", (5, 15)),
    ("drad", "ST_DRAD", "Downwelled Radiance Band", ["data"], 0.001, 0.0, "int16", (8, 20)),
    ("urad", "ST_URAD", "Upwelled Radiance Band", ["data"], 0.001, 0.0, "int16", (8, 20)),
    ("trad", "ST_TRAD", "Thermal Radiance Band", ["data"], 0.001, 0.0, "int16", (40, 70)),
    ("emis", "ST_EMIS", "Emissivity Band", ["data"], 0.0001, 0.0, "int16", (15, 35)),
    (
        "emsd",
        "ST_EMSD",
        "Emissivity Standard Deviation Band",
        ["data"],
        0.0001,
        0.0,
        "int16",
        (10, 25),
    ),
    (
        "qa",
        "ST_QA",
        "Surface Temperature Quality Assessment Band",
        ["data"],
        0.01,
        0.0,
        "int16",
        (20, 45),
    ),
)
LANDSAT_QA = (  # key, file suffix, title, roles
    (
        "qa_pixel",
        "QA_PIXEL",
        "Pixel Quality Assessment Band",
        ["cloud", "cloud-shadow", "snow-ice", "water-mask"],
    ),
    (
        "qa_radsat",
        "QA_RADSAT",
        "Radiometric Saturation and Terrain Occlusion Quality Assessment Band",
        ["saturation"],
    ),
    ("qa_aerosol", "SR_QA_AEROSOL", "Aerosol Quality Assessment Band", ["data-mask", "water-mask"]),
)
LANDSAT_META = (  # key, file suffix, title, type
    ("mtl.json", "MTL.json", "Product Metadata File (json)", "application/json"),
    ("mtl.txt", "MTL.txt", "Product Metadata File (txt)", "text/plain"),
    ("mtl.xml", "MTL.xml", "Product Metadata File (xml)", "application/xml"),
    ("ang", "ANG.txt", "Angle Coefficients File", "text/plain"),
)


def landsat_asset_templates() -> dict[str, tuple[str, Json]]:
    """Landsat asset key -> (file suffix, shared asset fields)."""
    out: dict[str, tuple[str, Json]] = {}
    for key, fname, oli, common, title, desc, centre, fwhm in LANDSAT_SR:
        out[key] = (
            fname,
            {
                "title": title,
                "description": f"Collection 2 Level-2 {title} ({fname}) Surface Reflectance",
                "type": COG,
                "roles": ["data", "reflectance"],
                "gsd": 30,
                "eo:bands": [
                    {
                        "name": oli,
                        "common_name": common,
                        "description": desc,
                        "center_wavelength": centre,
                        "full_width_half_max": fwhm,
                    }
                ],
                "raster:bands": [
                    {
                        "nodata": 0,
                        "data_type": "uint16",
                        "scale": 2.75e-05,
                        "offset": -0.2,
                        "spatial_resolution": 30,
                    }
                ],
            },
        )
    for key, fname, title, roles, scale, offset, dtype, _ in LANDSAT_ST:
        tpl: Json = {
            "title": title,
            "type": COG,
            "roles": roles,
            "raster:bands": [
                {
                    "nodata": 0 if dtype == "uint16" else -9999,
                    "data_type": dtype,
                    "scale": scale,
                    "offset": offset,
                    "spatial_resolution": 30,
                }
            ],
        }
        if key == "lwir11":
            tpl["gsd"] = 100
            tpl["eo:bands"] = [
                {
                    "name": "TIRS_B10",
                    "common_name": "lwir11",
                    "description": "Long-wave infrared",
                    "center_wavelength": 10.9,
                    "full_width_half_max": 0.59,
                }
            ]
        out[key] = (fname, tpl)
    for key, fname, title, roles in LANDSAT_QA:
        out[key] = (
            fname,
            {
                "title": title,
                "type": COG,
                "roles": roles,
                "raster:bands": [{"nodata": 1 if key == "qa_pixel" else 0, "data_type": "uint16"}],
            },
        )
    for key, fname, title, mtype in LANDSAT_META:
        out[key] = (fname, {"title": title, "type": mtype, "roles": ["metadata"]})
    return out


def wrs2_center(path: int, row: int) -> tuple[float, float]:
    """Approximate WRS-2 scene centre (calibrated so path 191 / row 025 lies over Czechia)."""
    along = (60 - row) * 360.0 / 248
    lat = math.degrees(
        math.asin(math.sin(math.radians(LANDSAT_ORBIT.inclination)) * math.sin(math.radians(along)))
    )
    return wrap_lon((200.7 - path) * 360.0 / 233), lat


def wrs2_path_row(lon: float, lat: float) -> tuple[int, int]:
    """Nearest daytime WRS-2 path/row for a point."""
    s = math.sin(math.radians(lat)) / math.sin(math.radians(LANDSAT_ORBIT.inclination))
    along = math.degrees(math.asin(max(-1.0, min(1.0, s))))
    row = max(1, min(122, round(60 - along * 248 / 360.0)))
    path = (round(200.7 - wrap_lon(lon) * 233 / 360.0) - 1) % 233 + 1
    return path, row


def build_landsat(rng: random.Random, thumbs: ThumbnailPool, count: int) -> list[Json]:
    """Landsat 8/9 Level-2 scenes on the WRS-2 grid, on the 16-day/8-day repeat pattern."""
    cid = "landsat-c2-l2"
    templates = landsat_asset_templates()
    items: dict[str, Json] = {}
    polar = [(18.0, 78.3, "polar"), (-40.0, 72.0, "polar")]  # Svalbard, central Greenland
    while len(items) < count:
        if polar and len(items) >= count // 2:
            plon, plat, climate = polar.pop()
        else:
            region = pick_region(rng)
            plon, plat = point_in(rng, region)
            climate = region.climate
        path, row = wrs2_path_row(plon, plat)
        clon, clat = wrs2_center(path, row)
        platform = rng.choice(("landsat-8", "landsat-9"))
        orbit_index = (path - 34) * 102 % 233
        first = (
            LANDSAT_REF
            + orbit_index * dt.timedelta(days=16) / 233
            + (row - 32) * dt.timedelta(seconds=23.92)
            + (dt.timedelta(days=8) if platform == "landsat-8" else dt.timedelta())
        )

        def sunny(t: dt.datetime, clon: float = clon, clat: float = clat) -> bool:
            return solar_position(t, clon, clat)[0] > 10.0

        t0 = pick_time_slot(rng, first, dt.timedelta(days=16), sunny)
        if t0 is None:
            continue
        sensing = t0 + dt.timedelta(milliseconds=rng.randrange(1000))
        pnum = platform[-1]
        correction = "L2SP" if rng.random() < 0.93 else "L2SR"
        cloud = beta_cloud(rng, climate)
        category = "T2" if cloud > 75 and rng.random() < 0.5 else "T1"
        item_id = f"LC0{pnum}_{correction}_{path:03d}{row:03d}_{sensing:%Y%m%d}_02_{category}"
        if item_id in items:
            continue
        processed = sensing + dt.timedelta(days=rng.randint(3, 14))
        product = (
            f"LC0{pnum}_{correction}_{path:03d}{row:03d}_{sensing:%Y%m%d}_{processed:%Y%m%d}"
            f"_02_{category}"
        )
        heading = LANDSAT_ORBIT.heading(clat, ascending=False)
        ring = swath_ring(clon, clat, heading, 180.0, 185.0)
        geometry, bbox = footprint(ring)
        zone = utm_zone(clon)
        utm = [utm_forward(x, y, zone, False) for x, y in ring]
        xmin = math.floor((min(p[0] for p in utm) - 15) / 30) * 30 + 15
        ymax = math.ceil((max(p[1] for p in utm) - 15) / 30) * 30 + 15
        xmax = math.ceil((max(p[0] for p in utm) - 15) / 30) * 30 + 15
        ymin = math.floor((min(p[1] for p in utm) - 15) / 30) * 30 + 15
        elev, azim = solar_position(sensing, clon, clat)
        props: Json = {
            "datetime": iso(sensing),
            "platform": platform,
            "constellation": "landsat",
            "instruments": ["oli", "tirs"],
            "eo:cloud_cover": cloud,
            "gsd": 30,
            "proj:epsg": 32600 + zone,
            "proj:shape": [int((ymax - ymin) // 30), int((xmax - xmin) // 30)],
            "proj:transform": [30.0, 0.0, float(xmin), 0.0, -30.0, float(ymax)],
            "proj:centroid": {"lat": round(clat, 5), "lon": round(clon, 5)},
            "grid:code": f"WRS2-{path:03d}{row:03d}",
            "view:off_nadir": 0,
            "view:sun_azimuth": round(azim, 8),
            "view:sun_elevation": round(elev, 8),
            "sci:doi": "10.5066/P9OGBGM6",
            "landsat:wrs_type": "2",
            "landsat:wrs_path": f"{path:03d}",
            "landsat:wrs_row": f"{row:03d}",
            "landsat:collection_category": category,
            "landsat:collection_number": "02",
            "landsat:correction": correction,
            "landsat:scene_id": f"LC{pnum}{path:03d}{row:03d}{sensing:%Y%j}LGN00",
            "landsat:cloud_cover_land": round(min(100.0, max(0.0, cloud + rng.uniform(-3, 3))), 2),
            "created": iso(processed + dt.timedelta(hours=rng.randint(2, 40))),
        }
        base = f"{FAKE_BASE}/{cid}/{sensing.year}/{path:03d}/{row:03d}/{product}"
        assets: Json = {"thumbnail": thumbs.optical("landsat", cloud, rng)}
        st_sizes = {k: mb for k, *_, mb in LANDSAT_ST}
        for key, (suffix, tpl) in templates.items():
            if correction == "L2SR" and key in st_sizes:
                continue  # surface temperature is not produced for L2SR scenes
            if "metadata" in tpl["roles"]:
                size = rng.randint(9_000, 70_000) if key != "ang" else rng.randint(110_000, 130_000)
            elif key in st_sizes:
                size = int(rng.uniform(*st_sizes[key]) * MB)
            elif key.startswith("qa_"):
                size = int(rng.uniform(1.5, 9.0) * MB)
            else:
                size = int(rng.uniform(55, 95) * MB)
            ext = suffix.rsplit(".", 1)[1] if "." in suffix else "TIF"
            name = suffix.rsplit(".", 1)[0]
            assets[key] = data_asset(f"{base}/{product}_{name}.{ext}", size, tpl)
        items[item_id] = make_item(
            cid,
            item_id,
            geometry,
            bbox,
            props,
            assets,
            ("eo", "proj1", "view", "landsat", "sci", "raster", "grid", "file"),
        )
    return list(items.values())
