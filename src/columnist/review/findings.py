"""Findings: the one record every check produces (rating claims now; spelling, plain
English, house style, links and images later).

A finding says where (a span of the column's text, as offsets and as 1-based line and
column), how serious (error, warning, info), what (a stable `code` such as
`claim.wrong-rating`), why (one sentence a comms officer understands) and what to do (quick
fixes: each replaces one span with new text). The editor underlines `start`..`end`, the
Problems panel lists `line:column message`, the export gate refuses on errors, and
`columnist check --json` prints `as_dict()`.

Lines and columns are 1-based, as a compiler prints them (`column` counts characters, not
bytes); `end_line`/`end_column` point just past the last character. Offsets are 0-based
indexes into the text that was checked.

    >>> from columnist.markdown.lines import LineIndex
    >>> text = "---\\ntitle: x\\n---\\nRBD is Outstanding.\\n"
    >>> index = LineIndex(text)
    >>> at = text.index("Outstanding")
    >>> fix = Fix.replace(index, at, at + 11, "Good", "Change to “Good”")
    >>> found = Finding.at(index, at, at + 11, Severity.ERROR, "claim.wrong-rating",
    ...                    "The cache has RBD as Good, not Outstanding.", (fix,))
    >>> found.line, found.column, found.end_line, found.end_column
    (4, 8, 4, 19)
    >>> found.as_dict()["fixes"][0]["text"], found.is_error
    ('Good', True)
    >>> fix.apply(text)[-6:]
    'Good.\\n'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from columnist.markdown.lines import LineIndex


class Severity(str, Enum):
    """How much a finding matters: an error stops an export, a warning asks for a look, an
    info is a suggestion."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _position(index: LineIndex, offset: int) -> tuple[int, int]:
    line, column = index.position(offset)
    return line + 1, column + 1


@dataclass(frozen=True)
class Fix:
    """A quick fix: replace `start`..`end` of the text by `text`; `label` is the menu item
    ("Change to “Good”", "Link to its CQC page")."""

    label: str
    start: int
    end: int
    text: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def replace(cls, index: LineIndex, start: int, end: int, text: str, label: str) -> Fix:
        """A fix replacing `start`..`end` (offsets into the indexed text) by `text`."""
        return cls(label, start, end, text, *_position(index, start), *_position(index, end))

    def moved(self, offset: int, lines: int) -> Fix:
        """This fix, made on one block of a text as if it were the whole text, where the
        block is: `offset` characters and `lines` lines in (a block starts a line, so
        the columns stay)."""
        return replace(self, start=self.start + offset, end=self.end + offset,
                       line=self.line + lines, end_line=self.end_line + lines)

    def apply(self, text: str) -> str:
        """`text` with this fix applied (the text the finding was made on)."""
        return text[: self.start] + self.text + text[self.end :]

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "text": self.text,
            "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "start": self.start, "end": self.end,
        }


@dataclass(frozen=True)
class Finding:
    """One thing a check found, at a span of the text (see the module docstring)."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    severity: Severity
    code: str
    message: str
    fixes: tuple[Fix, ...] = ()

    @classmethod
    def at(
        cls, index: LineIndex, start: int, end: int, severity: Severity, code: str,
        message: str, fixes: tuple[Fix, ...] = (),
    ) -> Finding:
        """A finding over `start`..`end` (offsets into the indexed text)."""
        return cls(start, end, *_position(index, start), *_position(index, end), severity,
                   code, message, fixes)

    def moved(self, offset: int, lines: int) -> Finding:
        """This finding, made on one block as if it were the whole text, where the block
        is (see `Fix.moved`): checks remember a block's findings by its text.

        >>> index = LineIndex("Two words.\\n")
        >>> f = Finding.at(index, 4, 9, Severity.INFO, "x", "m").moved(100, 7)
        >>> (f.start, f.end, f.line, f.column, f.end_line, f.end_column)
        (104, 109, 8, 5, 8, 10)
        """
        return replace(self, start=self.start + offset, end=self.end + offset,
                       line=self.line + lines, end_line=self.end_line + lines,
                       fixes=tuple(fix.moved(offset, lines) for fix in self.fixes))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def as_dict(self) -> dict[str, Any]:
        """The JSON form `columnist check --json` prints."""
        return {
            "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "severity": self.severity.value, "code": self.code, "message": self.message,
            "fixes": [fix.as_dict() for fix in self.fixes],
            "start": self.start, "end": self.end,
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """In reading order; at one place, the most serious first."""
    return sorted(findings, key=lambda f: (f.start, SEVERITY_ORDER[f.severity], f.end, f.code))


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings of each severity, most serious first (zeros included)."""
    counts = dict.fromkeys(SEVERITY_ORDER, 0)
    for found in findings:
        counts[found.severity] += 1
    return counts


def count_phrase(count: int, severity: Severity) -> str:
    """ "1 error", "2 warnings", "3 info" (info has no plural, as compilers print it).

    >>> [count_phrase(n, s) for n, s in ((1, Severity.ERROR), (2, Severity.WARNING),
    ...                                   (3, Severity.INFO))]
    ['1 error', '2 warnings', '3 info']
    """
    plural = "s" if count != 1 and severity is not Severity.INFO else ""
    return f"{count} {severity.value}{plural}"


def counts_label(findings: Iterable[Finding], none: str = "No problems") -> str:
    """The findings counted by severity, as the status bar and `columnist check` say it.

    >>> from columnist.markdown.lines import LineIndex
    >>> at = Finding.at(LineIndex("x"), 0, 1, Severity.ERROR, "c", "m")
    >>> counts_label([at, at]), counts_label([])
    ('2 errors', 'No problems')
    """
    parts = [count_phrase(n, severity) for severity, n in severity_counts(findings).items()
             if n]
    return ", ".join(parts) if parts else none
