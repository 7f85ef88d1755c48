"""Find CriticMarkup review marks in a column's source text.

Export refuses a document that still carries marks, and the review layer lists them, so
both need the same answer to "where are the marks?". The scan follows pymdown-extensions'
`critic` rules exactly (a mark opens with `{` plus a two-character kind and closes at the
first closer of that kind; marks do not nest), so what we report is what the preview shows.
An opener that is never closed is reported too: it is almost always a half-deleted mark.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

# kind code -> (closer, human name)
_KINDS: dict[str, tuple[str, str]] = {
    "++": ("++}", "insertion"),
    "--": ("--}", "deletion"),
    "~~": ("~~}", "substitution"),
    ">>": ("<<}", "comment"),
    "==": ("==}", "highlight"),
}
_SUB_MID = "~>"


@dataclass(frozen=True)
class Mark:
    """One review mark. `line` and `column` are 0-based (editor positions); `describe()`
    gives the 1-based wording people read."""

    kind: str  # insertion | deletion | substitution | comment | highlight | unclosed <kind>
    line: int
    column: int
    start: int  # character offsets in the text, end exclusive
    end: int
    content: str  # the mark's inner text (for a substitution: "old~>new")

    @property
    def closed(self) -> bool:
        return not self.kind.startswith("unclosed")

    def describe(self) -> str:
        """E.g. 'line 12, column 5: insertion "{++new words++}"'."""
        snippet = " ".join(self.content.split())
        if len(snippet) > 40:
            snippet = snippet[:37] + "…"
        return f"line {self.line + 1}, column {self.column + 1}: {self.kind} “{snippet}”"


def iter_critic_spans(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Yield (start, end, kind code, content) for each closed mark, in order.

    Linear time: once a closer of some kind is missing after an opener, no later opener of
    that kind can close either, so it is never searched for again.
    """
    find = text.find
    dead: set[str] = set()
    pos = 0
    while True:
        start = find("{", pos)
        if start == -1:
            return
        code = text[start + 1 : start + 3]
        if code not in _KINDS:
            pos = start + 1
            continue
        pos = start + 3
        if code in dead:
            continue
        end = -1
        if code == "~~":
            mid = find(_SUB_MID, pos)
            if mid != -1:
                close = find(_KINDS[code][0], mid + 2)
                if close != -1:
                    end = close + 3
        else:
            close = find(_KINDS[code][0], pos)
            if close != -1:
                end = close + 3
        if end == -1:
            dead.add(code)
            if len(dead) == len(_KINDS):
                return
            continue
        yield start, end, code, text[start + 3 : end - 3]
        pos = end


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def find_unresolved_marks(text: str) -> list[Mark]:
    """Every CriticMarkup mark in `text` (front matter included), plus openers never closed.

    >>> [m.describe() for m in find_unresolved_marks("Hi {++there++}")]
    ['line 1, column 4: insertion “there”']
    """
    starts = _line_starts(text)

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return line, offset - starts[line]

    marks: list[Mark] = []
    covered: list[tuple[int, int]] = []
    for start, end, code, content in iter_critic_spans(text):
        line, column = position(start)
        marks.append(Mark(_KINDS[code][1], line, column, start, end, content))
        covered.append((start, end))

    # Openers outside every closed mark that never found their closer.
    cover_starts = [s for s, _ in covered]
    pos = text.find("{")
    while pos != -1:
        code = text[pos + 1 : pos + 3]
        if code in _KINDS:
            i = bisect.bisect_right(cover_starts, pos) - 1
            inside = i >= 0 and covered[i][0] <= pos < covered[i][1]
            if not inside:
                line, column = position(pos)
                rest = text[pos + 3 : pos + 43].split("\n", 1)[0]
                marks.append(Mark(f"unclosed {_KINDS[code][1]}", line, column, pos, pos + 3, rest))
        pos = text.find("{", pos + 1)
    marks.sort(key=lambda m: m.start)
    return marks
