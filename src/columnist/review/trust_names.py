"""Trust names written in prose, matched against the rating cache.

A column names trusts by link, but also in plain words: "Dorset County Hospital NHS
Foundation Trust", "the Royal Marsden", "Dorset County Hospital", "GSTT", "UH Bristol",
"Guy's". The checker must know which trust such words mean, to check what the sentence
says about it and to offer to link it; and it must know which trust a link's text names,
to catch a link that points somewhere else.

The names come from the cache: each NHS trust's current name and its also-known-as name,
folded as search folds them (`ratings.search.normalise`: no apostrophes, "&" = "and",
"Saint" = "St"), and the initialisms search indexes (`ratings.search.short_forms`). From
each name are made the forms writers use:

* the full name, with or without a leading "The";
* its core (the name without "NHS Foundation Trust" / "NHS Trust") with any of the usual
  endings ("NHS Trust", "Foundation Trust", "NHS FT", "Trust");
* the core alone, when it cannot be mistaken for a place: it has a word such as Hospital,
  Health, Ambulance, Partnership, Royal or Centre in it ("Dorset County Hospital", "Royal
  Marsden"), or the name starts with "The" and the core keeps it ("the Christie"). A bare
  place ("Bristol", "West London", "Medway") is a trust only with its ending;
* short forms: an initialism written in capitals ("GSTT", "UCLH") when exactly one trust
  has it, "UH …" for "University Hospitals …", and "Guy's" for "Guy's and St Thomas'".

The first word of a match (after "the") must have a capital letter: "a royal visit" is
not a trust. The longest match wins; where the same words name several trusts, the
trust's own name beats a former one, an open trust beats a closed one, and a tie is
reported as ambiguous (`NameMatch.ids` holds each candidate).

    >>> names = TrustNames([
    ...     ("RBD", "Dorset County Hospital NHS Foundation Trust", None, True),
    ...     ("RJ1", "Guy's and St Thomas' NHS Foundation Trust", None, True),
    ...     ("RBV", "The Christie NHS Foundation Trust", None, True),
    ...     ("RA7", "Bristol NHS Foundation Trust",
    ...      "University Hospitals Bristol NHS Foundation Trust", True)])
    >>> text = "Dorset County Hospital's staff, GSTT, the Christie and UH Bristol; Bristol."
    >>> [(text[m.start:m.end], m.ids, m.form) for m in names.find(text)]
    [('Dorset County Hospital', ('RBD',), 'name'), ('GSTT', ('RJ1',), 'short'), \
('Christie', ('RBV',), 'name'), ('UH Bristol', ('RA7',), 'short')]
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from columnist.ratings.connection import CacheDb
from columnist.ratings.search import GENERATION_KEY, normalise, short_forms
from columnist.ratings.writer import database_file

# A word as written: letters and digits, an apostrophe inside or at the end ("Guy's",
# "Thomas'"), or "&".
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*['’]?|&")
_POSSESSIVE = re.compile(r"['’]s?$")
# Words that make a core name an institution rather than a place.
_INSTITUTION = frozenset((
    "hospital", "hospitals", "health", "healthcare", "care", "ambulance", "partnership",
    "teaching", "university", "royal", "centre", "center", "group", "community", "services",
    "clinic", "infirmary", "children", "childrens", "womens", "mental", "eye", "orthopaedic",
    "cancer", "college"
))
_ENDINGS = (("nhs", "foundation", "trust"), ("nhs", "trust"), ("foundation", "trust"),
            ("nhs", "ft"), ("ft",), ("trust",))
# Capitalised abbreviations that are never a trust.
_NOT_TRUSTS = frozenset((
    "nhs", "cqc", "ccg", "ccgs", "stp", "ics", "icb", "icbs", "gmc", "nmc", "ods", "uk", "ceo",
    "gp", "gps", "ae"
))
_FORM_RANK = {"name": 0, "aka": 1, "short": 2}


@dataclass(frozen=True)
class NameMatch:
    """Words in a text naming a trust: `start`/`end` offsets in that text; `ids` the
    trust (or, when ambiguous, every candidate, best first); `form` "name" (its current
    name or a form of it), "aka" (its also-known-as name) or "short" (a short form)."""

    start: int
    end: int
    ids: tuple[str, ...]
    form: str

    @property
    def ambiguous(self) -> bool:
        return len(self.ids) > 1


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str  # folded: "guys", "hospitals"
    base: str  # without a possessive ending: "hospital" for "Hospital's"
    capital: bool  # starts with a capital letter
    upper: bool  # written all in capitals
    base_end: int  # where the word ends without its possessive ending


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> tuple[str, str]:
    folded = normalise(word).replace(" ", "")
    base = normalise(_POSSESSIVE.sub("", word)).replace(" ", "") if "'" in word or "’" in word \
        else folded
    return folded, base


def tokens(text: str) -> list[_Token]:
    """The words of `text`, folded for matching."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        folded, base = _fold(word)
        if not folded:
            continue
        bare = _POSSESSIVE.sub("", word) if base != folded else word
        out.append(_Token(match.start(), match.end(), folded, base, word[0].isupper(),
                          word.isupper() and len(word) > 1, match.start() + len(bare)))
    return out


