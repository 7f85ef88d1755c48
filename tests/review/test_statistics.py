"""Statistics of a column: the figures the status bar, View ▸ Statistics and
`columnist stats` show, from the one column model."""

from __future__ import annotations

from pathlib import Path

from columnist.markdown.column import parse_column
from columnist.markdown.word_count import count_words
from columnist.review.statistics import column_statistics

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "published-column-example.txt"


def test_the_figures_of_a_small_column() -> None:
    text = ("---\ntitle: March\n---\n# Winter\n\nWe visited [the ward](https://x.org/a). "
            "Staff were kind and the beds were clean.\n\n- one item\n\n"
            "```\ncode is not a sentence\n```\n")
    stats = column_statistics(parse_column(text))
    assert stats.words == count_words(text)
    assert (stats.sentences, stats.paragraphs, stats.reading_time_minutes) == (3, 3, 1)
    assert stats.longest_sentence == "Staff were kind and the beds were clean."
    assert (stats.longest_sentence_words, stats.longest_sentence_line) == (8, 6)
    # Characters as read: the link's address and the front matter are not read.
    assert "https" not in stats.longest_sentence
    assert stats.characters < len(text) - len("---\ntitle: March\n---\n")
    assert 5 <= stats.reading_age <= 12


def test_an_empty_column_has_zeros() -> None:
    stats = column_statistics(parse_column("---\ntitle: x\n---\n"))
    assert (stats.words, stats.sentences, stats.paragraphs, stats.reading_age,
            stats.longest_sentence, stats.longest_sentence_line) == (0, 0, 0, 0, "", 0)


def test_the_published_column() -> None:
    stats = column_statistics(parse_column(EXAMPLE.read_text(encoding="utf-8")))
    assert 480 <= stats.words <= 520  # the file is ~500 words
    assert stats.reading_time_minutes == 2
    assert 20 <= stats.sentences <= 30
    assert 12 <= stats.reading_age <= 20  # a professional readership's column
    as_dict = stats.as_dict()
    assert set(as_dict) >= {"words", "characters", "sentences", "paragraphs",
                            "reading_time_minutes", "reading_age", "longest_sentence",
                            "longest_sentence_line"}
