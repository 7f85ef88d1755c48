"""British English spelling as a writing check: what the writer sees underlined, what is
never underlined, and the fixes ("Change to", "Ignore in this column", the personal list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from columnist.markdown.column import parse_column
from columnist.ratings.writer import database_file
from columnist.review.checks import CheckContext, run_checks
from columnist.review.personal_dictionary import add_personal_word, personal_words
from columnist.review.spelling import CODE, cache_words, check_spelling, is_known, suggestions_for
from columnist.review.spelling_dictionary import available_backends, speller

GOOD = ["organisation", "recognising", "programme", "colour", "paediatric",
        "St Thomas' Hospital", "St Thomas’ Hospital", "the trust’s", "the trust's",
        "well-led", "CQC", "NHS", "ODS", "re-inspection", "GPs", "the CQC’s view"]


def flagged(text: str, **kwargs) -> list[str]:
    return [text[f.start : f.end] for f in check_spelling(text, personal=(), **kwargs)]


@pytest.mark.parametrize("words", GOOD)
def test_british_spellings_names_and_acronyms_pass(words) -> None:
    assert flagged(f"We saw {words} in the report.\n") == []


@pytest.mark.parametrize(("slip", "right"), [("recieve", "receive"),
                                             ("accomodation", "accommodation")])
def test_a_misspelling_is_a_warning_at_its_line_and_column_with_the_right_word_first(
        slip, right) -> None:
    text = f"---\ntitle: March\n---\n# Winter\n\nPatients now {slip} better care.\n"
    (found,) = check_spelling(text, personal=())
    assert (found.code, found.severity.value) == (CODE, "warning")
    assert (found.line, found.column) == (6, len("Patients now ") + 1)
    assert (found.end_line, found.end_column) == (6, found.column + len(slip))
    assert found.message == f"“{slip}” is not in the British English dictionary."
    first = found.fixes[0]
    assert (first.label, first.text) == (f"Change to “{right}”", right)
    assert first.apply(text) == text.replace(slip, right)
    assert found.fixes[-1].label == "Ignore in this column"
    assert len(found.fixes) <= 6


def test_a_capitalised_slip_gets_a_capitalised_suggestion() -> None:
    (found,) = check_spelling("Recieve it.\n", personal=())
    assert found.fixes[0].text == "Receive"


@pytest.mark.parametrize("text", [
    "---\nrecieve_key: value\ntitle: Accomodation\n---\nBody.\n",  # front matter
    "Inline `recieve()` code.\n",
    "```\nrecieve accomodation\n```\n",
    "~~~python\ndef recieve(): pass\n~~~\n",
    "A [good link](https://example.org/recieve/accomodation \"Title\").\n",
    "Bare https://example.org/recieve and www.accomodation.org here.\n",
    "A link <https://example.org/recieve>.\n",
    "Mail mrecieve@accomodation.nhs.uk today.\n",
    "Tags <span class=\"recieve\">here</span> and <!-- accomodation --> too.\n",
    "A [reference][recieve].\n\n[recieve]: https://example.org/accomodation\n",
    "{>>XQZ: fine<<} {--recieve--} {~~accomodation~>housing~~} {++good++} {==seen==}\n",
    "Numbers 2019, 5th, COVID-19, 3x, A&E, ICB and XYZQ are left alone.\n",
    "Entities&nbsp;and&#8212;dashes&mdash;here.\n".replace("Entities", "Words"),
    "A note[^recieve] here.\n\n[^recieve]: Said here.\n",
])
def test_code_urls_front_matter_keys_and_markup_syntax_are_not_checked(text) -> None:
    assert flagged(text) == []


def test_words_a_review_mark_adds_or_says_are_checked() -> None:
    text = "We {++recieve++} it {~~well~>beter~~} {>>AB: accomodation?<<}\n"
    assert flagged(text) == ["recieve", "beter", "accomodation"]


def test_only_the_unknown_part_of_a_hyphenated_word_is_flagged() -> None:
    text = "A well-ledd trust.\n"
    (found,) = check_spelling(text, personal=())
    assert text[found.start : found.end] == "ledd"


def test_a_possessive_of_a_misspelling_is_still_flagged_without_its_apostrophe() -> None:
    text = "The goverment’s plan and the inspectorss' view.\n"
    assert flagged(text) == ["goverment’s", "inspectorss"]


def test_a_suggestion_keeps_the_writers_curly_apostrophe() -> None:
    text = "The goverment’s plan.\n"
    (found,) = check_spelling(text, personal=())
    assert found.fixes[0].text == "government’s"
    assert found.fixes[0].apply(text) == "The government’s plan.\n"


def test_every_trust_name_in_a_real_cache_is_known(seed_db) -> None:
    path = Path(database_file(seed_db))
    text = "At Clatterbridge and the Maudsley, staff at Oxleas and Velindre were proud.\n"
    assert flagged(text) == ["Clatterbridge", "Maudsley", "Oxleas", "Velindre"]
    assert flagged(text, cache_path=path) == []
    assert {"clatterbridge", "maudsley", "whipps"} <= cache_words(path)
    assert cache_words(path) is cache_words(path)  # read once while the file is unchanged


def test_a_trust_added_to_the_cache_is_known_at_the_next_check(seed_db) -> None:
    path = Path(database_file(seed_db))
    text = "Staff at Zorbleton were proud.\n"
    assert flagged(text, cache_path=path) == ["Zorbleton"]
    with seed_db.conn:
        seed_db["providers"].insert({"id": "ZZ9", "name": "Zorbleton Hospitals NHS Trust",
                                     "status": "open", "is_nhs_trust": 1})
    try:
        assert flagged(text, cache_path=path) == []
    finally:
        with seed_db.conn:
            seed_db["providers"].delete("ZZ9")


def test_checks_on_several_threads_at_once_agree() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Patients recieve care {n} times; the organisation’s accomodation.\n"
             for n in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(flagged, texts))
    assert results == [["recieve", "accomodation"]] * 40


def test_the_check_runs_in_the_checks_list_with_and_without_a_cache(seed_db) -> None:
    column = parse_column("Staff at Clatterbridge recieve praise.\n")
    without = run_checks(column, CheckContext(cache_path=None))
    with_cache = run_checks(column, CheckContext(cache_path=Path(database_file(seed_db))))
    assert [f.code for f in without] == [CODE, CODE]
    assert [f.code for f in with_cache] == [CODE]
    assert run_checks(column, CheckContext(None), enabled={"claims"}) == []


def test_the_personal_word_list_round_trips_and_an_added_word_stops_being_flagged(
        data_dir) -> None:
    text = "Zorbleton is our new clinic.\n"
    assert [f.code for f in check_spelling(text)] == [CODE]
    assert personal_words() == frozenset()
    assert add_personal_word("Zorbleton") is True
    assert add_personal_word("Zorbleton") is False  # once only
    assert add_personal_word("Ünïcode-wörd") is True
    path = data_dir / "personal-dictionary.txt"
    assert path.read_text(encoding="utf-8") == "Zorbleton\nÜnïcode-wörd\n"
    assert personal_words() == {"Zorbleton", "Ünïcode-wörd"}
    assert check_spelling(text) == []
    assert is_known("Zorbleton") and is_known("zorbleton’s")
    assert list(data_dir.glob(".*tmp")) == []  # written atomically: no temporary left


def test_a_hand_edited_personal_list_is_read_again(data_dir) -> None:
    path = data_dir / "personal-dictionary.txt"
    path.write_text("# my words\nQuorndon\n", encoding="utf-8")
    assert personal_words() == {"Quorndon"}
    add_personal_word("Wibbleford")
    assert path.read_text(encoding="utf-8") == "# my words\nQuorndon\nWibbleford\n"


@pytest.mark.parametrize("text", [
    "---\ntitle: March\nstatus: draft\n---\nWe met Zorbleton staff.\n",
    "We met Zorbleton staff.\n",  # no front matter yet
    "---\ntitle: March\nspelling_ignore: [Quorndon]\n---\nWe met Zorbleton and Quorndon.\n",
])
def test_ignore_in_this_column_writes_valid_front_matter_and_the_word_is_not_flagged(
        text) -> None:
    (found,) = check_spelling(text, personal=())
    ignore = found.fixes[-1]
    assert ignore.label == "Ignore in this column"
    fixed = ignore.apply(text)
    column = parse_column(fixed)
    assert column.front_matter.error is None
    assert "Zorbleton" in column.front_matter.values["spelling_ignore"]
    assert fixed.endswith(text[parse_column(text).front_matter.body_offset :])
    if "title" in text:
        assert column.front_matter.values["title"] == "March"
    assert check_spelling(fixed, personal=()) == []


def test_spelling_ignore_may_be_one_string_of_words() -> None:
    text = "---\nspelling_ignore: Zorbleton, Quorndon\n---\nZorbleton and Quorndon.\n"
    assert flagged(text) == []


def test_the_context_menu_suggestions_and_known_words() -> None:
    assert suggestions_for("recieve")[0] == "receive"
    assert 0 < len(suggestions_for("accomodation")) <= 5
    assert is_known("Healthwatch") and is_known("CQC") and not is_known("recieve")
    assert is_known("Clatterbridge", ["clatterbridge"])


WORDS = ["organisation", "recognising", "programme", "colour", "paediatric", "Thomas",
         "trust's", "well-led", "NHS", "ODS", "recieve", "accomodation", "definately",
         "seperate", "Clatterbridge"]


@pytest.mark.skipif("spylls" not in available_backends(), reason="spylls not installed")
def test_the_pure_python_fallback_gives_the_same_verdicts() -> None:
    fallback = speller("spylls")
    assert fallback.backend == "spylls"
    default = speller()
    assert [fallback.spell(w) for w in WORDS] == [default.spell(w) for w in WORDS]
    assert fallback.quick_suggestions("recieve")[0] == "receive"
    text = "Patients recieve good accomodation; the trust’s colour.\n"
    assert flagged(text, backend="spylls") == flagged(text) == ["recieve", "accomodation"]


def test_a_five_thousand_word_column_checks_quickly() -> None:
    import time

    paragraph = ("The trust’s paediatric programme is well-led, and the CQC recognised the "
                 "organisation’s colour-coded handover in its re-inspection report. ") * 10
    text = "---\ntitle: Long\n---\n" + "\n\n".join([paragraph] * 25) + "\n\nWe recieve it.\n"
    check_spelling(text, personal=())  # warm the dictionary
    started = time.perf_counter()
    found = check_spelling(text.replace("Long", "Longer"), personal=())
    assert [f.code for f in found] == [CODE]
    assert time.perf_counter() - started < 0.3
