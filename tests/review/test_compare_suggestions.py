"""A returned copy turned into suggestions: the exact marks, and accept/reject give back
the returned copy and the column, read with the one CriticMarkup grammar."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from columnist.markdown.critic import scan_marks
from columnist.review.compare import CompareError, differences_as_suggestions, suggest_changes


def resolve(text: str, accept: bool) -> str:
    """`text` with every mark accepted (or rejected), as markdown.critic reads the marks."""
    parts: list[str] = []
    pos = 0
    for mark in scan_marks(text):
        assert not mark.problem, f"malformed mark in {text!r}"
        parts.append(text[pos : mark.start])
        if mark.kind in ("insertion", "deletion", "substitution"):
            parts.append(mark.new if accept else mark.old)
        elif mark.kind == "highlight":
            parts.append(mark.content)
        pos = mark.end
    parts.append(text[pos:])
    return "".join(parts)


def test_word_level_marks_for_a_reviewers_edits() -> None:
    original = (
        "# Winter\n\nThe trust was rated good last year.\n\n"
        "Staff told us the wards were busy.\n"
    )
    returned = (
        "# Winter\n\nThe trust was rated outstanding last year.\n\n"
        "Staff told us that the wards were very busy.\n\nA new closing line.\n"
    )
    assert differences_as_suggestions(original, returned) == (
        "# Winter\n\nThe trust was rated {~~good~>outstanding~~} last year.\n\n"
        "Staff told us {++that ++}the wards were {++very ++}busy.{++\n\nA new closing line.++}\n"
    )


def test_a_deleted_sentence_is_a_deletion() -> None:
    assert differences_as_suggestions("One. Two. Three.\n", "One. Three.\n") == (
        "One. {--Two. --}Three.\n"
    )


def test_identical_texts_have_no_marks() -> None:
    result = suggest_changes("Same text.\n", "Same text.\n")
    assert (result.text, result.marks, result.notes) == ("Same text.\n", 0, [])


def test_front_matter_changes_are_described_not_marked() -> None:
    original = "---\ntitle: Winter pressures\nstatus: draft\n---\n\nBody text.\n"
    returned = "---\ntitle: Winter pressure\nstatus: in review\n---\n\nBody texts.\n"
    result = suggest_changes(original, returned)
    assert result.text.startswith("---\ntitle: Winter pressures\nstatus: draft\n---\n\n")
    assert "{~~text.~>texts.~~}" in result.text
    assert result.notes == [
        "The front matter differs: title: “Winter pressures” → “Winter pressure”; "
        "status: “draft” → “in review”."
    ]
    assert resolve(result.text, accept=False) == original


def test_code_fences_are_never_marked_inside() -> None:
    original = "Intro.\n\n```\nprint('a')\n```\n\nEnd.\n"
    returned = "Intro text.\n\n```\nprint('b')\n```\n\nEnd.\n"
    result = suggest_changes(original, returned)
    assert "```\nprint('a')\n```" in result.text
    assert result.text.startswith("{~~Intro.~>Intro text.~~}\n\n```")
    assert len(result.notes) == 1 and "code block" in result.notes[0]
    assert result.text.endswith("<<}")
    assert resolve(result.text, accept=False) == original


def test_existing_marks_are_kept_whole() -> None:
    original = "Rated {==good==}{>>KB: check this<<} in 2019.\n"
    returned = "Rated {==good==}{>>KB: check this<<} in 2018.\n"
    result = suggest_changes(original, returned)
    assert result.text == "Rated {==good==}{>>KB: check this<<} in {~~2019.~>2018.~~}\n"
    removed = suggest_changes(original, "Rated {==good==} in 2019.\n")
    assert removed.text.startswith(original)
    assert "a review mark is removed" in removed.notes[0]


def test_a_malformed_mark_is_refused_with_its_line() -> None:
    with pytest.raises(CompareError) as caught:
        suggest_changes("Fine.\n", "Fine.\nBroken {++ mark.\n")
    assert "returned copy" in caught.value.message and "line 2" in caught.value.message


# Words made of the characters marks are made of, so a mark closing early would show.
WORDS = st.sampled_from(
    ["ward", "trust", "good", "+", "++", "-", "--", "~", "~~", "~>", ">", "=", "==", "<<",
     ">>", "a+", "b-", "c~", "x=", "—", "é", "1,2", "'s", "#", "*"]
)
SEPARATORS = st.sampled_from([" ", " ", "  ", "\n", "\n\n", "\t"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, max_size=30))
    seps = draw(st.lists(SEPARATORS, min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True))


@settings(max_examples=300, deadline=None)
@given(texts(), texts())
def test_accepting_all_gives_the_returned_copy_rejecting_all_the_column(
    original: str, returned: str
) -> None:
    result = suggest_changes(original, returned)
    assert result.notes == []
    assert all(not mark.problem for mark in scan_marks(result.text))
    assert resolve(result.text, accept=True) == returned
    assert resolve(result.text, accept=False) == original


def test_neighbouring_replacements_are_one_suggestion() -> None:
    assert differences_as_suggestions(
        "I want to talk about the ones that do.\n", "I want to look at the ones that do.\n"
    ) == "I want to {~~talk about~>look at~~} the ones that do.\n"


ANY_PIECES = st.sampled_from(
    ["ward", " ", "\n", "\n\n", "{", "}", "{++", "++}", "{--", "--}", "{~~", "~>", "~~}",
     "{>>", "<<}", "{==", "==}", "```\n", "~~~\n", "---\n", "x", "+", "-", "~", ">", "="]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_PIECES, max_size=25).map("".join),
       st.lists(ANY_PIECES, max_size=25).map("".join))
@example("{~", "ward")  # "{~" before the arrow once read as a nested "{~~"
def test_any_text_gives_well_formed_marks_or_a_clear_refusal(original: str, returned: str):
    """Whatever the texts hold (braces, fences, half marks), no mark comes out broken and
    rejecting every mark gives the column back (with the column's own marks rejected)."""
    try:
        result = suggest_changes(original, returned)
    except CompareError as exc:
        assert "review mark on line" in exc.message
        return
    assert all(not mark.problem for mark in scan_marks(result.text))
    rejected = resolve(result.text, accept=False)
    expected = resolve(original, accept=False)
    if result.notes and rejected == expected + "\n":
        # The closing note starts a line of its own after a last line that is a fence or
        # closes the front matter (a comment on that line would break it).
        assert not original.endswith("\n")
        expected += "\n"
    assert rejected == expected
    if not result.notes:
        assert resolve(result.text, accept=True) == resolve(returned, accept=True)
