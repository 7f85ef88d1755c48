"""Review marks as a reviewer handles them: who made each one, and accepting or rejecting.

The grammar is `markdown.critic` (what the preview shows); this module adds what review
needs on top of it, used by the review panel, suggesting mode and `columnist review`:

- **Authors.** A comment names its reviewer (`{>>KB: why?<<}`). A suggestion is signed by
  a comment holding only initials right after it (`{++new++}{>>KB<<}`): suggesting mode
  writes that signature, and accepting or rejecting the suggestion removes it too. A
  highlight belongs to the first comment after it (`{==text==}{>>KB: why?<<}`).
- **Accept / reject.** Accepting an insertion keeps its text, rejecting drops it; the
  reverse for a deletion; a substitution becomes its new or its old text; comments go
  and highlights keep their text either way. Malformed marks (unclosed, nested) are never
  touched: they stay as they are, to be fixed by hand, so no text is lost.

    >>> text = "We {~~saw~>met~~}{>>KB<<} staff{>>CD: which ward?<<}."
    >>> [(m.kind, m.author) for m in review_marks(text)]
    [('substitution', 'KB'), ('comment', 'CD')]
    >>> resolve_all(text, accept=True)
    'We met staff.'
    >>> resolve_all(text, accept=False, author="KB")
    'We saw staff{>>CD: which ward?<<}.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from columnist.markdown.critic import NESTED, UNCLOSED, CriticMark, scan_marks

SUGGESTION_KINDS = ("insertion", "deletion", "substitution")
_SIGNATURE = re.compile(r"\s*([A-Z][A-Z0-9]{0,4})\s*")
_INITIALS = re.compile(r"[A-Z][A-Z0-9]{0,4}")
CONTEXT_CHARS = 30


class ReviewError(ValueError):
    """A review action that cannot be done as asked; the message says why and what to do."""


def valid_initials(initials: str) -> bool:
    """Whether `initials` can open a comment as its author (what the grammar reads back).

    >>> valid_initials("KB"), valid_initials("kb"), valid_initials("K.B.")
    (True, False, False)
    """
    return bool(_INITIALS.fullmatch(initials))


def signature(initials: str) -> str:
    """The comment that signs a suggestion ('' when there are no initials).

    >>> signature("KB"), signature("")
    ('{>>KB<<}', '')
    """
    return f"{{>>{initials}<<}}" if initials else ""


@dataclass(frozen=True)
class ReviewMark:
    """One mark as the review panel lists it. `start`..`end` covers the mark and its
    signature (what accepting or rejecting replaces); `line` is 0-based; `problem` is the
    grammar's ("unclosed", "nested" or "")."""

    mark: CriticMark
    author: str
    start: int
    end: int
    line: int
    context: str

    @property
    def kind(self) -> str:
        return self.mark.kind

    @property
    def problem(self) -> str:
        return self.mark.problem

    @property
    def text(self) -> str:
        """What the mark says, as a person reads it ("old → new" for a substitution)."""
        if self.kind == "substitution":
            return f"{self.mark.old} → {self.mark.new}"
        return self.mark.text

    @property
    def signed(self) -> bool:
        """Whether a signature comment follows the mark (it is part of `start`..`end`)."""
        return self.end > self.mark.end

    def describe(self) -> str:
        """One line for a message: 'line 3: substitution by KB “saw → met”'."""
        who = f" by {self.author}" if self.author else ""
        snippet = " ".join(self.text.split())
        if len(snippet) > 40:
            snippet = snippet[:39] + "…"
        what = f"{self.problem} {self.kind}" if self.problem else self.kind
        return f"line {self.line + 1}: {what}{who} “{snippet}”"


def signature_of(marks: list[CriticMark], index: int) -> str:
    """The initials signing `marks[index]` (a suggestion followed at once by a comment of
    initials only), else ''."""
    mark = marks[index]
    if mark.kind not in SUGGESTION_KINDS or mark.problem or index + 1 >= len(marks):
        return ""
    after = marks[index + 1]
    if after.kind != "comment" or after.start != mark.end or after.problem:
        return ""
    found = _SIGNATURE.fullmatch(after.content)
    return found.group(1) if found else ""


