"""The words of a column that a reader reads, for the spelling check: prose only.

A spelling check that underlines `https`, a code sample, a front-matter key or the `AB` of
a reviewer's comment teaches the writer to ignore it. So before any word is looked up,
everything that is not prose is blanked out of the body (replaced by spaces, so offsets
stay those of the column): fenced and inline code, link targets and reference
definitions, autolinks and bare URLs, e-mail addresses, HTML tags, entities (`&nbsp;`)
and comments, and the
CriticMarkup syntax (`{++`, `~>`, `<<}`…, a comment's initials, and the text a deletion
or substitution takes out: it is going). Then one compiled regular expression finds the
words, and `checkable` drops what a dictionary cannot judge: numbers, words with digits
and acronyms in capitals (CQC, NHS, ODS).

    >>> text = "Read `recieve` at <https://x.org/acomodate> {>>AB: fine<<} {--gone--}\\n"
    >>> [word for _start, _end, word in prose_words(text)]
    ['Read', 'at', 'fine']

Curly apostrophes are read as straight ones, and a possessive or closing quote is left
off the word that is looked up: "the trust’s" looks up "trust's", "St Thomas'" looks up
"Thomas".

    >>> [lookup_form(w) for w in ("trust’s", "Thomas'", "well-led")]
    ["trust's", 'Thomas', 'well-led']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from columnist.markdown.critic import UNCLOSED, scan_marks
from columnist.markdown.links import code_spans, scan_links
from columnist.markdown.word_count import EMAIL, HTML_COMMENT

# A word: letters and digits, joined by apostrophes (straight or curly) or hyphens, with
# an apostrophe allowed at the end ("Thomas'"). Digits are matched so that "COVID-19" or
# "2nd" is one token, which `checkable` then leaves alone.
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*['’]?")
_DIGIT = re.compile(r"\d")

_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BARE_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.I)
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:?")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
_AUTHOR = re.compile(r"\s*[A-Z][A-Z0-9]{0,4}:(?:\s+|$)")


def _skip_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every part of `body` that is not prose (they may overlap)."""
    spans = code_spans(body)
    if "<" in body:
        spans += [m.span() for m in HTML_COMMENT.finditer(body)]
        spans += [m.span() for m in _HTML_TAG.finditer(body)]
    if "[" in body or "<" in body:
        found = scan_links(body)
        for link in found.links:
            if link.kind == "autolink":
                spans.append((link.start, link.end))
                continue
            label_end = link.start + (2 if link.image else 1) + len(link.label)
            spans.append((link.start, link.start + (2 if link.image else 1)))  # `[` / `![`
            spans.append((label_end, link.end))  # `](target "title")` or `][ref]`
        spans += [(d.start, d.end) for d in found.definitions]
        if "[^" in body:
            spans += [m.span() for m in _FOOTNOTE.finditer(body)]
    if "://" in body or "www." in body:
        spans += [m.span() for m in _BARE_URL.finditer(body)]
    if "@" in body:
        spans += [m.span() for m in EMAIL.finditer(body)]
    if "&" in body:
        spans += [m.span() for m in _ENTITY.finditer(body)]
    if "{" in body:
        spans += _critic_syntax(body)
    return spans


def _critic_syntax(body: str) -> list[tuple[int, int]]:
    """The review marks' syntax, a comment's initials and the text marks take out."""
    spans: list[tuple[int, int]] = []
    for mark in scan_marks(body):
        if mark.problem == UNCLOSED:
            spans.append((mark.start, mark.end))  # the opener; the rest is text as typed
            continue
        inner = mark.start + 3
        spans.append((mark.start, inner))
        spans.append((mark.end - 3, mark.end))
        if mark.kind == "deletion":
            spans.append((inner, mark.end - 3))
        elif mark.kind == "substitution":
            arrow = body.index("~>", inner)
            spans.append((inner, arrow + 2))  # the old text goes, with the arrow
        elif mark.kind == "comment":
            author = _AUTHOR.match(mark.content)
            if author is not None:
                spans.append((inner, inner + author.end()))
    return spans


def prose_text(body: str) -> str:
    """`body` with everything that is not prose replaced by spaces (same length, same
    newlines, so every offset still points at the same character).

    >>> prose_text("See [the report](https://x/y) now")
    'See  the report               now'
    """
    spans = _skip_spans(body)
    if not spans:
        return body
    spans.sort()
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        if end <= last:
            continue
        start = max(start, last)
        pieces.append(body[last:start])
        gap = body[start:end]
        pieces.append(" " * len(gap) if "\n" not in gap else re.sub(r"[^\n]", " ", gap))
        last = end
    pieces.append(body[last:])
    return "".join(pieces)


def checkable(word: str) -> bool:
    """True for a word a dictionary can judge: not a number, not a word with digits, not
    an acronym in capitals (with or without a possessive: "NHS", "CQC’s").

    >>> [checkable(w) for w in ("colour", "COVID-19", "2nd", "CQC", "CQC's", "GPs", "I", "As")]
    [True, False, False, False, False, False, True, True]
    """
    if _DIGIT.search(word):
        return False
    bare = lookup_form(word)
    return not (len(bare) > 1 and (bare.isupper() or _acronym_possessive(bare)))


def _acronym_possessive(word: str) -> bool:
    """ "CQC's", and the plural "GPs", "ICBs": an acronym with its ending."""
    if word.endswith("'s"):
        return len(word) > 3 and word[:-2].isupper()
    return word.endswith("s") and len(word) > 2 and word[:-1].isupper()


def lookup_form(word: str) -> str:
    """The form of `word` a dictionary is asked about: straight apostrophes, and no
    apostrophe at the end (a plural possessive or a closing quote)."""
    word = word.replace("’", "'")
    return word.rstrip("'")


def prose_words(body: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word as written) of each checkable word in the prose of `body`."""
    text = prose_text(body)
    for match in WORD.finditer(text):
        word = match.group()
        if checkable(word):
            yield match.start(), match.end(), word
