"""What a piece of a sentence claims about a trust's CQC rating, read from its words.

The checker gives each trust named in a sentence the words around it (`rating_claims`
decides which) and asks here what those words claim:

* the current rating: "is rated Good", "now rated Outstanding", "(Good)", "an Outstanding
  rating", "improved to Good"; for a key question: "Outstanding for caring", "its safety
  was rated Inadequate";
* the rating before: "from Requires improvement", "previously rated Good";
* a change: improved, declined, kept / retained / maintained / "remains", "moved from X to
  Y", and a re-inspection ("on re-inspection", "when we returned");
* a negation: "no longer rated Inadequate" (not now, but before), "was not rated
  Outstanding", "did not improve";
* a dated rating: "rated Inadequate in 2016", "Good since November 2018";
* what CQC's ratings data cannot say: "left special measures", a warning notice, the rating
  of one service ("its maternity service is rated Inadequate").

A rating word counts when it is written as CQC writes it, with a capital ("Good"), or in
lower case right after "rated", "rating of", "from", "to" or in brackets: "a good result"
is not a claim. "Requires improvement" counts in any case. A sentence that opens with
"Good" or "Outstanding" ("Good news: …") does not claim it, unless "rating" follows.

    >>> [(c.kind, c.rating, c.direction) for c in extract_claims(
    ...     "moved from Requires improvement to Good on re-inspection")]
    [('previous', 'Requires improvement', None), ('current', 'Good', None), \
('reinspected', None, None)]
    >>> [(c.kind, c.rating) for c in extract_claims("is no longer rated Inadequate")]
    [('no-longer', 'Inadequate')]
    >>> [(c.kind, c.rating, c.key_question) for c in extract_claims(
    ...     "kept its Good rating and is Outstanding for caring")]
    [('change', None, 'Overall'), ('current', 'Good', 'Overall'), \
('current', 'Outstanding', 'Caring')]
    >>> extract_claims("had a good year, and staff were proud")
    []
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from columnist.ratings.vocabulary import normalise_rating

CURRENT = "current"  # the current rating is `rating`
PREVIOUS = "previous"  # the rating before the current one was `rating`
NOT = "not"  # the current rating is not `rating`
NO_LONGER = "no-longer"  # not `rating` now, but `rating` before
DATED = "dated"  # a rating `rating` published in `year` (and `month`)
SINCE = "since"  # the current rating `rating`, held since `year` (and `month`)
CHANGE = "change"  # the latest change was `direction` (negated: was not)
REINSPECTED = "reinspected"  # the trust was rated before its current rating
UNCHECKABLE = "uncheckable"  # something the ratings data cannot say (`note`)

IMPROVED = "improved"
DECLINED = "declined"
KEPT = "kept"

_RATING = re.compile(
    r"\b(?:outstanding|good|requir(?:es|ing)[ -]improvement|inadequate)\b", re.IGNORECASE
)
# Words that sit between a marker and the rating word without changing its meaning.
_FILLER = frozenset((
    "a", "an", "its", "their", "the", "being", "been", "rated", "rating", "ratings", "as", "of",
    "overall", "again", "now", "currently", "still", "officially", "already", "be", "is", "are",
    "was", "were", "has", "have", "it", "they", "which", "that", "who", "who's", "it's",
    "its'", "yet"
))
_PREVIOUS_MARKERS = frozenset((
    "from", "previously", "formerly", "once", "earlier", "before"
))
_SPELL = frozenset(("years", "months", "spell", "period", "time", "decade"))
_NEGATIONS = frozenset((
    "not", "never", "nor", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't"
))
_LOWER_OK = re.compile(r"(?:\brated|\brating of|\bfrom|\bto|\bas|\()\s*[\"“‘']?\s*$", re.I)
OPENERS = " \t\n\"“‘'(*_"
_WORDS_BEFORE = re.compile(r"[\w'’-]+")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"
)
_MONTH = r"(?:" + "|".join(m.capitalize() for m in MONTHS) + r")"
_DATE_AFTER = re.compile(
    rf"^\s*(?:rating\s+)?(?P<prep>in|since)\s+(?:(?P<month>{_MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b"
)
_KEY_QUESTIONS = {
    "safe": "Safe", "safety": "Safe", "effective": "Effective", "effectiveness": "Effective",
    "caring": "Caring", "responsive": "Responsive", "responsiveness": "Responsive",
    "well-led": "Well-led", "well led": "Well-led", "wellled": "Well-led",
    "leadership": "Well-led",
}
_KQ = (r"(?P<kq>safe|safety|effective|effectiveness|caring|responsive|responsiveness|"
       r"well[- ]?led|leadership)")
_KQ_AFTER = re.compile(
    rf"^\s*(?:rating\s+)?(?:for|in|on)\s+(?:the\s+|its\s+)?(?:being\s+|how\s+)?{_KQ}\b", re.I)
_KQ_BEFORE = re.compile(rf"\b{_KQ}\b(?:\s+[\w'’]+){{0,3}}\s*$", re.I)
_SERVICE = (
    r"(?P<service>maternity|midwifery|a\s*&\s*e|accident and emergency|emergency department|"
    r"urgent and emergency care|surgery|surgical services|medical care|outpatients?|"
    r"critical care|intensive care|end of life care|children'?s services|"
    r"services for children|neonatal|mental health wards|(?:its|their|the) wards?|"
    r"(?:its|their|the) (?:units?|departments?|clinics?|hospitals?|sites?)|"
    r"community (?:health )?services|inpatient services)"
)
_SERVICE_AFTER = re.compile(
    rf"^\s*(?:rating\s+)?(?:for|in)\s+(?:its\s+|their\s+|the\s+)?{_SERVICE}\b", re.I)
_SERVICE_BEFORE = re.compile(rf"\b{_SERVICE}\b(?:\s+[\w'’]+){{0,5}}\s*$", re.I)
_CHANGE = re.compile(
    r"\b(?P<up>improv(?:ed|es|ing|e)|upgraded|rose|risen|rising|climbed|moved up|"
    r"gone up|went up|up from|stepped up)\b"
    r"|\b(?P<down>declin(?:ed|es|ing|e)|fell|fallen|falling|dropped|dropping|slipped|"
    r"downgraded|deteriorat(?:ed|ing|e)|down from|lost its)\b"
    r"|\b(?P<same>kept|keeps|keeping|keep|retain(?:ed|s|ing)?|maintain(?:ed|s|ing)?|"
    r"held on to|held onto|holds on to|remain(?:s|ed|ing)?|stayed|stays|still|again|"
    r"once more|unchanged|second time|successive|consecutive)\b",
    re.I,
)
_CHANGE_NEGATED = re.compile(r"\b(?:not|never|n't|failed to|yet to)\s+(?:\w+\s+)?$", re.I)
_RATING_CONTEXT = re.compile(r"\brat(?:ed|ing|ings)\b|re-?inspect|\bkey question", re.I)
_REINSPECTED = re.compile(
    r"\b(?:re-?inspect(?:ed|ion|ions|ing)?|(?:we|inspectors|cqc) (?:returned|went back|came "
    r"back|revisited)|when we returned|on our return|follow-up inspection)\b",
    re.I,
)
_UNCHECKABLE = re.compile(
    r"\b(?P<note>special measures|warning notices?|enforcement action|section 29a)\b", re.I
)


@dataclass(frozen=True)
class Claim:
    """One claim; `start`/`end` are the offsets (in the text given) of the words that make
    it: the rating word, the change verb, or the phrase CQC's data cannot check."""

    kind: str
    start: int
    end: int
    rating: str | None = None  # normalised: "Requires improvement"
    written: str = ""  # the words as written
    key_question: str = "Overall"
    direction: str | None = None  # improved | declined | kept (CHANGE)
    negated: bool = False  # CHANGE: "did not improve"
    year: int | None = None  # DATED, SINCE
    month: int | None = None
    note: str = ""  # UNCHECKABLE: what cannot be checked


