"""stac-fastapi-pgstac on a private, throwaway PostgreSQL 15 + PostGIS cluster.

Why: pgstac is the production-faithful server (Planetary Computer and Copernicus Data Space run
it): correct GET and POST search, keyset token paging, CQL2, sort, fields. The fixture builds its
own cluster in a temp folder on a free loopback port (fsync off), loads a generated catalog and
runs the API under uvicorn; nothing touches a system-wide PostgreSQL.

Recipe: ``SERVERS.md`` of the shared test-data folder, section C. Differences: ``postgres`` is
started directly (so it can carry a parent-death signal) instead of through ``pg_ctl start``;
migrate, load and settings run in one ``python -m tests.servers.pgstac load`` child instead of
several ``pypgstac`` CLI calls (one interpreter start instead of six).
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers._proc import (
    LOOPBACK,
    free_port,
    http_ok,
    run,
    spawn,
    stop_process,
    wait_until,
)
from tests.servers.catalog import GeneratedCatalog

PG_MAJOR = "15"
SKIP_REASON = (
    "PostgreSQL 15 + PostGIS 3 not installed: apt-get install postgresql-15 postgresql-15-postgis-3"
)
REPO_ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "pgstac"
WORKDIR_PREFIX = "stacdesk-pg-"


def pg_bindir() -> Path:
    """Where the PostgreSQL server binaries are (``$STACDESK_PG_BINDIR`` overrides)."""
    return Path(os.environ.get("STACDESK_PG_BINDIR", f"/usr/lib/postgresql/{PG_MAJOR}/bin"))


def postgis_control() -> Path:
    """The PostGIS extension control file of that PostgreSQL (``pg_config --sharedir``)."""
    pg_config = pg_bindir() / "pg_config"
    sharedir = Path(f"/usr/share/postgresql/{PG_MAJOR}")
    if pg_config.is_file():
        out = subprocess.run([pg_config, "--sharedir"], capture_output=True, text=True, check=False)
        if out.returncode == 0 and out.stdout.strip():
            sharedir = Path(out.stdout.strip())
    return sharedir / "extension" / "postgis.control"


def server_user() -> str | None:
    """The OS user to run PostgreSQL as: ``postgres`` when we are root (initdb refuses root)."""
    return "postgres" if os.geteuid() == 0 else None


def missing_reason() -> str | None:
    """Why the pgstac server cannot run here, or None if it can."""
    if not (pg_bindir() / "initdb").is_file() or not postgis_control().is_file():
        return SKIP_REASON
    user = server_user()
    if user is not None:
        try:
            pwd.getpwnam(user)
        except KeyError:
            return f"running as root needs the '{user}' user (created by the postgresql package)"
    return None


# ---------------------------------------------------------------- the cluster


@dataclass
class PgCluster:
    """A running private PostgreSQL cluster."""

    workdir: Path
    datadir: Path
    port: int
    user: str | None
    proc: subprocess.Popen[bytes]
    log: Path

    def dsn(self, dbname: str = DB_NAME) -> str:
        """libpq URL (trust auth, so no password)."""
        return f"postgresql://postgres@{LOOPBACK}:{self.port}/{dbname}"

    def psql(self, sql: str, dbname: str = DB_NAME) -> str:
        """Run SQL with psql and return its unaligned output."""
        return run(
            [
                pg_bindir() / "psql",
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                LOOPBACK,
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                dbname,
                "-c",
                sql,
            ],
            env={**os.environ, "PGPASSWORD": "x"},
        ).strip()


def _pg_ready(port: int) -> bool:
    res = subprocess.run(
        [pg_bindir() / "pg_isready", "-q", "-h", LOOPBACK, "-p", str(port), "-t", "1"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    return res.returncode == 0


def sweep_stale_clusters(max_age: float = 3600.0) -> None:
    """Remove cluster folders left by a hard-killed session (pdeathsig stopped their servers).

    A folder is stale if its postmaster.pid names a dead process, or if it has no pid file and
    is older than ``max_age`` (younger ones may be a concurrent session inside initdb).
    """
    for workdir in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
        pidfile = workdir / "data" / "postmaster.pid"
        try:
            if pidfile.is_file():
                pid = int(pidfile.read_text().split("\n", 1)[0])
                try:
                    os.kill(pid, 0)
                    continue  # alive: another session's cluster
                except ProcessLookupError:
                    pass
            elif time.time() - workdir.stat().st_mtime < max_age:
                continue
        except (OSError, ValueError):
            continue
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def running_cluster(*, attempts: int = 3, timeout: float = 60.0) -> Iterator[PgCluster]:
    """initdb + start a cluster on a free 127.0.0.1 port; immediate stop and removal on exit."""
    reason = missing_reason()
    if reason is not None:
        raise FileNotFoundError(reason)
    sweep_stale_clusters()
    bindir, user = pg_bindir(), server_user()
    workdir = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
    datadir, log = workdir / "data", workdir / "postgres.log"
    proc: subprocess.Popen[bytes] | None = None
    try:
        if user is not None:
            pw = pwd.getpwnam(user)
            os.chown(workdir, pw.pw_uid, pw.pw_gid)
        run(
            [
                bindir / "initdb",
                "-D",
                datadir,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            user=user,
            cwd=workdir,
        )
        for attempt in range(attempts):
            port = free_port()
            proc = spawn(
                [
                    bindir / "postgres",
                    "-D",
                    datadir,
                    "-p",
                    str(port),
                    "-k",
                    datadir,
                    "-c",
                    f"listen_addresses={LOOPBACK}",
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                ],
                log=log,
                cwd=workdir,
                user=user,
                death_signal="QUIT",  # = immediate shutdown if pytest dies
            )
            try:
                wait_until(
                    lambda port=port: _pg_ready(port),
                    proc=proc,
                    log=log,
                    what="postgres",
                    timeout=timeout,
                )
                break
            except RuntimeError:  # e.g. the port was taken meanwhile
                stop_process(proc)
                if attempt == attempts - 1:
                    raise
        assert proc is not None
        yield PgCluster(workdir, datadir, port, user, proc, log)
    finally:
        if proc is not None and proc.poll() is None:
            with suppress(RuntimeError, subprocess.TimeoutExpired):
                run([bindir / "pg_ctl", "stop", "-D", datadir, "-m", "immediate", "-w"], user=user)
            stop_process(proc, timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------- loading


def load_catalog(cluster: PgCluster, catalog: GeneratedCatalog, *, context: bool = True) -> None:
    """Create the database, migrate pgstac, load collections and items, set ``context``."""
    collections = cluster.workdir / "collections.ndjson"
    collections.write_text("".join(json.dumps(c) + "\n" for c in catalog.collections))
    items = [catalog.items_path(cid) for cid in catalog.collection_ids]
    pythonpath = [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(pythonpath)}
    run(
        [
            sys.executable,
            "-m",
            "tests.servers.pgstac",
            "load",
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
        timeout=600,
    )


def _load_main(argv: Sequence[str]) -> None:
    """Child-process entry: everything pypgstac does, with a single interpreter start."""
    parser = argparse.ArgumentParser(prog="python -m tests.servers.pgstac load")
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


# ---------------------------------------------------------------- the API


@dataclass
class PgstacServer:
    """A running stac-fastapi-pgstac API and its database."""

    url: str
    cluster: PgCluster
    proc: subprocess.Popen[bytes]
    log: Path
    timings: dict[str, float] = field(default_factory=dict)

    def set_setting(self, name: str, value: str) -> None:
        """Change a pgstac setting (e.g. ``context`` on/off/auto); it applies to the next query."""
        literal_name, literal_value = (s.replace("'", "''") for s in (name, value))
        self.cluster.psql(
            "INSERT INTO pgstac.pgstac_settings (name, value) "
            f"VALUES ('{literal_name}', '{literal_value}') "
            "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"
        )


@contextmanager
def running_pgstac(
    catalog: GeneratedCatalog,
    *,
    context: bool = True,
    timeout: float = 60.0,
    attempts: int = 3,
) -> Iterator[PgstacServer]:
    """Cluster + loaded catalog + uvicorn, all torn down on exit.

    ``context=True`` turns pgstac's ``context`` setting on, so searches return ``numberMatched``
    (off by default in pgstac, as on most public deployments).
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with running_cluster(timeout=timeout) as cluster:
        timings["postgres"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        load_catalog(cluster, catalog, context=context)
        timings["load"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        log = cluster.workdir / "uvicorn.log"
        env = {
            **os.environ,
            "USE_API_HYDRATE": "true",
            "PGUSER": "postgres",
            "PGPASSWORD": "x",  # required by the settings model although trust auth ignores it
            "PGHOST": LOOPBACK,
            "PGPORT": str(cluster.port),
            "PGDATABASE": DB_NAME,
        }
        proc: subprocess.Popen[bytes] | None = None
        try:
            for attempt in range(attempts):
                port = free_port()
                url = f"http://{LOOPBACK}:{port}"
                proc = spawn(
                    [
                        sys.executable,
                        "-m",
                        "uvicorn",
                        "stac_fastapi.pgstac.app:create_app",
                        "--factory",
                        "--host",
                        LOOPBACK,
                        "--port",
                        str(port),
                        "--log-level",
                        "warning",
                        "--no-access-log",
                        "--timeout-graceful-shutdown",
                        "3",
                    ],
                    log=log,
                    env=env,
                    cwd=cluster.workdir,  # no stray .env file is read from here
                )
                try:
                    wait_until(
                        http_ok(url + "/"),
                        proc=proc,
                        log=log,
                        what="stac-fastapi-pgstac",
                        timeout=timeout,
                    )
                    break
                except RuntimeError:
                    stop_process(proc)
                    if attempt == attempts - 1:
                        raise
            assert proc is not None
            timings["api"] = time.perf_counter() - t2
            timings["total"] = time.perf_counter() - t0
            yield PgstacServer(url=url, cluster=cluster, proc=proc, log=log, timings=timings)
        finally:
            stop_process(proc)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "load":
        _load_main(sys.argv[2:])
    else:
        sys.exit("usage: python -m tests.servers.pgstac load --dsn DSN --collections FILE ITEMS...")