def _words(name: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokens(name))


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """The name without its "NHS Foundation Trust" / "NHS Trust" ending."""
    end = len(words)
    for tail in ("trust", "foundation", "nhs"):
        if end and words[end - 1] == tail:
            end -= 1
    return words[:end]


@dataclass(frozen=True)
class _Pattern:
    words: tuple[str, ...]
    id: str
    form: str
    is_open: bool
    initialism: bool = False  # must be written in capitals


def _patterns(ident: str, name: str, form: str, is_open: bool) -> list[_Pattern]:
    words = _words(name)
    if not words:
        return []
    found: set[tuple[tuple[str, ...], bool]] = set()
    the = words[0] == "the"
    for full in {words, words[1:] if the else words}:
        if full:
            found.add((full, False))
    core = _core(words)
    bare = core[1:] if the else core
    if bare:
        for ending in _ENDINGS:
            found.add((bare + ending, False))
            if the:
                found.add((core + ending, False))
        if _INSTITUTION.intersection(bare) and len(bare) >= 2:
            found.add((bare, False))
            if the:
                found.add((core, False))
            if "for" in bare[1:]:  # "Great Ormond Street Hospital (for Children)"
                found.add((bare[: bare.index("for")], False))
        elif the:
            found.add((core, False))
    out = [_Pattern(w, ident, form, is_open) for w, _ in found]
    shorts: list[_Pattern] = []
    for short in short_forms(name, True):
        if len(short) >= 3 and short not in _NOT_TRUSTS:
            shorts.append(_Pattern((short,), ident, "short", is_open, initialism=True))
    if "for" in bare[1:]:  # "GOSH"
        initials = "".join(w[0] for w in bare[: bare.index("for")] if w not in ("and", "of"))
        if len(initials) >= 3 and initials not in _NOT_TRUSTS:
            shorts.append(_Pattern((initials,), ident, "short", is_open, initialism=True))
    if bare[:2] in (("university", "hospitals"), ("university", "hospital")) and len(bare) > 2:
        rest = bare[2:]
        if rest[0] == "of":
            rest = rest[1:]
        if rest:
            shorts.append(_Pattern(("uh", *rest), ident, "short", is_open))
    if len(words) > 2 and words[1] == "and" and re.search(r"\w['’]s$", name.split()[0]):
        shorts.append(_Pattern((words[0],), ident, "short", is_open))  # "Guy's"
    return out + shorts


