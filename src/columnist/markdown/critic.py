"""CriticMarkup, the review marks inside a column: the one grammar everyone uses.

`{++added++}`, `{--deleted--}`, `{~~old~>new~~}`, `{>>comment<<}`, `{==highlighted==}`;
a comment may start with a reviewer's initials (`{>>KB: why?<<}`). The preview renders
marks with pymdown-extensions' `critic`, whose rules this follows exactly: a mark opens
with `{` plus a two-character kind and closes at the first closer of that kind (for a
substitution, the first `~~}` after its `~>`); marks do not nest. So what the export
refusal, word count, block splitter and review panel report is what the preview shows.

Malformed marks are reported, never raised: an opener that is never closed (almost always
a half-deleted mark) and a mark with another opener inside it (pymdown shows the inner
one as literal text).

    >>> [(m.kind, m.author, m.text) for m in scan_marks("Hi {>>KB: why?<<} {++x")]
    [('comment', 'KB', 'why?'), ('insertion', '', 'x')]
    >>> [m.problem for m in scan_marks("Hi {>>KB: why?<<} {++x")]
    ['', 'unclosed']

The highlighter colours one line at a time and cannot look ahead, so it uses
`scan_line`, which carries an open mark from line to line (see its docstring).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# kind code (the two characters after "{") -> (closer, name)
KINDS: dict[str, tuple[str, str]] = {
    "++": ("++}", "insertion"),
    "--": ("--}", "deletion"),
    "~~": ("~~}", "substitution"),
    ">>": ("<<}", "comment"),
    "==": ("==}", "highlight"),
}
SUB_ARROW = "~>"
_OPENER = re.compile(r"\{(\+\+|--|~~|>>|==)")
_AUTHOR = re.compile(r"\s*(?P<author>[A-Z][A-Z0-9]{0,4}):(?:\s+|$)")

UNCLOSED = "unclosed"
NESTED = "nested"


class CriticMark(NamedTuple):
    """One review mark. `start`/`end`: character offsets of the whole mark (end
    exclusive); `content`: the text between opener and closer as written (for a
    substitution "old~>new"); `problem`: "" for a well-formed mark, "unclosed" for an
    opener never closed (then `end` is just after the opener and `content` is the rest of
    its line), "nested" for a mark with another opener inside it.

    A NamedTuple, like `LineCarry`: the editor's highlighter imports this module before
    the first paint, and `dataclasses` would add to the start-up."""

    kind: str  # insertion | deletion | substitution | comment | highlight
    start: int
    end: int
    content: str
    problem: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def moved(self, by: int) -> CriticMark:
        """The same mark, `by` characters further on (block offsets -> text offsets)."""
        return CriticMark(self.kind, self.start + by, self.end + by, self.content, self.problem)

    @property
    def author(self) -> str:
        """A comment's leading initials ("KB" for `{>>KB: why?<<}`), else ''."""
        if self.kind != "comment":
            return ""
        match = _AUTHOR.match(self.content)
        return match.group("author") if match else ""

    @property
    def text(self) -> str:
        """What the mark says: a comment without its initials, else its content."""
        if self.kind == "comment":
            match = _AUTHOR.match(self.content)
            if match:
                return self.content[match.end() :]
        return self.content

    @property
    def old(self) -> str:
        """The text a deletion or substitution removes ('' for other kinds)."""
        if self.kind == "substitution":
            return self.content.partition(SUB_ARROW)[0]
        return self.content if self.kind == "deletion" else ""

    @property
    def new(self) -> str:
        """The text an insertion or substitution adds ('' for other kinds)."""
        if self.kind == "substitution":
            return self.content.partition(SUB_ARROW)[2]
        return self.content if self.kind == "insertion" else ""


def _close(text: str, code: str, pos: int) -> int:
    """End offset (after the closer) of a mark of `code` whose content starts at `pos`,
    or -1 when it is never closed."""
    closer = KINDS[code][0]
    if code == "~~":
        mid = text.find(SUB_ARROW, pos)
        if mid == -1:
            return -1
        pos = mid + 2
    close = text.find(closer, pos)
    return -1 if close == -1 else close + 3


