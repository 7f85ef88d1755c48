"""The month's rating changes as the column's Markdown, on the bundled 2018 → 2019 data.

The bundled ratings end on 28 February 2019; "the past month" is the month before that,
the window the changes panel opens on.
"""

from __future__ import annotations

import pytest
import sqlite_utils

from columnist.markdown.trust_links import find_trust_links
from columnist.ratings.cache import load_seed
from columnist.ratings.changes import (
    QuestionChange,
    RatingChange,
    known_regions,
    latest_published,
    rating_changes,
)
from columnist.ratings.changes_text import (
    by_group,
    markdown_list,
    markdown_sentence,
    move_text,
    parse_kinds,
    period_phrase,
    select,
)

MONTH = ("2019-01-28", "2019-02-28")  # the last month of the bundled data
WHOLE = ("2018-08-31", "2019-02-28")  # everything the March 2019 edition brought


def url(code: str) -> str:
    return f"https://www.cqc.org.uk/provider/{code}"


@pytest.fixture(scope="module")
def db() -> sqlite_utils.Database:
    database = sqlite_utils.Database(memory=True)
    load_seed(database)  # the app's own bundled data
    return database


def test_the_bundled_data_ends_in_february_2019_with_nhs_england_regions(db):
    assert latest_published(db) == "2019-02-28"
    assert known_regions(db) == [
        "East of England", "London", "Midlands", "North East and Yorkshire", "North West",
        "South East", "South West"]


def test_last_month_as_a_list(db):
    text = markdown_list(select(rating_changes(db, *MONTH), trusts_only=True))
    lines = text.splitlines()
    assert len(lines) == 16
    assert lines[:6] == [
        f"- [Gloucestershire Hospitals NHS Foundation Trust]({url('RTE')}) moved from "
        "Requires improvement to Good.",
        f"- [Royal Brompton & Harefield NHS Foundation Trust]({url('RT3')}) moved from "
        "Requires improvement to Good.",
        f"- [Solent NHS Trust]({url('R1C')}) moved from Requires improvement to Good.",
        "- [The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust]"
        f"({url('RL1')}) moved from Requires improvement to Good.",
        f"- [Mid Essex Hospital Services NHS Trust]({url('RQ8')}) moved from Good to "
        "Requires improvement.",
        f"- [Barts Health NHS Trust]({url('R1H')}) kept its Requires improvement rating.",
    ]
    assert lines[-1] == (
        f"- [West Hertfordshire Teaching Hospitals NHS Trust]({url('RWG')}) kept its "
        "Requires improvement rating.")
    # Every item is a trust reference the preview and the checker recognise.
    assert [link.code for link in find_trust_links(text)][:5] == [
        "RTE", "RT3", "R1C", "RL1", "RQ8"]


def test_last_month_as_a_sentence(db):
    changes = select(rating_changes(db, *MONTH), trusts_only=True,
                     groups=parse_kinds(["improved", "declined", "kept-outstanding"]))
    assert markdown_sentence(changes, period_phrase(*MONTH)) == (
        "In the past month, four trusts improved on re-inspection: "
        f"[Gloucestershire Hospitals NHS Foundation Trust]({url('RTE')}), "
        f"[Royal Brompton & Harefield NHS Foundation Trust]({url('RT3')}), "
        f"[Solent NHS Trust]({url('R1C')}) and "
        "[The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust]"
        f"({url('RL1')}) moved from Requires improvement to Good. "
        f"[Mid Essex Hospital Services NHS Trust]({url('RQ8')}) was rated lower on "
        "re-inspection, moving from Good to Requires improvement."
    )


def test_kept_ratings_are_named_by_grade_highest_first(db):
    changes = select(rating_changes(db, *MONTH), groups=parse_kinds(["kept"]))
    sentence = markdown_sentence(changes, "In the past month")
    assert sentence.startswith(
        "In the past month, eleven trusts kept their ratings on re-inspection: Good for "
        f"[Cambridge University Hospitals NHS Foundation Trust]({url('RGT')}), ")
    assert (f"[University Hospitals Birmingham NHS Foundation Trust]({url('RRK')}); and "
            f"Requires improvement for [Barts Health NHS Trust]({url('R1H')}), ") in sentence
    assert sentence.endswith(
        f"[West Hertfordshire Teaching Hospitals NHS Trust]({url('RWG')}).")