def rating_words(text: str, sentence_start: int | None = 0) -> list[tuple[int, int, str]]:
    """(start, end, normalised rating) of each rating word `text` uses as a rating;
    `sentence_start`: the offset of the sentence's first word in `text` (that word may be
    an adjective: "Good news"), None when `text` does not hold the sentence's start."""
    found = []
    for match in _RATING.finditer(text):
        word = match.group()
        start, end = match.span()
        lower = word.lower()
        if word[0].islower() and not lower.startswith("requires") and not _LOWER_OK.search(
                text[max(0, start - 12) : start]):
            continue
        if lower.startswith("requiring") and not _LOWER_OK.search(text[max(0, start - 12):start]):
            continue
        if start == sentence_start and not re.match(r"\s*(?:-?rated|rating)\b", text[end:],
                                                    re.I):
            continue
        rating = normalise_rating(word.replace("requiring", "requires").replace(
            "Requiring", "Requires"))
        if rating is not None and not rating.flagged:
            found.append((start, end, rating.rating))
    return found


def _role(before: str) -> str:
    """What the words before a rating word make of it: current, previous, not, no-longer."""
    words = [w.lower() for w in _WORDS_BEFORE.findall(before[-300:])]
    for back, word in enumerate(reversed(words[-6:])):
        if word in _FILLER:
            continue
        if word == "longer" and len(words) > back + 1 and words[-back - 2] == "no":
            return NO_LONGER
        if word in _NEGATIONS or word.endswith("n't"):
            return NOT
        if word in _PREVIOUS_MARKERS:
            return PREVIOUS
        if word == "out" and back > 0 and words[-back] == "of":  # "moved out of Inadequate"
            return PREVIOUS
        if word == "at" and _SPELL.intersection(words[-back - 4 : -back - 1]):
            return PREVIOUS  # "after years at Requires improvement"
        if word == "had" or (word == "was" and "previously" in words[-4:]):
            return PREVIOUS
        return CURRENT
    return CURRENT


