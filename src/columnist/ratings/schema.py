"""The rating cache's schema: providers, locations, ratings in long form, imports, search.

Ratings are kept in long form (one row per subject, service, key question and publication
date) so that a newer edition *adds* history instead of overwriting it, and "current" is
simply the latest row per subject/service/key question (the `current_ratings` view).

Usage::

    db = connect_reader(path)    # or sqlite-utils' Database: both are a CacheDb
    ensure_schema(db)            # writes only when the cache is older than SCHEMA_VERSION
"""

from __future__ import annotations

from columnist.ratings.connection import CacheDb

SCHEMA_VERSION = 1

KEY_QUESTIONS = ("Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led")
RATING_WORDS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
# Ratings CQC also publishes that are not a grade; kept, never flagged.
NON_GRADE_WORDS = (
    "Inspected but not rated",
    "No published rating",
    "Insufficient evidence to rate",
    "Not rated",
)
RATING_ORDER = {"Inadequate": 0, "Requires improvement": 1, "Good": 2, "Outstanding": 3}
OVERALL_SERVICE = "Overall"  # the whole-provider / whole-location rating


# The tables and views a cache at SCHEMA_VERSION has; one missing means it must be migrated.
_OBJECTS = frozenset(
    ("meta", "imports", "providers", "locations", "ratings", "sync_state", "current_ratings")
)


def schema_is_current(db: CacheDb) -> bool:
    """True when the cache already has everything this version needs (a read, no write).

    >>> import sqlite_utils
    >>> db = sqlite_utils.Database(memory=True)
    >>> schema_is_current(db)
    False
    >>> ensure_schema(db)
    >>> schema_is_current(db)
    True
    """
    names = {row[0] for row in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if not _OBJECTS.issubset(names):
        return False
    row = db.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return bool(row) and str(row[0]).isdigit() and int(row[0]) >= SCHEMA_VERSION


def ensure_schema(db: CacheDb) -> None:
    """Create any missing table, index and view; write nothing when the schema is current.

    Every opener calls this, a search or `ratings info` included, and a write would take
    the cache's write lock (so a search would wait for an import) and change the file's
    bytes; so the schema is only migrated when the cache is older or incomplete. Plain
    SQL in one transaction (the statements sqlite-utils' `create` wrote for caches made
    before, word for word), so building a cache from the seed needs no sqlite-utils.
    """
    if schema_is_current(db):
        return
    from columnist.ratings.writer import transaction

    present = set(db.table_names())
    with transaction(db) as conn:

        def create_missing(table: str) -> None:
            if table not in present:
                columns, pk = _TABLES[table]
                conn.execute(create_table_sql(table, columns, pk))
                for index_columns, unique in _INDEXES.get(table, ()):
                    conn.execute(create_index_sql(table, index_columns, unique))

        for table in ("meta", "imports", "providers", "locations", "ratings"):
            create_missing(table)
        conn.execute(_CURRENT_RATINGS)
        create_missing("sync_state")  # after the view, as in every cache made so far
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))


def create_table_sql(table: str, columns: dict[str, type], pk: str) -> str:
    """The CREATE TABLE statement for `columns` (str → TEXT, int → INTEGER).

    >>> print(create_table_sql("meta", {"key": str, "value": str}, "key"))
    CREATE TABLE IF NOT EXISTS "meta" (
       "key" TEXT PRIMARY KEY,
       "value" TEXT
    )
    """
    kinds = {str: "TEXT", int: "INTEGER"}
    lines = [f'   "{name}" {kinds[kind]}{" PRIMARY KEY" if name == pk else ""}'
             for name, kind in columns.items()]
    return f'CREATE TABLE IF NOT EXISTS "{table}" (\n' + ",\n".join(lines) + "\n)"


def create_index_sql(table: str, columns: tuple[str, ...], unique: bool = False) -> str:
    """The CREATE INDEX statement, named as sqlite-utils names its indexes.

    >>> print(create_index_sql("locations", ("provider_id",)))
    CREATE INDEX "idx_locations_provider_id"
        ON "locations" ("provider_id")
    """
    name = f"idx_{table}_{'_'.join(columns)}"
    quoted = ", ".join(f'"{c}"' for c in columns)
    return (f'CREATE {"UNIQUE " if unique else ""}INDEX "{name}"\n'
            f'    ON "{table}" ({quoted})')


_KEY_VALUE = {"key": str, "value": str}
# table -> (columns, primary key)
_TABLES: dict[str, tuple[dict[str, type], str]] = {
    "meta": (_KEY_VALUE, "key"),
    "imports": ({
        "id": int,
        "source": str,  # seed | cqc-latest-ratings | cqc-directory | ods-etr |
        # nhs-ratings-snapshot | cqc-api
        "file_name": str,  # file name or API base URL
        "sha256": str,  # of the file, so re-importing it is detected
        "edition_date": str,  # ISO date the data is "as published up to"
        "imported_at": str,  # ISO timestamp (UTC)
        "rows_read": int,
        "providers_added": int,
        "locations_added": int,
        "ratings_added": int,
        "ratings_flagged": int,
        "notes": str,
    }, "id"),
    "providers": ({
        "id": str,  # CQC provider ID; for NHS trusts it is the ODS code (RA7)
        "name": str,
        "ods_code": str,
        "type": str,  # CQC type: "NHS Healthcare Organisation", "Independent …"
        "sector": str,  # Acute | Mental Health | Community | Ambulance | …
        "also_known_as": str,
        "street": str,
        "town": str,
        "postcode": str,
        "region": str,
        "status": str,  # open | closed
        "opened": str,  # ISO date
        "closed": str,  # ISO date or NULL
        "url": str,
        "is_nhs_trust": int,
        "source_id": int,  # imports.id that last updated the row
    }, "id"),
    "locations": ({
        "id": str,  # CQC location ID; NHS sites use the ODS site code (RK950)
        "provider_id": str,
        "name": str,
        "ods_code": str,
        "type": str,
        "care_home": int,
        "also_known_as": str,
        "street": str,
        "town": str,
        "postcode": str,
        "region": str,
        "status": str,
        "url": str,
        "source_id": int,
    }, "id"),
    "ratings": ({
        "id": int,
        "subject_type": str,  # provider | location
        "subject_id": str,
        "service": str,  # "Overall" or a service / population group
        "key_question": str,  # Overall | Safe | Effective | Caring | Responsive | Well-led
        "rating": str,  # normalised word (RATING_WORDS / NON_GRADE_WORDS) or as found
        "rating_raw": str,  # exactly as the source wrote it
        "flagged": int,  # 1 = a word we do not know; kept, shown as suspect
        "published": str,  # ISO date of publication
        "report_type": str,
        "inherited": int,
        "source_id": int,
    }, "id"),
    "sync_state": (_KEY_VALUE, "key"),
}
_INDEXES: dict[str, tuple[tuple[tuple[str, ...], bool], ...]] = {
    "locations": ((("provider_id",), False),),
    "ratings": (
        (("subject_type", "subject_id", "service", "key_question", "published"), True),
        (("published",), False),
    ),
}
_CURRENT_RATINGS = """
        CREATE VIEW IF NOT EXISTS current_ratings AS
        SELECT r.* FROM ratings r
        WHERE r.published = (
            SELECT MAX(r2.published) FROM ratings r2
            WHERE r2.subject_type = r.subject_type AND r2.subject_id = r.subject_id
              AND r2.service = r.service AND r2.key_question = r.key_question
        )
        """
