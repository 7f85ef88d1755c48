"""Headings as the outline lists them: the preview's text, at the writer's line."""

from __future__ import annotations

from columnist.markdown.headings import find_headings, heading_text


def headings(text: str) -> list[tuple[int, str, int]]:
    return [(h.level, h.text, h.line) for h in find_headings(text)]


def test_the_text_reads_as_the_preview_sets_it():
    assert heading_text("Don't say \"never\" -- or --- ever...") == (
        "Don\u2019t say \u201cnever\u201d \u2013 or \u2014 ever\u2026"
    )
    assert heading_text("Back in the '90s, 'quoted'") == "Back in the \u201990s, \u2018quoted\u2019"
    assert heading_text('Code `"as is" -- x` and \\*stars\\*') == 'Code "as is" -- x and *stars*'
    assert heading_text("[Bristol](https://x \"t\") &amp; <em>now</em> ![logo](l.png)") == (
        "Bristol & now"
    )
    assert heading_text("Fixed {++new++}{--old--} {>>KB: sure?<<}") == "Fixed newold KB: sure?"


def test_atx_headings_in_quotes_and_list_items_and_closing_hashes():
    assert headings("# One #\n> ## Quoted\n- ### In an item\n#hashtag\n") == [
        (1, "One", 0),
        (2, "Quoted", 1),
        (3, "In an item", 2),
        (1, "hashtag", 3),
    ]


def test_setext_only_from_the_first_line_of_a_block():
    assert headings("Title\n=====\nSub\n---\n\nLine one\nLine two\n---\n") == [
        (1, "Title", 0),
        (2, "Sub", 2),
    ]
    assert headings("# H\nAfter a heading\n---\n") == [(1, "H", 0), (2, "After a heading", 1)]


def test_no_headings_in_code_or_raw_html_or_indented_code():
    assert headings("```\n# not\n```\n") == []
    assert headings("<div>\n# not\n</div>\n") == []
    assert headings("    # indented code\n") == []
    assert headings("* * *\n") == []
