"""Suggesting mode's text logic: an edit becomes review marks instead of changing the text.

Given the text, the selection and what the reviewer did (typed, deleted backwards or
forwards), `type_over` and `delete` say what to write instead: one `SuggestEdit` (replace
`start`..`end` with `replacement`, then put the cursor at `cursor`). The rules, as in
Google Docs' "Suggesting":

- typing records `{++added++}`, deleting `{--deleted--}`, typing over a selection
  `{~~old~>new~~}`, each signed with the reviewer's initials (`review.marks.signature`);
- typing next to your own suggestion extends it (and typing beside your own deletion
  turns it into a substitution); deleting inside an addition only removes those
  characters; deleting next to your own deletion extends it;
- a selection that touches marks grows to whole marks, so marks never nest or break; what
  it held is kept as the suggestion's old text, and the comments in it are kept after it.

Whatever happens, rejecting every mark gives back the text as it was before: each edit is
checked for that (and for well-formed marks) before it is offered, and refused with a
message otherwise (`SuggestRefused`), so no text is ever lost.

    >>> edit = type_over("The ward.", 4, 8, "unit", "KB")
    >>> apply_edit("The ward.", edit), edit.cursor
    ('The {~~ward~>unit~~}{>>KB<<}.', 17)
    >>> text = apply_edit("Calm", type_over("Calm", 4, 4, "er", "KB"))
    >>> text
    'Calm{++er++}{>>KB<<}'
    >>> apply_edit(text, delete(text, 10, 10, "KB", forward=False))
    'Calm{++e++}{>>KB<<}'
"""

from __future__ import annotations

from typing import NamedTuple

from columnist.core.text_span import changed_span
from columnist.markdown.critic import SUB_ARROW
from columnist.review.marks import ReviewMark, find_marks, resolve_all, signature


class SuggestRefused(ValueError):
    """The edit cannot be recorded as a suggestion; the message says why."""


class SuggestEdit(NamedTuple):
    """Replace text[start:end] with `replacement`; then the cursor goes to `cursor` (an
    offset in the new text)."""

    start: int
    end: int
    replacement: str
    cursor: int


def apply_edit(text: str, edit: SuggestEdit) -> str:
    """`text` with `edit` made."""
    return text[: edit.start] + edit.replacement + text[edit.end :]


def _marks(text: str) -> list[ReviewMark]:
    """The marks an edit works around; a malformed one counts as a mark of its own span
    (an unclosed opener: its three characters), so nothing is typed inside it."""
    return find_marks(text)


def _problems(marks: list[ReviewMark]) -> list[tuple[str, str]]:
    return [(m.kind, m.problem) for m in marks if m.problem]


def _open(m: ReviewMark) -> int:
    """Where an insertion's or a substitution's new text starts."""
    if m.kind == "substitution":
        return m.mark.start + 3 + len(m.mark.old) + len(SUB_ARROW)
    return m.mark.start + 3


def _close(m: ReviewMark) -> int:
    """Where the mark's closer starts (the content's end)."""
    return m.mark.end - 3


def _in_new_text(m: ReviewMark, start: int, end: int) -> bool:
    return m.kind in ("insertion", "substitution") and _open(m) <= start <= end <= _close(m)


def _in_comment_text(m: ReviewMark, start: int, end: int) -> bool:
    return m.kind == "comment" and m.mark.start + 3 <= start <= end <= _close(m)


