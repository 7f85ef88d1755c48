"""The review marks still in a column, as the export refusal and the review layer list them.

Both need the same answer to "where are the marks?", in editor positions and in words a
person reads. The marks come from the one CriticMarkup grammar (`markdown.critic`, which
follows pymdown-extensions' `critic`, so what we report is what the preview shows); an
opener that is never closed is reported too: it is almost always a half-deleted mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from columnist.markdown.critic import UNCLOSED, scan_marks
from columnist.markdown.lines import LineIndex


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


def find_unresolved_marks(text: str) -> list[Mark]:
    """Every CriticMarkup mark in `text` (front matter included), plus openers never closed.

    >>> [m.describe() for m in find_unresolved_marks("Hi {++there++}")]
    ['line 1, column 4: insertion “there”']
    """
    if "{" not in text:
        return []
    index = LineIndex(text)
    marks: list[Mark] = []
    for mark in scan_marks(text):
        kind = f"unclosed {mark.kind}" if mark.problem == UNCLOSED else mark.kind
        line, column = index.position(mark.start)
        marks.append(Mark(kind, line, column, mark.start, mark.end, mark.content))
    return marks
