"""The rating-claim check over whole columns: where findings point, what they say, and what
is said once per column rather than on every sentence (real bundled data)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from columnist.markdown.column import parse_column
from columnist.resources import resource_path
from columnist.review.rating_claims import check_rating_claims, check_rating_claims_at
from helpers.claim_sentences import CHRISTIE, DCH, MARSDEN, TODAY, link

COLUMN = """---
title: March
date: 2019-03-31
---
# Winter

We went back to {dch} in the autumn.
It is now rated Outstanding, and staff were proud.
"""


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_a_finding_points_at_the_claimed_word_below_the_front_matter(seed_db) -> None:
    text = COLUMN.format(dch=DCH)
    (finding,) = check_rating_claims(text, seed_db)
    assert finding.code == "claim.wrong-rating" and finding.severity.value == "error"
    assert finding.message == ("The cache has Dorset County Hospital NHS Foundation Trust as "
                               "Good since November 2018, not Outstanding.")
    lines = text.split("\n")
    assert (finding.line, finding.column) == (8, lines[7].index("Outstanding") + 1)
    assert (finding.end_line, finding.end_column) == (8, finding.column + len("Outstanding"))
    assert text[finding.start : finding.end] == "Outstanding"
    (fix,) = finding.fixes
    assert fix.label == "Change to “Good”"
    assert "It is now rated Good, and staff" in fix.apply(text)


def test_the_sample_column_has_only_true_findings(seed_db) -> None:
    text = resource_path("sample-column.md").read_text(encoding="utf-8")
    findings = check_rating_claims(text, seed_db)
    assert [(f.severity.value, f.code) for f in findings] == [
        ("warning", "claim.old-data"),  # the bundled ratings are years older than its date
        ("info", "claim.unverifiable"),  # Derriford Hospital: the seed holds no sites
    ]
    assert "as published up to March 2019, over 7 years before this column's date" in \
        findings[0].message
    assert text[findings[1].start : findings[1].end].startswith("[Derriford Hospital](")


def test_old_data_is_one_warning_per_column_not_one_per_sentence(seed_db) -> None:
    text = ("---\ndate: 2026-11-25\n---\n"
            f"{MARSDEN} is rated Outstanding. {CHRISTIE} kept its Outstanding rating. "
            f"{DCH} is rated Good.\n")
    findings = check_rating_claims(text, seed_db)
    assert codes(findings) == ["claim.old-data"]
    assert text[findings[0].start : findings[0].end] == "Outstanding"  # the first claim


def test_an_old_rating_is_warned_about_once_per_trust(seed_db) -> None:
    oxford = link("Oxford University Hospitals", "RTH")
    text = f"{oxford} is rated Good. Staff at {oxford} said it is rated Good.\n"
    findings = check_rating_claims(text, seed_db, today=TODAY)
    assert codes(findings) == ["claim.old-rating"]
    assert findings[0].message.startswith(
        "Oxford University Hospitals NHS Foundation Trust's Good rating dates from May 2014, "
        "over 4 years before the newest ratings in the cache (March 2019)")
    # A shorter limit warns about younger ratings too; a longer one about none.
    assert codes(check_rating_claims(f"{DCH} is rated Good.", seed_db, today=TODAY,
                                     max_age_years=0.1)) == ["claim.old-rating"]
    assert codes(check_rating_claims(text, seed_db, today=TODAY, max_age_years=6)) == []


def test_a_name_is_offered_a_link_only_where_it_is_first_written_unlinked(seed_db) -> None:
    later = f"The Royal Marsden is rated Outstanding. The Royal Marsden again. {MARSDEN}.\n"
    findings = check_rating_claims(later, seed_db, today=TODAY)
    assert codes(findings) == ["claim.unlinked"]
    assert findings[0].start == 0
    assert findings[0].fixes[0].apply(later).startswith(
        "[The Royal Marsden](https://www.cqc.org.uk/provider/RPY) is rated")
    linked_first = f"{MARSDEN} is rated Outstanding. The Royal Marsden is rated Outstanding.\n"
    assert codes(check_rating_claims(linked_first, seed_db, today=TODAY)) == []


def test_an_unlinked_name_is_checked_like_a_link(seed_db) -> None:
    findings = check_rating_claims("Staff at the Christie kept its Good rating.\n", seed_db,
                                   today=TODAY)
    assert codes(findings) == ["claim.unlinked", "claim.wrong-rating"]
    assert "The Christie NHS Foundation Trust as Outstanding since October 2018, not Good" in \
        findings[1].message


def test_a_closed_trust_is_warned_about_at_its_first_mention_only(seed_db) -> None:
    brighton = link("Brighton and Sussex University Hospitals NHS Trust", "RXH")
    text = f"{brighton} is rated Good. {brighton} improved from Inadequate.\n"
    findings = check_rating_claims(text, seed_db, today=TODAY)
    assert codes(findings) == ["claim.closed-trust"]
    assert findings[0].message.startswith(
        "Brighton and Sussex University Hospitals NHS Trust closed in March 2021")


def test_review_marks_code_and_quotes(seed_db) -> None:
    text = (f"{DCH} is rated {{--Outstanding--}}{{++Good++}}.\n\n"
            f"{DCH} is rated {{~~Good~>Inadequate~~}}.\n\n"
            f"```\n{DCH} is rated Inadequate.\n```\n\n"
            f"> {DCH} is rated Outstanding.\n")
    findings = check_rating_claims(text, seed_db, today=TODAY)
    assert [(f.code, text[f.start : f.end]) for f in findings] == [
        ("claim.wrong-rating", "Inadequate"),  # the new side of the substitution
        ("claim.wrong-rating", "Outstanding"),  # in the quote
    ]


def test_a_pronoun_after_a_heading_refers_to_the_heading_trust(seed_db) -> None:
    text = f"## {MARSDEN}\n\nIt kept its Outstanding rating.\n"
    assert codes(check_rating_claims(text, seed_db, today=TODAY)) == ["claim.wrong-change"]


def test_the_check_runs_on_a_worker_thread_from_the_cache_path(seed_db) -> None:
    """The editor's background lane: a model parsed elsewhere, a connection of its own."""
    path = Path(seed_db.conn.execute("PRAGMA database_list").fetchone()[2])
    model = parse_column(COLUMN.format(dch=DCH))
    box: dict[str, list] = {}
    worker = threading.Thread(target=lambda: box.update(
        found=check_rating_claims_at(model, path, today=dt.date(2019, 3, 31))))
    worker.start()
    worker.join(timeout=30)
    assert codes(box["found"]) == ["claim.wrong-rating"]


def test_a_pronoun_after_an_opening_phrase_is_followed(seed_db) -> None:
    text = f"Leaders at {DCH} listened. As a result, it is now rated Outstanding.\n"
    findings = check_rating_claims(text, seed_db, today=TODAY)
    assert [(f.code, text[f.start : f.end]) for f in findings] == [
        ("claim.wrong-rating", "Outstanding")]


def test_a_name_inside_a_link_to_another_page_is_not_offered_a_cqc_link(seed_db) -> None:
    text = "Read the [Royal Marsden annual report](https://www.royalmarsden.nhs.uk/a.pdf).\n"
    assert codes(check_rating_claims(text, seed_db, today=TODAY)) == []