def _was_then_is(claims: list[Claim], text: str) -> None:
    """"Last year X was rated Good; this year it is Outstanding": a past-tense rating
    followed by another current one for the same key question is the rating before."""
    for i, claim in enumerate(claims):
        if claim.kind != CURRENT or not _past(text[: claim.start]):
            continue
        if any(later.kind == CURRENT and later.key_question == claim.key_question
               and later.rating != claim.rating for later in claims[i + 1 :]):
            claims[i] = dataclasses.replace(claim, kind=PREVIOUS)


def _past(before: str) -> bool:
    """Whether the words just before a rating word are in the past tense ("was rated")."""
    words = [w.lower() for w in _WORDS_BEFORE.findall(before[-60:])][-4:]
    return bool({"was", "were"}.intersection(words))


def extract_claims(text: str, sentence_start: int | None = None) -> list[Claim]:
    """The claims `text` (one trust's part of a sentence, other parts blanked) makes, in
    order. `sentence_start` as for `rating_words` (None: found from `text`)."""
    if sentence_start is None:
        sentence_start = len(text) - len(text.lstrip(OPENERS))
    claims: list[Claim] = []
    words = rating_words(text, sentence_start)
    masked = text
    for start, end, _rating in words:  # "Requires improvement" is not an improvement
        masked = masked[:start] + " " * (end - start) + masked[end:]
    for match in _UNCHECKABLE.finditer(text):
        claims.append(Claim(UNCHECKABLE, match.start(), match.end(), note=match.group("note")))
    for start, end, rating in words:
        before, after = text[:start], text[end:]
        written = text[start:end]
        service = _SERVICE_AFTER.match(after) or _SERVICE_BEFORE.search(before[-300:])
        if service is not None:
            claims.append(Claim(UNCHECKABLE, start, end, rating, written,
                                note=" ".join(service.group("service").split())))
            continue
        question = _KQ_AFTER.match(after) or _KQ_BEFORE.search(before[-300:])
        key_question = "Overall"
        if question is not None:
            key_question = _KEY_QUESTIONS[re.sub(r"\s+", " ", question.group("kq").lower())]
        role = _role(before)
        dated = _DATE_AFTER.match(after[question.end():] if question is not None
                                  and question.re is _KQ_AFTER else after)
        if dated is not None and role in (CURRENT, PREVIOUS):
            month = dated.group("month")
            claims.append(Claim(
                SINCE if dated.group("prep") == "since" and role == CURRENT else DATED,
                start, end, rating, written, key_question, year=int(dated.group("year")),
                month=MONTHS.index(month.lower()) + 1 if month else None))
            continue
        claims.append(Claim(role, start, end, rating, written, key_question))
    _was_then_is(claims, text)
    for match in _CHANGE.finditer(masked):
        if not _near_a_rating(text, masked, match.start(), match.end()):
            continue  # "maintained services through winter", "still faces pressure"
        direction = IMPROVED if match.group("up") else DECLINED if match.group("down") else KEPT
        negated = bool(_CHANGE_NEGATED.search(masked[max(0, match.start() - 24) : match.start()]))
        if direction == KEPT and match.group().lower() == "still" and any(
                c.kind in (NOT, NO_LONGER) for c in claims):
            continue  # "is still not rated Good": the negation says it all
        # "improved in the well-led key question"
        question = _KQ_AFTER.match(masked[match.end() : match.end() + 60])
        claims.append(Claim(
            CHANGE, match.start(), match.end(), written=match.group(), direction=direction,
            negated=negated,
            key_question=_KEY_QUESTIONS[re.sub(r"\s+", " ", question.group("kq").lower())]
            if question else "Overall"))
    for match in _REINSPECTED.finditer(masked):
        claims.append(Claim(REINSPECTED, match.start(), match.end(), written=match.group()))
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


def _near_a_rating(text: str, masked: str, start: int, end: int) -> bool:
    """A change word is a claim about the rating only with a rating nearby: "kept its
    Outstanding rating", "improved to Good", "rated Good again", "improved on
    re-inspection"; not "maintained services" or "still faces pressure"."""
    window = slice(max(0, start - 30), end + 45)
    return bool((_RATING.search(text[window]) and rating_words(text[window], None))
                or _RATING_CONTEXT.search(masked[window]))
