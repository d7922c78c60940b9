"""Three catalogs holding overlapping products in different providers' conventions, for the
multi-catalog tests (core, command line and window).

The first is the generated catalog itself; the second and third hold copies of some of its items
in the Data Space's, Earth Search's and a properties-only convention (the third naming the
Sentinel-2 collection its own way), plus L1C decoys of some scenes. Each copy remembers its
original, so the expected merge is known without the code under test.
"""

from __future__ import annotations

from tests.servers.catalog import GeneratedCatalog, expected_ids
from tests.servers.provider_shapes import data_space, earth_search, properties_only

WINDOW = "2023-02-01T00:00:00Z/2023-02-28T23:59:59Z"
COLLECTIONS = ("sentinel-2-l2a", "sentinel-1-grd", "landsat-c2-l2")
THIRDS_S2 = "S2_MSI_L2A"


class Copies:
    """The two other catalogs' items, and for each copy the original it was made from."""

    def __init__(self, catalog: GeneratedCatalog) -> None:
        wanted = expected_ids(catalog.items, collections=COLLECTIONS, datetime=WINDOW)
        self.originals = sorted(
            (i for i in catalog.items if i["id"] in wanted), key=lambda i: i["id"]
        )
        self.second: list[dict] = []
        self.third: list[dict] = []
        self.origin: dict[tuple[str, str], str] = {}  # (source, copy id) → original id
        self.decoys: list[str] = []
        for n, item in enumerate(self.originals):
            if n % 2 == 0:
                self._add("second", self.second, data_space(item), item)
            if n % 3 == 0:
                shaped = earth_search(item) if n % 2 else properties_only(item, n)
                if shaped["collection"] == "sentinel-2-l2a":
                    shaped["collection"] = THIRDS_S2  # its own name for the collection
                self._add("third", self.third, shaped, item)
            if n % 5 == 0 and item["collection"] == "sentinel-2-l2a":
                decoy = data_space(item, level="L1C")
                decoy["collection"] = "sentinel-2-l2a"  # listed beside the L2A copies
                self.second.append(decoy)
                self.decoys.append(decoy["id"])

    def _add(self, source: str, into: list[dict], shaped: dict, original: dict) -> None:
        into.append(shaped)
        self.origin[(source, shaped["id"])] = original["id"]

    def expected_rows(self) -> set[frozenset[tuple[str, str]]]:
        rows = {o["id"]: {("first", o["id"])} for o in self.originals}
        for (source, copy_id), original in self.origin.items():
            rows[original].add((source, copy_id))
        decoys = {frozenset({("second", d)}) for d in self.decoys}
        return {frozenset(r) for r in rows.values()} | decoys
