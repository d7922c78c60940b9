"""What a preview draws, chosen from the item's metadata: the visual (true-colour) asset when
there is one, else red/green/blue or nir/red/green from the band metadata (``eo:bands`` or STAC
1.1 ``bands`` with common names, or well-known asset keys), else one band with a colour map
(SAR backscatter in dB).

Why from metadata only: the choice is made before any byte is read, so the window can offer the
combinations an item has without opening its files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from stacdesk.core.common.message import QT_TRANSLATE_NOOP
from stacdesk.core.downloads.assets import resolve_href

TRUE_COLOUR_OF = QT_TRANSLATE_NOOP("Previews", "true colour (%1)")
FALSE_COLOUR_OF = QT_TRANSLATE_NOOP("Previews", "false colour (%1)")
BACKSCATTER = QT_TRANSLATE_NOOP("Previews", "%1 backscatter (dB)")
ONE_BAND = QT_TRANSLATE_NOOP("Previews", "%1 (one band)")

TIFF_TYPES = ("image/tiff", "image/geotiff", "image/vnd.stac.geotiff", "image/jp2")
TIFF_SUFFIXES = (".tif", ".tiff", ".TIF", ".TIFF", ".jp2", ".JP2")  # JPEG 2000: see cog.py
# Asset keys that name a band when the asset says nothing about its bands (Sentinel-2, Landsat).
KEY_NAMES = {
    "red": "red", "green": "green", "blue": "blue", "nir": "nir", "nir08": "nir",
    "b02": "blue", "b03": "green", "b04": "red", "b08": "nir",
    "sr_b2": "blue", "sr_b3": "green", "sr_b4": "red", "sr_b5": "nir",
}  # fmt: skip
SAR_KEYS = ("vv", "vh", "hh", "hv")
TRUE_COLOUR = ("red", "green", "blue")
FALSE_COLOUR = ("nir", "red", "green")


@dataclass(frozen=True)
class Channel:
    """One drawn channel: band ``band`` (1-based) of the file at ``href``."""

    href: str
    band: int
    name: str


@dataclass(frozen=True)
class Recipe:
    """A way to draw an item: three channels (RGB) or one with a colour map."""

    label: str
    channels: tuple[Channel, ...]
    colormap: str | None = None  # for one channel
    decibels: bool = False  # SAR: 10·log10 of linear backscatter before stretching
    visual: bool = False  # an 8-bit rendered asset: drawn as it is, no stretch

    @property
    def hrefs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(channel.href for channel in self.channels))


def is_tiff(asset: dict[str, Any]) -> bool:
    """A GeoTIFF, or a JPEG 2000 (Sentinel-2 in SAFE layout), by its media type or name."""
    href = asset.get("href")
    if not isinstance(href, str) or not href:
        return False
    kind = str(asset.get("type") or "").lower()
    return any(t in kind for t in TIFF_TYPES) or href.split("?", 1)[0].endswith(TIFF_SUFFIXES)


def _band_names(asset: dict[str, Any]) -> list[str | None]:
    """Common names of the asset's bands, in file order (None where a band names none)."""
    bands = asset.get("eo:bands") or asset.get("bands")
    if not isinstance(bands, list):
        return []
    names: list[str | None] = []
    for band in bands:
        name = None
        if isinstance(band, dict):
            name = band.get("common_name") or band.get("eo:common_name")
        names.append(name.lower() if isinstance(name, str) else None)
    return names


def _located(assets: dict[str, Any]) -> dict[str, Channel]:
    """Common name -> where that band is (the first asset that has it)."""
    found: dict[str, Channel] = {}
    for key, asset in assets.items():
        if not isinstance(asset, dict) or not is_tiff(asset):
            continue
        names = _band_names(asset)
        if not names and key.lower() in KEY_NAMES:
            names = [KEY_NAMES[key.lower()]]
        for index, name in enumerate(names, start=1):
            if name is not None and name not in found:
                found[name] = Channel(asset["href"], index, name)
    return found


def _visual(assets: dict[str, Any]) -> Recipe | None:
    for key, asset in assets.items():
        if not isinstance(asset, dict) or not is_tiff(asset):
            continue
        roles = asset.get("roles") if isinstance(asset.get("roles"), list) else []
        if key.lower() in ("visual", "tci") or "visual" in roles:
            href = asset["href"]
            channels = tuple(Channel(href, i, n) for i, n in enumerate(TRUE_COLOUR, start=1))
            return Recipe(TRUE_COLOUR_OF(key), channels, visual=True)
    return None


def _single(assets: dict[str, Any], props: dict[str, Any]) -> list[Recipe]:
    sar = any(str(name).startswith("sar:") for name in props)
    out: list[Recipe] = []
    for key, asset in assets.items():
        if not isinstance(asset, dict) or not is_tiff(asset):
            continue
        roles = asset.get("roles") if isinstance(asset.get("roles"), list) else []
        if "thumbnail" in roles or "overview" in roles:
            continue
        polar = key.lower() in SAR_KEYS
        if polar or "data" in roles or not roles:
            decibels = sar and polar
            label = BACKSCATTER(key.upper()) if decibels else ONE_BAND(key)
            cmap = "gray" if decibels else "viridis"
            out.append(Recipe(label, (Channel(asset["href"], 1, key),), cmap, decibels))
    out.sort(key=lambda recipe: not recipe.decibels)  # backscatter first for SAR items
    return out


def recipes(item: dict[str, Any], folder: Path | None = None) -> list[Recipe]:
    """Every way this item can be drawn, the best first (empty: nothing to preview).
    ``folder``: the local catalog's, which relative file hrefs are relative to."""
    assets = item.get("assets") if isinstance(item.get("assets"), dict) else {}
    props = item.get("properties") if isinstance(item.get("properties"), dict) else {}
    out: list[Recipe] = []
    visual = _visual(assets)
    if visual is not None:
        out.append(visual)
    located = _located(assets)
    for phrase, names in ((TRUE_COLOUR_OF, TRUE_COLOUR), (FALSE_COLOUR_OF, FALSE_COLOUR)):
        if all(name in located for name in names):
            channels = tuple(located[name] for name in names)
            out.append(Recipe(phrase("/".join(names)), channels))
    out.extend(_single(assets, props))
    return [_resolved(item, recipe, folder) for recipe in out]


def _resolved(item: dict[str, Any], recipe: Recipe, folder: Path | None) -> Recipe:
    """Relative hrefs made absolute against the item's self link, as downloads do, or else
    against the local catalog's folder (so one file has one name, in the cache too)."""

    def absolute(href: str) -> str:
        href = resolve_href(item, href)
        if folder is not None and not urlsplit(href).scheme and not Path(href).is_absolute():
            return str(folder / href)
        return href

    channels = tuple(replace(c, href=absolute(c.href)) for c in recipe.channels)
    return replace(recipe, channels=channels)


def choose(
    item: dict[str, Any], label: str | None = None, folder: Path | None = None
) -> Recipe | None:
    """The recipe called ``label`` if the item has it, else the best one (None: no GeoTIFF)."""
    offered = recipes(item, folder)
    for recipe in offered:
        if label is not None and recipe.label.startswith(label):
            return recipe
    return offered[0] if offered else None
