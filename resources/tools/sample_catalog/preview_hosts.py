"""Points a few sample items' assets at the preview COGs of ``preview_cogs.py``.

Why a host item rather than a new one: the sample's items are what the app searches and shows,
so a preview must be one click away on an item that looks like its neighbours. For each group of
files (one ``SampleCog.name``) the host is the latest item of the file's collection whose
footprint covers the files' footprint and that has no local files yet (``data_files.py``'s
download stand-ins keep their item). The host's asset keeps its title, roles and bands and takes
the file's href (``data/<collection>/<item id>/<key>.tif``, as ``data_files.py`` lays them out),
type, size, checksum and grid.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from shapely.geometry import shape

from .preview_cogs import SIDE, SampleCog, sample_cogs

Json = dict[str, Any]
COVERED = 0.999  # share of the files' footprint inside the host's (rounding at the edges)


def _start(item: Json) -> str:
    props = item["properties"]
    return str(props.get("datetime") or props.get("start_datetime") or "")


def _has_local_files(item: Json) -> bool:
    return any(str(a.get("href", "")).startswith("data/") for a in item["assets"].values())


def _host(items: list[Json], cog: SampleCog) -> Json | None:
    wanted = shape(cog.geometry)
    covering = [
        item
        for item in items
        if not _has_local_files(item)
        and shape(item["geometry"]).intersection(wanted).area >= COVERED * wanted.area
    ]
    return max(covering, key=lambda it: (_start(it), it["id"]), default=None)


def _grid_fields(item: Json, cog: SampleCog) -> Json:
    """The file's own projection, in the projection extension version the item uses."""
    epsg = int(cog.crs.split(":")[1])
    crs = {"proj:epsg": epsg} if "proj:epsg" in item["properties"] else {"proj:code": cog.crs}
    return {**crs, "proj:shape": [SIDE, SIDE], "proj:transform": cog.transform}


def _merged_bands(old: Any, new: list[Json]) -> list[Json]:
    """The host's band records (scale, offset …) with the file's data type and nodata."""
    if isinstance(old, list) and len(old) == len(new):
        return [{**o, **n} if isinstance(o, dict) else n for o, n in zip(old, new, strict=True)]
    return new


def attach_preview_cogs(by_collection: dict[str, list[Json]], seed: int) -> dict[str, bytes]:
    """Point the host items' assets at the preview files; return the files by their path
    relative to the catalog. A group with no covering item is left out."""
    files: dict[str, bytes] = {}
    for _, group in groupby(sample_cogs(seed), key=lambda cog: cog.name):
        cogs = list(group)
        host = _host(by_collection.get(cogs[0].collection, []), cogs[0])
        if host is None:
            continue
        for cog in cogs:
            path = f"data/{host['collection']}/{host['id']}/{cog.key}.tif"
            asset = host["assets"].setdefault(cog.key, {"roles": ["data"]})
            bands = _merged_bands(asset.get("raster:bands"), cog.asset["raster:bands"])
            asset.update({"href": path, **cog.asset, **_grid_fields(host, cog)})
            asset["raster:bands"] = bands
            files[path] = cog.data
    return files
