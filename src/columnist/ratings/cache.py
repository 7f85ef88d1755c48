"""Open the rating cache, making it from the bundled seed when it is missing or unusable.

    handle = open_cache()            # paths.ratings_db_path() by default
    if handle.notice:
        tell_the_user(handle.notice)
    handle.db["providers"].count

A cache that is damaged (not a database, fails `PRAGMA quick_check`) or was written by a
newer Columnist (schema_version above ours) is never deleted: it is moved aside to
`ratings.db.corrupt-<timestamp>` / `ratings.db.newer-<timestamp>` and a fresh cache is
built from `resources/ratings/seed.json.gz`; `CacheHandle.notice` says what happened.
The fresh cache is built in a temporary file and renamed into place, so a crash while
building never leaves a half-made cache behind. Building (and moving a bad cache aside)
happens once, under a lock file next to the cache (`ratings.db.lock`) that works across
threads and processes on Linux, Windows and macOS: a second opener, in this process or
another, waits for the first and then opens the finished cache instead of building a copy
and renaming it over a file the first already has open.

Every connection to the cache is prepared by `connection.prepare` (readers get a light
`connection.CacheReader`, writers sqlite-utils' Database from `connect`): WAL journalling,
so a reader (a search, a badge, `ratings info`) reads the last committed state while an
import or a sync writes and never waits for it, and a busy timeout, so a writer waits for
another's commit.
Opening writes nothing unless the cache must change (built, repaired, switched to WAL once,
or migrated from an older schema), so reading never needs the write lock.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from columnist import paths
from columnist.ratings import connection
from columnist.ratings.connection import CacheDb, CacheReader, connect_reader, prepare
from columnist.ratings.schema import SCHEMA_VERSION, ensure_schema
from columnist.ratings.writer import insert_sql, transaction

if TYPE_CHECKING:  # the window reads through a CacheReader: sqlite-utils is for writers
    import sqlite_utils

SEED_PARTS = ("ratings", "seed.json.gz")
SEED_TABLES = ("imports", "providers", "locations", "ratings")
_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass
class CacheHandle:
    """An open cache: the sqlite-utils Database (a `CacheReader` when opened to read),
    its path, and a message for the user.

    `notice` is a few sentences (what happened, which file was moved aside, what to do);
    `notice_details` the raw integrity-check output behind it, up to 100 lines, for a
    collapsed details part: in the body it would make a dialog taller than the screen.
    """

    db: sqlite_utils.Database | CacheReader
    path: Path
    notice: str | None = None
    notice_details: str = ""

    def close(self) -> None:
        self.db.conn.close()


# How long opening waits for another opener that is building the cache from the seed
# (about a second on a slow laptop).
BUILD_LOCK_TIMEOUT_S = 60.0


class CacheBusyError(sqlite3.OperationalError):
    """The cache is locked by another process's write: wait, never treat it as corrupt."""


def seed_path() -> Path:
    from columnist.resources import resource_path

    return resource_path(*SEED_PARTS)


def open_cache(path: Path | None = None, *, reader: bool = False) -> CacheHandle:
    """Open (creating or repairing as needed) the rating cache at `path`.

    `reader`: `handle.db` is a `CacheReader`, for the window, which only reads the cache
    (no sqlite-utils: the seed and the schema are written in plain SQL).
    """
    path = Path(path) if path is not None else paths.ratings_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    notice, details = _repair_under_lock(path) if inspect_cache(path)[0] != "ok" else (None, "")
    db: sqlite_utils.Database | CacheReader = connect_reader(path) if reader else connect(path)
    try:
        ensure_schema(db)  # adds anything an older schema lacks; a current one is not written
    except BaseException:
        db.conn.close()  # the caller gets no handle to close it with
        raise
    return CacheHandle(db=db, path=path, notice=notice, notice_details=details)


