"""Suggesting mode's text logic: the exact marks each edit records, and that accepting every
mark gives the edited text while rejecting every mark gives the original (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from columnist.review.marks import resolve_all, review_marks
from columnist.review.suggesting import SuggestRefused, apply_edit, delete, type_over

ME = "KB"


def keys(text: str, cursor: int, *ops: str, author: str = ME) -> tuple[str, int]:
    """Play keys at the cursor: "<BS>" Backspace, "<DEL>" Delete, else typed text."""
    for op in ops:
        if op == "<BS>":
            edit = delete(text, cursor, cursor, author, forward=False)
        elif op == "<DEL>":
            edit = delete(text, cursor, cursor, author, forward=True)
        else:
            edit = type_over(text, cursor, cursor, op, author)
        if edit is not None:
            text, cursor = apply_edit(text, edit), edit.cursor
    return text, cursor


def test_typing_records_one_growing_addition():
    text, cursor = keys("The ward.", 8, *" was calm")
    assert text == "The ward{++ was calm++}{>>KB<<}."
    assert text[cursor:].startswith("++}")


def test_backspace_records_one_growing_deletion_and_retyping_makes_a_substitution():
    text, _ = keys("The ward was calm.", 8, "<BS>", "<BS>", "<BS>", "<BS>", *"unit")
    assert text == "The {~~ward~>unit~~}{>>KB<<} was calm."


def test_delete_key_extends_the_deletion_forwards():
    text, cursor = keys("The ward was calm.", 4, "<DEL>", "<DEL>", "<DEL>", "<DEL>", "<DEL>")
    assert text == "The {--ward --}{>>KB<<}was calm."
    assert text[cursor:] == "was calm."


def test_deleting_inside_your_addition_only_removes_characters():
    text, _ = keys("Calm.", 4, *"er", "<BS>")
    assert text == "Calm{++e++}{>>KB<<}."
    text, cursor = keys(text, 10, "<BS>")  # its last character: the mark goes
    assert (text, cursor) == ("Calm.", 4)


def test_typing_over_a_selection_records_a_substitution():
    edit = type_over("The ward was calm.", 4, 8, "unit", ME)
    assert apply_edit("The ward was calm.", edit) == "The {~~ward~>unit~~}{>>KB<<} was calm."


def test_a_selection_over_marks_grows_to_whole_marks_and_keeps_comments():
    text = "A {==busy==}{>>CD: how busy?<<} ward {++today++}{>>CD<<}."
    edit = delete(text, 4, 40, ME, forward=False)
    result = apply_edit(text, edit)
    assert result == "A {--busy ward --}{>>KB<<}{>>CD: how busy?<<}."
    assert resolve_all(result, accept=False) == resolve_all(text, accept=False)


def test_someone_elses_addition_is_not_extended():
    text, _ = keys("Calm{++er++}{>>CD<<}.", 20, "!")
    assert text == "Calm{++er++}{>>CD<<}{++!++}{>>KB<<}."


def test_text_with_critic_syntax_is_refused_not_garbled():
    with pytest.raises(SuggestRefused, match="CriticMarkup"):
        type_over("Calm.", 4, 4, "++}", ME)


def test_a_malformed_mark_elsewhere_does_not_stop_suggesting_but_one_it_would_close_does():
    text = "Calm here. Half {--open"
    assert apply_edit(text, type_over(text, 4, 4, "er", ME)) == (
        "Calm{++er++}{>>KB<<} here. Half {--open")
    text = "Half {++open. Calm here."
    with pytest.raises(SuggestRefused, match="line 1: unclosed insertion"):
        type_over(text, 19, 19, "er", ME)


# --- properties ----------------------------------------------------------------------

plain = st.text(alphabet="abc .\n", min_size=0, max_size=30)
typed = st.text(alphabet="xyz \n", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(plain, st.data())
def test_one_edit_on_plain_text_accepts_to_the_edit_and_rejects_to_the_original(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if data.draw(st.booleans()):
        new = data.draw(typed)
        edit = type_over(text, start, end, new, ME)
        expected = text[:start] + new + text[end:]
    else:
        forward = data.draw(st.booleans())
        edit = delete(text, start, end, ME, forward)
        if start == end:
            at = start if forward else start - 1
            if not 0 <= at < len(text):
                assert edit is None
                return
            start, end = at, at + 1
        expected = text[:start] + text[end:]
    result = apply_edit(text, edit)
    assert resolve_all(result, accept=True) == expected
    assert resolve_all(result, accept=False) == text
    assert not any(m.problem for m in review_marks(result))


op = st.one_of(st.just("<BS>"), st.just("<DEL>"), st.sampled_from(list("xy \n")))


@settings(max_examples=300, deadline=None)
@given(plain, st.data(), st.lists(op, min_size=1, max_size=12))
def test_a_run_of_keys_at_the_cursor_matches_plain_editing(text, data, ops):
    """Typing and deleting at the cursor: accepting all gives what plain editing gives;
    rejecting all gives the original; marks stay well formed."""
    cursor = data.draw(st.integers(0, len(text)))
    plain_text, plain_cursor = text, cursor
    marked, marked_cursor = text, cursor
    for key in ops:
        # Plain editing, as the editor would do it.
        if key == "<BS>":
            if plain_cursor > 0:
                plain_text = plain_text[: plain_cursor - 1] + plain_text[plain_cursor:]
                plain_cursor -= 1
        elif key == "<DEL>":
            plain_text = plain_text[:plain_cursor] + plain_text[plain_cursor + 1 :]
        else:
            plain_text = plain_text[:plain_cursor] + key + plain_text[plain_cursor:]
            plain_cursor += 1
        marked, marked_cursor = keys(marked, marked_cursor, key)
        assert resolve_all(marked, accept=False) == text
        assert not any(m.problem for m in review_marks(marked))
    assert resolve_all(marked, accept=True) == plain_text


@settings(max_examples=200, deadline=None)
@given(st.one_of(plain, plain.map(lambda t: t + " {--half " + t)),
       st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200), op), max_size=8))
def test_edits_anywhere_never_lose_the_original(text, edits):
    """Edits at any place, over any selection, even inside marks and their syntax, and in
    a text that already has a malformed mark: refused or recorded, never garbled."""
    current = text
    problems = [(m.kind, m.problem) for m in review_marks(text) if m.problem]
    for a, b, key in edits:
        start, end = sorted((a % (len(current) + 1), b % (len(current) + 1)))
        try:
            if key in ("<BS>", "<DEL>"):
                edit = delete(current, start, end, ME, forward=key == "<DEL>")
            else:
                edit = type_over(current, start, end, key, ME)
        except SuggestRefused:
            assert problems  # only a malformed mark already there stops an edit
            continue
        if edit is not None:
            current = apply_edit(current, edit)
            assert 0 <= edit.cursor <= len(current)
        assert resolve_all(current, accept=False) == text
        assert [(m.kind, m.problem) for m in review_marks(current) if m.problem] == problems


def test_an_edit_reaching_into_the_front_matter_is_refused():
    text = "---\ntitle: March\n---\nCalm.\n"
    with pytest.raises(SuggestRefused, match="front matter"):
        type_over(text, 10, 22, "x", ME)


def test_a_change_made_another_way_becomes_a_suggestion_unless_it_only_marks():
    from columnist.review.suggesting import suggest_change

    old = "---\ntitle: March\n---\nThe ward was calm.\n"
    bold = old.replace("calm", "**calm**")
    assert apply_edit(old, suggest_change(old, bold, ME)) == old.replace(
        "calm", "{~~calm~>**calm**~~}{>>KB<<}")
    assert suggest_change(old, old.replace("March", "April"), ME) is None  # front matter
    commented = old.replace("ward", "{==ward==}{>>CD: which?<<}")
    assert suggest_change(old, commented, ME) is None
    assert suggest_change(commented, old, ME) is None  # a comment resolved


syntax = st.text(alphabet="{}+-~><=x \n", min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab {}+-\n", max_size=30), st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 200), syntax), min_size=1, max_size=6))
def test_typing_critic_syntax_is_recorded_or_refused_never_garbled(text, edits):
    """Typed braces, pluses and arrows: each edit either keeps the original text and every
    mark as it read, or is refused; the check looks only at the edited lines, so this is
    what makes sure that is enough."""
    from columnist.review.suggesting import SuggestRefused

    problems = [(m.kind, m.problem) for m in review_marks(text) if m.problem]
    original = resolve_all(text, accept=False)
    current = text
    for a, b, typed_text in edits:
        start, end = sorted((a % (len(current) + 1), b % (len(current) + 1)))
        try:
            edit = type_over(current, start, end, typed_text, ME)
        except SuggestRefused:
            continue
        current = apply_edit(current, edit)
        assert resolve_all(current, accept=False) == original
        assert [(m.kind, m.problem) for m in review_marks(current) if m.problem] == problems
