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
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from stacdesk.core.common import plural
from stacdesk.core.common.errors import CatalogError
from stacdesk.core.common.json_bytes import json_bytes
from stacdesk.core.common.message import QT_TRANSLATE_NOOP, Message
from stacdesk.core.export.asset_choice import AssetChoice as AssetChoice
from stacdesk.core.export.csv_rows import CSV_COLUMNS as CSV_COLUMNS
from stacdesk.core.export.csv_rows import write_csv
from stacdesk.core.export.geoparquet import GeoparquetError, write_geoparquet
from stacdesk.core.export.metalink import write_metalink

Json = dict[str, Any]

FORMATS: dict[str, Message] = {  # the export dialog's names for the formats
    "geojson": QT_TRANSLATE_NOOP("ExportFormats", "GeoJSON FeatureCollection")(),
    "ndjson": QT_TRANSLATE_NOOP("ExportFormats", "Newline-delimited JSON items")(),
    "csv": QT_TRANSLATE_NOOP("ExportFormats", "CSV table")(),
    "geoparquet": QT_TRANSLATE_NOOP("ExportFormats", "stac-geoparquet")(),
    "urls": QT_TRANSLATE_NOOP("ExportFormats", "URL list of chosen assets")(),
    "metalink": QT_TRANSLATE_NOOP("ExportFormats", "Metalink 4 of chosen assets")(),
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

ITEMS = QT_TRANSLATE_NOOP("Export", "%Ln items", "%Ln item", 1)
ASSETS = QT_TRANSLATE_NOOP("Export", "%Ln assets", "%Ln asset", 1)
ASSETS_OF = QT_TRANSLATE_NOOP("Export", "%1 of %2")
EXPORTED = QT_TRANSLATE_NOOP("Export", "Exported %1 to %2.%3")


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

    def summary(self) -> Message:
        what = ITEMS(n=self.items)
        if self.format in ("urls", "metalink"):
            what = ASSETS_OF(ASSETS(n=self.assets), what)
        return EXPORTED(what, str(self.path), "".join(f" {n}" for n in self.notes))


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


class ItemsStopped(Exception):
    """Raised by an item source that stops part way (a search page failed): the export keeps
    what it has under a ``.partial`` name instead of failing without a trace."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class IncompleteExport(ExportError):
    """The items stopped coming part way: ``written`` items are in ``partial`` (None when there
    were none to keep), and nothing is at the export's own name."""

    def __init__(self, reason: str, written: int, partial: Path | None) -> None:
        where = f"written to {partial}" if partial is not None else "written"
        super().__init__(f"{reason} ({plural.count(written, 'item')} {where}; export not complete)")
        self.reason, self.written, self.partial = reason, written, partial


class _Guarded:
    """The items, ending quietly at ``ItemsStopped`` so the writer still closes its file."""

    def __init__(self, items: Iterable[Json]) -> None:
        self._items = items
        self.stopped: str | None = None

    def __iter__(self) -> Iterator[Json]:
        try:
            yield from self._items
        except ItemsStopped as stop:
            self.stopped = stop.reason


def partial_path(path: Path) -> Path:
    """Where an export that stopped part way keeps what it wrote: never the name asked for."""
    return path.with_name(f"{path.name}.partial")


def export_items(
    items: Iterable[Json],
    path: Path,
    fmt: str | None = None,
    assets: AssetChoice | None = None,
) -> ExportResult:
    """Write ``items`` to ``path`` in ``fmt`` (default: from the file name), item by item.

    Every format streams (CSV with asset columns found by role spools its rows to disk first;
    metalink builds its XML tree, small beside the items). When the items end with
    ``ItemsStopped``, what was written goes to ``partial_path(path)`` and ``IncompleteExport``
    says so; ``path`` itself is only ever a complete export.
    """
    path = Path(path)
    fmt = fmt or format_for_path(path)
    if fmt not in FORMATS:
        raise ExportError(
            f"Unknown export format {fmt!r} for {path.name}: use one of {', '.join(FORMATS)}."
        )
    result = ExportResult(path, fmt)
    guarded = _Guarded(items)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "geoparquet":
            tmp = path.with_name(f".{path.name}.part")
            try:
                result.items, result.notes = write_geoparquet(guarded, tmp)
                os.replace(tmp, partial_path(path) if guarded.stopped else path)
            except GeoparquetError as exc:
                if guarded.stopped:
                    raise IncompleteExport(guarded.stopped, 0, None) from None
                raise ExportError(str(exc)) from exc
            finally:
                with contextlib.suppress(OSError):
                    tmp.unlink()
        else:
            result.items, result.assets = _write_text_format(guarded, path, fmt, assets)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    if guarded.stopped:
        partial: Path | None = partial_path(path)
        if not result.items:  # nothing worth keeping: no file at all
            with contextlib.suppress(OSError):
                partial_path(path).unlink()
            partial = None
        raise IncompleteExport(guarded.stopped, result.items, partial)
    return result


def _write_text_format(
    items: _Guarded, path: Path, fmt: str, assets: AssetChoice | None
) -> tuple[int, int]:
    """Every format but geoparquet: to a temporary name, then to ``path`` (or, when the items
    stopped part way, to its ``.partial`` name)."""
    writers: dict[str, tuple[str, Callable[..., Any]]] = {
        "ndjson": ("wb", write_ndjson),
        "geojson": ("wb", write_geojson),
        "csv": ("w", lambda i, o: write_csv(i, o, assets)),
        "urls": ("w", lambda i, o: write_url_list(i, o, assets)),
        "metalink": ("wb", lambda i, o: write_metalink(i, o, assets)),
    }
    mode, writer = writers[fmt]
    # errors="replace": a lone surrogate the server sent becomes "?" rather than failing the file
    text_mode: Json = {"encoding": "utf-8", "errors": "replace", "newline": ""}
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, mode, **(text_mode if "b" not in mode else {})) as handle:
            written = writer(items, handle)
        os.replace(tmp, partial_path(path) if items.stopped else path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return written if isinstance(written, tuple) else (written, 0)


def export_stream(
    items: Iterable[Json], out: IO[bytes], fmt: str, assets: AssetChoice | None = None
) -> None:
    """The export written to ``out`` as items arrive (stdout of the CLI); stac-geoparquet needs
    a file, use export_items."""
    if fmt == "geoparquet":
        raise ExportError("stac-geoparquet is written to a file: give -o FILE.")
    if fmt == "ndjson":
        write_ndjson(items, out)
    elif fmt == "geojson":
        write_geojson(items, out)
    elif fmt == "metalink":
        write_metalink(items, out, assets)
    elif fmt in ("csv", "urls"):
        text = io.TextIOWrapper(out, encoding="utf-8", errors="replace", newline="")
        try:
            if fmt == "csv":
                write_csv(items, text, assets)
            else:
                write_url_list(items, text, assets)
        finally:
            text.flush()
            text.detach()  # ``out`` stays open for its owner
    else:
        raise ExportError(f"Unknown export format {fmt!r}.")


def export_bytes(items: Iterable[Json], fmt: str, assets: AssetChoice | None = None) -> bytes:
    """The export as bytes; stac-geoparquet needs a file, use export_items."""
    buffer = io.BytesIO()
    export_stream(items, buffer, fmt, assets)
    return buffer.getvalue()
