"""stac-geoparquet written chunk by chunk, so a million results never sit in memory at once.

Why chunks and a merge: rustac turns a list of items into Arrow with stac-geoparquet's schema
rules, but only for a list it holds in full, and every property and asset key becomes a column
of its own, so two pages rarely share one schema. Each chunk of items is written by rustac to a
spool file of its own (so the conversion is rustac's, exactly as a one-shot export), and its
schema is unified into the file's at once (a column missing from a chunk becomes nulls), as are
the ``geo`` metadata's geometry types and bbox; ``finish`` copies the chunks a few at a time into
the final file as row groups. Nothing per chunk stays in memory, so a million items cost what a
thousand do. A single chunk is simply moved into place: small exports are the very
file rustac writes.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stacdesk.core.common import plural
from stacdesk.core.common.errors import CatalogError

Json = dict[str, Any]
# Items converted by rustac at once: its conversion holds ~140 KiB per Sentinel-2 item while it
# runs (2,000 items peaked at ~450 MiB; the CLI paging 1,000-item pages from pgstac peaked at
# 413 MiB with 500, 334 MiB with 250), so chunks stay small; chunks are then gathered into row
# groups of at least ROW_GROUP_ITEMS rows (one Arrow table of that many rows in memory).
CHUNK_ITEMS = 250
ROW_GROUP_ITEMS = 5_000


class GeoparquetError(CatalogError):
    """stac-geoparquet that could not be written; the message says why."""


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


def usable_geometry(geometry: Any) -> bool:
    """Whether the geoparquet writer can take this geometry: well-formed GeoJSON (RFC 7946
    shapes, finite numbers, no empty parts). ``{}``, a made-up type or an empty polygon inside
    a MultiPolygon would otherwise fail the whole file (or panic in the writer)."""
    if not isinstance(geometry, dict):
        return False
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        return _many(geometry.get("geometries"), usable_geometry)
    check = _SHAPES.get(kind) if isinstance(kind, str) else None
    return check is not None and check(geometry.get("coordinates"))


def _rustac_write(rows: list[Json], path: Path) -> None:
    import rustac

    try:
        rustac.write_sync(str(path), rows, format="geoparquet")
    except Exception as exc:  # RustacError: schema the writer cannot handle
        raise GeoparquetError(f"Cannot write stac-geoparquet: {exc}") from exc
    except BaseException as exc:  # a Rust panic (pyo3 PanicException) is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise GeoparquetError(f"Cannot write stac-geoparquet: the writer failed ({exc})") from None


class _GeoSummary:
    """The ``geo`` metadata over all chunks: the first chunk's, with geometry types and bbox
    merged as each chunk is written (nothing per chunk is kept, so it stays small)."""

    def __init__(self) -> None:
        self.first: Json | None = None
        self.types: dict[str, None] = {}
        self.bbox: list[float] | None = None

    def add(self, metadata: dict[bytes, bytes]) -> None:
        if b"geo" not in metadata:
            return
        geo = json.loads(metadata[b"geo"])
        if self.first is None:
            self.first = geo
        column = self.first.get("primary_column", "geometry")
        own = geo.get("columns", {}).get(column, {})
        self.types.update(dict.fromkeys(own.get("geometry_types", [])))
        box = own.get("bbox")
        if isinstance(box, list) and len(box) == 4:
            old = self.bbox or box
            self.bbox = [
                min(old[0], box[0]),
                min(old[1], box[1]),
                max(old[2], box[2]),
                max(old[3], box[3]),
            ]

    def encoded(self) -> bytes | None:
        if self.first is None:
            return None
        spec = self.first["columns"][self.first.get("primary_column", "geometry")]
        spec["geometry_types"] = sorted(self.types)
        if self.bbox is not None:
            spec["bbox"] = self.bbox
        return json.dumps(self.first, separators=(",", ":")).encode()


class GeoparquetStream:
    """Items in, one stac-geoparquet file out: ``add`` items as they arrive, then ``finish``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.written = 0
        self.skipped = 0
        self.dropped = 0
        self._rows: list[Json] = []
        self._chunks: list[Path] = []
        self._schema: Any = None  # the chunks' schemas unified so far (pyarrow.Schema)
        self._first_metadata: dict[bytes, bytes] = {}
        self._geo = _GeoSummary()
        self._spool = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", dir=self.path.parent))

    def add(self, item: Json) -> None:
        if not usable_geometry(item.get("geometry")):
            self.skipped += 1
            return
        cleaned, n = _without_empty_objects(item)
        self.dropped += n
        self._rows.append(cleaned)
        if len(self._rows) >= CHUNK_ITEMS:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        chunk = self._spool / f"{len(self._chunks):06d}.parquet"
        _rustac_write(self._rows, chunk)
        self.written += len(self._rows)
        self._rows = []
        self._chunks.append(chunk)
        self._note_schema(chunk)

    def _note_schema(self, chunk: Path) -> None:
        """Unify the chunk's schema into the file's now, so no chunk's metadata is kept."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        with pq.ParquetFile(chunk) as written:
            schema = written.schema_arrow
            metadata = dict(written.metadata.metadata or {})  # the file's, with ``geo``
        self._geo.add(metadata)
        if self._schema is None:
            self._first_metadata = {k: v for k, v in metadata.items() if k != b"ARROW:schema"}
            self._schema = schema.remove_metadata()
            return
        try:
            self._schema = pa.unify_schemas(
                [self._schema, schema.remove_metadata()], promote_options="permissive"
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise GeoparquetError(f"Cannot write stac-geoparquet: pages disagree ({exc})") from exc

    def finish(self) -> None:
        """Write the file at ``path`` (every chunk, merged); the spool is removed."""
        try:
            self._flush()
            if not self._chunks:
                raise GeoparquetError(
                    "Nothing to write: a stac-geoparquet file needs at least one item."
                )
            if len(self._chunks) == 1:
                self._chunks[0].replace(self.path)
            else:
                self._merge()
        finally:
            self.discard()

    def _merge(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        metadata = dict(self._first_metadata)
        geo = self._geo.encoded()
        if geo is not None:
            metadata[b"geo"] = geo
        schema = self._schema.with_metadata(metadata)
        gathered: list[Any] = []
        rows = 0
        with pq.ParquetWriter(self.path, schema) as writer:
            for chunk in self._chunks:
                table = pq.read_table(chunk)
                columns = [
                    table.column(field.name).cast(field.type)
                    if field.name in table.schema.names
                    else pa.nulls(len(table), field.type)
                    for field in schema
                ]
                gathered.append(pa.Table.from_arrays(columns, schema=schema))
                rows += len(table)
                del table, columns
                chunk.unlink()  # the spool shrinks as the file grows
                if rows >= ROW_GROUP_ITEMS:
                    writer.write_table(pa.concat_tables(gathered), row_group_size=rows)
                    gathered, rows = [], 0
            if gathered:
                writer.write_table(pa.concat_tables(gathered), row_group_size=rows)

    def discard(self) -> None:
        """Remove the spool (the chunks); the file at ``path``, if written, stays."""
        self._rows = []
        shutil.rmtree(self._spool, ignore_errors=True)

    def notes(self) -> list[str]:
        notes = []
        if self.skipped:
            notes.append(
                f"{plural.count(self.skipped, 'item')} without a geometry (or with one that is "
                f"not valid GeoJSON) {plural.agree(self.skipped, 'was', 'were')} left out "
                "(geoparquet needs one)."
            )
        if self.dropped:
            notes.append(
                f"{plural.count(self.dropped, 'empty JSON object')} "
                f"{plural.agree(self.dropped, 'was', 'were')} dropped (Parquet cannot store them)."
            )
        return notes


def write_geoparquet(items: Any, path: Path) -> tuple[int, list[str]]:
    """stac-geoparquet via rustac, chunk by chunk. Items without a geometry are skipped."""
    stream = GeoparquetStream(path)
    try:
        for item in items:
            stream.add(item)
        stream.finish()
    finally:
        stream.discard()
    return stream.written, stream.notes()
