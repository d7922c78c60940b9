"""Synthetic Sentinel-2 L2A items: MGRS tiles sensed on the real 10-day/5-day repeat.

Why: the sample's optical product, with the band assets, scene-classification statistics and
partial tile coverage a real L2A catalog has.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from shapely.geometry import Polygon

from .footprints import footprint
from .geodesy import Orbit, wrap_lon
from .regions import beta_cloud, pick_region, point_in
from .sample_period import UTC, pick_time_slot
from .stac_item import COG, FAKE_BASE, MB, Json, compact, data_asset, iso, make_item
from .sun import solar_position
from .thumbnail_pool import ThumbnailPool
from .utm_grid import MGRS_BANDS, mgrs_square, utm_forward, utm_inverse, utm_zone

S2_ORBIT = Orbit(98.62, 10 * 1440 / 143)

S2_BANDS = (  # key, common name, description, centre um, fwhm um, gsd m
    ("B01", "coastal", "Coastal aerosol", 0.443, 0.027, 60),
    ("B02", "blue", "Blue", 0.490, 0.098, 10),
    ("B03", "green", "Green", 0.560, 0.045, 10),
    ("B04", "red", "Red", 0.665, 0.038, 10),
    ("B05", "rededge", "Vegetation red edge 1", 0.704, 0.019, 20),
    ("B06", "rededge", "Vegetation red edge 2", 0.740, 0.018, 20),
    ("B07", "rededge", "Vegetation red edge 3", 0.783, 0.028, 20),
    ("B08", "nir", "NIR", 0.842, 0.145, 10),
    ("B8A", "nir08", "Vegetation red edge 4", 0.865, 0.033, 20),
    ("B09", "nir09", "Water vapour", 0.945, 0.026, 60),
    ("B11", "swir16", "SWIR (1.6)", 1.610, 0.143, 20),
    ("B12", "swir22", "SWIR (2.2)", 2.190, 0.242, 20),
)
S2_EXTRA = (  # key, title, gsd, size range in MB at full coverage
    ("AOT", "Aerosol optical thickness (AOT)", 10, (8, 30)),
    ("WVP", "Water vapour (WVP)", 10, (15, 45)),
    ("SCL", "Scene classification map (SCL)", 20, (1, 5)),
    ("visual", "True color image", 10, (110, 260)),
)
S2_META = (  # key, title, file name, type, size range in MB
    ("product-metadata", "Product metadata", "MTD_MSIL2A.xml", "application/xml", (0.05, 0.1)),
    ("granule-metadata", "Granule metadata", "MTD_TL.xml", "application/xml", (0.4, 0.7)),
    ("datastrip-metadata", "Datastrip metadata", "MTD_DS.xml", "application/xml", (1.0, 9.0)),
    ("inspire-metadata", "INSPIRE metadata", "INSPIRE.xml", "application/xml", (0.01, 0.02)),
    ("safe-manifest", "SAFE manifest", "manifest.safe", "application/xml", (0.05, 0.08)),
)
S2_SIZE_MB = {10: (120, 230), 20: (30, 62), 60: (3, 8)}
S2_REF = dt.datetime(2024, 3, 12, 10, 0, 29, tzinfo=UTC)  # an S2B R122 datatake over Czechia
S2_LANE = 360.0 / 143
S2C_TAKEOVER = dt.datetime(2025, 1, 21, tzinfo=UTC)


def s2_band_info(key: str) -> list[Json]:
    """``eo:bands`` for one Sentinel-2 band asset (or the RGB visual)."""
    keys = ("B04", "B03", "B02") if key == "visual" else (key,)
    out = []
    for k, common, desc, centre, fwhm, _ in S2_BANDS:
        if k in keys:
            out.append(
                {
                    "name": k,
                    "common_name": common,
                    "description": f"Band {k[1:].lstrip('0')} - {desc}",
                    "center_wavelength": centre,
                    "full_width_half_max": fwhm,
                }
            )
    return sorted(out, key=lambda b: keys.index(b["name"]))


def s2_asset_templates() -> dict[str, Json]:
    """Per-key asset fields shared by items and the collection's ``item_assets``."""
    out: dict[str, Json] = {}
    for k, _, desc, _, _, gsd in S2_BANDS:
        out[k] = {
            "title": f"Band {k[1:].lstrip('0')} - {desc} - {gsd}m",
            "type": COG,
            "roles": ["data", "reflectance"],
            "gsd": gsd,
            "eo:bands": s2_band_info(k),
        }
    for k, title, gsd, _ in S2_EXTRA:
        out[k] = {"title": title, "type": COG, "roles": ["data"], "gsd": gsd}
        if k == "visual":
            out[k]["roles"] = ["visual"]
            out[k]["eo:bands"] = s2_band_info("visual")
    for k, title, _, mtype, _ in S2_META:
        out[k] = {"title": title, "type": mtype, "roles": ["metadata"]}
    return out


