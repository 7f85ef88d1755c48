"""House style: dates, numbers, trust casing, rating words and "per cent", each found at
its line and column with its fix, and quiet on text already in house style."""

from __future__ import annotations

from pathlib import Path

import pytest

from columnist.markdown.column import parse_column
from columnist.review.checks import CheckContext, run_checks
from columnist.review.house_style import LOWER_CASE, check_house_style

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "published-column-example.txt"
FRONT = "---\ntitle: March\n---\n"  # the body starts on line 4


def one(body: str, **options: str):
    text = FRONT + body
    (finding,) = check_house_style(parse_column(text), **options)
    return text, finding


@pytest.mark.parametrize("said, house", [
    ("25th Nov", "25 November"),
    ("25th November 2026", "25 November 2026"),
    ("1st of March", "1 March"),
    ("25/11/2026", "25 November 2026"),
    ("25.11.26", "25 November 2026"),
    ("11/25/2026", "25 November 2026"),  # month first: only an American reading works
    ("November 25, 2026", "25 November 2026"),
    ("Nov 25th 2026", "25 November 2026"),
    ("Nov 2026", "November 2026"),
    ("25 Nov 2026", "25 November 2026"),
])
def test_a_date_not_in_house_style_gets_the_house_form(said: str, house: str) -> None:
    text, finding = one(f"We met on {said}, as planned.\n")
    assert (finding.line, finding.column, finding.code) == (4, 11, "style.date")
    assert text[finding.start:finding.end] == said
    assert finding.fixes[0].apply(text) == f"{FRONT}We met on {house}, as planned.\n"


def test_an_ambiguous_numeric_date_asks_and_offers_no_fix() -> None:
    _text, finding = one("We met on 03/04/2026.\n")
    assert finding.code == "style.date" and finding.fixes == ()
    assert "3 April or 4 March" in finding.message


def test_dates_in_house_style_and_names_like_jan_pass() -> None:
    body = ("We met on 25 November 2026 and in March 2026. Jan Smith spoke. In May we "
            "visited. Code `25/11/2026` is not prose.\n")
    assert check_house_style(parse_column(FRONT + body)) == []


def test_a_number_under_ten_becomes_a_word() -> None:
    text, finding = one("We visited 3 trusts.\n")
    assert (finding.line, finding.column, finding.code) == (4, 12, "style.number")
    assert finding.fixes[0].apply(text) == f"{FRONT}We visited three trusts.\n"
    _text, opener = one("3 trusts improved.\n")
    assert opener.fixes[0].text == "Three"


@pytest.mark.parametrize("body", [
    "We visited 12 trusts and 3,000 patients.",  # ten and over, thousands
    "Ward 7 and Level 3 stayed open.",  # part of a name
    "It rose by 5% and 4 per cent, at 9am and 3:30, to 2.5 days.",
    "Between 2-3 beds were free; £5 a day.",
    "On 8 November 2026 it opened.",  # a date
    "| Rating | 3 |\n|---|---|\n| Good | 4 |",  # a ratings table
    "## Step 3",  # a heading
])
def test_numbers_in_dates_measures_names_tables_and_headings_pass(body: str) -> None:
    assert [f.code for f in check_house_style(parse_column(f"{FRONT}{body}\n"))
            if f.code == "style.number"] == []


def test_generic_nhs_foundation_trust_is_lower_case() -> None:
    text, finding = one("Every NHS Foundation Trust must publish it.\n")
    assert (finding.line, finding.column, finding.code) == (4, 7, "style.trust-case")
    assert finding.fixes[0].apply(text) == f"{FRONT}Every NHS foundation trust must publish it.\n"
    _text, plural = one("Many NHS Trusts improved.\n")
    assert plural.fixes[0].text == "NHS trusts"


@pytest.mark.parametrize("body", [
    "Dorset County Hospital NHS Foundation Trust is rated Good.",
    "We visited [Guy's and St Thomas' NHS Foundation Trust](https://www.cqc.org.uk/"
    "provider/RJ1) today.",
    "The Newcastle upon Tyne Hospitals NHS Foundation Trust kept its rating.",
    "Every NHS foundation trust must publish it.",
])
def test_a_trusts_proper_name_keeps_its_capitals(body: str) -> None:
    assert check_house_style(parse_column(f"{FRONT}{body}\n")) == []


def test_rating_words_are_capitalised_by_default() -> None:
    text, finding = one("The trust was rated requires improvement.\n")
    assert (finding.line, finding.column, finding.code) == (4, 21, "style.rating-case")
    assert finding.fixes[0].apply(text) == (
        f"{FRONT}The trust was rated Requires improvement.\n")
    _text, before_rating = one("It kept its outstanding rating.\n")
    assert before_rating.fixes[0].text == "Outstanding"


def test_lower_case_rating_words_when_the_house_option_says_so() -> None:
    text, finding = one("The trust is rated Good.\n", rating_case=LOWER_CASE)
    assert finding.fixes[0].apply(text) == f"{FRONT}The trust is rated good.\n"
    context = CheckContext(None, {"house_style/rating_case": LOWER_CASE})
    findings = run_checks(parse_column(text), context, {"house_style"})
    assert [f.code for f in findings] == ["style.rating-case"]


def test_good_outside_a_rating_is_left_alone() -> None:
    assert check_house_style(parse_column(
        f"{FRONT}Good leadership matters. The care was good and staff were outstanding.\n"
    )) == []


def test_per_cent_in_words() -> None:
    text = f"{FRONT}Waits fell 5% and then 4 percent.\n"
    first, second = check_house_style(parse_column(text))
    assert [(f.column, f.code) for f in (first, second)] == [
        (13, "style.per-cent"), (26, "style.per-cent")]
    assert first.fixes[0].apply(text) == f"{FRONT}Waits fell 5 per cent and then 4 percent.\n"
    assert second.fixes[0].apply(text) == f"{FRONT}Waits fell 5% and then 4 per cent.\n"


def test_the_published_column_is_in_house_style() -> None:
    # CQC's own published column: its dates, trust names and rating words are right.
    column = parse_column(EXAMPLE.read_text(encoding="utf-8"))
    assert check_house_style(column) == []


def test_an_unknown_rating_case_is_refused() -> None:
    with pytest.raises(ValueError):
        check_house_style(parse_column("x"), rating_case="Shouting")
