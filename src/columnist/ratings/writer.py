"""The one cache writer: all-or-nothing transactions and the change-only upserts.

Every write to the rating cache (a file import, an API sync, the seed, the search index)
follows these rules, kept here once:

* **All or nothing.** `transaction(db)` is `BEGIN IMMEDIATE` … `COMMIT`, rolled back on
  any exception, a cancel included, so a failed or cancelled write leaves the cache
  exactly as it was. Plain SQL, because sqlite-utils' write helpers commit on their own.
* **Change only.** `upsert_sql` writes a provider or location row only when a value
  really changes (equivalent data produces zero changes, so re-importing is a no-op);
  a None means "not in this source" and keeps the cached value, and `fill_only` columns
  are written only where the cache has nothing (an older source must not overwrite a
  newer one). `RATING_UPSERT` does the same for a rating row.
* **One import at a time.** `one_import_at_a_time(db, waiting)` holds a lock file beside
  the cache (`ratings.db.import.lock`, across threads and processes) for a whole import,
  so a second import waits for the first, saying so, and then finds its file already
  imported instead of failing with "database is locked" after the busy timeout.

    >>> import sqlite_utils
    >>> from columnist.ratings.schema import ensure_schema
    >>> db = sqlite_utils.Database(memory=True)
    >>> ensure_schema(db)
    >>> sql = upsert_sql("providers", PROVIDER_COLS)
    >>> def row(name, town):
    ...     values = {"name": name, "town": town}
    ...     return ("RJ1", *(values.get(c) for c in PROVIDER_COLS), 1)
    >>> with transaction(db) as conn:
    ...     upsert(conn, sql, [row("Guy's", "London")], "providers")
    (1, 0)
    >>> with transaction(db) as conn:
    ...     upsert(conn, sql, [row("Guy's", None), row("Guy's", "London")], "providers")
    (0, 0)
    >>> with transaction(db) as conn:
    ...     upsert(conn, sql, [row("Guy's and St Thomas'", None)], "providers")
    (0, 1)
    >>> db.execute("SELECT name, town FROM providers").fetchall()
    [("Guy's and St Thomas'", 'London')]
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from columnist.ratings.connection import CacheDb

# The columns a source may write, besides `id` and `source_id` (which import wrote it).
PROVIDER_COLS = (
    "name", "ods_code", "type", "sector", "also_known_as", "street", "town", "postcode",
    "region", "status", "opened", "closed", "url", "is_nhs_trust",
)
LOCATION_COLS = (
    "provider_id", "name", "ods_code", "type", "care_home", "also_known_as", "street",
    "town", "postcode", "region", "status", "url",
)
RATING_COLS = (
    "subject_type", "subject_id", "service", "key_question", "rating", "rating_raw",
    "flagged", "published", "report_type", "inherited", "source_id",
)


@contextlib.contextmanager
def transaction(db: CacheDb) -> Iterator[sqlite3.Connection]:
    """One all-or-nothing write: commit at the end, roll back on any exception.

    A transaction the connection already had open is committed first (sqlite3 opens one
    implicitly for a plain statement), so what follows is only this write.
    """
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def database_file(db: CacheDb) -> str:
    """The file behind `db`'s main database ('' for an in-memory one)."""
    return next((r[2] for r in db.conn.execute("PRAGMA database_list") if r[1] == "main"), "")


def import_lock_path(cache: Path) -> Path:
    """The lock file an import of the cache at `cache` holds from start to commit."""
    return cache.with_name(cache.name + ".import.lock")


# How often a waiting import calls back (to report the wait and to notice a cancel).
WAIT_POLL_S = 0.2


@contextlib.contextmanager
def one_import_at_a_time(db: CacheDb, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the cache's import lock for the body, calling `waiting()` while another holds it.

    An import keeps its write transaction open for as long as it reads its file (about
    25 s for a full CQC file), far longer than any busy timeout, so SQLite's own lock
    would turn a second import into "database is locked". `waiting` is called every
    `WAIT_POLL_S` until the lock is free; it reports the wait and raises to give up (on a
    cancel). An in-memory database has no other importer and takes no lock.
    """
    from filelock import FileLock, Timeout

    file = database_file(db)
    if not file:
        yield
        return
    lock = FileLock(import_lock_path(Path(file)))
    while True:
        try:
            lock.acquire(timeout=WAIT_POLL_S)
            break
        except Timeout:
            waiting()
    try:
        yield
    finally:
        lock.release()


def upsert_sql(table: str, cols: Sequence[str], fill_only: Iterable[str] = ()) -> str:
    """INSERT … ON CONFLICT(id) DO UPDATE that only writes when a value really changes.

    Rows are `(id, *cols, source_id)`. A None keeps the cached value; `fill_only` columns
    are written only where the cache has nothing.
    """
    fill = set(fill_only)
    assigns, diffs = [], []
    for c in cols:
        new = f"coalesce({c}, excluded.{c})" if c in fill else f"coalesce(excluded.{c}, {c})"
        assigns.append(f"{c} = {new}")
        diffs.append(f"{new} IS NOT {c}")
    names = ", ".join(("id", *cols, "source_id"))
    marks = ", ".join("?" for _ in range(len(cols) + 2))
    return (
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET "
        f"{', '.join(assigns)}, source_id = excluded.source_id WHERE {' OR '.join(diffs)}"
    )


# Rows are RATING_COLS. A rating for the same subject, service, key question and date is
# rewritten only when the word (or its report type / inheritance) really changed.
RATING_UPSERT = (
    f"INSERT INTO ratings ({', '.join(RATING_COLS)}) VALUES ({','.join('?' * len(RATING_COLS))}) "
    "ON CONFLICT(subject_type, subject_id, service, key_question, published) DO UPDATE SET "
    "rating = excluded.rating, rating_raw = excluded.rating_raw, flagged = excluded.flagged, "
    "report_type = coalesce(excluded.report_type, report_type), "
    "inherited = coalesce(excluded.inherited, inherited), source_id = excluded.source_id "
    "WHERE rating IS NOT excluded.rating OR rating_raw IS NOT excluded.rating_raw "
    "OR coalesce(excluded.report_type, report_type) IS NOT report_type "
    "OR coalesce(excluded.inherited, inherited) IS NOT inherited"
)


def insert_sql(table: str, cols: Sequence[str], *, keep_existing: bool = False) -> str:
    """A plain INSERT of `cols` (the seed into an empty cache); `keep_existing` skips rows
    whose key is already cached (the API adds rating history, it never rewrites it).

    >>> insert_sql("meta", ("key", "value"), keep_existing=True)
    'INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'
    """
    verb = "INSERT OR IGNORE" if keep_existing else "INSERT"
    return f"{verb} INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _last_rowid(conn: sqlite3.Connection, table: str) -> int:
    """max(rowid): new rows always get max+1 (no AUTOINCREMENT, nothing deleted mid-write),
    so its growth counts inserts in O(1) where count(*) would scan."""
    return int(conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])


def upsert(conn: sqlite3.Connection, sql: str, rows: Sequence[Sequence[Any]],
           table: str) -> tuple[int, int]:
    """Run an upsert (`upsert_sql`, `RATING_UPSERT`) over `rows`; (added, updated)."""
    if not rows:
        return 0, 0
    before_rows = _last_rowid(conn, table)
    before = conn.total_changes
    conn.executemany(sql, rows)
    changed = conn.total_changes - before
    added = _last_rowid(conn, table) - before_rows
    return added, changed - added
