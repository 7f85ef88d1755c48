"""Where a column's front matter is: the fenced `---` block at the top, and the body after.

This is the grammar only (no YAML): the document layer loads the YAML and rewrites fields
(`columnist.document.front_matter`), the highlighter colours the block line by line, and
the column model and word count need the body offset. A block is an opening line `---`
(after an optional byte-order mark) and a later closing line `---` or `...`; without a
closing line there is no front matter, so a lone rule at the top never swallows the text.

    >>> block = locate_front_matter("---\\ntitle: T\\n---\\nBody\\n")
    >>> block.source, block.body_offset, block.body_line
    ('title: T\\n', 17, 3)
    >>> locate_front_matter("--- not a fence\\n") is None
    True

A block below blank lines is not front matter (Python-Markdown and Medium read it as a
rule and text), but it is surely meant to be: `misplaced_front_matter` finds it, so the
writer is told why the title is not read, and nothing adds a second block above it.

    >>> misplaced_front_matter("\\n\\n---\\ntitle: T\\n---\\nBody\\n")
    2
    >>> misplaced_front_matter("---\\ntitle: T\\n---\\n") is None
    True
"""

from __future__ import annotations

import re
from typing import NamedTuple

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n)+")
_OPEN_LINE = re.compile(r"---[ \t]*\r?")
_CLOSE_LINE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?")


def is_opening_line(line: str) -> bool:
    """True for a line (without its newline) that can open the front matter.

    >>> is_opening_line("---  "), is_opening_line("----")
    (True, False)
    """
    return _OPEN_LINE.fullmatch(line) is not None


def is_closing_line(line: str) -> bool:
    """True for a line (without its newline) that closes the front matter (`---`, `...`)."""
    return _CLOSE_LINE.fullmatch(line) is not None


class FrontMatterBlock(NamedTuple):
    """The fenced block at the top of a text (a NamedTuple: the highlighter imports this
    module before the first paint, and `dataclasses` would add to the start-up).

    `lines`: the block's lines with their line ends, opening and closing lines included;
    `start`: offset of the opening line (1 after a byte-order mark); `body_offset`: offset
    just after the closing line's newline.
    """

    start: int
    lines: tuple[str, ...]
    body_offset: int

    @property
    def close_index(self) -> int:
        """0-based line of the closing fence (the block starts at line 0)."""
        return len(self.lines) - 1

    @property
    def body_line(self) -> int:
        """0-based line where the body starts."""
        return len(self.lines)

    @property
    def source(self) -> str:
        """The YAML between the fences."""
        return "".join(self.lines[1:-1])


def locate_front_matter(text: str) -> FrontMatterBlock | None:
    """The front-matter block of `text`, or None. Only the head of the text is split into
    lines, so this stays cheap on a long column."""
    start = 1 if text.startswith("\ufeff") else 0
    first = _OPEN.match(text, start)
    if first is None:
        return None
    closing = _CLOSE.search(text, first.end())
    if closing is None:
        return None
    end = closing.end()
    if end < len(text) and text[end] == "\n":
        end += 1
    return FrontMatterBlock(start, tuple(text[start:end].splitlines(keepends=True)), end)


def misplaced_front_matter(text: str) -> int | None:
    """The 0-based line of a front-matter block that starts below blank lines at the top
    of `text` (so it is not front matter), or None."""
    start = 1 if text.startswith("\ufeff") else 0
    blanks = _LEADING_BLANK_LINES.match(text, start)
    if blanks is None or locate_front_matter(text[blanks.end():]) is None:
        return None
    return text.count("\n", 0, blanks.end())
