"""Rating changes on the real 2018 → 2019 history of NHS trusts."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
import sqlite_utils

from columnist.ratings.changes import classify, rating_changes, since_last_import
from helpers.real_cache import build_real_cache


@pytest.fixture(scope="module")
def db() -> sqlite_utils.Database:
    from helpers.cqc_files import CQC_DIR

    database = sqlite_utils.Database(memory=True)
    build_real_cache(database, Path(CQC_DIR))
    return database


def test_real_history_74_reinspected_18_up_8_down_48_kept(db):
    # The Oct 2018 snapshot's newest publication is 2018-08-31; the Mar 2019 one adds later.
    changes = rating_changes(db, "2018-08-31", "2019-03-31")
    assert len(changes) == 74
    assert collections.Counter(c.kind for c in changes) == {
        "kept": 48, "improved": 18, "declined": 8}


def test_trust_that_improved_reads_right(db):
    changes = {c.subject_id: c for c in rating_changes(db, "2018-08-31", "2019-03-31")}
    brighton = changes["RXH"]
    assert brighton.overall.summary == "improved from Inadequate to Good"
    assert brighton.overall.previous_published == "2016-08-17"
    assert brighton.overall.published == "2019-01-08"
    assert brighton.questions["Caring"].summary == (
        "improved from Requires improvement to Outstanding")
    assert list(brighton.questions) == [
        "Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led"]
    assert changes["RN5"].overall.summary == "declined from Good to Requires improvement"


def test_window_is_since_exclusive_until_inclusive(db):
    one_day = rating_changes(db, "2019-01-07", "2019-01-08")
    assert "RXH" in {c.subject_id for c in one_day}
    assert "RXH" not in {c.subject_id for c in rating_changes(db, "2019-01-08", "2019-01-31")}


def test_kept_outstanding_is_named(db):
    kept = [c for c in rating_changes(db, "2018-08-31", "2019-03-31") if c.kind == "kept"]
    summaries = {c.overall.summary for c in kept}
    assert "kept Outstanding" in summaries or "kept Good" in summaries
    assert all(c.overall.previous_rating == c.overall.rating for c in kept)


def test_first_rating_when_nothing_before(db):
    first = rating_changes(db, "2000-01-01", "2014-12-31")
    assert first and all(c.kind == "first rating" for c in first)
    assert first[0].overall.summary.startswith("first rating: ")


def test_since_last_import_is_what_the_newest_edition_brought(db):
    imp, changes = since_last_import(db)
    assert imp["file_name"] == "nhs_ratings_snapshot_2019-03.csv"
    assert collections.Counter(c.kind for c in changes) == {
        "kept": 48, "improved": 18, "declined": 8}


def test_classify_non_grade_words():
    assert classify("Good", "Inspected but not rated") == "changed"
    assert classify("Good", None) == "first rating"
    assert classify("Outstanding", "Outstanding") == "kept"
