"""stac-geoparquet written chunk by chunk, so a million results never sit in memory at once.

Why chunks and a merge: rustac turns a list of items into Arrow with stac-geoparquet's schema
rules, but only for a list it holds in full, and every property and asset key becomes a column
of its own, so two pages rarely share one schema. Each chunk of items is written by rustac to a
spool file of its own (so the conversion is rustac's, exactly as a one-shot export); ``finish``
unifies the chunks' schemas (a column missing from a chunk becomes nulls) and copies them one at
a time into the final file as row groups, with the ``geo`` metadata's geometry types and bbox
merged over all chunks. A single chunk is simply moved into place: small exports are the very
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
CHUNK_ITEMS = 2_000  # items converted at once: bounds memory, and makes row groups of this size


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


def _merged_geo(metadatas: list[dict[bytes, bytes]]) -> bytes:
    """The first chunk's ``geo`` metadata with geometry types and bbox taken over all chunks."""
    geos = [json.loads(m[b"geo"]) for m in metadatas]
    merged = geos[0]
    column = merged.get("primary_column", "geometry")
    spec = merged["columns"][column]
    types: dict[str, None] = {}
    boxes = []
    for geo in geos:
        own = geo.get("columns", {}).get(column, {})
        types.update(dict.fromkeys(own.get("geometry_types", [])))
        if isinstance(own.get("bbox"), list) and len(own["bbox"]) == 4:
            boxes.append(own["bbox"])
    spec["geometry_types"] = sorted(types)
    if boxes:
        spec["bbox"] = [
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        ]
    return json.dumps(merged, separators=(",", ":")).encode()


class GeoparquetStream:
    """Items in, one stac-geoparquet file out: ``add`` items as they arrive, then ``finish``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.written = 0
        self.skipped = 0
        self.dropped = 0
        self._rows: list[Json] = []
        self._chunks: list[Path] = []
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

        files = [pq.ParquetFile(chunk) for chunk in self._chunks]
        try:
            schema = pa.unify_schemas([f.schema_arrow for f in files], promote_options="permissive")
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise GeoparquetError(f"Cannot write stac-geoparquet: pages disagree ({exc})") from exc
        metadatas = [dict(f.metadata.metadata or {}) for f in files]
        kept = {k: v for k, v in metadatas[0].items() if k != b"ARROW:schema"}
        kept[b"geo"] = _merged_geo(metadatas)
        schema = schema.with_metadata(kept)
        with pq.ParquetWriter(self.path, schema) as writer:
            for chunk in files:
                table = chunk.read()
                columns = [
                    table.column(field.name).cast(field.type)
                    if field.name in table.schema.names
                    else pa.nulls(len(table), field.type)
                    for field in schema
                ]
                writer.write_table(pa.Table.from_arrays(columns, schema=schema))
                chunk.close()

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