def _checked(text: str, edit: SuggestEdit, before: list[ReviewMark] | None = None
             ) -> SuggestEdit:
    """`edit`, once sure the result keeps the original text and reads back as marks
    (`before`: the marks of `text`, when at hand)."""
    if edit.start < front_matter_end(text) and edit.replacement != text[edit.start:edit.end]:
        raise SuggestRefused(
            "The front matter (between the --- lines) is not recorded as a suggestion: "
            "edit it on its own (or in the Metadata panel), or add a comment below it."
        )
    new = apply_edit(text, edit)
    before = find_marks(text) if before is None else before
    if not _problems(before):
        # The scan before the edit is the same in both texts and, once the edited stretch
        # reads back closed, the same after it: compare that stretch only (a long column
        # stays fast).
        start, end = _unmarked_bounds(text, before, edit.start, edit.end)
        grown = len(edit.replacement) - (edit.end - edit.start)
        old_part, new_part = text[start:end], new[start : end + grown]
        after = find_marks(new_part)
        same = not _problems(after) and resolve_all(new_part, False, marks=after) == (
            resolve_all(old_part, False))
    else:
        after = find_marks(new)
        same = _problems(after) == _problems(before) and resolve_all(
            new, False, marks=after) == resolve_all(text, False, marks=before)
    if not same:
        broken = next((m for m in before if m.problem), None)
        if broken is not None:
            raise SuggestRefused(
                f"Fix the malformed review mark first ({broken.describe()}): a suggestion "
                "here would not read back as written."
            )
        raise SuggestRefused(
            "That text cannot be recorded as a suggestion: it holds CriticMarkup characters "
            "({++, ++}, ~>, <<} …) that would change the marks. Turn off Suggest Changes "
            "to type it."
        )
    return edit


def _unmarked_bounds(text: str, marks: list[ReviewMark], start: int, end: int
                     ) -> tuple[int, int]:
    """[start, end) grown to whole lines and then to whole marks: a stretch no mark of
    `text` crosses."""
    start = text.rfind("\n", 0, start) + 1
    newline = text.find("\n", end)
    end = len(text) if newline == -1 else newline
    for m in marks:  # a mark with its signature
        if m.start < start < m.end:
            start = m.start
        if m.start < end < m.end:
            end = m.end
    return start, end


def type_over(text: str, start: int, end: int, typed: str, author: str) -> SuggestEdit:
    """What typing (or pasting) `typed` with text[start:end] selected records."""
    start, end = min(start, end), max(start, end)
    if not typed:
        return delete(text, start, end, author, forward=False) if start != end else (
            SuggestEdit(start, start, "", start))
    marks = _marks(text)
    for m in marks:
        if _in_new_text(m, start, end) or _in_comment_text(m, start, end):
            return _checked(text, _plain(text, start, end, typed, m), marks)
    if start == end:
        return _checked(text, _insert_at(text, marks, start, typed, author), marks)
    return _checked(text, _replace_region(text, marks, start, end, typed, author), marks)


def _plain(text: str, start: int, end: int, typed: str, m: ReviewMark) -> SuggestEdit:
    """An ordinary edit inside an addition's (or a comment's) own text."""
    if not typed and m.kind != "comment" and end - start == _close(m) - _open(m):
        return _emptied(m)
    return SuggestEdit(start, end, typed, start + len(typed))


def _emptied(m: ReviewMark) -> SuggestEdit:
    """The edit when an addition loses all its text: an insertion goes; a substitution
    becomes the deletion of its old text (cursor after it, so typing makes it a
    substitution again)."""
    if m.kind == "insertion":
        return SuggestEdit(m.start, m.end, "", m.start)
    deletion = f"{{--{m.mark.old}--}}" + signature(m.author)
    return SuggestEdit(m.start, m.end, deletion, m.start + len(deletion))


