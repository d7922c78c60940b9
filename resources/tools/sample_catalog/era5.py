"""Synthetic ERA5 items: monthly global analysis and forecast Zarr stores.

Why: the sample's only items with a null ``datetime`` (start/end only) and a datacube, so
temporal search over intervals can be tried.
"""

from __future__ import annotations

import datetime as dt
import random

from .sample_period import ERA5_MONTHS, UTC
from .stac_item import FAKE_BASE, MB, Json, data_asset, iso, make_item
from .thumbnail_pool import ThumbnailPool

ERA5_AN = (  # variable, title, unit
    ("air_pressure_at_mean_sea_level", "Mean sea level pressure", "Pa"),
    ("air_temperature_at_2_metres", "2 metre temperature", "K"),
    ("dew_point_temperature_at_2_metres", "2 metre dewpoint temperature", "K"),
    ("eastward_wind_at_100_metres", "100 metre U wind component", "m s-1"),
    ("eastward_wind_at_10_metres", "10 metre U wind component", "m s-1"),
    ("northward_wind_at_100_metres", "100 metre V wind component", "m s-1"),
    ("northward_wind_at_10_metres", "10 metre V wind component", "m s-1"),
    ("sea_surface_temperature", "Sea surface temperature", "K"),
    ("surface_air_pressure", "Surface pressure", "Pa"),
)
ERA5_FC = (
    ("air_temperature_at_2_metres_1hour_Maximum", "Maximum 2 metre temperature (hourly)", "K"),
    ("air_temperature_at_2_metres_1hour_Minimum", "Minimum 2 metre temperature (hourly)", "K"),
    (
        "integral_wrt_time_of_surface_direct_downwelling_shortwave_flux_in_air_1hour_Accumulation",
        "Surface solar radiation downwards (hourly accumulation)",
        "J m-2",
    ),
    ("precipitation_amount_1hour_Accumulation", "Total precipitation (hourly accumulation)", "m"),
)


def build_era5(rng: random.Random, thumbs: ThumbnailPool) -> list[Json]:
    """Monthly global ERA5 analysis (an) and forecast (fc) Zarr items: datetime is null."""
    cid = "era5-pds"
    items: list[Json] = []
    geometry = {
        "type": "Polygon",
        "coordinates": [
            [[-180.0, -90.0], [180.0, -90.0], [180.0, 90.0], [-180.0, 90.0], [-180.0, -90.0]]
        ],
    }
    for y, m in ERA5_MONTHS:
        start = dt.datetime(y, m, 1, tzinfo=UTC)
        nxt = dt.datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=UTC)
        end = nxt - dt.timedelta(hours=1)
        hours = int((nxt - start) / dt.timedelta(hours=1))
        for kind, variables in (("an", ERA5_AN), ("fc", ERA5_FC)):
            item_id = f"era5-pds-{y}-{m:02d}-{kind}"
            props: Json = {
                "datetime": None,
                "start_datetime": iso(start, 0),
                "end_datetime": iso(end, 0),
                "era5:kind": kind,
                "cube:dimensions": {
                    "time": {
                        "type": "temporal",
                        "extent": [iso(start, 0), iso(end, 0)],
                        "step": "PT1H",
                    },
                    "lon": {
                        "type": "spatial",
                        "axis": "x",
                        "extent": [0.0, 359.75],
                        "step": 0.25,
                        "reference_system": 4326,
                    },
                    "lat": {
                        "type": "spatial",
                        "axis": "y",
                        "extent": [-90.0, 90.0],
                        "step": -0.25,
                        "reference_system": 4326,
                    },
                },
                "cube:variables": {
                    var: {
                        "type": "data",
                        "dimensions": ["time", "lat", "lon"],
                        "unit": unit,
                        "description": title,
                        "shape": [hours, 721, 1440],
                    }
                    for var, title, unit in variables
                },
            }
            assets: Json = {"thumbnail": thumbs.asset(f"era5-{y}-{m:02d}.jpg")}
            for var, title, _ in variables:
                href = f"{FAKE_BASE}/{cid}/{y}/{m:02d}/{var}.zarr"
                size = int(hours * rng.uniform(1.6, 2.4) * MB)
                assets[var] = data_asset(
                    href, size, {"title": title, "type": "application/vnd+zarr", "roles": ["data"]}
                )
            items.append(
                make_item(
                    cid,
                    item_id,
                    geometry,
                    [-180.0, -90.0, 180.0, 90.0],
                    props,
                    assets,
                    ("datacube", "file"),
                )
            )
    return items
