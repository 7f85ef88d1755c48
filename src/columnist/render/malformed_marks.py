"""Malformed review marks flagged in place in the preview, instead of passing as text.

pymdown-extensions' `critic` shows an opener that is never closed (`{--half`) or a mark
inside another mark as literal text, easy to miss in a long column. Before a block is
converted, each such opener is swapped for a letters-only token that Markdown leaves
alone (smartypants would otherwise turn `--` into a dash); after conversion the token
becomes the opener again, in a `critic-malformed` span with a tooltip saying what is
wrong. The text itself is unchanged: only the marks' grammar (`markdown.critic`) decides
what is malformed, as the review panel lists it.

    >>> source, flags = hide_malformed("Calm {--half")
    >>> source
    'Calm columnistmalformed0zhalf'
    >>> show_malformed("<p>Calm columnistmalformed0zhalf</p>", flags)
    '<p>Calm <span class="critic-malformed" title="Review mark never closed">⚠{--</span>half</p>'
"""

from __future__ import annotations

import html
import re

from columnist.markdown.critic import KINDS, UNCLOSED, scan_marks

_TOKEN = "columnistmalformed{}z"
_OPENER = re.compile("|".join(re.escape("{" + code) for code in KINDS))
REASONS = {UNCLOSED: "Review mark never closed", "nested": "Review mark inside another mark"}


def hide_malformed(source: str) -> tuple[str, list[tuple[str, str]]]:
    """(`source` with each malformed mark's opener swapped for a token, [(token, the
    flagged opener's HTML)])."""
    if "{" not in source:
        return source, []
    places: list[tuple[int, str, str]] = []  # (offset, opener, reason)
    for mark in scan_marks(source):
        if mark.problem == UNCLOSED:
            places.append((mark.start, source[mark.start : mark.start + 3], mark.problem))
        elif mark.problem:
            inner = _OPENER.search(source, mark.start + 3, mark.end - 3)
            if inner is not None:
                places.append((inner.start(), inner.group(0), mark.problem))
    if not places:
        return source, []
    parts: list[str] = []
    flags: list[tuple[str, str]] = []
    pos = 0
    for i, (at, opener, problem) in enumerate(sorted(places)):
        token = _TOKEN.format(i)
        parts += [source[pos:at], token]
        reason = REASONS.get(problem, "Malformed review mark")
        flags.append((token, f'<span class="critic-malformed" title="{reason}">'
                             f"⚠{html.escape(opener, quote=False)}</span>"))
        pos = at + len(opener)
    parts.append(source[pos:])
    return "".join(parts), flags


def show_malformed(converted: str, flags: list[tuple[str, str]]) -> str:
    """The converted HTML with each token back as its flagged opener."""
    for token, flagged in flags:
        converted = converted.replace(token, flagged)
    return converted
