"""Write search results for other tools: GeoJSON, ndjson, CSV, stac-geoparquet, URL lists, metalink.

Analysts hand scene lists to colleagues and to download tools (aria2, wget, curl): the CSV carries
the columns people sort in a spreadsheet, the URL list and metalink the chosen assets (metalink with
sizes and checksums, so the download tool verifies what it fetched). Files are written to a
temporary name and moved into place, so a failed export never leaves half a file behind. The CSV
rows and the metalink XML have modules of their own (``csv_rows``, ``metalink``).
"""

from __future__ import annotations

import contextlib
import io
import math
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from stacdesk.core.common import plural
from stacdesk.core.common.errors import CatalogError
from stacdesk.core.common.json_bytes import json_bytes
from stacdesk.core.export.asset_choice import AssetChoice as AssetChoice
from stacdesk.core.export.csv_rows import CSV_COLUMNS as CSV_COLUMNS
from stacdesk.core.export.csv_rows import write_csv
from stacdesk.core.export.metalink import write_metalink

Json = dict[str, Any]

FORMATS: dict[str, str] = {
    "geojson": "GeoJSON FeatureCollection",
    "ndjson": "Newline-delimited JSON items",
    "csv": "CSV table",
    "geoparquet": "stac-geoparquet",
    "urls": "URL list of chosen assets",
    "metalink": "Metalink 4 of chosen assets",
}
SUFFIXES: dict[str, str] = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".csv": "csv",
    ".parquet": "geoparquet",
    ".geoparquet": "geoparquet",
    ".txt": "urls",
    ".urls": "urls",
    ".meta4": "metalink",
    ".metalink": "metalink",
}
DEFAULT_SUFFIX: dict[str, str] = {
    "geojson": ".geojson",
    "ndjson": ".ndjson",
    "csv": ".csv",
    "geoparquet": ".parquet",
    "urls": ".txt",
    "metalink": ".meta4",
}


class ExportError(CatalogError):
    """An export that could not be written; the message says why."""


def format_for_path(path: Path) -> str | None:
    """The export format a file name implies (``.meta4`` → metalink), or None."""
    return SUFFIXES.get(Path(path).suffix.lower())


def asset_keys(items: Iterable[Json]) -> list[str]:
    """Every asset key among the items, in order of first appearance (for choosing)."""
    keys: dict[str, None] = {}
    for item in items:
        assets = item.get("assets")
        if isinstance(assets, dict):
            keys.update(dict.fromkeys(assets))
    return list(keys)


@dataclass
class ExportResult:
    path: Path
    format: str
    items: int = 0
    assets: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        what = plural.count(self.items, "item")
        if self.format in ("urls", "metalink"):
            what = f"{plural.count(self.assets, 'asset')} of {what}"
        return f"Exported {what} to {self.path}." + "".join(f" {n}" for n in self.notes)


# --------------------------------------------------------------------------- item writers


def write_ndjson(items: Iterable[Json], out: IO[bytes]) -> int:
    count = 0
    for item in items:
        out.write(json_bytes(item) + b"\n")
        count += 1
    return count


def write_geojson(items: Iterable[Json], out: IO[bytes]) -> int:
    """A FeatureCollection written item by item (no need to hold all of them as one string)."""
    out.write(b'{"type":"FeatureCollection","features":[')
    count = 0
    for item in items:
        if count:
            out.write(b",\n")
        out.write(json_bytes(item))
        count += 1
    out.write(b"]}\n")
    return count


def _without_empty_objects(value: Any) -> tuple[Any, int]:
    """Parquet cannot store ``{}``; drop empty objects and count them."""
    if isinstance(value, dict):
        kept, dropped = {}, 0
        for key, inner in value.items():
            cleaned, n = _without_empty_objects(inner)
            dropped += n
            if isinstance(cleaned, dict) and not cleaned:
                dropped += 1  # empty, or emptied by dropping what it held
                continue
            kept[key] = cleaned
        return kept, dropped
    if isinstance(value, list):
        out, dropped = [], 0
        for inner in value:
            cleaned, n = _without_empty_objects(inner)
            out.append(cleaned)
            dropped += n
        return out, dropped
    return value, 0


def _position(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and all(math.isfinite(v) for v in value)
    )


def _positions(value: Any, least: int) -> bool:
    return isinstance(value, list) and len(value) >= least and all(_position(p) for p in value)


def _polygon(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_positions(r, 4) for r in value)


def _many(value: Any, check: Callable[[Any], bool]) -> bool:
    return isinstance(value, list) and bool(value) and all(check(v) for v in value)


_SHAPES: dict[str, Callable[[Any], bool]] = {
    "Point": _position,
    "MultiPoint": lambda c: _positions(c, 1),
    "LineString": lambda c: _positions(c, 2),
    "MultiLineString": lambda c: _many(c, lambda line: _positions(line, 2)),
    "Polygon": _polygon,
    "MultiPolygon": lambda c: _many(c, _polygon),
}


