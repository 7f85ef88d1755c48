"""House style: the small things a comms officer corrects in every draft.

CQC's house style (GOV.UK's, with CQC's own rating words) wants one form for each of them,
so the published column reads as one voice:

- `style.date` (warning): "25 November 2026", not "25th Nov", "25/11/2026",
  "November 25, 2026" or "Nov 2026". The fix gives the house form when the date is
  unambiguous ("03/04/2026" could be March or April: no fix, the message asks).
- `style.number` (info): one to nine in words ("3 trusts" -> "three trusts"). Not in
  headings, table rows, dates, times, percentages, measurements, money, ranges, or after a
  capitalised word ("Ward 7", "Level 3": part of a name).
- `style.trust-case` (warning): "NHS foundation trust" and "NHS trust" in lower case when
  they are generic; a trust's proper name ("Dorset County Hospital NHS Foundation Trust",
  preceded by capitalised words) keeps its capitals.
- `style.rating-case` (warning): the rating words after "rated" or before "rating",
  capitalised ("rated Good", the default) or in lower case as the `rating_case` option says.
- `style.per-cent` (warning): "per cent", not "%" or "percent".

Every rule reads the sentences' prose, so code, link targets and review-mark syntax are
never judged.

    >>> from columnist.markdown.column import parse_column
    >>> found = check_house_style(parse_column("On 25th Nov 2026, 3 trusts were rated good."))
    >>> [(f.code, f.fixes[0].text) for f in found]
    [('style.date', '25 November 2026'), ('style.number', 'three'), ('style.rating-case', 'Good')]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from columnist.markdown.column import ColumnModel
from columnist.markdown.lines import LineIndex
from columnist.review.findings import Finding, Fix, Severity
from columnist.review.sentences import Sentence, sentences_in

CAPITALISED = "Capitalised"
LOWER_CASE = "lower case"
RATING_CASES = (CAPITALISED, LOWER_CASE)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_ABBREVIATIONS = {m[:3]: m for m in MONTHS} | {"Sept": "September"}
_ABBREVIATIONS.pop("May")
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_ANY_MONTH = "|".join(MONTHS) + "|" + "|".join(_ABBREVIATIONS)
_ABBR = "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True))

# "25th November 2026", "25th Nov", "1st of March".
_ORDINAL_DATE = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)(?:\s+of)?\s+(?P<month>{_ANY_MONTH})\b\.?"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
# "November 25, 2026", "Nov 25th 2026".
_US_DATE = re.compile(
    rf"\b(?P<month>{_ANY_MONTH})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>(?:19|20)\d\d)\b")
# "25/11/2026", "25.11.26", "25-11-2026".
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)"
    r"(?P<year>(?:19|20)?\d\d)(?![\w/-]|[.]\d)")
# "25 Nov 2026", "Nov 2026", "25 Nov" (an abbreviation alone could be a name: "Jan").
_ABBREVIATED = re.compile(
    rf"\b(?:(?P<day>[0-3]?\d)\s+(?P<month>{_ABBR})\b\.?(?:\s+(?P<year>(?:19|20)\d\d)\b)?"
    rf"|(?P<month2>{_ABBR})\b\.?\s+(?P<year2>(?:19|20)\d\d)\b)")

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine")
_UNITS = (r"%|per\s*cent|percent|am\b|pm\b|a\.m\.|p\.m\.|mm\b|cm\b|km\b|kg\b|mg\b|ml\b|"
          r"m\b|g\b|l\b|h\b|hrs?\b|mins?\b|x\b|GB\b|MB\b|st\b|nd\b|rd\b|th\b|"
          r"(?:" + _ANY_MONTH + r")\b")
_DIGIT = re.compile(
    r"(?<![\w.,/:£$€#+'’-])(?P<n>[1-9])(?![\w.,/:%'’-]|\s*(?:" + _UNITS + r")|\s*[-–—]\s*\d)"
)
_CAPITALISED_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w'’.-]*)\s+$")
_SENTENCE_OPENERS = frozenset({
    "The", "A", "An", "Each", "Every", "This", "That", "These", "Those", "Any", "No", "Our",
    "Your", "Its", "Their", "Many", "Some", "All", "Most", "Other", "Both", "New", "Local",
    "Several", "Few", "Of", "In", "At", "For", "And", "But", "As", "Which", "What",
    "Top", "Larger", "Smaller", "Acute", "Community", "Ambulance", "Mental", "English",
    "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Only", "We",
    "I", "Over", "Under", "More", "Fewer", "When", "Where", "If",
})
_TRUST_CASE = re.compile(r"\b(?P<nhs>NHS\s+)?(?P<kind>Foundation\s+Trusts?|Trusts?)\b")
_RATING = r"outstanding|good|requires\s+improvement|inadequate"
_RATING_CONTEXT = re.compile(
    rf"\brated\s+(?:as\s+)?(?P<a>{_RATING})\b|\b(?P<b>{_RATING})(?=\s+(?:overall\s+)?"
    r"ratings?\b)", re.IGNORECASE)
_RATING_HOUSE = {"outstanding": "Outstanding", "good": "Good",
                 "requires improvement": "Requires improvement", "inadequate": "Inadequate"}
_PER_CENT = re.compile(r"(?<=\d)\s?%|(?<![\w-])percent\b|(?<![\w-])Percent\b")


def house_date(day: int, month: int, year: int | None) -> str | None:
    """The house form of a date, or None when it is not a real date.

    >>> house_date(25, 11, 2026), house_date(31, 2, 2026), house_date(1, 3, None)
    ('25 November 2026', None, '1 March')
    """
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    return f"{day} {MONTHS[month - 1]}" + (f" {year}" if year else "")


def _month(name: str) -> int:
    name = name.rstrip(".")
    return _MONTH_NUMBER[_ABBREVIATIONS.get(name, name).lower()]


def _date_finding(index: LineIndex, start: int, end: int, said: str,
                  house: str | None, why: str) -> Finding:
    fixes = _change_to(index, start, end, house) if house else ()
    advice = f"write “{house}”" if house else "write the date as “25 November 2026”"
    return Finding.at(index, start, end, Severity.WARNING, "style.date",
                      f"House style for dates is day, month in full, year: {advice} "
                      f"(not “{said}”{why}).", fixes)


def _dates(sentence: Sentence, index: LineIndex) -> tuple[list[Finding], list[tuple[int, int]]]:
    """The date findings of a sentence, and the spans of every date seen (good ones too),
    so the number rule leaves their digits alone."""
    text, base = sentence.text, sentence.start
    found: list[Finding] = []
    spans: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    for match in _ORDINAL_DATE.finditer(text):
        year = int(match["year"]) if match["year"] else None
        house = house_date(int(match["day"]), _month(match["month"]), year)
        taken.append(match.span())
        found.append(_date_finding(index, base + match.start(), base + match.end(),
                                   match.group(0), house, ""))
    for match in _US_DATE.finditer(text):
        if not free(*match.span()):
            continue
        taken.append(match.span())
        house = house_date(int(match["day"]), _month(match["month"]), int(match["year"]))
        found.append(_date_finding(index, base + match.start(), base + match.end(),
                                   match.group(0), house, ""))
    for match in _NUMERIC_DATE.finditer(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        year += 2000 if year < 100 else 0
        taken.append(match.span())
        if a > 12 or a == b:
            house = house_date(a, b, year)  # day first, as in Britain
        elif b > 12:
            house = house_date(b, a, year)  # an American month first
        else:
            house = None
        why = "" if house else ": day or month first?"
        if a <= 12 and b <= 12 and a != b:
            why = f": is it {a} {MONTHS[b - 1]} or {b} {MONTHS[a - 1]}?"
        found.append(_date_finding(index, base + match.start(), base + match.end(),
                                   match.group(0), house, why))
    for match in _ABBREVIATED.finditer(text):
        if not free(*match.span()):
            continue
        taken.append(match.span())
        if match["month"]:
            year = int(match["year"]) if match["year"] else None
            house = house_date(int(match["day"]), _month(match["month"]), year)
        else:
            house = f"{MONTHS[_month(match['month2']) - 1]} {match['year2']}"
        found.append(_date_finding(index, base + match.start(), base + match.end(),
                                   match.group(0), house, ""))
    spans = taken
    return found, spans


def _numbers(sentence: Sentence, index: LineIndex,
             dates: list[tuple[int, int]]) -> list[Finding]:
    text, base = sentence.text, sentence.start
    found = []
    for match in _DIGIT.finditer(text):
        at = match.start()
        if any(s <= at < e for s, e in dates):
            continue
        before = _CAPITALISED_BEFORE.search(text, 0, at)
        if before and before.group(1) not in _SENTENCE_OPENERS:
            continue  # "Ward 7", "Level 3", "Covid 19": part of a name
        word = NUMBER_WORDS[int(match["n"])]
        if not text[:at].strip():
            word = word.capitalize()
        start, end = base + at, base + match.end()
        found.append(Finding.at(
            index, start, end, Severity.INFO, "style.number",
            f"House style writes one to nine in words: “{word}”.",
            _change_to(index, start, end, word)))
    return found


def _change_to(index: LineIndex, start: int, end: int, house: str) -> tuple[Fix, ...]:
    """The one fix a house-style finding has: the words as the house writes them."""
    return (Fix.replace(index, start, end, house, f"Change to “{house}”"),)


def _trust_case(sentence: Sentence, index: LineIndex) -> list[Finding]:
    text, base = sentence.text, sentence.start
    found = []
    for match in _TRUST_CASE.finditer(text):
        kind = match["kind"]
        if not match["nhs"] and not kind.startswith("Foundation"):
            continue  # "Trust" alone: a sentence opener or a name's end
        before = _CAPITALISED_BEFORE.search(text, 0, match.start())
        if before and before.group(1) not in _SENTENCE_OPENERS:
            continue  # "Dorset County Hospital NHS Foundation Trust": a proper name
        said = " ".join(match.group(0).split())
        plain = ("NHS " if match["nhs"] else "") + " ".join(kind.split()).lower()
        start, end = base + match.start(), base + match.end()
        found.append(Finding.at(
            index, start, end, Severity.WARNING, "style.trust-case",
            f"Write “{plain}” in lower case when it is not part of a trust's name "
            f"(“{said}”).", _change_to(index, start, end, plain)))
    return found


def _rating_case(sentence: Sentence, index: LineIndex, case: str) -> list[Finding]:
    text, base = sentence.text, sentence.start
    found = []
    for match in _RATING_CONTEXT.finditer(text):
        group = "a" if match["a"] else "b"
        said = match[group]
        house = _RATING_HOUSE[" ".join(said.split()).lower()]
        if case == LOWER_CASE:
            house = house.lower()
        if " ".join(said.split()) == house:
            continue
        start, end = base + match.start(group), base + match.end(group)
        rule = "capitalised" if case == CAPITALISED else "in lower case"
        found.append(Finding.at(
            index, start, end, Severity.WARNING, "style.rating-case",
            f"House style writes CQC's rating words {rule}: “{house}”.",
            _change_to(index, start, end, house)))
    return found


def _per_cent(sentence: Sentence, index: LineIndex) -> list[Finding]:
    found = []
    for match in _PER_CENT.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        text = " per cent" if match.group(0).strip() == "%" else (
            "Per cent" if match.group(0)[0] == "P" else "per cent")
        found.append(Finding.at(
            index, start, end, Severity.WARNING, "style.per-cent",
            f"House style writes “per cent”, not “{match.group(0).strip()}”.",
            (Fix.replace(index, start, end, text, "Change to “per cent”"),)))
    return found


def _table_row(text: str, sentence: Sentence) -> bool:
    if "|" not in text:
        return False
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    return "|" in text[line_start : line_end if line_end != -1 else len(text)]


def check_house_style(column: ColumnModel, *, rating_case: str = CAPITALISED,
                      stop: Callable[[], bool] | None = None) -> list[Finding]:
    """Every house-style finding of `column`, in reading order (`stop`: see
    `checks.stoppable`). Each block is read once per text it has (`_block_findings`)."""
    from columnist.review.checks import stoppable

    if rating_case not in RATING_CASES:
        raise ValueError(f"rating_case must be one of {RATING_CASES}, not {rating_case!r}")
    found: list[Finding] = []
    for block in stoppable(column.blocks, stop):
        found += (f.moved(block.start, block.line)
                  for f in _block_findings(block.text, rating_case))
    found.sort(key=lambda f: (f.start, f.end))
    return found


@functools.lru_cache(maxsize=8192)
def _block_findings(block: str, rating_case: str) -> tuple[Finding, ...]:
    """The findings of one block read as if it were the whole text (`Finding.moved` puts
    them where the block is)."""
    index = LineIndex(block)
    found: list[Finding] = []
    for sentence in sentences_in(block):
        prose = sentence.text
        has_digit = any(c.isdigit() for c in prose)
        dates: list[tuple[int, int]] = []
        if has_digit:
            date_findings, dates = _dates(sentence, index)
            found += date_findings
        elif "Sept" in prose or any(m in prose for m in _ABBREVIATIONS):
            found += _dates(sentence, index)[0]
        if has_digit and not sentence.heading and not _table_row(block, sentence):
            found += _numbers(sentence, index, dates)
        if "Trust" in prose:
            found += _trust_case(sentence, index)
        lowered = prose.lower()
        if "rat" in lowered:
            found += _rating_case(sentence, index, rating_case)
        if "%" in prose or "ercent" in lowered:
            found += _per_cent(sentence, index)
    return tuple(found)