def scan_marks(text: str) -> Iterator[CriticMark]:
    """Every mark in `text` in order, malformed ones included (see `CriticMark.problem`).

    Linear time: once a closer of some kind is missing after an opener, no later opener of
    that kind can close either, so it is never searched for again.
    """
    find = text.find
    dead: set[str] = set()
    pos = find("{")
    while pos != -1:
        code = text[pos + 1 : pos + 3]
        if code not in KINDS:
            pos = find("{", pos + 1)
            continue
        end = -1 if code in dead else _close(text, code, pos + 3)
        if end == -1:
            dead.add(code)
            rest = text[pos + 3 : pos + 43].split("\n", 1)[0]
            yield CriticMark(KINDS[code][1], pos, pos + 3, rest, UNCLOSED)
            pos = find("{", pos + 3)
            continue
        content = text[pos + 3 : end - 3]
        problem = NESTED if "{" in content and _OPENER.search(content) else ""
        yield CriticMark(KINDS[code][1], pos, end, content, problem)
        pos = find("{", end)


def closed_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every closed mark (what pymdown renders as a mark)."""
    for mark in scan_marks(text):
        if mark.problem != UNCLOSED:
            yield mark.start, mark.end


# --- one line at a time (the editor's highlighter) ----------------------------------

# The part of a mark a piece of a line belongs to.
MARKER, INSERTED, DELETED, OLD, NEW, COMMENT, HIGHLIGHTED = (
    "marker", "inserted", "deleted", "old", "new", "comment", "highlighted",
)  # fmt: skip
_BODY_ROLE = {"++": INSERTED, "--": DELETED, "~~": OLD, ">>": COMMENT, "==": HIGHLIGHTED}


class LineCarry(NamedTuple):
    """A mark still open at the end of a line: its kind code, and for a substitution
    whether its `~>` arrow has been passed (the rest is then the new text)."""

    code: str
    past_arrow: bool = False


def scan_line(
    line: str, carry: LineCarry | None = None
) -> tuple[list[tuple[int, int, str]], LineCarry | None]:
    """The marks' pieces on one line: ([(start, end, role)], mark still open at its end).

    `carry` is the mark left open by the previous line. Looking at one line only, a mark
    closes at the first closer of its kind on the line (a substitution's arrow is found
    before its closer when there is one); an opener whose closer is not on the line stays
    open into the next line. Roles: "marker" for `{++`, `~>`, `++}`…, else the part of the
    mark ("inserted", "deleted", "old", "new", "comment", "highlighted").

    >>> scan_line("a {++b++}")
    ([(2, 5, 'marker'), (5, 6, 'inserted'), (6, 9, 'marker')], None)
    >>> scan_line("{~~x~>y", None)[1]
    LineCarry(code='~~', past_arrow=True)
    """
    pieces: list[tuple[int, int, str]] = []
    if carry is None and "{" not in line:
        return pieces, None
    pos = 0
    length = len(line)
    while pos <= length:
        if carry is None:
            match = _OPENER.search(line, pos)
            if match is None:
                return pieces, None
            pieces.append((match.start(), match.end(), MARKER))
            carry = LineCarry(match.group(1))
            pos = match.end()
            continue
        code = carry.code
        end = line.find(KINDS[code][0], pos)
        body_end = length if end < 0 else end
        if code == "~~" and carry.past_arrow:
            pieces.append((pos, body_end, NEW))
        else:
            arrow = line.find(SUB_ARROW, pos, body_end) if code == "~~" else -1
            if arrow >= 0:
                pieces.append((pos, arrow, OLD))
                pieces.append((arrow, arrow + 2, MARKER))
                pieces.append((arrow + 2, body_end, NEW))
                carry = LineCarry(code, True)
            else:
                pieces.append((pos, body_end, _BODY_ROLE[code]))
        if end < 0:
            return pieces, carry
        pieces.append((end, end + 3, MARKER))
        pos = end + 3
        carry = None
    return pieces, carry
