"""The one rating lookup, as the badge, search and `ratings show` see it (real seed data)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from columnist.ratings.cache import open_cache
from columnist.ratings.info import subject_detail
from columnist.ratings.lookup import current_rating
from columnist.ratings.search import rebuild_index, search
from columnist.render.badges import CacheRatingLookup
from columnist.render.pipeline import Renderer
from columnist.render.trust_links import TrustBadge

GUYS = "Guy's and St Thomas' NHS Foundation Trust"


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[tuple[sqlite_utils.Database, Path]]:
    handle = open_cache(tmp_path / "ratings.db")
    yield handle.db, handle.path
    handle.close()


class Source:
    """What the badge lookup asks of the ratings service."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.failures: list[str] = []

    def cache_path(self) -> Path | None:
        return self.path

    def generation(self) -> int:
        return 1

    def currency(self) -> tuple[str, str | None]:
        return "CQC ratings as published up to March 2019", "over 7 years old"

    def report_lookup_failure(self, message: str) -> None:
        self.failures.append(message)


def test_a_trust_has_its_newest_overall_rating_with_its_date(cache) -> None:
    db, _ = cache
    guys = current_rating(db, "provider", "RJ1")
    assert guys is not None
    assert (guys.rating, guys.published, guys.name) == ("Good", "2016-03-24", GUYS)
    assert guys.is_open and guys.is_nhs_trust
    # Re-rated between the two snapshots: the later edition's rating is the current one.
    brighton = current_rating(db, "provider", "RXH")
    assert brighton is not None
    assert (brighton.rating, brighton.published) == ("Good", "2019-01-08")
    assert not brighton.is_open  # merged since: closed in the 2026 ODS list


def test_the_link_kind_and_id_or_ods_code_decide_the_subject(cache) -> None:
    db, _ = cache
    assert current_rating(db, "provider", "rj1").id == "RJ1"  # any case
    assert current_rating(db, "location", "RJ1") is None  # a trust is not a site
    assert current_rating(db, "provider", "ZZZ") is None
    assert current_rating(db, "provider", "  ") is None
    db["locations"].insert({"id": "RJ122", "provider_id": "RJ1", "name": "Guy's Hospital",
                            "ods_code": "RJ122", "status": "open"})
    db["ratings"].insert({"subject_type": "location", "subject_id": "RJ122",
                          "service": "Overall", "key_question": "Overall",
                          "rating": "Outstanding", "published": "2018-06-01"})
    site = current_rating(db, "location", "RJ122")
    assert site is not None
    assert (site.rating, site.published, site.provider_id) == ("Outstanding", "2018-06-01",
                                                               "RJ1")
    unrated = current_rating(db, None, "RJ122")
    assert unrated is not None and unrated.kind == "location"


def test_badge_search_and_show_agree_with_the_lookup(cache) -> None:
    db, path = cache
    lookup = CacheRatingLookup(Source(path))
    assert lookup("provider", "RJ1") == TrustBadge("Good", "2016-03-24", GUYS)
    hit = next(h for h in search(db, "guy's and st thomas") if h.id == "RJ1")
    assert (hit.rating, hit.rating_date) == ("Good", "2016-03-24")
    detail = subject_detail(db, "rj1")
    assert detail is not None
    overall = detail.current[0]
    assert (overall["key_question"], overall["rating"], overall["published"]) == (
        "Overall", "Good", "2016-03-24")


def test_the_preview_shows_the_badge_and_then_the_footer(cache) -> None:
    _, path = cache
    renderer = Renderer(CacheRatingLookup(Source(path)))
    html = renderer.render("Well done [Guy's](https://www.cqc.org.uk/provider/RJ1).\n").html
    assert "Good\u00a0·\u00a0Mar\u00a02016" in html
    assert f'title="{GUYS}"'.replace("'", "&#x27;") in html
    assert "CQC ratings as published up to March 2019 (over 7 years old)." in html


def test_a_subject_without_a_rating_has_no_badge_and_no_footer(cache) -> None:
    db, path = cache
    db["providers"].insert({"id": "1-999", "name": "New Clinic", "status": "open"})
    rebuild_index(db)
    assert current_rating(db, "provider", "1-999").rating is None
    lookup = CacheRatingLookup(Source(path))
    assert lookup("provider", "1-999") is None
    assert lookup.footer_html() == ""


def test_an_unreadable_cache_is_reported_once_and_shows_no_badge(tmp_path: Path) -> None:
    broken = tmp_path / "ratings.db"
    broken.write_bytes(b"this is not a database" * 100)
    source = Source(broken)
    lookup = CacheRatingLookup(source)
    assert lookup("provider", "RJ1") is None
    assert lookup("provider", "RA7") is None
    assert len(source.failures) == 1
    assert source.failures[0].startswith("Rating badges are not shown")
