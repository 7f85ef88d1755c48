"""Search ranking on real trust names (ODS 2026 list, 2019 names as also-known-as)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from columnist.ratings.search import normalise, rebuild_index, search, short_forms, warm_up
from helpers.real_cache import build_real_cache


@pytest.fixture(scope="module")
def db() -> sqlite_utils.Database:
    from helpers.cqc_files import CQC_DIR

    database = sqlite_utils.Database(memory=True)
    build_real_cache(database, Path(CQC_DIR))
    # An independent hospital and a closed trust, to check the order of kinds.
    database["providers"].insert_all(
        [
            {"id": "1-102643516", "name": "Nuffield Health", "type": "Independent Healthcare Org",
             "town": "Epsom", "status": "open", "is_nhs_trust": 0},
        ],
        pk="id", replace=True,
    )
    database["locations"].insert(
        {"id": "1-115574658", "provider_id": "1-102643516",
         "name": "Nuffield Health Plymouth Hospital", "type": "Independent Healthcare Org",
         "town": "Plymouth", "postcode": "PL6 8BG", "status": "open"},
        pk="id",
    )
    rebuild_index(database)
    return database


def ids(db, query, limit=10):
    return [hit.id for hit in search(db, query, limit)]


def test_name_prefixes_and_words_in_any_order(db):
    assert ids(db, "manchester univ")[0] == "R0A"
    assert ids(db, "univ manch")[0] == "R0A"
    assert ids(db, "Leeds Teaching Hospitals")[0] == "RR8"


def test_short_forms_and_apostrophes(db):
    assert ids(db, "Guy's")[0] == "RJ1"
    assert ids(db, "guys")[0] == "RJ1"
    assert ids(db, "GSTT")[0] == "RJ1"
    assert ids(db, "UCLH")[0] == "RRV"
    assert ids(db, "kings college")[0] == "RJZ"
    # RA7 is "Bristol NHS Foundation Trust" in 2026; its 2019 name makes "UH Bristol" work.
    assert ids(db, "UH Bristol")[0] == "RA7"
    assert ids(db, "Saint Thomas")[0] == "RJ1"


def test_exact_code_comes_first(db):
    hits = search(db, "RA7")
    assert hits[0].id == "RA7" and hits[0].is_nhs_trust
    assert ids(db, "rk950")[0] == "RK950"
    assert ids(db, "1-115574658")[0] == "1-115574658"
    assert ids(db, "1-11557")[0] == "1-115574658"  # a CQC ID being typed


def test_one_typo_is_tolerated(db):
    assert "R0A" in ids(db, "mancester university", 3)
    assert ids(db, "Birmingam womens")[0] == "RQ3"
    assert "RJ1" in ids(db, "thoams", 5)


def test_nhs_trusts_before_locations_and_independent_hospitals(db):
    hits = search(db, "plymouth")
    kinds = [(h.kind, h.id) for h in hits]
    assert kinds[0] == ("provider", "RK9")
    assert kinds.index(("location", "RK950")) < kinds.index(("location", "1-115574658"))


def test_open_before_closed(db):
    hits = search(db, "bristol")
    status = [h.status for h in hits]
    assert status == sorted(status, key=lambda s: s != "open")
    assert "RVJ" in [h.id for h in hits]  # North Bristol (closing 2026-06-30) still found


def test_town_and_postcode(db):
    assert "RK9" in ids(db, "PL6 8DH")
    assert ids(db, "derriford")[0] == "RK950"


def test_hit_carries_current_overall_rating(db):
    hit = search(db, "RJ1")[0]
    assert hit.name == "Guy's and St Thomas' NHS Foundation Trust"
    assert (hit.rating, hit.rating_date) == ("Good", "2016-03-24")


def test_nonsense_and_empty_queries_find_nothing(db):
    assert search(db, "") == []
    assert search(db, "   ") == []
    assert search(db, "zzqxw") == []
    assert search(db, '"*)(') == []


def test_normalise_and_short_forms():
    assert normalise("St. Helens & Knowsley") == "st helens and knowsley"
    assert normalise("Saint Mary’s") == "st marys"
    assert "uh" in short_forms("University Hospitals Bristol NHS Foundation Trust", True)


def test_search_without_index_is_empty(tmp_path):
    empty = sqlite_utils.Database(tmp_path / "x.db")
    assert search(empty, "bristol") == []


def test_warm_up_then_typo_search(db):
    warm_up(db)
    assert ids(db, "derrifrod")[0] == "RK950"
