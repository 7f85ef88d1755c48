"""The one cache writer: what a write leaves in the cache, and what a failed one leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from columnist.ratings.cache import open_cache
from columnist.ratings.schema import ensure_schema
from columnist.ratings.writer import (
    LOCATION_COLS,
    PROVIDER_COLS,
    RATING_COLS,
    RATING_UPSERT,
    transaction,
    upsert,
    upsert_sql,
)


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    database = sqlite_utils.Database(tmp_path / "ratings.db")
    ensure_schema(database)
    return database


def provider(pid: str, source_id: int, **values: object) -> tuple:
    return (pid, *(values.get(c) for c in PROVIDER_COLS), source_id)


def rating(word: str, raw: str, source_id: int) -> tuple:
    values = {"subject_type": "provider", "subject_id": "RJ1", "service": "Overall",
              "key_question": "Overall", "rating": word, "rating_raw": raw, "flagged": 0,
              "published": "2016-03-24", "source_id": source_id}
    return tuple(values.get(c) for c in RATING_COLS)


def test_a_failed_write_leaves_the_cache_as_it_was(db) -> None:
    sql = upsert_sql("providers", PROVIDER_COLS)
    with transaction(db) as conn:
        upsert(conn, sql, [provider("RJ1", 1, name="Guy's")], "providers")
    with pytest.raises(RuntimeError), transaction(db) as conn:
        upsert(conn, sql, [provider("RJ1", 2, name="Renamed"),
                           provider("RA7", 2, name="Bristol")], "providers")
        raise RuntimeError("cancelled half-way")
    assert db.execute("SELECT id, name, source_id FROM providers").fetchall() == [
        ("RJ1", "Guy's", 1)]
    assert not db.conn.in_transaction


def test_only_real_changes_are_written_and_fill_only_never_overwrites(db) -> None:
    sql = upsert_sql("providers", PROVIDER_COLS)
    with transaction(db) as conn:
        assert upsert(conn, sql, [provider("RJ1", 1, name="Guy's", town="London")],
                      "providers") == (1, 0)
        # The same data again, or with a value left out: nothing changes, not even the
        # import that last wrote the row.
        assert upsert(conn, sql, [provider("RJ1", 2, name="Guy's")], "providers") == (0, 0)
        # An older source may only fill what the cache lacks.
        older = upsert_sql("providers", PROVIDER_COLS, fill_only=("name", "sector"))
        assert upsert(conn, older, [provider("RJ1", 3, name="Old name", sector="Acute")],
                      "providers") == (0, 1)
    assert db.execute("SELECT name, town, sector, source_id FROM providers").fetchall() == [
        ("Guy's", "London", "Acute", 3)]


def test_a_rating_is_rewritten_only_when_its_word_changed(db) -> None:
    with transaction(db) as conn:
        assert upsert(conn, RATING_UPSERT, [rating("Good", "3", 1)], "ratings") == (1, 0)
        assert upsert(conn, RATING_UPSERT, [rating("Good", "3", 2)], "ratings") == (0, 0)
        assert upsert(conn, RATING_UPSERT, [rating("Good", "Good", 3)], "ratings") == (0, 1)
    assert db.execute("SELECT rating, rating_raw, source_id FROM ratings").fetchall() == [
        ("Good", "Good", 3)]


def test_locations_use_the_same_change_only_upsert(db) -> None:
    sql = upsert_sql("locations", LOCATION_COLS)
    row = ("RK950", *({"provider_id": "RK9", "name": "Derriford Hospital"}.get(c)
                      for c in LOCATION_COLS), 1)
    with transaction(db) as conn:
        assert upsert(conn, sql, [row, row], "locations") == (1, 0)
    assert db["locations"].get("RK950")["name"] == "Derriford Hospital"


def test_the_seed_goes_in_through_the_writer(tmp_path: Path) -> None:
    handle = open_cache(tmp_path / "fresh.db")
    try:
        rows = handle.db.execute(
            "SELECT name, status FROM providers WHERE id = 'RJ1'").fetchall()
        assert rows == [("Guy's and St Thomas' NHS Foundation Trust", "open")]
        assert not handle.db.conn.in_transaction
    finally:
        handle.close()
