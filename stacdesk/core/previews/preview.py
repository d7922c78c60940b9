"""A decoded preview: the pixels drawn on the map, the band values behind them and where they
are, so the value under the cursor needs no second read."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import numpy as np

Bbox = tuple[float, float, float, float]


@dataclass(frozen=True)
class PointValue:
    """The band values of one preview pixel and the lon/lat of its centre."""

    values: tuple[float, ...]
    names: tuple[str, ...]
    lon: float
    lat: float


@dataclass(frozen=True)
class Preview:
    """``rgba`` (h×w×4 uint8, row 0 at the north edge) covering ``bounds`` (west, south, east,
    north in degrees); ``values`` (n×h×w float32, NaN where there is no data; dB for SAR)."""

    rgba: np.ndarray
    values: np.ndarray
    bounds: Bbox
    names: tuple[str, ...]
    label: str
    detail: str = ""  # which overview level was read, for the status bar

    def value_at(self, lon: float, lat: float) -> PointValue | None:
        """What the pixel under (lon, lat) holds; None outside the preview."""
        west, south, east, north = self.bounds
        height, width = self.rgba.shape[:2]
        if not (west <= lon < east and south < lat <= north):
            return None
        column = min(int((lon - west) / (east - west) * width), width - 1)
        row = min(int((north - lat) / (north - south) * height), height - 1)
        values = tuple(float(v) for v in self.values[:, row, column])
        centre_lon = west + (column + 0.5) * (east - west) / width
        centre_lat = north - (row + 0.5) * (north - south) / height
        return PointValue(values, self.names, centre_lon, centre_lat)

    def to_bytes(self) -> bytes:
        """A compressed ``.npz`` for the disk cache."""
        meta = {"bounds": self.bounds, "names": self.names, "label": self.label}
        meta["detail"] = self.detail
        buffer = io.BytesIO()
        np.savez_compressed(buffer, rgba=self.rgba, values=self.values, meta=json.dumps(meta))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Preview:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            meta = json.loads(str(archive["meta"]))
            return cls(
                rgba=archive["rgba"],
                values=archive["values"],
                bounds=tuple(meta["bounds"]),  # type: ignore[arg-type]
                names=tuple(meta["names"]),
                label=meta["label"],
                detail=meta.get("detail", ""),
            )
