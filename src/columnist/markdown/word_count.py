"""Count the words a reader will read: the body only, without markup, URLs or review marks.

The status bar shows this count and the reading time, so it must match what the published
piece contains: front matter, link targets, image references, HTML tags and comments,
CriticMarkup deletions and comments are not words; an insertion `{++…++}` or the new side
of a substitution is. Everything is a handful of linear regular expressions, fast enough
to run on a 50,000-word document after each pause in typing; the column model counts
block by block (`count_block_words`) and re-counts only the blocks an edit touched.
"""

from __future__ import annotations

import math
import re
import time

from columnist.markdown.blocks import split_blocks
from columnist.markdown.critic import UNCLOSED, scan_marks
from columnist.markdown.fences import FENCE_LINE
from columnist.markdown.front_matter import locate_front_matter

WORDS_PER_MINUTE = 265  # Medium's reading speed

# Not words to a reader, nor to the spelling check (`review.spelling_words`).
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SUBS: list[tuple[re.Pattern[str], str]] = [
    (FENCE_LINE, " "),  # code fence lines (code itself is counted)
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


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _pause_if_long(text: str) -> None:
    """Between two whole-text regex calls on a long text, let other threads run.

    Counting runs on worker threads; without a real pause they take the GIL straight
    back after each call and the GUI thread (typing) waits 15 ms and more.
    """
    if len(text) > _PIECE_CHARS:
        time.sleep(0.0002)


def _read_marks(body: str) -> str:
    """Review marks as the published text will read once they are accepted: deletions and
    comments go, insertions, highlights and a substitution's new side stay."""
    parts: list[str] = []
    last = 0
    for mark in scan_marks(body):
        if mark.problem == UNCLOSED:
            continue  # not a mark: its words are the reader's
        parts.append(body[last : mark.start])
        kept = mark.new if mark.kind == "substitution" else mark.content
        parts.append(" " if mark.kind in ("deletion", "comment") else f" {kept} ")
        last = mark.end
    if not parts:
        return body
    parts.append(body[last:])
    return "".join(parts)


def strip_markup(body: str) -> str:
    """The body with everything removed that a reader does not read as words."""
    if "<!--" in body:
        body = HTML_COMMENT.sub(" ", body)
    if "{" in body:
        body = _read_marks(body)
    for pattern, replacement in _SUBS:
        body = pattern.sub(replacement, body)
        _pause_if_long(body)
    if "@" in body:  # the e-mail pattern is slow; most columns have no address
        body = EMAIL.sub(" ", body)
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


def count_block_words(block: str) -> int:
    """Words in one block of the body (see `markdown.blocks`)."""
    return _count(strip_markup(block))


def count_words(text: str) -> int:
    """Words in the body of `text` (front matter, markup, URLs and review notes excluded).

    >>> count_words("---\\ntitle: Not counted\\n---\\nTwo {--three--} [words](https://x)\\n")
    2
    """
    global _last_blocks
    front = locate_front_matter(text)
    body = text[front.body_offset :] if front is not None else text
    known, counts = _last_blocks, {}
    total = 0
    for block in split_blocks(body):
        words = counts.get(block.text)
        if words is None:
            words = known.get(block.text)
            counts[block.text] = words = (count_block_words(block.text) if words is None
                                          else words)
        total += words
    _last_blocks = counts  # the blocks of this text only
    return total


# Each block's count from the last `count_words` call: the journal counts the text on each
# pause in typing, and an edit changes one block (re-counting all of a 50,000-word text
# is 40 ms of a thread the typing competes with for the interpreter). Any thread may call
# it; a block's count does not depend on who counted it.
_last_blocks: dict[str, int] = {}


def reading_time_minutes(words: int) -> int:
    """Minutes to read `words` at Medium's 265 words a minute; at least 1 for any text."""
    if words <= 0:
        return 0
    return max(1, math.ceil(words / WORDS_PER_MINUTE - 0.5))
