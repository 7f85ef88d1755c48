"""Sentences as the checker reads them: what a reader reads, with offsets into the file."""

from __future__ import annotations

from columnist.markdown.column import parse_column
from columnist.review.sentences import split_sentences

FRONT = "---\ntitle: March\ndate: 2019-03-31\n---\n"


def sentences(body: str) -> list[str]:
    text = FRONT + body
    return [text[s.start : s.end] for s in split_sentences(parse_column(text))]


def test_abbreviations_apostrophes_and_curly_quotes_do_not_end_a_sentence() -> None:
    assert sentences(
        "Dr. Patel works at St Thomas’ Hospital, e.g. on the wards. “It is Good,” she said. "
        "St Thomas' staff agreed.\n"
    ) == [
        "Dr. Patel works at St Thomas’ Hospital, e.g. on the wards.",
        "“It is Good,” she said.",
        "St Thomas' staff agreed.",
    ]


def test_a_link_is_part_of_its_sentence() -> None:
    assert sentences(
        "We saw [Guy's and St. Thomas'](https://www.cqc.org.uk/provider/RJ1 \"GSTT.\") today. "
        "Next.\n"
    ) == [
        "We saw [Guy's and St. Thomas'](https://www.cqc.org.uk/provider/RJ1 \"GSTT.\") today.",
        "Next.",
    ]


def test_headings_and_list_items_are_sentences_of_their_own() -> None:
    assert sentences("## Ratings that moved\n\n- Leaders who listen\n- A clear vision\n"
                     "1. First step\n") == [
        "Ratings that moved", "Leaders who listen", "A clear vision", "First step"]


def test_front_matter_code_comments_and_deleted_text_are_not_read() -> None:
    text = FRONT + (
        "Plain words {--struck out. Gone.--}here{>>KB: is it Good?<<}.\n\n"
        "```\nThe Christie is Outstanding.\n```\n\nAnd `code. more` stays.\n"
    )
    found = split_sentences(parse_column(text))
    assert [" ".join(s.text.split()) for s in found] == ["Plain words here .",
                                                         "And stays."]
    assert all(s.start >= text.index("Plain") for s in found)


def test_a_quote_keeps_its_words_and_loses_its_markers() -> None:
    text = FRONT + "> Improvement rarely begins\n> with a strategy. It begins with staff.\n"
    found = split_sentences(parse_column(text))
    assert [" ".join(s.text.split()) for s in found] == [
        "Improvement rarely begins with a strategy.", "It begins with staff."]
    assert text[found[1].start : found[1].end] == "It begins with staff."