def test_the_whole_2018_2019_good_news_in_a_region(db):
    changes = select(rating_changes(db, *WHOLE), trusts_only=True, region="north west",
                     groups=parse_kinds(["improved", "kept-outstanding"]))
    assert markdown_sentence(changes, period_phrase(*WHOLE)) == (
        "Between 1 September 2018 and 28 February 2019, "
        f"[The Christie NHS Foundation Trust]({url('RBV')}) kept its Outstanding rating, "
        f"and [North West Ambulance Service NHS Trust]({url('RX7')}) improved on "
        "re-inspection, moving from Requires improvement to Good."
    )
    assert markdown_list(changes).splitlines() == [
        f"- [North West Ambulance Service NHS Trust]({url('RX7')}) moved from Requires "
        "improvement to Good.",
        f"- [The Christie NHS Foundation Trust]({url('RBV')}) kept its Outstanding rating.",
    ]


def test_improvements_grouped_by_move_largest_step_up_first(db):
    changes = select(rating_changes(db, *WHOLE), trusts_only=True,
                     groups=parse_kinds(["improved", "kept-outstanding"]))
    sentence = markdown_sentence(changes, "Since September")
    assert sentence.startswith(
        f"Since September, [The Christie NHS Foundation Trust]({url('RBV')}) kept its "
        "Outstanding rating, and eighteen others improved on re-inspection: "
        f"[Lincolnshire Community Health Services NHS Trust]({url('RY5')}), "
        f"[Surrey and Sussex Healthcare NHS Trust]({url('RTP')}) and "
        f"[The Royal Marsden NHS Foundation Trust]({url('RPY')}) moved from Good to "
        "Outstanding; ")
    assert (f"; [Brighton and Sussex University Hospitals NHS Trust]({url('RXH')}) from "
            "Inadequate to Good; and ") in sentence
    assert sentence.endswith(
        f"[South East Coast Ambulance Service NHS Foundation Trust]({url('RYD')}) from "
        "Inadequate to Requires improvement.")


def test_two_trusts_that_kept_outstanding_are_named_between_dashes():
    # The published column's own example: two trusts kept Outstanding in one month.
    def kept(code: str, name: str) -> RatingChange:
        change = RatingChange("provider", code, name, True, "Overall")
        change.questions["Overall"] = QuestionChange(
            "Overall", "kept", "Outstanding", "2019-02-01", "Outstanding", "2017-03-02")
        return change

    changes = [kept("RA7", "University Hospitals Bristol NHS Foundation Trust"),
               kept("RYA", "West Midlands Ambulance Service University NHS Foundation Trust")]
    assert markdown_sentence(changes, "In the past month") == (
        "In the past month, two trusts — "
        f"[University Hospitals Bristol NHS Foundation Trust]({url('RA7')}) and "
        f"[West Midlands Ambulance Service University NHS Foundation Trust]({url('RYA')})"
        " — kept their Outstanding ratings."
    )


def test_groups_and_rows_for_the_panel(db):
    groups = by_group(select(rating_changes(db, *MONTH), trusts_only=True))
    assert {g: len(items) for g, items in groups.items()} == {
        "improved": 4, "declined": 1, "kept-other": 11}
    assert move_text(groups["improved"][0]) == "Requires improvement → Good (7 Feb 2019)"


def test_nothing_to_say_gives_no_text(db):
    assert markdown_list([]) == "" and markdown_sentence([], "In the past month") == ""
    assert select(rating_changes(db, *MONTH), region="Wales") == []


def test_period_phrases():
    assert period_phrase("2019-01-31", "2019-02-28") == "In the past month"
    assert period_phrase("2018-12-31", "2019-01-31") == "In the past month"
    assert period_phrase("2019-02-14", "2019-02-28") == (
        "Between 15 February 2019 and 28 February 2019")
    assert period_phrase(None, None) == "In the latest ratings"


def test_the_panels_digest_opens_on_the_last_month_of_the_data(db):
    from columnist.ratings.changes_text import changes_digest

    digest = changes_digest(db)
    assert (digest.since, digest.until) == MONTH
    assert digest.as_list() == markdown_list(select(rating_changes(db, *MONTH),
                                                    trusts_only=True))
    assert digest.as_sentence().startswith("In the past month, four trusts improved")
    later = changes_digest(db, "2019-02-28")
    assert later.changes == ()
    assert later.label == ("No rating in the cache was published after 28 February 2019: "
                           "the newest is from 28 February 2019.")
