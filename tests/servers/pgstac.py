"""stac-fastapi-pgstac on a private, throwaway PostgreSQL 15 + PostGIS cluster.

Why: pgstac is the production-faithful server (Planetary Computer and Copernicus Data Space run
it): correct GET and POST search, keyset token paging, CQL2, sort, fields. The fixture builds its
own cluster (``pg_cluster.py``), loads a generated catalog (``pgstac_load.py``) and runs the API
under uvicorn; nothing touches a system-wide PostgreSQL.

Recipe: ``SERVERS.md`` of the shared test-data folder, section C. Differences: ``postgres`` is
started directly (so it can carry a parent-death signal) instead of through ``pg_ctl start``;
migrate, load and settings run in one child process instead of several ``pypgstac`` CLI calls.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers._proc import LOOPBACK, free_port, http_ok, spawn, stop_process, wait_until
from tests.servers.catalog import GeneratedCatalog
from tests.servers.pg_cluster import DB_NAME, PgCluster, running_cluster
from tests.servers.pgstac_load import load_catalog


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
    load_timeout: float = 600.0,
) -> Iterator[PgstacServer]:
    """Cluster + loaded catalog + uvicorn, all torn down on exit.

    ``context=True`` turns pgstac's ``context`` setting on, so searches return ``numberMatched``
    (off by default in pgstac, as on most public deployments). ``load_timeout`` bounds loading
    the catalog: raise it with the number of items (the benchmarks load a million).
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with running_cluster(timeout=timeout) as cluster:
        timings["postgres"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        load_catalog(cluster, catalog, context=context, timeout=load_timeout)
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
