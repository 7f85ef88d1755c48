"""List items and quote lines: the one grammar for the editor, highlighter and splitter.

A list item starts with optional indentation, a bullet (`-`, `*`, `+`) or a number with
`.` or `)`, then whitespace; a task box `[ ]` / `[x]` may follow. Enter continues an item
(editor), the marker is coloured (highlighter), and consecutive items are rendered
together (block splitter), so all three must agree on what an item is.

    >>> m = match_list_item("  3. [x] done")
    >>> m["indent"], m["marker"], m["number"], m["delimiter"], m["task"]
    ('  ', '3.', '3', '.', '[x] ')
    >>> match_list_item("-no space") is None, opens_list_item("- "), opens_list_item("    - a")
    (True, True, False)
"""

from __future__ import annotations

import re

_ITEM = re.compile(
    r"(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<number>\d{1,9})(?P<delimiter>[.)]))"
    r"(?P<gap>[ \t]+|$)(?P<task>\[[ xX]\][ \t]+)?"
)
_QUOTE = re.compile(r"[ \t]*(?:>[ \t]?)+")


def match_list_item(line: str) -> re.Match[str] | None:
    """The list-item marker at the start of `line` (groups: indent, marker, number,
    delimiter, gap, task), or None. Whitespace must follow the marker."""
    match = _ITEM.match(line)
    if match is None or not match.group("gap"):
        return None
    return match


def opens_list_item(line: str) -> bool:
    """True when `line` starts a top-level list item as Python-Markdown reads it: at most
    three spaces of indentation, and the marker alone or followed by whitespace."""
    match = _ITEM.match(line)
    if match is None:
        return False
    indent = match.group("indent")
    return len(indent) <= 3 and "\t" not in indent


def match_quote(line: str) -> re.Match[str] | None:
    """The quote markers (`> `, `> > `) at the start of `line`, indentation included.

    >>> match_quote("  > > said").group()
    '  > > '
    """
    return _QUOTE.match(line) if ">" in line else None


def opens_quote(line: str) -> bool:
    """True when `line` is a quote line as Python-Markdown reads it (<= 3 spaces first)."""
    match = match_quote(line)
    if match is None:
        return False
    indent = match.group()[: match.group().index(">")]
    return len(indent) <= 3 and "\t" not in indent
