"""Count the words a reader will read: the body only, without markup, URLs or review marks.

The status bar shows this count and the reading time, so it must match what the published
piece contains: front matter, link targets, image references, HTML tags and comments,
CriticMarkup deletions and comments are not words; an insertion `{++…++}` or the new side
of a substitution is. Everything is a handful of linear regular expressions, fast enough
to run on a 50,000-word document after each pause in typing.
"""

from __future__ import annotations

import math
import re
import time

from columnist.document.front_matter import split_front_matter

WORDS_PER_MINUTE = 265  # Medium's reading speed

_SUBS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"<!--.*?-->", re.S), " "),  # HTML comments
    (re.compile(r"\{--.*?--\}", re.S), " "),  # CriticMarkup deletion
    (re.compile(r"\{>>.*?<<\}", re.S), " "),  # CriticMarkup comment
    (re.compile(r"\{~~.*?~>(.*?)~~\}", re.S), r" \1 "),  # substitution: keep the new text
    (re.compile(r"\{\+\+(.*?)\+\+\}", re.S), r" \1 "),  # insertion
    (re.compile(r"\{==(.*?)==\}", re.S), r" \1 "),  # highlight
    (re.compile(r"^(?:```|~~~).*$", re.M), " "),  # code fence lines (code itself is counted)
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), " "),  # reference images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r" \1 "),  # inline links: keep the link text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r" \1 "),  # reference links
    (re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M), " "),  # link definitions
    (re.compile(r"^[ \t]{0,3}\[\^[^\]]+\]:", re.M), " "),  # footnote definitions: keep text
    (re.compile(r"\[\^[^\]]+\]"), " "),  # footnote references
    (re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>", re.I), " "),  # autolinks
    (re.compile(r"(?:https?://|ftp://|www\.)\S+"), " "),  # bare URLs (case-sensitive: fast)
    (re.compile(r"</?[A-Za-z][^>]*>"), " "),  # HTML tags
]

# A word: letters/digits, joined by apostrophes, hyphens or the dots/commas inside numbers.
_WORD = re.compile(r"[^\W_]+(?:(?:['’\-]|(?<=\d)[.,](?=\d))[^\W_]+)*")


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _pause_if_long(text: str) -> None:
    """Between two whole-text regex calls on a long text, let other threads run.

    Counting runs on worker threads; without a real pause they take the GIL straight
    back after each call and the GUI thread (typing) waits 15 ms and more.
    """
    if len(text) > _PIECE_CHARS:
        time.sleep(0.0002)


def strip_markup(body: str) -> str:
    """The body with everything removed that a reader does not read as words."""
    for pattern, replacement in _SUBS:
        body = pattern.sub(replacement, body)
        _pause_if_long(body)
    if "@" in body:  # the e-mail pattern is slow; most columns have no address
        body = _EMAIL.sub(" ", body)
    return body


# Counting runs beside the GUI thread (render worker, journal thread). One regex call over
# a whole 50,000-word text holds the GIL for ~12 ms, a visible stall in typing; a word
# never contains a newline, so counting line-aligned pieces gives the same total in calls
# of well under a millisecond each.
_PIECE_CHARS = 16_000


def _count(body: str) -> int:
    if len(body) <= _PIECE_CHARS:
        return len(_WORD.findall(body))
    total = 0
    start = 0
    end = len(body)
    while start < end:
        cut = body.find("\n", start + _PIECE_CHARS)
        cut = end if cut == -1 else cut + 1
        total += len(_WORD.findall(body, start, cut))
        start = cut
        _pause_if_long(body)
    return total


def count_words(text: str) -> int:
    """Words in the body of `text` (front matter, markup, URLs and review notes excluded)."""
    _, body = split_front_matter(text)
    return _count(strip_markup(body))


def reading_time_minutes(words: int) -> int:
    """Minutes to read `words` at Medium's 265 words a minute; at least 1 for any text."""
    if words <= 0:
        return 0
    return max(1, math.ceil(words / WORDS_PER_MINUTE - 0.5))
