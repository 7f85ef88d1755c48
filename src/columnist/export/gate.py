"""The review-mark gate every export passes: a suggestion or a comment is never published.

Publishing a suggestion or a comment by accident is the mistake the export step exists to
prevent, so a column that still has CriticMarkup marks is refused, naming each mark's place.
"""

from __future__ import annotations

from columnist.export.base import Column, ExportError
from columnist.render.critic_marks import Mark, find_unresolved_marks


class PublishRefused(ExportError):
    """The gate refused the column: `problems` says where and what, one line each ("line
    12, column 5: …"). Exporting anyway as a draft (`ExportOptions.draft`) is the user's
    way past it; the message says what to fix."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


class UnresolvedMarksError(PublishRefused):
    """The document still has CriticMarkup marks; `marks` lists them (0-based places)."""

    def __init__(self, marks: list[Mark]) -> None:
        count = len(marks)
        noun = "review mark" if count == 1 else "review marks"
        problems = [mark.describe() for mark in marks]
        lines = [f"The document still has {count} unresolved {noun}:"]
        lines += [f"  {problem}" for problem in problems]
        lines.append("Accept or reject every suggestion and remove comments, then export again.")
        super().__init__("\n".join(lines), problems)
        self.marks = marks


def check_review_marks(column: Column) -> None:
    """Raise UnresolvedMarksError when the column still has review marks."""
    marks = find_unresolved_marks(column.text)
    if marks:
        raise UnresolvedMarksError(marks)
