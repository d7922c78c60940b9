"""A private, throwaway PostgreSQL 15 + PostGIS cluster for the pgstac tests.

Why: nothing may touch a system-wide PostgreSQL. The cluster lives in a temp folder on a free
loopback port (fsync off); ``postgres`` is started directly rather than through ``pg_ctl start``
so it carries a parent-death signal, and folders a hard-killed session left are swept.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from tests.servers._proc import LOOPBACK, free_port, run, spawn, stop_process, wait_until

PG_MAJOR = "15"
SKIP_REASON = (
    "PostgreSQL 15 + PostGIS 3 not installed: apt-get install postgresql-15 postgresql-15-postgis-3"
)
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
