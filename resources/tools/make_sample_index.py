"""Write the column index of the bundled sample's items (``items.ndjson.gz.index.json.gz``).

Why a build step: opening the sample at start-up then reads ids, collections, times and bboxes
from the index instead of decoding every item (``stacdesk/core/catalogs/local_index.py``).
``make_sample_catalog.py`` writes it after the items; ``packaging/build.py`` runs it before every
build, and a stale index is never used (the app checks the item file's size and CRC-32).

    uv run python resources/tools/make_sample_index.py [--catalog resources/sample-catalog]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from stacdesk.core.catalogs.local_index import write_index  # noqa: E402

SAMPLE = REPO / "resources" / "sample-catalog"


def make_index(catalog: Path = SAMPLE) -> Path:
    """Index the folder's ``items.ndjson.gz``; returns the index file written."""
    return write_index(catalog / "items.ndjson.gz")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, default=SAMPLE, help="the sample catalog folder")
    args = parser.parse_args(argv)
    print(make_index(args.catalog))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
