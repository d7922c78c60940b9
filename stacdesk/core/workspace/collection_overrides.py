"""The user's corrections to the proposed collection matching between catalogs, remembered.

Matching by what collections hold is a proposal (``products.collection_match``); when it is
wrong or incomplete, the user picks the other catalog's collections for one of theirs (or says
it has none). Those choices are kept per catalog in a JSON file beside the saved connections,
so the next search of several catalogs uses them; a damaged file is set aside, not trusted.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

FILE_NAME = "collection_matches.json"


class CollectionOverrides:
    def __init__(self, path: Path | None) -> None:
        self.path = path  # None: kept for this run only
        self._by_catalog: dict[str, dict[str, tuple[str, ...]]] = self._load()

    @classmethod
    def beside(cls, connections_file: Path) -> CollectionOverrides:
        """The choices saved with the connections (the window's and the command line's)."""
        return cls(connections_file.with_name(FILE_NAME))

    def _load(self) -> dict[str, dict[str, tuple[str, ...]]]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {
                str(catalog): {str(cid): tuple(str(i) for i in ids) for cid, ids in rows.items()}
                for catalog, rows in data.items()
            }
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, AttributeError, TypeError):
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(".json.broken"))
            return {}

    def of(self, catalog: str) -> dict[str, tuple[str, ...]]:
        """``{collection id: that catalog's ids}`` the user chose (``()``: not searched there)."""
        return dict(self._by_catalog.get(catalog, {}))

    def set(self, catalog: str, collection: str, ids: Sequence[str] | None) -> None:
        """Search ``collection`` as ``ids`` in ``catalog`` (None: back to the proposal)."""
        rows = self._by_catalog.setdefault(catalog, {})
        if ids is None:
            rows.pop(collection, None)
        else:
            rows[collection] = tuple(ids)
        if not rows:
            del self._by_catalog[catalog]
        self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        data = {
            c: {cid: list(ids) for cid, ids in rows.items()} for c, rows in self._by_catalog.items()
        }
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)
