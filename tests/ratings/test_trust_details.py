"""What the trust picker shows and writes, from the cache alone: each search result's kind,
one subject's key questions and previous rating, and the rating phrase."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from columnist.markdown.trust_links import find_trust_links, trust_reference
from columnist.ratings.info import subject_detail
from columnist.ratings.phrases import rating_phrase, with_rating
from columnist.ratings.search import rebuild_index, search
from helpers.real_cache import build_real_cache


@pytest.fixture(scope="module")
def db() -> sqlite_utils.Database:
    from helpers.cqc_files import CQC_DIR

    database = sqlite_utils.Database(memory=True)
    build_real_cache(database, Path(CQC_DIR))
    database["providers"].insert(
        {"id": "1-102643516", "name": "Nuffield Health", "type": "Independent Healthcare Org",
         "town": "Epsom", "status": "open", "is_nhs_trust": 0}, pk="id", replace=True)
    database["locations"].insert(
        {"id": "1-115574658", "provider_id": "1-102643516",
         "name": "Nuffield Health Plymouth Hospital", "type": "Independent Healthcare Org",
         "town": "Plymouth", "postcode": "PL6 8BG", "status": "open"}, pk="id")
    rebuild_index(database)
    return database


def hit(db, query: str, ident: str):
    return next(h for h in search(db, query, 20) if h.id == ident)


def test_each_result_says_what_kind_of_place_it_is(db):
    assert hit(db, "marsden", "RPY").category == "NHS trust"
    derriford = hit(db, "derriford", "RK950")
    assert (derriford.kind, derriford.category) == ("location", "NHS hospital")
    assert hit(db, "nuffield plymouth", "1-115574658").category == "Independent hospital"
    assert hit(db, "nuffield health", "1-102643516").category == "Independent provider"
    assert hit(db, "lucerne", "1-125856395").category == "Social Care Org"


def test_a_closed_trust_is_found_and_known_to_be_closed(db):
    closed = hit(db, "torbay", "R1G")
    assert closed.name == "Torbay and Southern Devon Health and Care NHS Trust"
    assert not closed.is_open
    assert hit(db, "torbay", "RA9").is_open


def test_details_give_the_five_key_questions_and_the_previous_rating(db):
    detail = subject_detail(db, "RPY", "provider")
    assert detail is not None and detail.name == "The Royal Marsden NHS Foundation Trust"
    assert (detail.overall["rating"], detail.overall["published"]) == (
        "Outstanding", "2018-09-18")
    assert [(q["key_question"], q["rating"]) for q in detail.key_questions] == [
        ("Safe", "Good"), ("Effective", "Good"), ("Caring", "Outstanding"),
        ("Responsive", "Outstanding"), ("Well-led", "Outstanding")]
    previous = detail.previous_overall
    assert (previous["rating"], previous["published"]) == ("Good", "2017-01-19")


def test_details_of_a_site_are_looked_up_as_a_site(db):
    assert subject_detail(db, "RK950", "provider") is None
    site = subject_detail(db, "RK950", "location")
    assert site is not None and site.provider_name == "University Hospitals Plymouth NHS Trust"
    assert site.overall is None and site.previous_overall is None


def test_the_phrase_says_the_rating_and_the_month_it_was_published(db):
    marsden = hit(db, "marsden", "RPY")
    assert with_rating(marsden.name, marsden.rating, marsden.rating_date) == (
        "The Royal Marsden NHS Foundation Trust, rated Outstanding in September 2018")
    assert rating_phrase("Requires improvement", "2019-01-31") == (
        "rated Requires improvement in January 2019")
    # Nothing to claim: no rating, no date, or a word that is not one of CQC's grades.
    assert with_rating("Derriford Hospital", None, None) == "Derriford Hospital"
    assert rating_phrase("Good", None) is None
    assert rating_phrase("Not rated", "2019-01-31") is None


def test_the_written_link_is_a_trust_reference_to_that_page():
    text = "See " + trust_reference("Derriford [Plymouth]", "location", "RK950") + "."
    found = find_trust_links(text)
    assert [(f.kind, f.id, f.label) for f in found] == [
        ("location", "RK950", "Derriford \\[Plymouth\\]")]
