"""British English spelling: a writing check, and what the editor's context menu asks.

Each word of the column's prose (`review.spelling_words`: code, URLs, front matter,
HTML and review-mark syntax are not prose) is looked up in the en_GB Hunspell dictionary
(`review.spelling_dictionary`). A word is also known when it is

* in a trust's name or also-known-as name in the rating cache ("Derriford", "Frimley"):
  a column about NHS trusts names them all the time (`cache_words`);
* in the project's word list (`resources/words/spelling-en_GB.txt`: "Healthwatch",
  "wellbeing"), the writer's personal list ("Add to dictionary",
  `review.personal_dictionary`), or the column's own `spelling_ignore` front-matter list
  ("Ignore in this column").

These extra lists are compared without regard to case. A hyphenated word the dictionary
lacks is checked part by part, and only a part it does not know is flagged ("well-led" is
fine, "well-lead" is fine too: both parts are words).

Each unknown word is a warning with up to five "Change to" fixes (the dictionary's words
one edit away, best first, plus Hunspell's own suggestions once the editor has asked for
them) and "Ignore in this column", which adds the word to `spelling_ignore`.

    >>> text = "---\\ntitle: March\\n---\\nWe recieve the colour of the trust’s report.\\n"
    >>> [(f.line, f.column, f.message) for f in check_spelling(text)]
    [(4, 4, '“recieve” is not in the British English dictionary.')]
    >>> labels = [fix.label for fix in check_spelling(text)[0].fixes]
    >>> labels[0], labels[-1]
    ('Change to “receive”', 'Ignore in this column')
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from columnist.markdown.column import ColumnModel, parse_column
from columnist.markdown.lines import LineIndex
from columnist.review.findings import Finding, Fix, Severity
from columnist.review.spelling_dictionary import MAX_SUGGESTIONS, Speller, speller
from columnist.review.spelling_words import WORD, lookup_form, prose_words

CODE = "spelling.unknown-word"
IGNORE_KEY = "spelling_ignore"
PROJECT_WORDS = ("words", "spelling-en_GB.txt")


def _fold(words: Iterable[str]) -> frozenset[str]:
    return frozenset(lookup_form(w).lower() for w in words if w and w.strip())


@functools.cache
def project_words() -> frozenset[str]:
    """The project's own word list (lower case), read once."""
    from columnist.resources import resource_path

    text = resource_path(*PROJECT_WORDS).read_text(encoding="utf-8")
    return _fold(line.strip() for line in text.splitlines() if not line.startswith("#"))


# --- the rating cache's names ---------------------------------------------------------

_cache_lock = threading.Lock()
_cache_words: dict[str, tuple[tuple[Any, ...], frozenset[str]]] = {}