def _insert_at(text: str, marks: list[ReviewMark], pos: int, typed: str, author: str
               ) -> SuggestEdit:
    inside = next((m for m in marks if m.start < pos < m.end), None)
    if inside is not None:
        pos = inside.end  # in a deletion, a highlight or a mark's syntax: after the mark
    own = [m for m in marks if m.author == author and m.kind in ("insertion", "deletion",
                                                                  "substitution")]
    left = next((m for m in own if m.end == pos), None)
    if left is not None and left.kind in ("insertion", "substitution"):
        at = _close(left)
        return SuggestEdit(at, at, typed, at + len(typed))
    if left is None:
        left = next((m for m in own if m.start == pos and m.kind == "deletion"), None)
    if left is not None:  # your own deletion beside it: now a substitution
        old = left.mark.content
        sub = f"{{~~{old}{SUB_ARROW}{typed}~~}}"
        return SuggestEdit(left.mark.start, left.mark.end, sub,
                           left.mark.start + len(sub) - 3)
    right = next((m for m in own if m.start == pos and m.kind == "insertion"), None)
    if right is not None:
        at = _open(right)
        return SuggestEdit(at, at, typed, at + len(typed))
    added = f"{{++{typed}++}}"
    return SuggestEdit(pos, pos, added + signature(author), pos + len(added) - 3)


def _grown(marks: list[ReviewMark], start: int, end: int) -> tuple[int, int, list[ReviewMark]]:
    """The selection grown to whole marks, and the marks it then holds."""
    held = [m for m in marks if m.start < end and start < m.end]
    if held:
        start, end = min(start, held[0].start), max(end, held[-1].end)
    return start, end, held


def _kept_comments(held: list[ReviewMark], text: str) -> str:
    """The comments (not signatures) in a region being replaced: they stay, after it."""
    return "".join(text[m.start : m.end] for m in held if m.kind == "comment")


def _replace_region(text: str, marks: list[ReviewMark], start: int, end: int, typed: str,
                    author: str) -> SuggestEdit:
    start, end, held = _grown(marks, start, end)
    old = resolve_all(text[start:end], accept=False)
    mark = f"{{~~{old}{SUB_ARROW}{typed}~~}}" if old else f"{{++{typed}++}}"
    replacement = mark + signature(author) + _kept_comments(held, text)
    return SuggestEdit(start, end, replacement, start + len(mark) - 3)


def delete(text: str, start: int, end: int, author: str, forward: bool) -> SuggestEdit | None:
    """What Backspace (`forward=False`), Delete (`forward=True`) or Cut of text[start:end]
    records; None when there is nothing to delete (Backspace at the very start)."""
    start, end = min(start, end), max(start, end)
    marks = _marks(text)
    if start != end:
        for m in marks:
            if _in_new_text(m, start, end) or _in_comment_text(m, start, end):
                return _checked(text, _plain(text, start, end, "", m), marks)
        return _checked(text, _delete_region(text, marks, start, end, author), marks)
    edit = (_delete_forward if forward else _backspace)(text, marks, start, author, 0)
    return None if edit is None else _checked(text, edit, marks)


def _delete_region(text: str, marks: list[ReviewMark], start: int, end: int, author: str
                   ) -> SuggestEdit:
    start, end, held = _grown(marks, start, end)
    old = resolve_all(text[start:end], accept=False)
    mark = f"{{--{old}--}}" + signature(author) if old else ""
    return SuggestEdit(start, end, mark + _kept_comments(held, text), start)


def _own_deletion(marks: list[ReviewMark], author: str, *, start: int = -1, end: int = -1
                  ) -> ReviewMark | None:
    for m in marks:
        if m.kind == "deletion" and m.author == author and (m.start == start or m.end == end):
            return m
    return None


def _backspace(text: str, marks: list[ReviewMark], pos: int, author: str, depth: int
               ) -> SuggestEdit | None:
    if pos <= 0 or depth > 3:
        return None
    m = next((m for m in marks if m.start < pos <= m.end), None)
    if m is None:  # a plain character: delete it as a suggestion
        char = text[pos - 1]
        right = _own_deletion(marks, author, start=pos)
        if right is not None:  # extend your deletion just after it
            return SuggestEdit(pos - 1, pos + 3, "{--" + char, pos - 1)
        left = _own_deletion(marks, author, end=pos - 1)
        if left is not None:
            closer = text[_close(left) : left.end]
            return SuggestEdit(_close(left), pos, char + closer, left.start)
        return SuggestEdit(pos - 1, pos, f"{{--{char}--}}" + signature(author), pos - 1)
    if m.kind in ("insertion", "substitution"):
        if _open(m) < pos <= _close(m):
            return _remove_one(m, pos - 1)
        if pos > _close(m) and _close(m) > _open(m):
            return _remove_one(m, _close(m) - 1)
        return _backspace(text, marks, m.start, author, depth + 1)
    if m.kind == "deletion":
        return _backspace(text, marks, m.start, author, depth + 1)
    if m.kind == "comment" and m.mark.start + 3 < pos <= _close(m):
        return SuggestEdit(pos - 1, pos, "", pos - 1)
    return SuggestEdit(pos, pos, "", m.start)  # a highlight or a mark's syntax: step over


