"""Normalise the words CQC files use for ratings and key questions.

CQC's files spell the same thing several ways ("Requires Improvement", "Well led",
"Key Question" vs "Domain"); the cache stores one spelling so that search, the change
digest and the rating checker compare like with like. A word we do not know is *kept*
exactly as found and flagged, never dropped or guessed: the inspector must be able to see
what the file really said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from columnist.ratings.schema import KEY_QUESTIONS, NON_GRADE_WORDS, RATING_WORDS

# Score → word, as in CQC's own nhs_ratings_score_lookup.csv.
SCORE_WORDS = {0: "Inadequate", 1: "Requires improvement", 2: "Good", 3: "Outstanding"}

_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    """Lower-case, trim and collapse spaces/hyphens so spelling variants compare equal."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ").replace("-", " ")).strip().lower()


_RATING_ALIASES: dict[str, str] = {_fold(w): w for w in (*RATING_WORDS, *NON_GRADE_WORDS)}
_RATING_ALIASES.update(
    {
        "requires improvements": "Requires improvement",
        "req improvement": "Requires improvement",
        "not yet rated": "Not rated",
        "no rating": "No published rating",
        "insufficient evidence": "Insufficient evidence to rate",
    }
)

_KEY_QUESTION_ALIASES: dict[str, str] = {_fold(q): q for q in KEY_QUESTIONS}
_KEY_QUESTION_ALIASES.update(
    {"wellled": "Well-led", "well lead": "Well-led", "overall rating": "Overall"}
)


@dataclass(frozen=True)
class RatingWord:
    """A rating as the cache stores it: the normalised word, the raw text, and a flag."""

    rating: str
    raw: str
    flagged: bool


def normalise_rating(raw: object) -> RatingWord | None:
    """Map a cell to a rating word; None for an empty cell (no rating to record).

    >>> normalise_rating("Requires Improvement").rating
    'Requires improvement'
    >>> normalise_rating("Brilliant")
    RatingWord(rating='Brilliant', raw='Brilliant', flagged=True)
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    known = _RATING_ALIASES.get(_fold(text))
    if known is not None:
        return RatingWord(known, text, False)
    return RatingWord(_SPACES.sub(" ", text), text, True)


def rating_from_score(raw: object) -> RatingWord | None:
    """Map a 0–3 score (the NHS ratings snapshots) to its word; other values are flagged."""
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    try:
        score = float(text)
    except ValueError:
        return normalise_rating(text)
    if score.is_integer() and int(score) in SCORE_WORDS:
        return RatingWord(SCORE_WORDS[int(score)], text, False)
    return RatingWord(text, text, True)


def normalise_key_question(raw: object) -> tuple[str, bool]:
    """Return (key question, flagged). Unknown names are kept as found and flagged."""
    text = _SPACES.sub(" ", str(raw or "")).strip()
    known = _KEY_QUESTION_ALIASES.get(_fold(text))
    if known is not None:
        return known, False
    return text, True
