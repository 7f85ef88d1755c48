"""Fenced code blocks, by Python-Markdown's rule (the preview's renderer).

A fence opens with three or more backticks or tildes at the start of a line and closes at
the next line holding exactly the same fence (trailing spaces allowed). A backtick fence
whose info string holds a backtick is inline code, not a fence. Text inside a fence is
never Markdown: no headings, links or review marks are found there, and the block
splitter never cuts one.

    >>> opening_fence("```python"), opening_fence("  ```"), opening_fence("``` a`b")
    ('```', None, None)
    >>> closes_fence("```  ", "```"), closes_fence("````", "```")
    (True, False)
    >>> fenced_spans("a\\n~~~\\ncode\\n~~~\\nb\\n")
    [(2, 14)]
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")
FENCE_LINE = re.compile(r"^(?:`{3,}|~{3,}).*$", re.M)
"""Any line that starts with a fence (opening or closing), in a multi-line text."""


def opening_fence(line: str) -> str | None:
    """The fence string (e.g. "```") when `line` (no newline) can open a fence, else None."""
    match = _OPEN.match(line)
    if match is None:
        return None
    fence = match.group("fence")
    if fence[0] == "`" and "`" in match.group("info"):
        return None
    return fence


def closes_fence(line: str, fence: str) -> bool:
    """True when `line` (no newline) closes a block opened with `fence`."""
    return line.rstrip(" ") == fence


def fence_close_line(lines: list[str], first: int) -> int | None:
    """Index of the line closing the fence opened at `lines[first]`, or None (never closed:
    then the opener is ordinary text)."""
    fence = opening_fence(lines[first])
    if fence is None:
        return None
    for index in range(first + 1, len(lines)):
        if closes_fence(lines[index], fence):
            return index
    return None


def fenced_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every closed fenced block in `text`, fences included
    (end: after the closing fence's last character)."""
    if "```" not in text and "~~~" not in text:
        return []
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    offset = 0
    offsets = []
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    index = 0
    while index < len(lines):
        close = fence_close_line(lines, index) if lines[index][:1] in "`~" else None
        if close is None:
            index += 1
            continue
        spans.append((offsets[index], offsets[close] + len(lines[close])))
        index = close + 1
    return spans
