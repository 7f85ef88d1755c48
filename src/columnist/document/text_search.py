"""Searching the column's text: patterns, matches and replacements (no Qt).

The search runs Python's `re` over the editor's exact text rather than QTextDocument.find:
one engine for literal, whole-word and regular-expression searches, `\\1` and `$1` group
references in replacements, and a match count for free. Offsets are Python indexes; the
find bar (`ui.find_replace`) maps them to Qt positions.

>>> options = FindOptions(whole_words=True)
>>> [m.start() for m in find_matches("Trust, trusts, trust.", compile_query("trust", options))]
[0, 15]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOLLAR_GROUP = re.compile(r"\$(?:(\d+)|\{(\w+)\}|(\$))")


@dataclass(frozen=True)
class FindOptions:
    """How the query is read."""

    case_sensitive: bool = False
    whole_words: bool = False
    regex: bool = False


class SearchError(ValueError):
    """The query or replacement cannot be used; `str(error)` is the sentence to show."""


def compile_query(query: str, options: FindOptions) -> re.Pattern[str]:
    """The compiled pattern for `query`; raises SearchError for an invalid expression."""
    source = query if options.regex else re.escape(query)
    if options.whole_words:
        source = rf"(?<!\w)(?:{source})(?!\w)"
    flags = re.MULTILINE | (0 if options.case_sensitive else re.IGNORECASE)
    try:
        return re.compile(source, flags)
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise SearchError(
            f"Invalid regular expression: {exc.msg}{where}. Fix the pattern or untick “Regex”."
        ) from exc


def python_template(replacement: str) -> str:
    """Accept `$1`, `${1}`, `${name}` and `$$` (as in most editors) besides Python's `\\1`.

    >>> python_template("$2, $1 ($$5)")
    '\\\\g<2>, \\\\g<1> ($5)'
    """

    def convert(m: re.Match[str]) -> str:
        if m.group(3):
            return "$"
        return rf"\g<{m.group(1) or m.group(2)}>"

    return _DOLLAR_GROUP.sub(convert, replacement)


def find_matches(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """All non-empty matches, in order (an empty match cannot be selected or replaced)."""
    return [m for m in pattern.finditer(text) if m.end() > m.start()]


def expand(match: re.Match[str], replacement: str, options: FindOptions) -> str:
    """The text that replaces `match`; raises SearchError for a bad group reference."""
    if not options.regex:
        return replacement
    try:
        return match.expand(python_template(replacement))
    except (re.error, IndexError) as exc:
        raise SearchError(
            f"Invalid replacement: {exc}. Use \\1 or $1 for the first group."
        ) from exc
