"""The one CriticMarkup grammar: every mark where the preview shows it, malformed ones named."""

from __future__ import annotations

from columnist.markdown.critic import LineCarry, scan_line, scan_marks


def test_each_kind_with_its_text_and_span():
    text = "A {++new++} {--old--} {~~this~>that~~} {>>why?<<} {==look==}."
    marks = list(scan_marks(text))
    assert [(m.kind, m.content) for m in marks] == [
        ("insertion", "new"),
        ("deletion", "old"),
        ("substitution", "this~>that"),
        ("comment", "why?"),
        ("highlight", "look"),
    ]
    assert [text[m.start : m.end] for m in marks][2] == "{~~this~>that~~}"
    assert (marks[2].old, marks[2].new) == ("this", "that")
    assert all(m.problem == "" for m in marks)


def test_a_reviewers_initials_are_the_author_not_the_text():
    (mark,) = scan_marks("{>>KB: is this rating current?<<}")
    assert (mark.author, mark.text) == ("KB", "is this rating current?")
    (plain,) = scan_marks("{>>Note: a sentence, not initials<<}")
    assert (plain.author, plain.text) == ("", "Note: a sentence, not initials")


def test_a_mark_spans_lines_and_paragraphs():
    text = "Start {++two\n\nparagraphs++} end"
    (mark,) = scan_marks(text)
    assert mark.content == "two\n\nparagraphs" and mark.end == text.index(" end")


def test_unclosed_opener_is_flagged_with_the_rest_of_its_line():
    text = "Fine {++yes++} then {-- never closed\nnext line"
    marks = list(scan_marks(text))
    assert [(m.kind, m.problem) for m in marks] == [("insertion", ""), ("deletion", "unclosed")]
    assert marks[1].start == text.index("{--") and marks[1].content == " never closed"


def test_a_substitution_without_its_arrow_is_not_closed():
    marks = list(scan_marks("{~~old~~} and more"))
    assert [(m.kind, m.problem) for m in marks] == [("substitution", "unclosed")]


def test_nested_marks_close_at_the_first_closer_and_are_flagged():
    text = "{++outer {--inner--} still++} after"
    marks = list(scan_marks(text))
    assert len(marks) == 1
    assert marks[0].problem == "nested" and marks[0].content == "outer {--inner--} still"


def test_braces_and_dashes_alone_are_not_marks():
    assert list(scan_marks("Plain {text} with -- dashes, ++ pluses and {+ half.")) == []


def test_line_scanner_carries_an_open_mark_to_the_next_line():
    pieces, carry = scan_line("Multi {++line")
    assert pieces == [(6, 9, "marker"), (9, 13, "inserted")] and carry == LineCarry("++")
    pieces, carry = scan_line("insertion++} done", carry)
    assert pieces == [(0, 9, "inserted"), (9, 12, "marker")] and carry is None


def test_line_scanner_splits_a_substitution_at_its_arrow():
    pieces, carry = scan_line("{~~old~>new~~}")
    assert pieces == [(0, 3, "marker"), (3, 6, "old"), (6, 8, "marker"), (8, 11, "new"),
                      (11, 14, "marker")]
    assert carry is None
    _, carry = scan_line("{~~old~>ne")
    assert carry == LineCarry("~~", past_arrow=True)
    pieces, carry = scan_line("w~~}", carry)
    assert pieces == [(0, 1, "new"), (1, 4, "marker")] and carry is None
