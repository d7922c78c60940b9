"""The download queue on disk: SQLite in the user data folder, so downloads survive restarts.

Every state change is written at once or, while downloads run, by the engine's recorder thread
in batches (WAL journal, so a write costs little and a crash keeps the last committed state).
On open, jobs left ``running`` by a killed process go back to ``queued``; their ``.part`` files
are resumed from where they stopped. The items a job belongs to are kept too, for the STAC
catalog written in the download folder.
"""

from __future__ import annotations

import contextlib
import json
import operator
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from stacdesk.core.downloads.jobs import DownloadJob, JobState

SCHEMA_VERSION = 2  # 2: local_root
_COLUMNS = (
    "item_id",
    "collection",
    "asset_key",
    "href",
    "dest",
    "root",
    "alternates",
    "expected_size",
    "checksum",
    "s3",
    "state",
    "bytes_done",
    "total_size",
    "error",
    "note",
    "attempts",
    "validator",
    "source",
    "created",
    "finished_at",
    "local_root",
)
_ROW = operator.attrgetter(*_COLUMNS)
_ALTERNATES, _S3, _STATE = (_COLUMNS.index(c) for c in ("alternates", "s3", "state"))
_INSERT = f"INSERT INTO jobs ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
_UPDATE = f"UPDATE jobs SET {', '.join(f'{c} = ?' for c in _COLUMNS)} WHERE id = ?"

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL, collection TEXT NOT NULL, asset_key TEXT NOT NULL,
    href TEXT NOT NULL, dest TEXT NOT NULL, root TEXT NOT NULL,
    alternates TEXT NOT NULL DEFAULT '[]', expected_size INTEGER, checksum TEXT,
    s3 TEXT NOT NULL DEFAULT '{{}}', state TEXT NOT NULL, bytes_done INTEGER NOT NULL DEFAULT 0,
    total_size INTEGER, error TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0, validator TEXT, source TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL, finished_at REAL, local_root TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY, json BLOB NOT NULL, updated REAL NOT NULL
);
PRAGMA user_version = {SCHEMA_VERSION};
"""


class JobStore:
    """Jobs by id, in insertion order; the engine is the only writer. One connection shared
    by the event loop and the engine's recorder thread, each call (and each transaction) under
    a lock, so a transaction never takes in another thread's writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._upgrade()
        self.recovered = self._recover()

    @classmethod
    def default(cls) -> JobStore:
        from stacdesk.config import app_paths

        return cls(app_paths().data / "downloads.sqlite3")

    def _upgrade(self) -> None:
        """A queue written by an older version gains the columns added since (empty values)."""
        have = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
        if "local_root" not in have:
            self._db.execute("ALTER TABLE jobs ADD COLUMN local_root TEXT NOT NULL DEFAULT ''")

    def _recover(self) -> int:
        """Jobs a killed process left running are queued again (their .part files stay)."""
        cur = self._db.execute(
            "UPDATE jobs SET state = ? WHERE state = ?", (JobState.QUEUED, JobState.RUNNING)
        )
        return cur.rowcount

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group many writes into one commit (bulk adds, the recorder's batches); nests
        harmlessly. Other threads' calls wait until it ends."""
        with self._lock:
            if self._db.in_transaction:
                yield
                return
            self._db.execute("BEGIN")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, params)

    def _one(self, sql: str, params: Any = ()) -> Any:
        with self._lock:
            return self._db.execute(sql, params).fetchone()

    # -- jobs
    def add(self, job: DownloadJob) -> DownloadJob:
        """Insert a new job; returns it with its id set."""
        cur = self._execute(_INSERT, self._values(job))
        job.id = int(cur.lastrowid or 0)
        return job

    def update(self, job: DownloadJob) -> None:
        self._execute(_UPDATE, (*self._values(job), job.id))

    def set_progress(self, job_id: int, bytes_done: int) -> None:
        self._execute("UPDATE jobs SET bytes_done = ? WHERE id = ?", (bytes_done, job_id))

    def get(self, job_id: int) -> DownloadJob | None:
        row = self._one(f"SELECT id, {', '.join(_COLUMNS)} FROM jobs WHERE id = ?", (job_id,))
        return self._job(row) if row else None

    def all(self) -> list[DownloadJob]:
        with self._lock:
            rows = self._db.execute(f"SELECT id, {', '.join(_COLUMNS)} FROM jobs ORDER BY id")
            return [self._job(row) for row in rows]

    def delete(self, job_ids: list[int]) -> None:
        with self._lock:
            self._db.executemany("DELETE FROM jobs WHERE id = ?", [(i,) for i in job_ids])

    @staticmethod
    def _values(job: DownloadJob) -> list[Any]:
        """The row's values in ``_COLUMNS`` order (a row is written a few times per file)."""
        out = list(_ROW(job))
        out[_ALTERNATES] = _json_text(list(job.alternates)) if job.alternates else "[]"
        out[_S3] = _json_text(job.s3) if job.s3 else "{}"
        out[_STATE] = job.state.value
        return out

    @staticmethod
    def _job(row: tuple[Any, ...]) -> DownloadJob:
        fields: dict[str, Any] = dict(zip(_COLUMNS, row[1:], strict=True))
        fields["alternates"] = tuple(json.loads(fields["alternates"]))
        fields["s3"] = json.loads(fields["s3"])
        fields["state"] = JobState(fields["state"])
        return DownloadJob(id=int(row[0]), **fields)

    # -- items (for the catalog written beside the files)
    def put_item(self, key: str, item_json: bytes) -> None:
        self._execute(
            "INSERT INTO items (key, json, updated) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET json = excluded.json, updated = excluded.updated",
            (key, item_json, time.time()),
        )

    def item(self, key: str) -> bytes | None:
        row = self._one("SELECT json FROM items WHERE key = ?", (key,))
        return bytes(row[0]) if row else None

    def forget_unused_items(self) -> None:
        """Drop items no job refers to any more (after the history is cleared)."""
        self._execute(
            "DELETE FROM items WHERE key NOT IN "
            "(SELECT collection || char(31) || item_id FROM jobs)"
        )


def _json_text(value: Any) -> str:
    """A JSON column's text: orjson's, a few times faster than json's (a row is written several
    times per file: benchmarks P6-small); json's for what orjson refuses (a huge integer …)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value)