def review_marks(text: str, scanned: Iterable[CriticMark] | None = None) -> list[ReviewMark]:
    """Every mark in `text` in order, signatures folded into the suggestion they sign.

    `scanned`: the grammar's marks of `text` when already at hand (the column model's
    `review_marks`), so the text is not scanned again."""
    return [replace(m, context=_context(text, m.start, m.end, m.text))
            for m in find_marks(text, scanned)]


def find_marks(text: str, scanned: Iterable[CriticMark] | None = None) -> list[ReviewMark]:
    """The marks of `text` as `review_marks` finds them, without the words around them
    (cheaper: what resolving and suggesting need)."""
    if "{" not in text:
        return []
    marks = list(scan_marks(text) if scanned is None else scanned)
    found: list[ReviewMark] = []
    skip = False
    line = counted = 0  # lines counted up to `counted` (marks come in order)
    for i, mark in enumerate(marks):
        if skip:
            skip = False
            continue
        author = signature_of(marks, i)
        end = mark.end
        if author:
            end = marks[i + 1].end
            skip = True
        elif mark.kind == "comment":
            author = mark.author
        elif mark.kind == "highlight" and not mark.problem:
            following = marks[i + 1] if i + 1 < len(marks) else None
            if following is not None and following.kind == "comment" and (
                following.start == mark.end
            ):
                author = following.author
        line += text.count("\n", counted, mark.start)
        counted = mark.start
        found.append(ReviewMark(mark, author, mark.start, end, line, ""))
    return found


