"""Plain English, as GOV.UK asks: short sentences, plain words, active voice, no slips.

The column is read for providers and professionals, many on a phone between shifts; GOV.UK's
guidance (which CQC follows) says keep sentences to 25 words or fewer, avoid the words on its
list, prefer the active voice and aim for a low reading age. Each rule reads the sentences
of `review.sentences` (their prose: code, link targets, image markup, CriticMarkup syntax
and front matter are already blanked), so a finding points at the words in the editor.

- `plain.long-sentence` (warning): a sentence of more than `max_sentence_words` words
  (headings and table rows are not sentences a reader reads as such).
- `plain.avoid` (info): a word from `resources/plain_english/words_to_avoid.txt`, its
  plain alternatives as quick fixes.
- `plain.passive` (warning, no fix): "was/were/is/are/been/being + past participle".
  "is rated Good" is how CQC itself states a rating, so "rated" is not flagged.
- `plain.repeated-word` (warning): "the the"; the fix removes the second.
- `plain.reading-age` (info): the whole column reads above `max_reading_age`.

    >>> from columnist.markdown.column import parse_column
    >>> found = check_plain_english(parse_column("We will utilise the the ward. It was closed."))
    >>> [(f.code, f.column, f.fixes[0].text if f.fixes else None) for f in found]
    [('plain.avoid', 9, 'use'), ('plain.repeated-word', 17, ''), ('plain.passive', 34, None)]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from columnist.markdown.column import ColumnModel
from columnist.markdown.lines import LineIndex
from columnist.review.findings import Finding, Fix, Severity
from columnist.review.readability import (
    flesch_kincaid_grade,
    reading_age,
    syllables,
    words_of,
)
from columnist.review.sentences import Sentence, sentences_in

DEFAULT_MAX_SENTENCE_WORDS = 25
DEFAULT_MAX_READING_AGE = 14  # a professional readership; GOV.UK's public pages aim at 9

# Irregular past participles ("was written"); regular ones end in -ed.
_IRREGULAR = """
arisen awoken beaten become begun bent bet bitten bled blown broken brought built burnt
bought caught chosen come cut dealt done drawn driven drunk dug eaten fallen fed felt
fought found forbidden forgotten forgiven frozen given gone grown hung heard hidden hit
held hurt kept known laid led left lent let lit lost made meant met paid put quit read
ridden rung risen run said seen sought sold sent set shaken shown shut sung sunk sat slept
slid spoken spent spun split spread stood stolen stuck struck sworn swept swum taken taught
torn told thought thrown understood undertaken upheld woken worn won withdrawn written
"""
IRREGULAR_PARTICIPLES = frozenset(_IRREGULAR.split())
# -ed words after "is/are…" that are adjectives, not passives ("we are pleased"), and
# "rated": "is rated Good" is the CQC idiom for stating a rating.
_ADJECTIVES = """
rated based concerned interested pleased delighted involved worried tired committed
determined supposed used dedicated focused focussed skilled experienced aged bored
excited married qualified talented varied detailed complicated sophisticated renowned
ashamed heartened scared frightened surprised disappointed relieved convinced prepared
"""
NOT_PASSIVE = frozenset(_ADJECTIVES.split())
_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:(?:not|never|also|now|then|already|"
    r"often|still|all|fully|being|been|\w+ly)\s+)*([A-Za-z]+)\b", re.IGNORECASE)
_REPEATED = re.compile(r"\b([^\W\d_]+)(\s+)(\1)\b", re.IGNORECASE)
_REPEAT_ALLOWED = frozenset({"had", "that"})  # "he had had", "that that" are grammatical


@dataclass(frozen=True)
class Avoid:
    """One entry of the words-to-avoid list: the phrase, its alternatives, a note."""

    phrase: str
    alternatives: tuple[str, ...]
    note: str


def parse_word_list(text: str) -> tuple[Avoid, ...]:
    """The entries of a words-to-avoid file (`phrase = alt, alt  # note`).

    >>> parse_word_list("# c\\nutilise = use\\nkey = important, main  # unless it unlocks\\n")
    (Avoid(phrase='utilise', alternatives=('use',), note=''), \
Avoid(phrase='key', alternatives=('important', 'main'), note='unless it unlocks'))
    """
    entries = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        line, _, note = line.partition("#")
        phrase, _, alternatives = line.partition("=")
        alts = tuple(a.strip() for a in alternatives.split(",") if a.strip())
        if phrase.strip():
            entries.append(Avoid(" ".join(phrase.split()).lower(), alts, note.strip()))
    return tuple(entries)


@functools.cache
def words_to_avoid(path: Path | None = None) -> tuple[tuple[Avoid, ...], re.Pattern[str]]:
    """The bundled list (or the file at `path`) and one pattern matching any entry."""
    if path is None:
        from columnist.resources import resource_path

        path = resource_path("plain_english", "words_to_avoid.txt")
    entries = parse_word_list(path.read_text(encoding="utf-8"))
    longest_first = sorted(entries, key=lambda e: -len(e.phrase))
    alternation = "|".join(r"\s+".join(map(re.escape, e.phrase.split()))
                           for e in longest_first)
    return entries, re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w'’-])", re.IGNORECASE)


def _like(found: str, replacement: str) -> str:
    """`replacement` capitalised as `found` is ("Utilise" -> "Use")."""
    if found[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def _is_table_row(text: str, sentence: Sentence) -> bool:
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    return "|" in text[line_start : line_end if line_end != -1 else len(text)]


def _long_sentences(sentence: Sentence, words: list[str], limit: int,
                    index: LineIndex) -> list[Finding]:
    if len(words) <= limit:
        return []
    return [Finding.at(index, sentence.start, sentence.end, Severity.WARNING,
                       "plain.long-sentence",
                       f"This sentence has {len(words)} words; GOV.UK advises {limit} or "
                       "fewer: split it into two or more.")]


def _avoided(sentence: Sentence, index: LineIndex) -> list[Finding]:
    entries, pattern = words_to_avoid()
    by_phrase = {e.phrase: e for e in entries}
    found = []
    for match in pattern.finditer(sentence.text):
        said = match.group(0)
        entry = by_phrase.get(" ".join(said.split()).lower())
        if entry is None:
            continue
        start, end = sentence.start + match.start(), sentence.start + match.end()
        fixes = tuple(Fix.replace(index, start, end, _like(said, alt),
                                  f"Change to “{_like(said, alt)}”")
                      for alt in entry.alternatives)
        plain = " or ".join(f"“{a}”" for a in entry.alternatives)
        message = f"GOV.UK advises against “{' '.join(said.split())}”"
        message += f": try {plain}" if plain else ""
        message += f" ({entry.note})." if entry.note else "."
        found.append(Finding.at(index, start, end, Severity.INFO, "plain.avoid", message,
                                fixes))
    return found


def _passives(sentence: Sentence, index: LineIndex) -> list[Finding]:
    found = []
    for match in _PASSIVE.finditer(sentence.text):
        word = match.group(1).lower()
        if word in NOT_PASSIVE or not (
            (word.endswith("ed") and len(word) > 4) or word in IRREGULAR_PARTICIPLES
        ):
            continue
        start, end = sentence.start + match.start(), sentence.start + match.end()
        phrase = " ".join(match.group(0).split())
        found.append(Finding.at(
            index, start, end, Severity.WARNING, "plain.passive",
            f"“{phrase}” may be passive voice: say who does it (“we inspected the trust”, "
            "not “the trust was inspected”)."))
    return found


def _repeats(text: str, sentence: Sentence, index: LineIndex) -> list[Finding]:
    found = []
    for match in _REPEATED.finditer(sentence.text):
        if match.group(1).lower() in _REPEAT_ALLOWED:
            continue
        start = sentence.start + match.start()
        cut = sentence.start + match.end(1)
        end = sentence.start + match.end()
        # Only a fix when nothing but spaces lies between the words in the source (no
        # markup the removal would break).
        plain = text[cut:end].strip() == match.group(3)
        fixes = (Fix.replace(index, cut, end, "", f"Remove the second “{match.group(3)}”"),
                 ) if plain else ()
        found.append(Finding.at(index, start, end, Severity.WARNING, "plain.repeated-word",
                                f"“{match.group(1)}” is written twice.", fixes))
    return found


@functools.lru_cache(maxsize=8192)
def _block_findings(block: str, max_sentence_words: int
                    ) -> tuple[tuple[Finding, ...], int, int, int]:
    """The findings of one block read as if it were the whole text (`Finding.moved` puts
    them where the block is), and its words, syllables and sentences for the reading age
    (headings and table rows are not counted)."""
    index = LineIndex(block)
    found: list[Finding] = []
    total_words = total_syllables = total_sentences = 0
    for sentence in sentences_in(block):
        words = words_of(sentence.text)
        if not words:
            continue
        table_row = "|" in sentence.text or ("|" in block and _is_table_row(block, sentence))
        if not sentence.heading and not table_row:
            found += _long_sentences(sentence, words, max_sentence_words, index)
            total_words += len(words)
            total_sentences += 1
            total_syllables += sum(syllables(w) for w in words)
        found += _avoided(sentence, index)
        found += _passives(sentence, index)
        found += _repeats(block, sentence, index)
    return tuple(found), total_words, total_syllables, total_sentences


def _column_totals(
    column: ColumnModel, max_sentence_words: int, stop: Callable[[], bool] | None,
    found: list[Finding] | None = None,
) -> tuple[int, int]:
    """(words, reading age) of the column's sentences, from each block's remembered counts
    (`_block_findings`); each block's findings, put where the block is, are added to
    `found` if given."""
    from columnist.review.checks import stoppable

    total_words = total_syllables = total_sentences = 0
    for block in stoppable(column.blocks, stop):
        block_found, words, syllables_, sentences = _block_findings(
            block.text, max_sentence_words)
        if found is not None:
            found += (f.moved(block.start, block.line) for f in block_found)
        total_words += words
        total_syllables += syllables_
        total_sentences += sentences
    if not total_words:
        return 0, 0
    grade = flesch_kincaid_grade(words=total_words, sentences=total_sentences,
                                 syllables=total_syllables)
    return total_words, reading_age(grade)


def column_reading_age(
    column: ColumnModel, *, max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS,
    stop: Callable[[], bool] | None = None,
) -> int:
    """The column's reading age (0 with no sentence), as View ▸ Statistics gives it
    (`review.statistics`), from the blocks the plain-English check has read already: the
    status bar shows it after every check run, an edit costing one block.

    >>> from columnist.markdown.column import parse_column
    >>> column_reading_age(parse_column("We visited the ward. Staff were kind to us.\\n"))
    5
    """
    return _column_totals(column, max_sentence_words, stop)[1]


def check_plain_english(
    column: ColumnModel,
    *,
    max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS,
    max_reading_age: int = DEFAULT_MAX_READING_AGE,
    stop: Callable[[], bool] | None = None,
) -> list[Finding]:
    """Every plain-English finding of `column`, in reading order (`stop`: see
    `checks.stoppable`). Each block is read once per text it has (`_block_findings`): an
    edit re-reads the paragraph it is in, and a 50,000-word column is re-checked in a few
    milliseconds."""
    text = column.text
    found: list[Finding] = []
    words, age = _column_totals(column, max_sentence_words, stop, found)
    if words >= 100 and age > max_reading_age:
        at = column.front_matter.body_offset
        line_end = text.find("\n", at)
        found.append(Finding.at(
            LineIndex(text), at, line_end if line_end != -1 else len(text), Severity.INFO,
            "plain.reading-age",
            f"The column has a reading age of about {age} (aim for {max_reading_age} or "
            "under): use shorter sentences and shorter words."))
    found.sort(key=lambda f: (f.start, f.end))
    return found
