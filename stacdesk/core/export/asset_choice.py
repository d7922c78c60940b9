"""Which of an item's assets an export or a bulk job lists: by key, by role, or all of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stacdesk.core.common.json_fields import list_field

Json = dict[str, Any]


@dataclass(frozen=True)
class AssetChoice:
    """Which assets to list: by key, by role, or (both empty) every asset."""

    keys: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return not self.keys and not self.roles

    def select(self, item: Json) -> list[tuple[str, Json]]:
        """The item's chosen assets with an href, in the order of ``keys`` then the item's."""
        assets = item.get("assets")
        if not isinstance(assets, dict):
            return []
        usable = {
            k: a
            for k, a in assets.items()
            if isinstance(a, dict) and isinstance(a.get("href"), str)
        }
        if self.everything:
            return list(usable.items())
        chosen = [(k, usable[k]) for k in self.keys if k in usable]
        if self.roles:
            wanted = set(self.roles)
            chosen += [
                (k, a)
                for k, a in usable.items()
                if k not in self.keys
                and any(r in wanted for r in list_field(a, "roles") if isinstance(r, str))
            ]
        return chosen
