"""Plain English: each rule finds what it should on real sentences, at its line and column,
and stays quiet on good ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from columnist.markdown.column import parse_column
from columnist.review.checks import (
    DEFAULT_MAX_READING_AGE,
    DEFAULT_MAX_SENTENCE_WORDS,
    CheckContext,
    check_by_key,
    run_checks,
)
from columnist.review.plain_english import (
    check_plain_english,
    parse_word_list,
    words_to_avoid,
)
from columnist.review.readability import flesch_kincaid_grade, reading_age, syllables

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "published-column-example.txt"
FRONT = "---\ntitle: March\n---\n"  # three lines: the body starts on line 4
VOCABULARY = ("ward", "staff", "nurse", "bed", "patient", "doctor", "care", "visit", "team",
              "week", "clinic", "night", "day", "shift", "report", "board", "plan", "safety",
              "money", "time")


def words(n: int) -> str:
    """`n` words, no two neighbours alike (a repeat would be its own finding)."""
    return " ".join(VOCABULARY[i % len(VOCABULARY)] for i in range(n))


def found(body: str, **options: int) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code)
            for f in check_plain_english(parse_column(FRONT + body), **options)]


def test_a_long_sentence_is_a_warning_that_counts_its_words() -> None:
    thirty = words(30).capitalize()
    (finding,) = check_plain_english(parse_column(f"{FRONT}Short one. {thirty}.\n"))
    assert (finding.line, finding.column, finding.code) == (4, 12, "plain.long-sentence")
    assert str(finding.severity) == "warning"
    assert "30 words" in finding.message and "split" in finding.message
    assert finding.end_column == 12 + len(thirty) + 1


def test_twenty_five_words_pass_and_the_limit_is_an_option() -> None:
    sentence = words(25).capitalize() + ".\n"
    assert found(sentence) == []
    assert found(sentence, max_sentence_words=20) == [(4, 1, "plain.long-sentence")]


def test_headings_code_and_link_addresses_are_not_counted() -> None:
    long_heading = "# " + words(30) + "\n\n"
    code = "`" + words(30) + "`"
    link = "[the report](https://www.cqc.org.uk/" + "/".join(["a"] * 40) + ")"
    assert found(f"{long_heading}See {code} and {link} today.\n") == []


def test_a_word_to_avoid_has_the_plain_word_as_its_fix() -> None:
    text = f"{FRONT}We will utilise the beds. Going forward, we facilitate visits.\n"
    findings = check_plain_english(parse_column(text))
    assert [(f.line, f.column, f.code) for f in findings] == [
        (4, 9, "plain.avoid"), (4, 27, "plain.avoid"), (4, 45, "plain.avoid")]
    utilise, going, facilitate = findings
    assert [fix.text for fix in utilise.fixes] == ["use"]
    assert utilise.fixes[0].apply(text).endswith("We will use the beds. Going forward, we "
                                                 "facilitate visits.\n")
    assert going.fixes[0].text == "In future"  # capitalised as written
    assert [fix.text for fix in facilitate.fixes] == ["help", "make possible"]
    assert "GOV.UK" in utilise.message and str(utilise.severity) == "info"


def test_in_order_to_becomes_to_and_a_line_break_inside_a_phrase_is_found() -> None:
    text = f"{FRONT}We met in order\nto listen.\n"
    (finding,) = check_plain_english(parse_column(text))
    assert (finding.line, finding.column, finding.end_line, finding.code) == (
        4, 8, 5, "plain.avoid")
    assert finding.fixes[0].apply(text).endswith("We met to listen.\n")


def test_words_inside_other_words_are_not_avoided() -> None:
    # "key" in "keyboard", "monkey"; "deliver" in "deliveries" is its own word.
    assert found("The keyboard and the monkey were fine. Turkey is a country.\n") == []


def test_the_word_list_is_the_bundled_file_with_its_source_noted() -> None:
    from columnist.resources import resource_path

    path = resource_path("plain_english", "words_to_avoid.txt")
    assert "gov.uk/guidance/content-design" in path.read_text(encoding="utf-8")
    entries, _pattern = words_to_avoid()
    phrases = {e.phrase: e.alternatives for e in entries}
    for word in ("agenda", "collaborate", "deliver", "facilitate", "going forward",
                 "impacted", "key", "leverage", "robust", "streamline"):
        assert word in phrases
    assert phrases["utilise"] == ("use",) and phrases["in order to"] == ("to",)


def test_an_entry_without_an_alternative_has_no_fix(tmp_path) -> None:
    assert parse_word_list("synergy =   # say what you mean\n")[0].alternatives == ()


@pytest.mark.parametrize("sentence, phrase", [
    ("The ward was closed in June.", "was closed"),
    ("Two wards were inspected last week.", "were inspected"),
    ("The report has been written.", "been written"),
    ("Concerns are being taken seriously.", "are being taken"),
    ("Staff are not supported.", "are not supported"),
])
def test_passive_voice_is_a_warning_without_a_fix(sentence: str, phrase: str) -> None:
    (finding,) = check_plain_english(parse_column(FRONT + sentence + "\n"))
    assert finding.code == "plain.passive" and finding.fixes == ()
    assert str(finding.severity) == "warning"
    assert (FRONT + sentence)[finding.start:finding.end] == phrase
    assert finding.column == sentence.index(phrase) + 1


@pytest.mark.parametrize("sentence", [
    "The trust is rated Good.",  # the CQC idiom for a rating, not a passive to rewrite
    "It was rated Outstanding in 2018.",
    "We are pleased with the progress.",
    "Staff are committed and experienced.",
    "We inspected the trust in March.",
    "The need was great and the beds were red.",
])
def test_active_sentences_and_is_rated_pass(sentence: str) -> None:
    assert found(sentence + "\n") == []


def test_a_repeated_word_is_found_and_the_fix_removes_one() -> None:
    text = f"{FRONT}We visited the the ward and And then left.\n"
    first, second = check_plain_english(parse_column(text))
    assert (first.line, first.column, first.code) == (4, 12, "plain.repeated-word")
    assert first.fixes[0].apply(text) == f"{FRONT}We visited the ward and And then left.\n"
    assert (second.column, second.code) == (25, "plain.repeated-word")
    assert "“and” is written twice" in second.message


def test_a_repeat_across_markup_has_no_fix_and_grammatical_repeats_pass() -> None:
    (finding,) = check_plain_english(parse_column(f"{FRONT}We saw the **the** ward.\n"))
    assert finding.code == "plain.repeated-word" and finding.fixes == ()
    assert found("He had had enough. She said that that was fine.\n") == []


def test_review_mark_syntax_and_deleted_text_are_not_read() -> None:
    assert found("We {--utilise--}{++use++} beds {>>KB: the the<<} well.\n") == []


def test_syllables_come_from_the_british_patterns() -> None:
    assert [syllables(w) for w in ("care", "hospital", "idea", "inspection", "trusts")] == [
        1, 3, 2, 3, 1]


def test_reading_age_is_grade_plus_five() -> None:
    grade = flesch_kincaid_grade(words=100, sentences=5, syllables=150)
    assert grade == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    assert reading_age(grade) == round(grade + 5)
    assert reading_age(-3.0) == 5


def test_a_hard_column_gets_one_reading_age_suggestion() -> None:
    hard = ("Organisational accountability necessitates comprehensive institutional "
            "reconfiguration. ") * 20
    simple = "We saw the ward. Staff were kind to us. " * 15
    age_findings = [f for f in check_plain_english(parse_column(FRONT + hard + "\n"))
                    if f.code == "plain.reading-age"]
    assert len(age_findings) == 1 and age_findings[0].line == 4
    assert str(age_findings[0].severity) == "info"
    assert "reading age of about" in age_findings[0].message
    assert all(f.code != "plain.reading-age"
               for f in check_plain_english(parse_column(FRONT + simple + "\n")))


def test_the_published_column_gets_sensible_findings() -> None:
    column = parse_column(EXAMPLE.read_text(encoding="utf-8"))
    findings = check_plain_english(column)
    codes = {f.code for f in findings}
    assert {"plain.long-sentence", "plain.avoid", "plain.passive"} <= codes
    assert all(not f.is_error for f in findings)
    avoided = {column.text[f.start:f.end].lower() for f in findings if f.code == "plain.avoid"}
    assert {"key", "a number of"} <= avoided
    # "we’re seeing being undertaken" (line 6) is the column's first passive.
    first_passive = next(f for f in findings if f.code == "plain.passive")
    assert (first_passive.line, column.text[first_passive.start:first_passive.end]) == (
        6, "being undertaken")


def test_the_check_is_registered_with_its_options_keyed_by_check() -> None:
    check = check_by_key("plain_english")
    assert not check.needs_ratings and check.on_by_default
    assert check.option(CheckContext(None), "max_sentence_words") == DEFAULT_MAX_SENTENCE_WORDS
    assert check.option(CheckContext(None), "max_reading_age") == DEFAULT_MAX_READING_AGE
    column = parse_column(FRONT + words(12).capitalize() + ".\n")
    context = CheckContext(None, {"plain_english/max_sentence_words": 10})
    assert [f.code for f in run_checks(column, context, {"plain_english"})] == [
        "plain.long-sentence"]
    # Another check's option of a like name does not leak in.
    other = CheckContext(None, {"house_style/max_sentence_words": 10})
    assert run_checks(column, other, {"plain_english"}) == []


def test_the_defaults_in_checks_match_the_modules() -> None:
    from columnist.review import house_style, plain_english

    assert DEFAULT_MAX_SENTENCE_WORDS == plain_english.DEFAULT_MAX_SENTENCE_WORDS
    assert DEFAULT_MAX_READING_AGE == plain_english.DEFAULT_MAX_READING_AGE
    assert check_by_key("house_style").options[0].choices == house_style.RATING_CASES
