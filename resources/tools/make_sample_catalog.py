#!/usr/bin/env python3
"""Generate stacdesk's bundled offline sample catalog (``resources/sample-catalog/``).

Why this exists: the app must start without a network and still show a believable catalog to
search, filter and preview. Every item here is *synthesised* from templates written in the
``sample_catalog`` package beside this script (orbit/tile grids, property sets, asset lists, one
module per concept) -- no real STAC item is copied and nothing outside them is read. The metadata
imitates Copernicus Sentinel-1 GRD, Sentinel-2 L2A, Landsat Collection 2 Level-2 and ERA5
products; the asset hrefs point at ``https://example.invalid/`` and cannot be downloaded;
``file:checksum`` values of data assets are SHA2-256 multihashes of a pretend payload string, not
of any real file (thumbnail checksums are real: they hash the bundled JPEGs). A few assets of two
Czech scenes are the exception: ``sample_catalog/data_files.py`` gives them small real GeoTIFFs
under ``data/``, so downloads can be tried offline; and ``sample_catalog/preview_hosts.py`` points
some assets of a few more items at small real cloud-optimised GeoTIFFs, so previews can too.

The output is deterministic for a given ``--seed`` (same bytes on the same library versions), so
regenerating after editing the generator gives a reviewable diff.

Usage (from the repository root)::

    uv run python resources/tools/make_sample_catalog.py            # -> resources/sample-catalog/
    uv run python resources/tools/make_sample_catalog.py --out /tmp/cat --seed 7

Dependencies: the standard library, numpy, Pillow, shapely and rasterio.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from make_sample_index import make_index
from sample_catalog.catalog_writer import DEFAULT_SEED, generate

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "sample-catalog"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)"
    )
    ap.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)"
    )
    args = ap.parse_args(argv)
    counts = generate(args.out, args.seed)
    make_index(args.out)  # the column index the app opens the sample from
    print(json.dumps({"out": str(args.out), "items": counts, "total": sum(counts.values())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
