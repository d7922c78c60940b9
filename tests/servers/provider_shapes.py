"""The generated catalog's items rewritten in other providers' conventions, for multi-catalog tests.

Real catalogs publish one product under different ids and property sets (see the real items of
Earth Search, the Data Space and Planetary Computer): the Data Space names a Sentinel-2 item by its
product name and states no ``s2:`` fields; Earth Search gives it a short id of its own; a third
kind states the product only in properties under an opaque id. Each rewrite keeps footprint and
assets; the test knows which original each copy came from, so the expected merge never comes
from the code under test.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.servers.catalog import GeneratedCatalog

S2_KEEP = ("datetime", "platform", "eo:cloud_cover", "grid:code", "sat:relative_orbit")


def _shifted(stamp: str, seconds: float) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(seconds=seconds)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _rehosted(item: dict[str, Any], host: str) -> dict[str, Any]:
    """A copy whose assets live on another host (as each provider serves its own files)."""
    out = copy.deepcopy(item)
    for asset in out.get("assets", {}).values():
        href = asset.get("href", "")
        if href.startswith("http") and "/thumbnail" not in href:
            asset["href"] = f"https://{host}/" + href.split("://", 1)[1].split("/", 1)[1]
    return out


def data_space(item: dict[str, Any], level: str = "L2A") -> dict[str, Any]:
    """The Data Space's shape: the product name as id, product/processing fields, no ``s2:``.
    ``level="L1C"`` writes the same scene's other level: a different product."""
    out = _rehosted(item, "data-space.example.invalid")
    p = item["properties"]
    if item["collection"] == "sentinel-2-l2a":
        name = p["s2:product_uri"].removesuffix(".SAFE").replace("MSIL2A", f"MSI{level}")
        out["id"] = name
        out["collection"] = "sentinel-2-l2a" if level == "L2A" else "sentinel-2-l1c"
        out["properties"] = {k: p[k] for k in S2_KEEP if k in p}
        out["properties"]["product:type"] = "S2MSI2A" if level == "L2A" else "S2MSI1C"
        out["properties"]["processing:version"] = p["s2:processing_baseline"]
    elif item["collection"] == "sentinel-1-grd":
        out["id"] = item["id"] + "_COG"
    return out


def earth_search(item: dict[str, Any]) -> dict[str, Any]:
    """Earth Search's shape: a short id of its own, the product name in ``s2:product_uri``, the
    tile's sensing time (later than the datatake's start) as ``datetime``."""
    out = _rehosted(item, "earth-search.example.invalid")
    p = out["properties"]
    if item["collection"] == "sentinel-2-l2a":
        date = p["datetime"][:10].replace("-", "")
        out["id"] = f"{p['platform'][-1].upper()}_{p['s2:mgrs_tile']}_{date}_0_L2A"
        out["id"] = "S2" + out["id"]
        p["datetime"] = _shifted(p["datetime"], 400)
        p.pop("s2:datatake_id", None)
    return out


def properties_only(item: dict[str, Any], number: int) -> dict[str, Any]:
    """A catalog that names items by an opaque id and states the product in properties only."""
    out = _rehosted(item, "opaque.example.invalid")
    out["id"] = f"dhr-{number:06d}"
    p = out["properties"]
    for key in ("s2:product_uri", "s1:product_identifier", "s2:granule_id", "s2:datastrip_id"):
        p.pop(key, None)
    if p.get("datetime"):
        p["datetime"] = _shifted(p["datetime"], 40)
    return out


def write_catalog(
    root: Path, items: list[dict[str, Any]], like: GeneratedCatalog
) -> GeneratedCatalog:
    """A catalog folder of ``items`` in the generated layout (collections taken from ``like``)."""
    by_id = {c["id"]: c for c in like.collections}
    wanted = sorted({item["collection"] for item in items})
    collections = []
    for cid in wanted:
        collection = copy.deepcopy(by_id.get(cid) or by_id["sentinel-2-l2a"])
        collection["id"] = cid
        collections.append(collection)
        folder = root / cid
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "collection.json").write_text(json.dumps(collection))
        lines = [json.dumps(i) for i in items if i["collection"] == cid]
        (folder / "items.ndjson").write_text("\n".join(lines) + "\n")
    (root / "collections.json").write_text(json.dumps(collections))
    return GeneratedCatalog.load(root)