class TrustNames:
    """Every way of naming each trust of a cache (see the module docstring); `find` runs
    over a sentence. Build once per cache generation (`for_cache`)."""

    def __init__(self, trusts: Iterable[tuple[str, str | None, str | None, bool]]) -> None:
        """`trusts`: (id, current name, also-known-as name, is open) for each trust."""
        self._names: dict[str, str] = {}
        by_words: dict[tuple[tuple[str, ...], bool], list[_Pattern]] = {}
        for ident, name, aka, is_open in trusts:
            if not name:
                continue
            self._names[ident] = name
            patterns = _patterns(ident, name, "name", is_open)
            if aka and normalise(aka) != normalise(name):
                patterns += _patterns(ident, aka, "aka", is_open)
            for pattern in patterns:
                by_words.setdefault((pattern.words, pattern.initialism), []).append(pattern)
        self._first: dict[str, list[tuple[tuple[str, ...], bool, tuple[_Pattern, ...]]]] = {}
        for (words, initialism), patterns in by_words.items():
            ranked = _ranked(patterns)
            if initialism and len(ranked) > 1:
                continue  # an initialism two trusts share is nobody's short form
            self._first.setdefault(words[0], []).append((words, initialism, ranked))
        for entries in self._first.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        # What `find` answered, by sentence: a re-check after typing reads the same
        # sentences again, and only the edited one is new (most of a check is here).
        self._found: dict[str, tuple[NameMatch, ...]] = {}

    @classmethod
    def from_cache(cls, db: CacheDb) -> TrustNames:
        """The names of the NHS trusts in `db`, built once per cache generation."""
        key = (database_file(db) or f"memory:{id(db.conn)}", _generation(db))
        with _lock:
            names = _cache.get(key)
            if names is None:
                rows = db.conn.execute(
                    "SELECT id, name, also_known_as, status FROM providers "
                    "WHERE is_nhs_trust = 1").fetchall()
                from columnist.ratings.lookup import is_open

                names = cls((i, n, a, is_open(s)) for i, n, a, s in rows)
                for old in [k for k in _cache if k[0] == key[0]]:
                    del _cache[old]
                _cache[key] = names
            return names

    def name_of(self, ident: str) -> str | None:
        """The trust's current name as the cache has it."""
        return self._names.get(ident)

    def find(self, text: str) -> list[NameMatch]:
        """Every trust named in `text`, in order, longest matches first at each place.

        Remembered by text (up to `FOUND_LIMIT` texts; then forgotten at once): the
        names are fixed for this cache generation, so the answer for a sentence is too.
        """
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= FOUND_LIMIT:
                self._found.clear()
            found = self._found[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[NameMatch]:
        words = tokens(text)
        out: list[NameMatch] = []
        i = 0
        n = len(words)
        while i < n:
            token = words[i]
            best: tuple[int, tuple[_Pattern, ...]] | None = None
            for key in {token.word, token.base}:
                for pattern_words, initialism, ranked in self._first.get(key, ()):
                    size = len(pattern_words)
                    if best is not None and size <= best[0]:
                        break
                    if i + size > n or not _matches(words, i, pattern_words, initialism):
                        continue
                    best = (size, ranked)
                    break
            if best is None:
                i += 1
                continue
            size, ranked = best
            start = token.start
            first = token
            if token.word == "the" and size > 1:
                first = words[i + 1]
                if not token.capital:  # "the Christie": the link and the name start after it
                    start = first.start
            if not first.capital:
                i += 1
                continue
            top = ranked[0]
            ids = tuple(p.id for p in ranked if _rank(p) == _rank(top)) or (top.id,)
            last = words[i + size - 1]
            end = last.end if last.word == top.words[-1] else last.base_end
            out.append(NameMatch(start, end, tuple(dict.fromkeys(ids)), top.form))
            i += size
        return out


def _matches(words: list[_Token], i: int, pattern: tuple[str, ...], initialism: bool) -> bool:
    last = len(pattern) - 1
    for k, wanted in enumerate(pattern):
        token = words[i + k]
        if token.word != wanted and not (k == last and token.base == wanted):
            return False
    return not initialism or words[i].upper


def _rank(pattern: _Pattern) -> tuple[int, int]:
    return _FORM_RANK[pattern.form], 0 if pattern.is_open else 1


def _ranked(patterns: list[_Pattern]) -> tuple[_Pattern, ...]:
    best: dict[str, _Pattern] = {}
    for pattern in sorted(patterns, key=_rank):
        best.setdefault(pattern.id, pattern)
    return tuple(sorted(best.values(), key=_rank))


def _generation(db: CacheDb) -> str:
    try:
        row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (GENERATION_KEY,)
                              ).fetchone()
    except Exception:
        return ""
    return row[0] if row else ""


FOUND_LIMIT = 50_000  # sentences remembered: a 50,000-word column has ~4,000
_lock = threading.Lock()
_cache: dict[tuple[str, str], TrustNames] = {}