def connect(path: Path) -> sqlite_utils.Database:
    """A writer's connection to the cache at `path`, prepared as every opener's is
    (`connection.prepare`: WAL, the busy timeout). Readers use `connect_reader`."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        prepare(db.conn)
    except BaseException:
        db.conn.close()
        raise
    return db


def build_lock_path(path: Path) -> Path:
    """The lock file that serialises building the cache at `path` from the seed."""
    return path.with_name(path.name + ".lock")


def _repair_under_lock(path: Path) -> tuple[str | None, str]:
    """Move a bad cache aside and build a fresh one, once, whoever else is opening it.

    Under the lock the cache is inspected again: another opener may have built it while
    this one waited, and then there is nothing to do. Returns the notice for the user
    and its details (`CacheHandle`).
    """
    from filelock import FileLock, Timeout

    try:
        with FileLock(build_lock_path(path), timeout=BUILD_LOCK_TIMEOUT_S):
            state, detail = inspect_cache(path)
            if state == "ok":
                return None, ""
            notice: tuple[str | None, str] = (None, "")
            if state in ("corrupt", "newer"):
                notice = _moved_aside_notice(_move_aside(path, state), state, detail)
            build_from_seed(path)
            return notice
    except Timeout as exc:
        raise CacheBusyError(
            "the rating cache is being made by another Columnist that has not finished in "
            f"{BUILD_LOCK_TIMEOUT_S:.0f} s; close other Columnist windows and try again "
            f"(lock file: {build_lock_path(path)})"
        ) from exc


def _moved_aside_notice(moved: Path, state: str, detail: str) -> tuple[str, str]:
    """(notice, details) when the cache was moved aside and rebuilt from the seed.

    `detail` is `inspect_cache`'s: its first line is the reason, said in the notice; any
    further lines are the integrity check's raw output, which go to the details.
    """
    label = _seed_label()
    reason, _, raw = detail.partition("\n")
    if state == "corrupt":
        details = f"SQLite's integrity check of {moved.name}:\n{raw}" if raw else ""
        return (
            f"The ratings cache could not be read ({reason}). It was moved aside to "
            f"{moved.name} (in {moved.parent}) and a fresh cache was made from the bundled "
            f"CQC data ({label}). To bring back newer ratings, import your CQC files again "
            f"or refresh from CQC's API; {moved.name} can be deleted once you no longer "
            "need it.",
            details,
        )
    return (
        f"The ratings cache was written by a newer version of Columnist ({reason}). "
        f"It was moved aside to {moved.name} (in {moved.parent}) and a fresh cache was "
        f"made from the bundled CQC data ({label}). Update Columnist to use the "
        "newer cache again.",
        "",
    )


def inspect_cache(path: Path) -> tuple[str, str]:
    """('ok' | 'missing' | 'empty' | 'corrupt' | 'newer', detail).

    `detail` is one line saying why; for a failed integrity check, followed by the
    check's own output (one problem a line, up to 100).
    """
    if not path.exists():
        return "missing", ""
    if path.stat().st_size == 0:
        return "empty", ""
    conn = None
    try:
        # read-only, so inspecting never changes (or creates) the user's file; as_uri()
        # percent-encodes spaces and '#'/'?' in Windows user names and the like
        conn = sqlite3.connect(
            path.resolve().as_uri() + "?mode=ro", uri=True, timeout=connection.BUSY_TIMEOUT_S
        )
        found = [line for row in conn.execute("PRAGMA quick_check")
                 for line in str(row[0]).splitlines()]
        if found != ["ok"]:
            problems = [line for line in found if not line.startswith("*** in database")]
            count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
            return "corrupt", f"it failed SQLite's integrity check: {count} found\n" + (
                "\n".join(found))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return "empty", ""
        if "meta" not in tables:
            return "corrupt", "it is an SQLite file but not a Columnist ratings cache"
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else 0
        if version > SCHEMA_VERSION:
            return "newer", f"schema {version}; this version reads up to {SCHEMA_VERSION}"
        return "ok", ""
    except sqlite3.OperationalError as exc:
        if _is_busy(exc):  # another process is writing: the file is fine, just in use
            raise CacheBusyError(
                f"the rating cache is in use by another process ({exc}); if Columnist is "
                "importing or refreshing ratings, try again when it has finished"
            ) from exc
        return "corrupt", str(exc)
    except sqlite3.DatabaseError as exc:
        return "corrupt", str(exc)
    finally:
        if conn is not None:
            conn.close()


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _move_aside(path: Path, why: str) -> Path:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{why}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{why}-{stamp}-{n}")
    os.replace(path, target)
    for suffix in _COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def read_seed(seed: Path | None = None) -> dict[str, Any]:
    with gzip.open(seed or seed_path(), "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _seed_label() -> str:
    try:
        data = read_seed()
        from columnist.ratings.provenance import RATING_SOURCES, month_label

        dates = [
            r[data["tables"]["imports"]["columns"].index("edition_date")]
            for r in data["tables"]["imports"]["rows"]
            if r[data["tables"]["imports"]["columns"].index("source")] in RATING_SOURCES
        ]
        dates = [d for d in dates if d]
        return f"CQC ratings as published up to {month_label(max(dates))}" if dates else "seed"
    except (OSError, ValueError, KeyError):
        return "the bundled seed"


def load_seed(db: CacheDb, seed: Path | None = None) -> None:
    """Insert the bundled seed's rows into an empty cache (one writer transaction)."""
    data = read_seed(seed)
    ensure_schema(db)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with transaction(db) as conn:
        for table in SEED_TABLES:
            part = data["tables"][table]
            columns: list[str] = part["columns"]
            rows: list[list[Any]] = part["rows"]
            if table == "imports":
                at = columns.index("imported_at")
                rows = [[*r[:at], r[at] or now, *r[at + 1 :]] for r in rows]
            conn.executemany(insert_sql(table, columns), rows)


def build_from_seed(path: Path, seed: Path | None = None) -> None:
    """Make a fresh cache at `path` from the seed (built beside it, then renamed in).

    Callers hold the build lock (`open_cache` does), so any `.building-` file left beside
    the cache is a leftover of a crashed build, never another opener's work in progress.
    """
    for leftover in path.parent.glob(f"{path.name}.building-*"):
        leftover.unlink(missing_ok=True)
    tmp = path.with_name(f"{path.name}.building-{os.getpid()}-{secrets.token_hex(4)}")
    db = connect_reader(tmp)  # WAL from the start; closing folds the WAL into the file
    try:
        load_seed(db, seed)
        from columnist.ratings.search import rebuild_index

        rebuild_index(db)
    finally:
        db.close()
    if path.exists() and path.stat().st_size == 0:
        path.unlink()  # an empty file holds nothing to keep
    os.replace(tmp, path)