def _stamp(path: Path) -> tuple[Any, ...]:
    """What changes when the cache is written: the file's and its WAL's mtime and size (an
    empty WAL, which merely opening the cache makes, holds no change)."""
    out: list[Any] = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            stat = candidate.stat()
        except OSError:
            out.append(None)
        else:
            empty_wal = candidate is not path and stat.st_size == 0
            out.append(None if empty_wal else (stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def names_words(names: Iterable[str | None]) -> frozenset[str]:
    """Every word (lower case) of `names`, each part of a hyphenated one too.

    >>> sorted(names_words(["Guy's and St Thomas' NHS Foundation Trust", "Ashford-Upon"]))
    ['and', 'ashford', 'ashford-upon', 'foundation', 'guy', "guy's", 'nhs', 'st', \
'thomas', 'trust', 'upon']
    """
    words: set[str] = set()
    for name in names:
        for match in WORD.finditer(name or ""):
            word = lookup_form(match.group()).lower()
            words.add(word)
            if word.endswith("'s"):
                words.add(word[:-2])
            if "-" in word:
                words.update(part for part in word.split("-") if part)
    return frozenset(words)


def cache_words(cache_path: str | os.PathLike[str]) -> frozenset[str]:
    """The words (lower case) of every trust's name and also-known-as name in the rating
    cache at `cache_path`, and of its hospitals' names; read again only when the cache file
    changes (its modification time). Empty when the file cannot be read."""
    path = Path(cache_path)
    stamp = _stamp(path)
    key = str(path)
    with _cache_lock:
        seen = _cache_words.get(key)
        if seen is not None and seen[0] == stamp:
            return seen[1]
    words = names_words(_cache_names(path))
    with _cache_lock:
        _cache_words[key] = (stamp, words)
    return words


def _cache_names(path: Path) -> list[str | None]:
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        names: list[str | None] = []
        for sql in (
            "SELECT name, also_known_as FROM providers WHERE is_nhs_trust = 1",
            "SELECT l.name, l.also_known_as FROM locations l JOIN providers p "
            "ON p.id = l.provider_id WHERE p.is_nhs_trust = 1",
        ):
            for name, aka in conn.execute(sql):
                names += [name, aka]
        return names
    except sqlite3.Error:
        return []
    finally:
        conn.close()


# --- one word ---------------------------------------------------------------------


def column_ignored(column: ColumnModel) -> list[str]:
    """The column's `spelling_ignore` words as written (a YAML list, or one string of
    words separated by commas or spaces)."""
    value = column.front_matter.values.get(IGNORE_KEY)
    if isinstance(value, str):
        return [w for w in value.replace(",", " ").split() if w]
    if isinstance(value, list | tuple):
        return [str(w).strip() for w in value if str(w).strip()]
    return []


def _known(word: str, check: Speller, extra: tuple[Collection[str], ...]) -> bool:
    """`word` (as `lookup_form` gives it) is known to the dictionary or a list."""
    lower = word.lower()
    bare = lower[:-2] if lower.endswith("'s") else None
    for words in extra:
        if lower in words or (bare is not None and bare in words):
            return True
    if check.spell(word):
        return True
    return bare is not None and check.spell(word[:-2])


def _unknown_parts(word: str, check: Speller, extra: tuple[Collection[str], ...]
                   ) -> list[tuple[int, int]]:
    """(start, end) within `word` (as written) of what is not known: the whole word, or
    for a hyphenated one the unknown parts. Empty when it is known."""
    form = lookup_form(word)
    if _known(form, check, extra):
        return []
    if "-" not in form:
        return [(0, len(form))]
    spans = []
    at = 0
    for part in form.split("-"):
        if part and not _known(part, check, extra) and not part.isupper():
            spans.append((at, at + len(part)))
        at += len(part) + 1
    return spans


def is_known(word: str, extra: Iterable[str] = (), *, cache_path: str | os.PathLike[str]
             | None = None, backend: str | None = None) -> bool:
    """Whether the spelling check accepts `word`: the dictionary, the project's and the
    personal word list, `extra` words (a column's `spelling_ignore`), and the trust names
    of the cache at `cache_path`. For the editor's context menu.

    >>> is_known("paediatric"), is_known("recieve"), is_known("Healthwatch")
    (True, False, True)
    >>> is_known("Zorbleton"), is_known("Zorbleton", ["zorbleton"])
    (False, True)
    """
    from columnist.review.personal_dictionary import personal_words

    lists: list[Collection[str]] = [project_words(), _fold(personal_words()), _fold(extra)]
    if cache_path is not None:
        lists.append(cache_words(cache_path))
    return not _unknown_parts(word, speller(backend), tuple(lists))


def suggestions_for(word: str, *, backend: str | None = None) -> list[str]:
    """Up to five spellings to offer for `word`, best first: the dictionary's words one
    edit away, then Hunspell's own suggestions (which take 0.2–0.5 s the first time a word
    is asked about: call it off the GUI thread for a word never seen).

    >>> suggestions_for("accomodation")[0]
    'accommodation'
    """
    check = speller(backend)
    form = lookup_form(word)
    found = list(check.quick_suggestions(form))
    for extra in check.suggest(form):
        if extra not in found:
            found.append(extra)
    return found[:MAX_SUGGESTIONS]


# --- the check --------------------------------------------------------------------


def ignore_fix(column: ColumnModel, index: LineIndex, word: str) -> Fix | None:
    """The fix that adds `word` to the column's `spelling_ignore` list, as one replacement
    of the front matter (which is created when the column has none). None when the front
    matter cannot be written safely (unreadable YAML, or a block below blank lines)."""
    from columnist.document.front_matter import set_fields

    facts = column.front_matter
    if facts.error is not None or facts.misplaced_line is not None:
        return None
    words = column_ignored(column)
    if word in words:
        return None
    text = column.text
    changed = set_fields(text, {IGNORE_KEY: [*words, word]})
    head_end = facts.body_offset
    tail = text[head_end:]
    if changed == text or not changed.endswith(tail):
        return None
    new_head = changed[: len(changed) - len(tail)]
    start = 0
    limit = min(head_end, len(new_head))
    while start < limit and text[start] == new_head[start]:
        start += 1
    old_end, new_end = head_end, len(new_head)
    while old_end > start and new_end > start and text[old_end - 1] == new_head[new_end - 1]:
        old_end -= 1
        new_end -= 1
    return Fix.replace(index, start, old_end, new_head[start:new_end], "Ignore in this column")


def _fixes(word: str, check: Speller) -> list[str]:
    found = list(check.quick_suggestions(word))
    for extra in check.known_suggestions(word):
        if extra not in found:
            found.append(extra)
    return found[:MAX_SUGGESTIONS]


@functools.lru_cache(maxsize=8192)
def _block_candidates(block: str, backend: str | None) -> tuple[tuple[int, int, str], ...]:
    """The checkable words of one block (`prose_words`) that the dictionary alone does not
    accept, remembered by the block's text: finding the words is most of a re-check's
    time, and an edit changes one block. Only these are kept (a few per block, not every
    word: 6 MB less at 50,000 words); the word lists are applied to them afterwards, and
    they can only accept more (`_known`), so nothing they would flag is left out."""
    check = speller(backend)  # (its verdicts are remembered per word)
    return tuple(found for found in prose_words(block) if _unknown_parts(found[2], check, ()))


def _column_candidates(column: ColumnModel, backend: str | None,
                       stop: Callable[[], bool] | None) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word of the column's body the dictionary alone does not
    accept, block by block (`stop`: see `checks.stoppable`)."""
    from columnist.review.checks import stoppable

    for block in stoppable(column.blocks, stop):
        for start, end, word in _block_candidates(block.text, backend):
            yield block.start + start, block.start + end, word


def check_spelling(
    column: ColumnModel | str,
    *,
    cache_path: str | os.PathLike[str] | None = None,
    personal: Collection[str] | None = None,
    backend: str | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[Finding]:
    """A warning for each word of the column's prose that is not known (see the module
    docstring), in reading order. `personal`: the personal word list (None: read it from
    the data folder); `cache_path`: the rating cache whose trust names are known."""
    if isinstance(column, str):
        column = parse_column(column)
    if personal is None:
        from columnist.review.personal_dictionary import personal_words

        personal = personal_words()
    check = speller(backend)
    lists: list[Collection[str]] = [project_words(), _fold(personal),
                                    _fold(column_ignored(column))]
    if cache_path is not None:
        lists.append(cache_words(cache_path))
    extra = tuple(lists)
    index = LineIndex(column.text)
    ignore: dict[str, Fix | None] = {}
    findings: list[Finding] = []
    unknown: dict[str, list[tuple[int, int]]] = {}
    for start, _end, word in _column_candidates(column, backend, stop):
        parts = unknown.get(word)
        if parts is None:
            parts = unknown[word] = _unknown_parts(word, check, extra)
        for part_start, part_end in parts:
            written = word[part_start:part_end]
            form = lookup_form(written)
            curly = "’" in written  # keep the writer's apostrophes
            fixes = [Fix.replace(index, start + part_start, start + part_end, s,
                                 f"Change to “{s}”")
                     for s in (f.replace("'", "’") if curly else f for f in _fixes(form, check))]
            if form not in ignore:
                ignore[form] = ignore_fix(column, index, form)
            if ignore[form] is not None:
                fixes.append(ignore[form])
            findings.append(Finding.at(
                index, start + part_start, start + part_end, Severity.WARNING, CODE,
                f"“{written}” is not in the British English dictionary.", tuple(fixes)))
    return findings
