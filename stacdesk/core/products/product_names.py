"""The missions' own product names, parsed: the strongest identity two catalogs can share.

A Sentinel-2 product name (``S2B_MSIL2A_20250731T131909_N0511_R095_T20EPT_20250731T143919``), a
Sentinel-1 one (``S1A_IW_GRDH_1SDV_20240526T164318_20240526T164343_054045_069226``, with or without
the CRC, ``.SAFE`` or ``_COG`` that some catalogs append) and a Landsat product id
(``LC08_L2SP_047027_20201204_02_T1``, also in its long form with the processing date) name the
same product in every catalog that carries it, whatever the item's own id is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

S2_NAME = re.compile(
    r"(?P<sat>S2[A-D])_MSI(?P<level>L1C|L2A)_(?P<start>\d{8}T\d{6})_N(?P<baseline>\d{4})"
    r"_R(?P<orbit>\d{3})_T(?P<tile>\d{2}[A-Z]{3})_(?P<generated>\d{8}T\d{6})"
)
S2_DATATAKE = re.compile(
    r"GS(?P<sat>2[A-D])_(?P<start>\d{8}T\d{6})_\d{6}_N(?P<baseline>\d{2}\.\d{2})"
)
S1_NAME = re.compile(
    r"(?P<sat>S1[A-D])_(?P<mode>IW|EW|SM|WV|S[1-6])_(?P<type>GRD|SLC|RAW|OCN)(?P<res>[FHM_])"
    r"_(?P<level>[012])(?P<cls>[SA])(?P<pol>SH|SV|DH|DV|HH|VV|HV|VH)_(?P<start>\d{8}T\d{6})"
    r"_(?P<stop>\d{8}T\d{6})_(?P<orbit>\d{6})_(?P<datatake>[0-9A-F]{6})"
)
LANDSAT_ID = re.compile(
    r"(?P<sensor>L[COTEM])(?P<sat>\d{2})_(?P<level>L1TP|L1GT|L1GS|L2SP|L2SR)_(?P<path>\d{3})"
    r"(?P<row>\d{3})_(?P<date>\d{8})(?:_\d{8})?_(?P<collection>\d{2})_(?P<category>T1|T2|RT)"
)


@dataclass(frozen=True)
class NamedProduct:
    """What a product name pins down: ``fields`` must be equal, ``time`` (``YYYYMMDDTHHMMSS`` or
    ``YYYYMMDD``) is compared as the rule of the mission says, ``details`` must agree where the
    other item states them too."""

    mission: str
    fields: tuple[str, ...]
    time: str
    details: tuple[tuple[str, str], ...] = ()


def sentinel2_name(text: str) -> NamedProduct | None:
    """Satellite, level, tile, baseline and the datatake's sensing start of an S2 product name."""
    m = S2_NAME.search(text)
    if m is None:
        return None
    fields = (m["sat"], m["level"], m["tile"], m["baseline"])
    details = (("orbit", m["orbit"]), ("generated", m["generated"]))
    return NamedProduct("sentinel-2", fields, m["start"], details)


def sentinel2_datatake(text: str) -> tuple[str, str, str] | None:
    """(satellite, sensing start, baseline ``NNNN``) of an S2 datatake id (``GS2B_…_N05.11``)."""
    m = S2_DATATAKE.search(text)
    if m is None:
        return None
    return f"S{m['sat']}", m["start"], m["baseline"].replace(".", "")


def sentinel1_name(text: str) -> NamedProduct | None:
    """Satellite, mode, product type, resolution, polarisations, orbit and datatake of an S1
    product name; the time is the slice's start, which tells the slices of a datatake apart."""
    m = S1_NAME.search(text)
    if m is None:
        return None
    fields = (m["sat"], m["mode"], m["type"], m["res"], m["level"], m["pol"])
    fields += (str(int(m["orbit"])), m["datatake"])
    return NamedProduct("sentinel-1", fields, m["start"])


def landsat_id(text: str) -> NamedProduct | None:
    """Satellite, level, path/row, collection and tier of a Landsat product id (the sensor letter
    is left out: catalogs agree on it, and an item's properties do not state it)."""
    m = LANDSAT_ID.search(text)
    if m is None:
        return None
    fields = (m["sat"], m["level"], m["path"], m["row"])
    fields += (m["collection"], m["category"])
    return NamedProduct("landsat", fields, m["date"])
