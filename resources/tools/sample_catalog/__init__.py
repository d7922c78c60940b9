"""The generator of stacdesk's bundled offline sample catalog, one concept per module.

Why a package: the generator imitates four products with their own grids, assets and quicklooks;
each gets its module. ``resources/tools/make_sample_catalog.py`` is the command that runs it, and
the names below are what the tests' catalog generator (``tests/servers/generated_catalog.py``)
reuses: the mission builders, the quicklook pool and the collection records.
"""

from .collection_summary import build_collection, item_interval
from .collection_texts import COLLECTIONS
from .era5 import build_era5
from .landsat import build_landsat
from .sentinel1 import build_sentinel1
from .sentinel2 import build_sentinel2
from .thumbnail_pool import ThumbnailPool

__all__ = [
    "COLLECTIONS",
    "ThumbnailPool",
    "build_collection",
    "build_era5",
    "build_landsat",
    "build_sentinel1",
    "build_sentinel2",
    "item_interval",
]
