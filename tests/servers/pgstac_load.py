"""Loading a generated catalog into a pgstac database, in one child process.

Why: migrate, load and settings run in one ``python -m tests.servers.pgstac_load`` child instead
of several ``pypgstac`` CLI calls (one interpreter start instead of six).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from tests.servers._proc import run
from tests.servers.catalog import GeneratedCatalog
from tests.servers.pg_cluster import PgCluster

REPO_ROOT = Path(__file__).resolve().parents[2]


def load_catalog(
    cluster: PgCluster, catalog: GeneratedCatalog, *, context: bool = True, timeout: float = 600.0
) -> None:
    """Create the database, migrate pgstac, load collections and items, set ``context``.

    ``timeout`` grows with what is loaded (a million items take far longer than the tests' 1,550).
    """
    collections = cluster.workdir / "collections.ndjson"
    collections.write_text("".join(json.dumps(c) + "\n" for c in catalog.collections))
    items = [catalog.items_path(cid) for cid in catalog.collection_ids]
    pythonpath = [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(pythonpath)}
    run(
        [
            sys.executable,
            "-m",
            "tests.servers.pgstac_load",
            "--dsn",
            cluster.dsn(),
            "--context",
            "on" if context else "off",
            "--collections",
            collections,
            *items,
        ],
        env=env,
        cwd=cluster.workdir,
        timeout=timeout,
    )


def _load_main(argv: Sequence[str]) -> None:
    """Child-process entry: everything pypgstac does, with a single interpreter start."""
    parser = argparse.ArgumentParser(prog="python -m tests.servers.pgstac_load")
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--context", choices=("on", "off", "auto"), default="on")
    parser.add_argument("--collections", required=True)
    parser.add_argument("items", nargs="*")
    args = parser.parse_args(argv)

    import orjson
    import psycopg
    from pypgstac.db import PgstacDB
    from pypgstac.load import Loader, Methods
    from pypgstac.migrate import Migrate

    dbname = args.dsn.rsplit("/", 1)[1]
    with psycopg.connect(args.dsn.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{dbname}"')

    def records(path: str) -> Iterator[dict[str, object]]:
        with open(path, "rb") as fh:
            for line in fh:
                if line.strip():
                    yield orjson.loads(line)

    db = PgstacDB(dsn=args.dsn)
    try:
        Migrate(db).run_migration()
        loader = Loader(db=db)
        loader.load_collections(records(args.collections), Methods.upsert)
        for path in args.items:
            loader.load_items(records(path), Methods.insert)
    finally:
        db.disconnect()
        db.close()
    with psycopg.connect(args.dsn, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO pgstac.pgstac_settings (name, value) VALUES ('context', %s) "
            "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
            (args.context,),
        )


if __name__ == "__main__":
    _load_main(sys.argv[1:])
