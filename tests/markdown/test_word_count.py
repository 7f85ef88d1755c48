"""The word count shows what a reader reads: body words, no markup, URLs or review notes."""

from __future__ import annotations

from columnist.markdown.word_count import count_words, reading_time_minutes


def test_front_matter_is_not_counted() -> None:
    text = "---\ntitle: Five words in the title\ntags: [a, b]\n---\nThree body words\n"
    assert count_words(text) == 3


def test_markup_and_urls_are_not_words() -> None:
    text = (
        "## A heading here\n\n"
        "* **Bold** and _italic_ items\n"
        "> A quote\n\n"
        "See [University Hospitals Bristol](https://www.cqc.org.uk/provider/RA7) "
        "or https://example.org/a/b?c=d and <https://cqc.org.uk>.\n\n"
        "![chart of ratings](chart.png)\n\n"
        "<div class='x'>Inside</div> <!-- hidden note -->\n"
    )
    # A heading here(3) Bold and italic items(4) A quote(2) See University Hospitals
    # Bristol(4) or and(2) Inside(1)
    assert count_words(text) == 16


def test_critic_markup_counts_what_would_be_published() -> None:
    text = "Keep {--this is gone--}{++two added++} {~~old words~>new~~} {>>KB: not me<<}."
    assert count_words(text) == 4  # Keep two added new


def test_numbers_contractions_and_hyphens_are_single_words() -> None:
    assert count_words("Don't miss £1,234.56 at well-led trusts on 2026-11-25") == 8


def test_reading_time_uses_265_words_a_minute() -> None:
    assert reading_time_minutes(0) == 0
    assert reading_time_minutes(1) == 1
    assert reading_time_minutes(265) == 1
    assert reading_time_minutes(800) == 3
    assert reading_time_minutes(5300) == 20


def test_email_addresses_and_www_links_are_not_words() -> None:
    assert count_words("Write to kb@cqc.org.uk or see www.cqc.org.uk today") == 5