def _context(text: str, start: int, end: int, shown: str) -> str:
    """The words around a mark on its line, as they read before review (other marks
    rejected), with the mark as `shown`: "…a busy ⟦winter → spring⟧ that never…"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = resolve_all(text[line_start:start], accept=False)
    after = resolve_all(text[end:line_end], accept=False)
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS] + "…"
    return " ".join(f"{before}⟦{shown}⟧{after}".split())


def resolution(mark: CriticMark, accept: bool) -> str:
    """The text a well-formed mark leaves when accepted (or rejected).

    >>> from columnist.markdown.critic import scan_marks
    >>> [resolution(m, True) for m in scan_marks("{++a++}{--b--}{~~c~>d~~}{>>e<<}{==f==}")]
    ['a', '', 'd', '', 'f']
    """
    if mark.kind == "insertion":
        return mark.content if accept else ""
    if mark.kind == "deletion":
        return "" if accept else mark.content
    if mark.kind == "substitution":
        return mark.new if accept else mark.old
    if mark.kind == "highlight":
        return mark.content
    return ""  # a comment


def _apply(text: str, chosen: Iterable[ReviewMark], accept: bool) -> str:
    parts: list[str] = []
    pos = 0
    for item in sorted(chosen, key=lambda m: m.start):
        if item.start < pos:
            continue
        parts.append(text[pos : item.start])
        parts.append(resolution(item.mark, accept))
        pos = item.end
    parts.append(text[pos:])
    return "".join(parts)


def resolve(text: str, item: ReviewMark, accept: bool) -> str:
    """`text` with one mark accepted or rejected (ReviewError for a malformed one).

    >>> text = "A {++new++}{>>KB<<} ward"
    >>> resolve(text, review_marks(text)[0], accept=False)
    'A  ward'
    """
    if item.problem:
        raise ReviewError(
            f"This mark is {_problem_words(item.problem)}, so it cannot be accepted or "
            f"rejected; fix it by hand on line {item.line + 1}."
        )
    current = {(m.start, m.end, m.kind) for m in find_marks(text)}
    if (item.start, item.end, item.kind) not in current:
        raise ReviewError("The text has changed since the mark was listed; look again.")
    return _apply(text, [item], accept)


def resolve_all(text: str, accept: bool, author: str | None = None,
                marks: list[ReviewMark] | None = None) -> str:
    """`text` with every well-formed mark (of `author` only, when given) accepted or
    rejected; malformed marks are left as they are. `marks`: `find_marks(text)` when the
    caller has them already."""
    chosen = [
        m for m in (find_marks(text) if marks is None else marks)
        if not m.problem and (author is None or m.author == author)
    ]
    return _apply(text, chosen, accept)


def _problem_words(problem: str) -> str:
    return {UNCLOSED: "never closed", NESTED: "has another mark inside it"}.get(problem, problem)


def malformed(text: str) -> list[ReviewMark]:
    """The marks the grammar flags (unclosed, nested), in order."""
    return [m for m in review_marks(text) if m.problem]


def counts_label(marks: Iterable[ReviewMark]) -> str:
    """The status bar's summary of the marks.

    >>> counts_label(review_marks("{++a++} {>>KB: b<<} {>>c<<}"))
    '1 suggestion, 2 comments'
    >>> counts_label([])
    'No review marks'
    """
    suggestions = comments = highlights = problems = 0
    for item in marks:
        if item.problem:
            problems += 1
        elif item.kind in SUGGESTION_KINDS:
            suggestions += 1
        elif item.kind == "comment":
            comments += 1
        else:
            highlights += 1
    parts = []
    for count, noun in ((suggestions, "suggestion"), (comments, "comment"),
                        (problems, "malformed mark")):
        if count:
            parts.append(f"{count} {noun}{'s' if count != 1 else ''}")
    if not parts and highlights:
        parts.append(f"{highlights} highlight{'s' if highlights != 1 else ''}")
    return ", ".join(parts) if parts else "No review marks"


def authors(marks: Iterable[ReviewMark]) -> list[str]:
    """The reviewers who made marks, sorted."""
    return sorted({m.author for m in marks if m.author})


# --- comments ------------------------------------------------------------------------


def _check_comment(body: str) -> str:
    body = " ".join(body.split())
    if not body:
        raise ReviewError("The comment is empty.")
    if "<<}" in body or "{>>" in body:
        raise ReviewError("A comment cannot contain “{>>” or “<<}” (they open and close it).")
    return body


def _inside_mark(text: str, start: int, end: int) -> ReviewMark | None:
    for item in find_marks(text):
        if (item.start < end and start < item.end) or item.start < start < item.end:
            return item
    return None


def add_comment(text: str, start: int, end: int, initials: str, body: str
                ) -> tuple[str, int]:
    """(new text, offset just after the comment): `text[start:end]` highlighted with the
    comment attached, or only the comment at `start` when nothing is selected.

    >>> add_comment("The ward was calm.", 4, 8, "KB", "Which one?")
    ('The {==ward==}{>>KB: Which one?<<} was calm.', 34)
    """
    body = _check_comment(body)
    start, end = min(start, end), max(start, end)
    if _inside_mark(text, start, end) is not None:
        raise ReviewError(
            "The selection touches a review mark: select plain text to comment on, or use "
            "Reply on an existing comment."
        )
    selected = text[start:end]
    if "\n\n" in selected.replace("\r", ""):
        raise ReviewError("A comment can highlight text within one paragraph only.")
    who = f"{initials}: " if initials else ""
    comment = f"{{>>{who}{body}<<}}"
    inserted = f"{{=={selected}==}}{comment}" if selected else comment
    return text[:start] + inserted + text[end:], start + len(inserted)


def thread_end(text: str, position: int) -> int:
    """The end of the comment thread at `position` (the comment there and the comments
    straight after it); ReviewError when `position` is not on a comment or highlight."""
    marks = [m for m in find_marks(text) if not m.problem]
    for i, item in enumerate(marks):
        if item.start <= position <= item.end and item.kind in ("comment", "highlight"):
            end = item.end
            for later in marks[i + 1 :]:
                if later.start != end or later.kind != "comment":
                    break
                end = later.end
            return end
    raise ReviewError("Put the cursor in a comment to reply to it.")


def add_reply(text: str, position: int, initials: str, body: str) -> tuple[str, int]:
    """(new text, offset after the reply): a reply appended to the thread at `position`.

    >>> add_reply("Calm{>>KB: Which?<<} ward.", 6, "CD", "Ward 4")
    ('Calm{>>KB: Which?<<}{>>CD: Ward 4<<} ward.', 36)
    """
    body = _check_comment(body)
    end = thread_end(text, position)
    who = f"{initials}: " if initials else ""
    reply = f"{{>>{who}{body}<<}}"
    return text[:end] + reply + text[end:], end + len(reply)
