"""A connection to the rating cache for reading, without sqlite-utils.

Everything that only reads the cache (badges, the claims check, the trust picker, the
month's changes, search, `ratings info`) needs three things of a connection: `conn`,
`execute` and `table_names`. sqlite-utils' `Database` has them too, but importing it
brings click, dateutil, pluggy and tabulate into the window's process (about 6 MB of
memory and 40 ms at start-up) for table helpers only the writers use (imports, the API
sync, the seed). So readers get a `CacheReader`, writers a `Database`, and the reading
code accepts either: both satisfy `CacheDb`.

Every connection, reader or writer, is prepared by `prepare` (WAL, the busy timeout).

    >>> import sqlite3
    >>> reader = CacheReader(sqlite3.connect(":memory:"))
    >>> _ = reader.execute("CREATE TABLE providers (id TEXT)")
    >>> reader.table_names()
    ['providers']
    >>> reader.close()
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any, Protocol

# How long a connection waits for another's write lock (a reader in WAL mode never does).
BUSY_TIMEOUT_S = 10.0


class CacheDb(Protocol):
    """What reading code needs of a cache connection (a `CacheReader` or a `Database`)."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor: ...

    def table_names(self) -> list[str]: ...


class CacheReader:
    """A plain sqlite3 connection with the part of sqlite-utils' API that readers use."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        if parameters is None:
            return self._conn.execute(sql)
        return self._conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        self._conn.close()


def prepare(conn: sqlite3.Connection) -> None:
    """Set a new connection up as every opener of the cache needs it.

    WAL is stored in the file, so switching costs one write the first time only (a cache
    made before every opener switched it); after that this writes nothing. Without WAL
    a writer that spills its page cache or commits locks every reader out. The busy
    timeout makes a writer wait for another's commit instead of failing at once.
    """
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        # A file system without shared memory (some network drives) refuses; the
        # rollback journal still works there, only readers wait for a writer.
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("PRAGMA journal_mode = WAL")
    # as sqlite-utils' Database does, so a reader and a writer behave alike
    conn.execute("PRAGMA recursive_triggers = on")


def connect_reader(path: Path) -> CacheReader:
    """A reading connection to the cache at `path` (it may still write the search index
    or an index a digest needs, as any connection can)."""
    conn = sqlite3.connect(str(path))
    try:
        prepare(conn)
    except BaseException:
        conn.close()
        raise
    return CacheReader(conn)
