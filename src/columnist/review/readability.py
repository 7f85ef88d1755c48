"""Words, syllables and the reading age of prose: what plain English and the statistics
share.

GOV.UK asks for text a reader aged about nine can follow; the usual measure is the
Flesch–Kincaid grade (a US school year), and a US grade plus five is roughly the reader's
age. Syllables are counted with pyphen's en_GB hyphenation patterns (LibreOffice's, shipped
inside the pyphen wheel): offline, British, and nothing to download at run time (textstat
fetches the CMU dictionary over the network on first use, so it is not used).

    >>> syllables("organisation"), syllables("care"), syllables("hospital")
    (4, 1, 3)
    >>> words_of("Ward 7's staff re-opened it.")
    ['Ward', "7's", 'staff', 're-opened', 'it']
    >>> round(flesch_kincaid_grade(words=20, sentences=2, syllables=30), 1)
    6.0
    >>> reading_age(flesch_kincaid_grade(words=20, sentences=2, syllables=30))
    11
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyphen

# A word as a reader counts it: letters or digits joined by apostrophes or hyphens.
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Bare URLs and e-mail addresses in prose are not words a reader reads.
URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    import pyphen

    # left 1: a syllable of one letter may open a word ("a-bout"); the default (2) is for
    # line breaking. right 2 keeps "trusts" one syllable.
    return pyphen.Pyphen(lang="en_GB", left=1, right=2)


@functools.lru_cache(maxsize=65_536)
def syllables(word: str) -> int:
    """Syllables in one word (at least 1); digits count one a word ("2026")."""
    word = word.lower().strip("'’")
    if not word.isalpha():
        letters = "".join(c for c in word if c.isalpha())
        if not letters:
            return 1
        word = letters
    by_patterns = len(_dictionary().positions(word)) + 1
    if by_patterns == 1 and len(word) > 3:
        # Patterns leave some short words whole ("area", "idea"); two vowel groups (a
        # silent final e dropped) say it has two syllables at least.
        groups = len(_VOWEL_GROUPS.findall(word[:-1] if word.endswith("e") else word))
        return 2 if groups > 1 else 1
    return by_patterns


def words_of(text: str) -> list[str]:
    """The words of a piece of prose (URLs left out)."""
    if "://" in text or "www." in text or "@" in text:
        text = URL.sub(" ", text)
    return WORD.findall(text)


def flesch_kincaid_grade(*, words: int, sentences: int, syllables: int) -> float:
    """The Flesch–Kincaid grade level (0 for no words)."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def reading_age(grade: float) -> int:
    """A reading age in years from a US grade: grade + 5, never under 5."""
    return max(5, round(grade + 5))
