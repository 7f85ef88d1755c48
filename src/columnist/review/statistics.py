"""The column's statistics: how long it is, how long it takes to read, how hard it reads.

The writer watches the length against Medium's reading time and the reviewer the reading
age against GOV.UK's advice; both come from the one column model, so the numbers agree
with the status bar's word count (`markdown.word_count`) and with the plain-English check
(the same sentences, words and syllables: `review.sentences`, `review.readability`).

    >>> from columnist.markdown.column import parse_column
    >>> stats = column_statistics(parse_column(
    ...     "---\\ntitle: x\\n---\\n# Winter\\n\\nWe visited the ward. Staff were kind.\\n"))
    >>> stats.words, stats.sentences, stats.paragraphs, stats.reading_time_minutes
    (8, 2, 2, 1)
    >>> stats.longest_sentence, stats.longest_sentence_line
    ('We visited the ward.', 6)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from columnist.markdown.column import ColumnModel
from columnist.markdown.lines import LineIndex
from columnist.markdown.word_count import reading_time_minutes, strip_markup
from columnist.review.readability import flesch_kincaid_grade, reading_age, syllables, words_of
from columnist.review.sentences import split_sentences


@dataclass(frozen=True)
class ColumnStatistics:
    """The figures of one column. `words` is the status bar's count (headings included);
    `characters` counts what a reader reads (markup, front matter and review notes left
    out), spaces included; `sentences` and the reading age leave headings and table rows
    out; `paragraphs` counts headings, list items and paragraphs; `longest_sentence_line` is
    1-based (0 when the column has no sentence)."""

    words: int
    characters: int
    sentences: int
    paragraphs: int
    reading_time_minutes: int
    reading_age: int
    grade: float
    longest_sentence: str
    longest_sentence_words: int
    longest_sentence_line: int

    def as_dict(self) -> dict[str, Any]:
        """The JSON form `columnist stats --json` prints."""
        return {**asdict(self), "grade": round(self.grade, 1)}


def _characters(column: ColumnModel) -> int:
    return sum(len(" ".join(strip_markup(block.text).split())) for block in column.blocks)


def column_statistics(column: ColumnModel) -> ColumnStatistics:
    """The statistics of `column` (see `ColumnStatistics`)."""
    sentences = 0
    words = syllable_count = 0
    paragraphs: set[int] = set()
    longest = ("", 0, -1)  # text, words, start
    for sentence in split_sentences(column):
        found = words_of(sentence.text)
        if not found:
            continue
        paragraphs.add(sentence.paragraph)
        if sentence.heading or "|" in column.text[sentence.start : sentence.end]:
            continue
        sentences += 1
        words += len(found)
        syllable_count += sum(syllables(w) for w in found)
        if len(found) > longest[1]:
            longest = (" ".join(sentence.text.split()), len(found), sentence.start)
    grade = flesch_kincaid_grade(words=words, sentences=sentences, syllables=syllable_count)
    line = LineIndex(column.text).position(longest[2])[0] + 1 if longest[2] >= 0 else 0
    return ColumnStatistics(
        words=column.word_count,
        characters=_characters(column),
        sentences=sentences,
        paragraphs=len(paragraphs),
        reading_time_minutes=reading_time_minutes(column.word_count),
        reading_age=reading_age(grade) if words else 0,
        grade=grade,
        longest_sentence=longest[0],
        longest_sentence_words=longest[1],
        longest_sentence_line=line,
    )


def statistics_rows(stats: ColumnStatistics) -> list[tuple[str, str]]:
    """The figures as labelled rows, as `columnist stats` and View ▸ Statistics show them.

    >>> from columnist.markdown.column import parse_column
    >>> statistics_rows(column_statistics(parse_column("We visited the ward.")))[-1]
    ('Longest sentence', '4 words, line 1')
    """
    minutes = stats.reading_time_minutes
    rows = [
        ("Words", f"{stats.words:,}"),
        ("Characters", f"{stats.characters:,}"),
        ("Sentences", f"{stats.sentences:,}"),
        ("Paragraphs", f"{stats.paragraphs:,}"),
        ("Reading time", f"{minutes} minute{'' if minutes == 1 else 's'}"),
        ("Reading age", f"{stats.reading_age} (grade {stats.grade:.1f})"
         if stats.sentences else "–"),
    ]
    if stats.longest_sentence:
        rows.append(("Longest sentence", f"{stats.longest_sentence_words} words, line "
                                         f"{stats.longest_sentence_line}"))
    return rows