def _delete_forward(text: str, marks: list[ReviewMark], pos: int, author: str, depth: int
                    ) -> SuggestEdit | None:
    if pos >= len(text) or depth > 3:
        return None
    m = next((m for m in marks if m.start <= pos < m.end), None)
    if m is None:
        char = text[pos]
        left = _own_deletion(marks, author, end=pos)
        if left is not None:  # extend your deletion just before it
            closer = text[_close(left) : left.end]
            return SuggestEdit(_close(left), pos + 1, char + closer, pos + 1)
        right = _own_deletion(marks, author, start=pos + 1)
        if right is not None:
            return SuggestEdit(pos, pos + 4, "{--" + char, right.end)
        deletion = f"{{--{char}--}}" + signature(author)
        return SuggestEdit(pos, pos + 1, deletion, pos + len(deletion))
    if m.kind in ("insertion", "substitution") and _open(m) <= pos < _close(m):
        return _remove_one(m, pos)
    if m.kind == "insertion" and pos < _open(m):
        return _delete_forward(text, marks, _open(m), author, depth + 1)
    if m.kind in ("insertion", "substitution", "deletion"):
        return _delete_forward(text, marks, m.end, author, depth + 1)
    if m.kind == "comment" and m.mark.start + 3 <= pos < _close(m):
        return SuggestEdit(pos, pos + 1, "", pos)
    return SuggestEdit(pos, pos, "", m.end)  # a highlight or a mark's syntax: step over


def _remove_one(m: ReviewMark, at: int) -> SuggestEdit:
    """Remove the character at `at` from an addition's own text."""
    if _close(m) - _open(m) == 1:
        return _emptied(m)
    return SuggestEdit(at, at + 1, "", at)


# --- changes made some other way -------------------------------------------------------


def front_matter_end(text: str) -> int:
    """Where the body starts (0 without front matter): the front matter is metadata, edited
    directly even while suggesting (marks in it would break its YAML)."""
    from columnist.markdown.front_matter import locate_front_matter

    block = locate_front_matter(text)
    return 0 if block is None else block.body_offset


def suggest_change(old: str, new: str, author: str) -> SuggestEdit | None:
    """The suggestion to make, on `old`, instead of a change to `new` made some other way
    than typing (a format command, a drop, Replace All, an inserted trust link); None when
    the change may stand: it is in the front matter, or it only adds or removes marks (a
    comment, an accepted or rejected suggestion), so the text before review is unchanged
    or the text after it is.

    >>> edit = suggest_change("The ward.", "The **ward**.", "KB")
    >>> apply_edit("The ward.", edit)
    'The {~~ward~>**ward**~~}{>>KB<<}.'
    >>> suggest_change("The ward.", "The ward{>>KB: which?<<}.", "KB") is None
    True
    """
    if old == new:
        return None
    start, end_old, end_new = changed_span(old, new)
    if end_old <= front_matter_end(old) and end_new <= front_matter_end(new):
        return None
    if resolve_all(new, False) == resolve_all(old, False) or resolve_all(
        new, True
    ) == resolve_all(old, True):
        return None
    inserted = new[start:end_new]
    if inserted:
        return type_over(old, start, end_old, inserted, author)
    return delete(old, start, end_old, author, forward=False)