def s2_processing_baseline(t: dt.datetime) -> str:
    """Processing baseline in force at sensing time (N05.09 -> N05.10 -> N05.11)."""
    if t < dt.datetime(2023, 12, 13, tzinfo=UTC):
        return "05.09"
    if t < dt.datetime(2024, 7, 23, tzinfo=UTC):
        return "05.10"
    return "05.11"


def s2_relative_orbit(lon: float) -> int:
    """Relative orbit whose 290 km swath covers ``lon`` (R022/R122/R079 over Czechia)."""
    lane = int((wrap_lon(lon) + 180.0) // S2_LANE)
    return (-lane * 43) % 143 + 1


def s2_tile(lon: float, lat: float) -> tuple[str, int, bool, tuple[float, float, float, float]]:
    """MGRS tile containing the point: (tile id, zone, south, UTM bbox of the 109.8 km tile)."""
    zone, south = utm_zone(lon), lat < 0
    e, n = utm_forward(lon, lat, zone, south)
    e0 = float(min(700_000, max(100_000, math.floor(e / 100_000) * 100_000)))
    n0 = float(math.floor(n / 100_000) * 100_000)
    _, clat = utm_inverse(e0 + 50_000, n0 + 50_000, zone, south)
    band = MGRS_BANDS[min(19, max(0, int((clat + 80) // 8)))]
    tile = f"{zone:02d}{band}{mgrs_square(zone, e0, n0)}"
    return tile, zone, south, (e0, n0 - 9_760.0, e0 + 109_800.0, n0 + 100_040.0)


def s2_percentages(rng: random.Random, cloud: float, climate: str, cold: bool) -> Json:
    """Scene-classification percentages consistent with eo:cloud_cover (sum to ~100)."""
    w = [rng.random() + 0.2, rng.random() + 0.2, rng.random() * 0.6]
    s = sum(w)
    high, medium, cirrus = (cloud * x / s for x in w)
    rest = 100.0 - cloud
    shadow = min(rest, cloud * rng.uniform(0.02, 0.12))
    rest -= shadow
    snow = rest * rng.uniform(0.0, 0.6) if cold else rest * rng.uniform(0.0, 0.002)
    rest -= snow
    water = rest * rng.uniform(0.0, 0.12)
    unclassified = min(rest - water, rng.uniform(0.1, 2.5))
    dark = min(rest - water - unclassified, rng.uniform(0.0, 1.5))
    rest -= water + unclassified + dark
    veg_share = {"arid": 0.05, "dry": 0.35, "temperate": 0.7, "wet": 0.85, "polar": 0.2}[climate]
    veg = rest * min(1.0, max(0.0, veg_share + rng.uniform(-0.15, 0.15)))
    values = {
        "s2:high_proba_clouds_percentage": high,
        "s2:medium_proba_clouds_percentage": medium,
        "s2:thin_cirrus_percentage": cirrus,
        "s2:cloud_shadow_percentage": shadow,
        "s2:vegetation_percentage": veg,
        "s2:not_vegetated_percentage": rest - veg,
        "s2:water_percentage": water,
        "s2:snow_ice_percentage": snow,
        "s2:unclassified_percentage": unclassified,
        "s2:dark_features_percentage": dark,
    }
    return {k: round(v, 6) + 0.0 for k, v in values.items()}


def s2_cut(rng: random.Random, tile_box: Polygon, heading: float) -> Polygon:
    """Cut a tile along the swath edge (partial coverage), keeping 15-90 % of it."""
    cx, cy = tile_box.centroid.x, tile_box.centroid.y
    h = math.radians(heading)
    dx, dy = math.sin(h), math.cos(h)  # along-track direction in the UTM plane
    nx, ny = dy, -dx
    side = rng.choice((-1.0, 1.0))
    for _ in range(20):
        off = rng.uniform(-50_000, 50_000)
        big = 400_000.0
        px, py = cx + nx * off, cy + ny * off
        half = Polygon(
            [
                (px - dx * big, py - dy * big),
                (px + dx * big, py + dy * big),
                (px + dx * big + side * nx * big, py + dy * big + side * ny * big),
                (px - dx * big + side * nx * big, py - dy * big + side * ny * big),
            ]
        )
        part = tile_box.intersection(half)
        if part.geom_type == "Polygon" and 0.15 <= part.area / tile_box.area <= 0.9:
            return part
    return tile_box


def build_sentinel2(rng: random.Random, thumbs: ThumbnailPool, count: int) -> list[Json]:
    """Sentinel-2 L2A tiles on the MGRS grid, sensed on the real 10-day/5-day repeat pattern."""
    cid = "sentinel-2-l2a"
    templates = s2_asset_templates()
    items: dict[str, Json] = {}
    while len(items) < count:
        region = pick_region(rng)
        lon, lat = point_in(rng, region)
        tile, zone, south, (x0, y0, x1, y1) = s2_tile(lon, lat)
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        clon, clat = utm_inverse((x0 + x1) / 2, (y0 + y1) / 2, zone, south)
        rel = s2_relative_orbit(clon)
        platform = rng.choice(("sentinel-2a", "sentinel-2b"))
        offset = (rel - 122) % 143 * dt.timedelta(days=10) / 143
        first = (
            S2_REF
            + offset
            + (dt.timedelta(days=5) if platform != "sentinel-2b" else dt.timedelta())
        )

        def sunny(t: dt.datetime, clon: float = clon, clat: float = clat) -> bool:
            return solar_position(t, clon, clat)[0] > 8.0

        t0 = pick_time_slot(rng, first, dt.timedelta(days=10), sunny)
        if t0 is None:
            continue
        if platform == "sentinel-2a" and t0 >= S2C_TAKEOVER:
            platform = "sentinel-2c"
        sensing = t0 + dt.timedelta(milliseconds=rng.randrange(1000))
        plat = "S2" + platform[-1].upper()
        baseline = s2_processing_baseline(sensing)
        generated = (sensing + dt.timedelta(seconds=rng.randint(4000, 14000))).replace(
            microsecond=0
        )
        item_id = (
            f"{plat}_MSIL2A_{compact(sensing)}_N{baseline.replace('.', '')}_R{rel:03d}"
            f"_T{tile}_{compact(generated)}"
        )
        if item_id in items:
            continue
        tile_poly = Polygon(corners)
        heading = S2_ORBIT.heading(clat, ascending=False)
        part = s2_cut(rng, tile_poly, heading) if rng.random() < 0.3 else tile_poly
        coverage = part.area / tile_poly.area
        ring = [utm_inverse(x, y, zone, south) for x, y in part.exterior.coords]
        geometry, bbox = footprint(ring)
        cloud = beta_cloud(rng, region.climate)
        cold = abs(clat) > 45 and sensing.month in ((12, 1, 2) if clat > 0 else (6, 7, 8))
        elev, azim = solar_position(sensing, clon, clat)
        epoch = {"sentinel-2a": 2015.47, "sentinel-2b": 2017.18, "sentinel-2c": 2024.68}[platform]
        years = sensing.year + sensing.timetuple().tm_yday / 365.25 - epoch
        absolute = int(years * 365.25 * 143 / 10) + rng.randint(0, 3)
        doy = sensing.timetuple().tm_yday
        esd = 1 - 0.01672 * math.cos(math.radians(0.9856 * (doy - 4)))
        centre = f"2{platform[-1].upper()}PS"
        base = f"{FAKE_BASE}/{cid}/{tile[:2]}/{tile[2]}/{tile[3:]}/{sensing.year}/{sensing.month}"
        base = f"{base}/{item_id}"
        props: Json = {
            "datetime": iso(sensing),
            "platform": platform,
            "constellation": "sentinel-2",
            "instruments": ["msi"],
            "eo:cloud_cover": cloud,
            "proj:code": f"EPSG:{(32700 if south else 32600) + zone}",
            "proj:bbox": [x0, y0, x1, y1],
            "proj:centroid": {"lat": round(clat, 5), "lon": round(clon, 5)},
            "grid:code": f"MGRS-{tile}",
            "mgrs:utm_zone": zone,
            "mgrs:latitude_band": tile[2],
            "mgrs:grid_square": tile[3:],
            "sat:orbit_state": "descending",
            "sat:relative_orbit": rel,
            "sat:absolute_orbit": absolute,
            "view:sun_azimuth": round(azim, 4),
            "view:sun_elevation": round(elev, 4),
            "s2:mgrs_tile": tile,
            "s2:product_type": "S2MSI2A",
            "s2:processing_baseline": baseline,
            "s2:product_uri": f"{item_id}.SAFE",
            "s2:generation_time": iso(generated, 6),
            "s2:datatake_id": f"G{plat}_{compact(sensing)}_{absolute:06d}_N{baseline}",
            "s2:datatake_type": "INS-NOBS",
            "s2:datastrip_id": (
                f"{plat}_OPER_MSI_L2A_DS_{centre}_{compact(generated)}_S{compact(sensing)}_N{baseline}"
            ),
            "s2:granule_id": (
                f"{plat}_OPER_MSI_L2A_TL_{centre}_{compact(generated)}_A{absolute:06d}"
                f"_T{tile}_N{baseline}"
            ),
            "s2:mean_solar_zenith": round(90.0 - elev, 6),
            "s2:mean_solar_azimuth": round(azim, 6),
            "s2:reflectance_conversion_factor": round(1 / esd**2, 9),
            "s2:nodata_pixel_percentage": round(100.0 * (1 - coverage), 6) + 0.0,
            "s2:saturated_defective_pixel_percentage": 0.0,
            "s2:degraded_msi_data_percentage": round(rng.uniform(0, 0.03), 4),
            **s2_percentages(rng, cloud, "polar" if abs(clat) > 66 else region.climate, cold),
            "created": iso(generated + dt.timedelta(minutes=rng.randint(10, 90))),
        }
        assets: Json = {"thumbnail": thumbs.optical("s2", cloud, rng)}
        fill = max(0.05, coverage)
        for key, tpl in templates.items():
            if "metadata" in tpl["roles"]:
                fname, lo, hi = next((m[2], *m[4]) for m in S2_META if m[0] == key)
                size = int(rng.uniform(lo, hi) * MB)
                assets[key] = data_asset(f"{base}/{fname}", size, tpl)
                continue
            gsd = tpl["gsd"]
            lo, hi = next((e[3] for e in S2_EXTRA if e[0] == key), S2_SIZE_MB[gsd])
            size = int(rng.uniform(lo, hi) * MB * fill)
            px = int(109_800 // gsd)
            extra = dict(tpl)
            extra["proj:shape"] = [px, px]
            extra["proj:transform"] = [float(gsd), 0.0, x0, 0.0, -float(gsd), y1]
            assets[key] = data_asset(f"{base}/{key}.tif", size, extra)
        items[item_id] = make_item(
            cid,
            item_id,
            geometry,
            bbox,
            props,
            assets,
            ("eo", "proj2", "sat", "view", "mgrs", "grid", "file"),
        )
    return list(items.values())