def _usable_geometry(geometry: Any) -> bool:
    """Whether the geoparquet writer can take this geometry: well-formed GeoJSON (RFC 7946
    shapes, finite numbers, no empty parts). ``{}``, a made-up type or an empty polygon inside
    a MultiPolygon would otherwise fail the whole file (or panic in the writer)."""
    if not isinstance(geometry, dict):
        return False
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        return _many(geometry.get("geometries"), _usable_geometry)
    check = _SHAPES.get(kind) if isinstance(kind, str) else None
    return check is not None and check(geometry.get("coordinates"))


def write_geoparquet(items: Iterable[Json], path: Path) -> tuple[int, list[str]]:
    """stac-geoparquet via rustac. Items without a geometry cannot be stored and are skipped."""
    import rustac

    rows, skipped, dropped = [], 0, 0
    for item in items:
        if not _usable_geometry(item.get("geometry")):
            skipped += 1
            continue
        cleaned, n = _without_empty_objects(item)
        dropped += n
        rows.append(cleaned)
    if not rows:
        raise ExportError("Nothing to write: a stac-geoparquet file needs at least one item.")
    try:
        rustac.write_sync(str(path), rows, format="geoparquet")
    except Exception as exc:  # RustacError: schema the writer cannot handle
        raise ExportError(f"Cannot write stac-geoparquet: {exc}") from exc
    except BaseException as exc:  # a Rust panic (pyo3 PanicException) is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise ExportError(f"Cannot write stac-geoparquet: the writer failed ({exc})") from None
    notes = []
    if skipped:
        notes.append(
            f"{plural.count(skipped, 'item')} without a geometry (or with one that is not valid "
            f"GeoJSON) {plural.agree(skipped, 'was', 'were')} left out (geoparquet needs one)."
        )
    if dropped:
        notes.append(
            f"{plural.count(dropped, 'empty JSON object')} {plural.agree(dropped, 'was', 'were')} "
            "dropped (Parquet cannot store them)."
        )
    return len(rows), notes


# -------------------------------------------------------------------------- asset writers


def write_url_list(
    items: Iterable[Json], out: IO[str], choice: AssetChoice | None = None
) -> tuple[int, int]:
    """One href per line (wget -i, aria2c -i, xargs curl); returns (items, assets)."""
    choice = choice or AssetChoice()
    count = assets = 0
    for item in items:
        count += 1
        for _key, asset in choice.select(item):
            out.write(asset["href"] + "\n")
            assets += 1
    return count, assets


# ------------------------------------------------------------------------------- dispatch


@contextlib.contextmanager
def _atomic(path: Path, mode: str) -> Iterator[IO[Any]]:
    """Write next to ``path`` and move into place only when everything was written."""
    tmp = path.with_name(f".{path.name}.part")
    # errors="replace": a lone surrogate the server sent becomes "?" rather than failing the file
    text_mode: Json = {"encoding": "utf-8", "errors": "replace", "newline": ""}
    kwargs: Json = text_mode if "b" not in mode else {}
    try:
        with open(tmp, mode, **kwargs) as handle:
            yield handle
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def export_items(
    items: Iterable[Json],
    path: Path,
    fmt: str | None = None,
    assets: AssetChoice | None = None,
) -> ExportResult:
    """Write ``items`` to ``path`` in ``fmt`` (default: from the file name)."""
    path = Path(path)
    fmt = fmt or format_for_path(path)
    if fmt not in FORMATS:
        raise ExportError(
            f"Unknown export format {fmt!r} for {path.name}: use one of {', '.join(FORMATS)}."
        )
    result = ExportResult(path, fmt)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "geoparquet":
            tmp = path.with_name(f".{path.name}.part")
            try:
                result.items, result.notes = write_geoparquet(items, tmp)
                os.replace(tmp, path)
            finally:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            return result
        writers: dict[str, tuple[str, Callable[..., Any]]] = {
            "ndjson": ("wb", write_ndjson),
            "geojson": ("wb", write_geojson),
            "csv": ("w", lambda i, o: write_csv(i, o, assets)),
            "urls": ("w", lambda i, o: write_url_list(i, o, assets)),
            "metalink": ("wb", lambda i, o: write_metalink(i, o, assets)),
        }
        mode, writer = writers[fmt]
        with _atomic(path, mode) as handle:
            written = writer(items, handle)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    if isinstance(written, tuple):
        result.items, result.assets = written
    else:
        result.items = written
    return result


def export_bytes(items: Iterable[Json], fmt: str, assets: AssetChoice | None = None) -> bytes:
    """The export as bytes (stdout of the CLI); stac-geoparquet needs a file, use export_items."""
    if fmt == "geoparquet":
        raise ExportError("stac-geoparquet is written to a file: give -o FILE.")
    buffer = io.BytesIO()
    if fmt == "ndjson":
        write_ndjson(items, buffer)
    elif fmt == "geojson":
        write_geojson(items, buffer)
    elif fmt == "metalink":
        write_metalink(items, buffer, assets)
    else:
        text = io.StringIO(newline="")
        if fmt == "csv":
            write_csv(items, text, assets)
        elif fmt == "urls":
            write_url_list(items, text, assets)
        else:
            raise ExportError(f"Unknown export format {fmt!r}.")
        buffer.write(text.getvalue().encode("utf-8", "replace"))
    return buffer.getvalue()
