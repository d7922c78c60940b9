"""Queryables registered in the pgstac test server, as a production pgstac would list them.

Why: a fresh pgstac lists only ``id``, ``datetime`` and ``geometry``; Planetary Computer and
Copernicus Data Space register per-collection queryables (``eo:cloud_cover``, ``platform``…). The
filter form and the cloud-cover slider are built from these, so the tests need them too.
"""

from __future__ import annotations

import json

from tests.servers.pgstac import PgstacServer

QUERYABLES: tuple[tuple[str, tuple[str, ...] | None, dict[str, object], str | None], ...] = (
    (
        "eo:cloud_cover",
        ("sentinel-2-l2a", "landsat-c2-l2"),
        {"title": "Cloud cover", "type": "number", "minimum": 0, "maximum": 100},
        "to_float",
    ),
    (
        "platform",
        ("sentinel-2-l2a",),
        {
            "title": "Platform",
            "type": "string",
            "enum": ["sentinel-2a", "sentinel-2b", "sentinel-2c"],
        },
        "to_text",
    ),
    (
        "platform",
        ("landsat-c2-l2",),
        {"title": "Platform", "type": "string", "enum": ["landsat-7", "landsat-8", "landsat-9"]},
        "to_text",
    ),
    (
        "sar:instrument_mode",
        ("sentinel-1-grd",),
        {"title": "Instrument mode", "type": "string", "enum": ["IW", "EW", "SM"]},
        "to_text",
    ),
)


def ensure_queryables(server: PgstacServer) -> None:
    """Register ``QUERYABLES`` once (idempotent: the session-wide server is shared)."""
    known = server.cluster.psql(
        "SELECT count(*) FROM pgstac.queryables WHERE name <> ALL("
        "ARRAY['id','geometry','datetime'])"
    )
    if int(known or 0) >= len(QUERYABLES):
        return
    for name, collections, definition, wrapper in QUERYABLES:
        ids = (
            "NULL"
            if collections is None
            else "ARRAY[" + ",".join(f"'{c}'" for c in collections) + "]::text[]"
        )
        literal = json.dumps(definition).replace("'", "''")
        server.cluster.psql(
            "SET search_path TO pgstac, public; "
            "INSERT INTO pgstac.queryables (name, collection_ids, definition, property_wrapper) "
            f"VALUES ('{name}', {ids}, '{literal}'::jsonb, '{wrapper}')"
        )
