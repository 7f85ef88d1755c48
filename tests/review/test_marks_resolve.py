"""Accepting and rejecting review marks: one, all, or all of one reviewer, to the exact text;
malformed marks are flagged and left alone."""

from __future__ import annotations

import pytest

from columnist.review.marks import (
    ReviewError,
    add_comment,
    add_reply,
    counts_label,
    resolve,
    resolve_all,
    review_marks,
)

COLUMN = (
    "The {~~ward~>unit~~}{>>KB<<} was {++very ++}{>>CD<<}calm"
    "{--, mostly--}{>>KB<<}. {==Staff==}{>>CD: which staff?<<}{>>KB: nurses<<} smiled.\n"
)


def test_marks_are_listed_with_their_authors_and_context():
    listed = [(m.kind, m.author, m.text) for m in review_marks(COLUMN)]
    assert listed == [
        ("substitution", "KB", "ward → unit"),
        ("insertion", "CD", "very "),
        ("deletion", "KB", ", mostly"),
        ("highlight", "CD", "Staff"),
        ("comment", "CD", "which staff?"),
        ("comment", "KB", "nurses"),
    ]
    assert review_marks(COLUMN)[1].context == "The ward was ⟦very ⟧calm, mostly. Staff smiled."
    assert counts_label(review_marks(COLUMN)) == "3 suggestions, 2 comments"


def test_accept_all_and_reject_all_give_the_exact_text():
    assert resolve_all(COLUMN, accept=True) == "The unit was very calm. Staff smiled.\n"
    assert resolve_all(COLUMN, accept=False) == "The ward was calm, mostly. Staff smiled.\n"


def test_accept_by_author_leaves_the_others_marks():
    assert resolve_all(COLUMN, accept=True, author="KB") == (
        "The unit was {++very ++}{>>CD<<}calm. {==Staff==}{>>CD: which staff?<<} smiled.\n"
    )


def test_accept_or_reject_one():
    insertion = review_marks(COLUMN)[1]
    assert resolve(COLUMN, insertion, accept=True).startswith(
        "The {~~ward~>unit~~}{>>KB<<} was very calm{--")
    assert resolve(COLUMN, insertion, accept=False).startswith(
        "The {~~ward~>unit~~}{>>KB<<} was calm{--")


def test_malformed_marks_are_flagged_and_never_touched():
    text = "Fine {++new++} and {--half open. Also {==outer {>>inner<<}==} here.\n"
    marks = review_marks(text)
    assert [(m.kind, m.problem) for m in marks] == [
        ("insertion", ""), ("deletion", "unclosed"), ("highlight", "nested")]
    assert resolve_all(text, accept=True) == (
        "Fine new and {--half open. Also {==outer {>>inner<<}==} here.\n")
    with pytest.raises(ReviewError, match=r"never closed.*line 1"):
        resolve(text, marks[1], accept=True)


def test_a_comment_highlights_the_selection_and_a_reply_joins_the_thread():
    text, after = add_comment("The ward was calm.", 4, 8, "AB", "  Which\nward? ")
    assert text == "The {==ward==}{>>AB: Which ward?<<} was calm."
    text, _ = add_reply(text, after - 2, "CD", "Ward 4")
    assert text == "The {==ward==}{>>AB: Which ward?<<}{>>CD: Ward 4<<} was calm."


@pytest.mark.parametrize(("start", "end", "body", "message"), [
    (4, 8, "", "empty"),
    (4, 8, "a <<} b", "cannot contain"),
    (0, 10, "x", "touches a review mark"),
])
def test_a_comment_that_would_break_the_marks_is_refused(start, end, body, message):
    with pytest.raises(ReviewError, match=message):
        add_comment("The {++ward++} was calm.", start, end, "AB", body)
